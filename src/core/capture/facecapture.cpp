#include "facecapture.h"

#include "clock.h"
#include "framesource.h"
#include "imaging/matimage.h"
#include "logging.h"
#include "settings/settings.h"

#include <opencv2/core.hpp>

namespace kiosk {

FaceCaptureOptions FaceCaptureOptions::fromSettings(const Settings &settings)
{
    FaceCaptureOptions o;
    o.thresholds = CaptureThresholds::fromSettings(settings);
    o.manualAfterMs = qMax(0, settings.integer(Settings::Key::ManualCaptureAfterMs));
    o.countdownMs = qMax(0, settings.integer(Settings::Key::FaceCountdownMs));
    o.burst = BurstOptions::fromSettings(settings);
    o.encode = EncodeOptions::fromSettings(settings, ImageKind::Face);
    return o;
}

FaceCapture::FaceCapture(FrameSource *source, const Clock &clock, FaceCaptureOptions options,
                         FaceDetector *detector, QObject *parent)
    : QObject(parent)
    , m_source(source)
    , m_clock(clock)
    , m_options(std::move(options))
    , m_detector(detector)
    , m_analyzer(m_options.thresholds, detector)
    , m_burst(source, clock, m_options.burst)
{
    qRegisterMetaType<kiosk::Guidance>();
    qRegisterMetaType<kiosk::BurstResult>();
    qRegisterMetaType<kiosk::FaceCapture::State>();
    m_burst.setEncoder(BurstController::budgetEncoder(m_options.encode));
    connect(&m_burst, &BurstController::burstCaptured, this, &FaceCapture::onBurst);
    connect(&m_burst, &BurstController::burstFailed, this, &FaceCapture::onBurstFailed);
    connect(&m_burst, &BurstController::attemptMissed, this, &FaceCapture::attemptMissed);
    // After the burst controller (connected when it was made): the frame that ends the
    // countdown arms it, and the next frame is the burst's first.
    connect(source, &FrameSource::frameArrived, this, &FaceCapture::onFrame);
    m_ticker.setInterval(100);
    connect(&m_ticker, &QTimer::timeout, this, &FaceCapture::tick);
}

void FaceCapture::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void FaceCapture::arm()
{
    m_burst.cancel();
    goLive();
}

void FaceCapture::goLive()
{
    m_ticker.stop();
    m_worker.cancel();
    ++m_armCount;
    m_liveSinceUs = m_clock.monotonicUs();
    m_manualOffered = false;
    m_lastAnalysisUs = -1;
    m_guidanceSent = false;
    m_lastSeconds = -1;
    setState(State::Live);
}

void FaceCapture::cancel()
{
    m_ticker.stop();
    m_worker.cancel();
    m_burst.cancel();
    ++m_armCount;
    setState(State::Idle);
}

void FaceCapture::captureNow()
{
    if (m_state == State::Live)
        startCountdown();
}

int FaceCapture::countdownSeconds() const
{
    if (m_state != State::Countdown)
        return 0;
    const qint64 left = m_countdownEndUs - m_clock.monotonicUs();
    return left > 0 ? int((left + 999999) / 1000000) : 0;
}

void FaceCapture::onFrame(const CameraFrame &frame)
{
    if (m_state == State::Countdown) {
        tick(); // may arm the burst: this frame is then its first
        return;
    }
    if (m_state != State::Live)
        return;
    const qint64 now = m_clock.monotonicUs();
    if (!m_manualOffered && now - m_liveSinceUs >= qint64(m_options.manualAfterMs) * 1000) {
        m_manualOffered = true;
        Q_EMIT manualAvailable();
    }
    if (!m_detector)
        return; // manual capture only
    if (m_lastAnalysisUs >= 0 && now - m_lastAnalysisUs < qint64(m_options.analyseEveryMs) * 1000)
        return;
    if (m_worker.isBusy())
        return; // an earlier frame is still being judged: this one is stale by then
    m_lastAnalysisUs = now;
    auto analysis = std::make_shared<std::optional<FrameAnalysis>>();
    FrameAnalyzer *analyzer = &m_analyzer; // used by this job only: one job in flight
    const quint64 arm = m_armCount;
    m_worker.tryRun(
        [frame, analysis, analyzer]() {
            *analysis = analyzer->analyzeImage(
                frame.image(), FrameAnalyzer::Quality | FrameAnalyzer::Faces, "face");
        },
        [this, analysis, arm]() {
            if (*analysis && arm == m_armCount && m_state == State::Live)
                onAnalysis(**analysis);
        });
}

void FaceCapture::onAnalysis(const FrameAnalysis &analysis)
{
    const Guidance guidance = faceGuidance(analysis.quality, analysis.faces, m_options.thresholds);
    if (!m_guidanceSent || guidance.instruction != m_lastGuidance.instruction) {
        m_guidanceSent = true;
        m_lastGuidance = guidance;
        Q_EMIT guidanceChanged(guidance);
    }
    if (guidance.ready())
        startCountdown();
}

void FaceCapture::startCountdown()
{
    m_worker.cancel();
    m_countdownEndUs = m_clock.monotonicUs() + qint64(m_options.countdownMs) * 1000;
    m_lastSeconds = -1;
    setState(State::Countdown);
    tick();
    if (m_state == State::Countdown)
        m_ticker.start();
}

void FaceCapture::tick()
{
    if (m_state != State::Countdown)
        return;
    const int seconds = countdownSeconds();
    if (seconds != m_lastSeconds) {
        m_lastSeconds = seconds;
        Q_EMIT countdownChanged(seconds);
    }
    if (m_clock.monotonicUs() < m_countdownEndUs)
        return;
    m_ticker.stop();
    setState(State::Burst);
    m_burst.arm(); // the countdown was the trigger: the next frame the controller sees starts it
}

void FaceCapture::onBurst(const BurstResult &result)
{
    if (m_state != State::Burst)
        return;
    qCInfo(lcCamera) << "faces captured: span" << result.spanMs() << "ms, attempt"
                     << result.attempt;
    setState(State::Idle);
    Q_EMIT captured(result);
}

void FaceCapture::onBurstFailed(BurstMiss miss, const QString &detail)
{
    qCInfo(lcCamera) << "burst failed:" << burstMissName(miss) << detail;
    if (m_state != State::Burst)
        return;
    goLive();
    Q_EMIT burstFailed(miss, detail);
}

} // namespace kiosk
