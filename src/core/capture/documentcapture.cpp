#include "documentcapture.h"

#include "cameraoptions.h"
#include "clock.h"
#include "framesource.h"
#include "imaging/matimage.h"
#include "logging.h"
#include "settings/settings.h"

#include <opencv2/core.hpp>

namespace kiosk {

DocumentCaptureOptions DocumentCaptureOptions::fromSettings(const Settings &settings)
{
    DocumentCaptureOptions o;
    o.thresholds = CaptureThresholds::fromSettings(settings);
    const QSize min = parseSize(settings.string(Settings::Key::CameraMinDocumentSize));
    if (min.isValid())
        o.minSize = min;
    o.manualAfterMs = qMax(0, settings.integer(Settings::Key::ManualCaptureAfterMs));
    return o;
}

DocumentCapture::DocumentCapture(FrameSource *source, const Clock &clock,
                                 DocumentCaptureOptions options, QObject *parent)
    : QObject(parent)
    , m_source(source)
    , m_clock(clock)
    , m_options(options)
    , m_analyzer(options.thresholds, nullptr)
    , m_stability(options.thresholds.stableFrames)
{
    qRegisterMetaType<kiosk::DocumentCaptureResult>();
    qRegisterMetaType<kiosk::Guidance>();
    connect(source, &FrameSource::frameArrived, this, &DocumentCapture::onFrame);
}

void DocumentCapture::arm(CardSide wanted)
{
    m_armed = true;
    m_wanted = wanted;
    m_sideAccepted = false;
    m_sideRefusals = 0;
    m_manualOffered = false;
    m_manualRequested = false;
    m_guidanceSent = false;
    m_armedUs = m_clock.monotonicUs();
    m_lastAnalysisUs = -1;
    m_stability.reset();
}

void DocumentCapture::cancel()
{
    m_armed = false;
}

void DocumentCapture::captureNow()
{
    if (m_armed)
        m_manualRequested = true;
}

void DocumentCapture::onFrame(const CameraFrame &frame)
{
    if (!m_armed)
        return;
    const QSize size = frame.size();
    if (size.width() < m_options.minSize.width() || size.height() < m_options.minSize.height()) {
        m_armed = false;
        emit refused(size);
        return;
    }
    const qint64 now = m_clock.monotonicUs();
    if (!m_manualOffered && now - m_armedUs >= qint64(m_options.manualAfterMs) * 1000) {
        m_manualOffered = true;
        emit manualAvailable();
    }
    if (!m_manualRequested && m_lastAnalysisUs >= 0 &&
        now - m_lastAnalysisUs < qint64(m_options.analyseEveryMs) * 1000)
        return;
    m_lastAnalysisUs = now;

    cv::Mat mat;
    FrameAnalysis analysis;
    try {
        mat = matFromImage(frame.image());
        analysis = m_analyzer.analyze(mat, FrameAnalyzer::Quality | FrameAnalyzer::Card);
    } catch (const cv::Exception &e) {
        qCWarning(lcCamera) << "document analysis failed:" << e.what();
        return;
    }
    if (m_manualRequested) {
        m_manualRequested = false;
        if (analysis.card.found && wrongSide(frame, analysis.card))
            return;
        deliver(frame, analysis.card, true);
        return;
    }
    if (analysis.card.found)
        m_stability.add(analysis.card);
    else
        m_stability.reset();
    Guidance guidance = cardGuidance(analysis.quality, analysis.card, m_stability.consecutive(),
                                     m_options.thresholds);
    if (guidance.ready() && wrongSide(frame, analysis.card))
        return;
    // After a refusal, "turn the card over" stays while the card is held for the next check.
    if (m_sideRefusals > 0 && guidance.instruction == Instruction::HoldStill)
        guidance.instruction = Instruction::TurnCard;
    if (!m_guidanceSent || guidance.instruction != m_lastInstruction) {
        m_guidanceSent = true;
        m_lastInstruction = guidance.instruction;
        emit guidanceChanged(guidance);
    }
    if (guidance.ready())
        deliver(frame, analysis.card, false);
}

// The side check on the straightened card: true (and the customer asked to turn the card
// over) when it is sure to see the other side. Stability restarts, so the next check comes
// only once the card has been held still again.
bool DocumentCapture::wrongSide(const CameraFrame &frame, const CardDetection &card)
{
    if (!m_sideCheck || m_wanted == CardSide::Unknown || m_sideAccepted)
        return false;
    CardSideEvidence evidence;
    try {
        evidence = m_sideCheck->classify(
            m_analyzer.cardDetector().crop(matFromImage(frame.image()), card, 600));
    } catch (const cv::Exception &e) {
        qCWarning(lcCamera) << "card side check failed:" << e.what();
        return false;
    }
    if (CardSideCheck::accepts(m_wanted, evidence))
        return false;
    ++m_sideRefusals;
    m_stability.reset();
    qCInfo(lcCamera) << "wrong card side, refusal" << m_sideRefusals << "face" << evidence.face
                     << "barcode" << evidence.barcode << "portrait" << evidence.portrait;
    Guidance turn;
    turn.instruction = Instruction::TurnCard;
    turn.reasons.append(
        {GuidanceReason::WrongSide, double(int(evidence.side)), double(int(m_wanted))});
    m_guidanceSent = true;
    m_lastInstruction = turn.instruction;
    emit guidanceChanged(turn);
    emit sideRefused(m_sideRefusals);
    return true;
}

void DocumentCapture::deliver(const CameraFrame &frame, const CardDetection &card, bool manual)
{
    DocumentCaptureResult result;
    result.frame = frame;
    result.detection = card;
    result.manual = manual;
    if (card.found) {
        try {
            const cv::Mat full = matFromImage(frame.image());
            result.card = imageFromMat(m_analyzer.cardDetector().crop(full, card));
        } catch (const cv::Exception &e) {
            qCWarning(lcCamera) << "card crop failed:" << e.what();
        }
    }
    m_armed = false;
    qCInfo(lcCamera) << "document captured" << (manual ? "manually" : "automatically")
                     << "card found" << card.found << "frame" << frame.size();
    emit captured(result);
}

} // namespace kiosk
