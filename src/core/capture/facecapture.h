#pragma once

#include "burstcontroller.h"
#include "cameraframe.h"
#include "frameworker.h"
#include "imaging/budgetencoder.h"
#include "imaging/capturethresholds.h"
#include "imaging/frameanalyzer.h"
#include "imaging/guidance.h"

#include <QObject>
#include <QTimer>

namespace kiosk {

class Clock;
class FaceDetector;
class FrameSource;
class Settings;

struct FaceCaptureOptions
{
    CaptureThresholds thresholds;
    int manualAfterMs = 20000; // manual capture is offered after this long without success
    int countdownMs = 3000;    // from "face placed well" to the burst
    int analyseEveryMs = 100;  // face guidance needs far fewer analyses than frames come
    BurstOptions burst;
    EncodeOptions encode; // each face frame's JPEG (capture time: the frame's)

    static FaceCaptureOptions fromSettings(const Settings &settings);
};

// Liveness capture, the face's DocumentCapture: analyses frames for one well-placed face
// (faceGuidance), tells the customer what to do, counts down once the face is right (or
// the customer pressed the button offered after a delay), then takes the timed burst
// (BurstController) and encodes its three frames. Time comes from the Clock: the
// countdown ends on the first frame (or tick) at or after its end. Face analysis runs on
// a FrameWorker, one frame in flight; results and signals come on the source's thread.
class FaceCapture : public QObject
{
    Q_OBJECT

public:
    enum class State
    {
        Idle,      // not armed
        Live,      // judging faces
        Countdown, // counting down before the burst
        Burst,     // the burst controller collects, checks and encodes the frames
    };

    // detector may be null (no face guidance: manual capture only); it must outlive this.
    FaceCapture(FrameSource *source, const Clock &clock, FaceCaptureOptions options,
                FaceDetector *detector, QObject *parent = nullptr);

    void arm();
    void cancel();
    // Live only: starts the countdown without waiting for a good face.
    void captureNow();

    State state() const { return m_state; }
    // A face analysis or the burst's check and encodes are running.
    bool isBusy() const { return m_worker.isBusy() || m_burst.isChecking(); }
    // Whole seconds left of the countdown, rounded up (0 outside it).
    int countdownSeconds() const;
    const FaceCaptureOptions &options() const { return m_options; }

Q_SIGNALS:
    void guidanceChanged(const kiosk::Guidance &guidance);
    void manualAvailable();
    void stateChanged(kiosk::FaceCapture::State state);
    void countdownChanged(int secondsLeft);
    void captured(const kiosk::BurstResult &result);
    // Every attempt of the burst missed: back to Live, judging faces again.
    void burstFailed(kiosk::BurstMiss miss, const QString &detail);
    // One attempt of the burst missed (the burst may still succeed): for metrics.
    void attemptMissed(kiosk::BurstMiss miss, const QString &detail);

private:
    void setState(State state);
    void onFrame(const CameraFrame &frame);
    void onAnalysis(const FrameAnalysis &analysis);
    void startCountdown();
    void tick();
    void onBurst(const BurstResult &result);
    void onBurstFailed(BurstMiss miss, const QString &detail);
    void goLive();

    FrameSource *m_source;
    const Clock &m_clock;
    FaceCaptureOptions m_options;
    FaceDetector *m_detector;
    FrameAnalyzer m_analyzer;
    BurstController m_burst;
    QTimer m_ticker; // countdown display between frames; the Clock decides
    State m_state = State::Idle;
    bool m_manualOffered = false;
    qint64 m_liveSinceUs = 0;
    qint64 m_lastAnalysisUs = -1;
    qint64 m_countdownEndUs = 0;
    int m_lastSeconds = -1;
    bool m_guidanceSent = false;
    Guidance m_lastGuidance;
    quint64 m_armCount = 0;
    FrameWorker m_worker; // last: destroyed first, waiting for the job that uses the rest
};

} // namespace kiosk

Q_DECLARE_METATYPE(kiosk::FaceCapture::State)
