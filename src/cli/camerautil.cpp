#include "camerautil.h"

#include "capture/cameraoptions.h"
#include "capture/clock.h"
#include "qtcamerasource.h"

#include <QCameraFormat>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace kiosk::cli {

QString cameraFormatText(const QCameraFormat &f)
{
    return u"%1x%2 %3 fps%4"_s.arg(f.resolution().width())
        .arg(f.resolution().height())
        .arg(f.maxFrameRate(), 0, 'f', 0)
        .arg(f.pixelFormat() == QVideoFrameFormat::Format_Jpeg ? u" MJPEG"_s : QString());
}

bool waitFor(const std::function<bool()> &done, int timeoutMs)
{
    QEventLoop loop;
    QTimer poll;
    QTimer deadline;
    bool timedOut = false;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&]() {
        if (done())
            loop.quit();
    });
    QObject::connect(&deadline, &QTimer::timeout, &loop, [&]() {
        timedOut = true;
        loop.quit();
    });
    poll.start(10);
    deadline.setSingleShot(true);
    deadline.start(timeoutMs);
    if (!done())
        loop.exec();
    return !timedOut || done();
}

CameraMeasurement measureCamera(const Settings &settings, int windowMs)
{
    CameraMeasurement m;
    const Clock clock;
    QtCameraSource source(CameraOptions::fromSettings(settings), clock);
    qint64 firstUs = -1;
    qint64 lastUs = -1;
    QElapsedTimer sinceStart;
    QObject::connect(&source, &FrameSource::frameArrived, &source, [&](const CameraFrame &frame) {
        if (m.frames++ == 0) {
            firstUs = frame.timeUs();
            m.firstFrameMs = sinceStart.elapsed();
        }
        lastUs = frame.timeUs();
    });
    QObject::connect(&source, &FrameSource::problemChanged, &source,
                     [&m](CameraProblem problem, const QString &detail) {
                         if (problem != CameraProblem::None)
                             m.problem = detail.isEmpty() ? cameraProblemText(problem) : detail;
                     });
    sinceStart.start();
    source.start();
    // Wait for the first frame (or a problem), then count frames for the window.
    waitFor([&]() { return m.frames > 0 || !m.problem.isEmpty(); }, 10000);
    if (m.frames > 0)
        waitFor([&]() { return sinceStart.elapsed() - m.firstFrameMs >= windowMs; },
                windowMs + 1000);
    m.camera = source.cameraName();
    m.format = cameraFormatText(source.format());
    source.stop();
    if (m.frames > 1 && lastUs > firstUs)
        m.fps = (m.frames - 1) * 1e6 / double(lastUs - firstUs);
    if (m.frames == 0 && m.problem.isEmpty())
        m.problem = cameraProblemText(CameraProblem::Stalled);
    return m;
}

} // namespace kiosk::cli
