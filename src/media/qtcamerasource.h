#pragma once

#include "capture/cameraoptions.h"
#include "capture/framesource.h"
#include "capture/framewatchdog.h"

#include <QCamera>
#include <QCameraDevice>
#include <QCameraFormat>
#include <QTimer>

#include <memory>

class QMediaCaptureSession;
class QMediaDevices;
class QVideoFrame;
class QVideoSink;

namespace kiosk {

class Clock;

// The kiosk's camera: QCamera -> QMediaCaptureSession -> QVideoSink, made to survive
// Qt 6.4's GStreamer backend and real webcams. Each (re)start builds a fresh session in
// the order that stalls least (sink attached before the camera) and tears it down in the
// order that does not deadlock (camera detached, session destroyed, then the sink).
// A watchdog rebuilds the session when frames stop or never come; frames are
// de-duplicated by start time; the camera is followed through hot-plug.
class QtCameraSource : public FrameSource
{
    Q_OBJECT

public:
    QtCameraSource(CameraOptions options, const Clock &clock, QObject *parent = nullptr);
    ~QtCameraSource() override;

    void start() override;
    void stop() override;
    QString cameraName() const override;

    // The format in use (null before the first start).
    QCameraFormat format() const { return m_format; }
    // Sessions built so far (1 after a clean start; each watchdog restart adds one).
    int sessions() const { return m_sessionId; }
    int restarts() const { return m_totalRestarts; }

    // The camera the options ask for among those connected (null if none).
    static QCameraDevice findCamera(const QString &idOrName);

Q_SIGNALS:
    // A session is rebuilt; stalled: because frames stopped or never came.
    void restarting(bool stalled);
    void formatChosen(const QString &pixelFormat, const QSize &resolution, double fps);

private:
    void open();
    void close();
    void scheduleRestart(int delayMs);
    void onFrame(int session, const QVideoFrame &frame);
    void onStalled(bool firstFrame);
    void onCameraError(QCamera::Error error, const QString &text);
    void onInputsChanged();

    CameraOptions m_options;
    const Clock &m_clock;
    FrameWatchdog m_watchdog;
    std::unique_ptr<QMediaDevices> m_devices;
    std::unique_ptr<QVideoSink> m_sink;
    std::unique_ptr<QMediaCaptureSession> m_session;
    std::unique_ptr<QCamera> m_camera;
    QCameraDevice m_device;
    QCameraFormat m_format;
    QTimer m_restartTimer;
    bool m_wanted = false;
    bool m_openFailed = false;
    int m_sessionId = 0;
    int m_failedRestarts = 0; // consecutive restarts that brought no frame
    int m_totalRestarts = 0;
    quint64 m_sequence = 0;
    qint64 m_anchorTimestampUs = -1; // first frame of the session: maps stream time to wall
    QDateTime m_anchorWall;
};

} // namespace kiosk
