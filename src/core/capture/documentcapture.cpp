#include "documentcapture.h"

#include "cameraoptions.h"
#include "clock.h"
#include "framesource.h"
#include "imaging/matimage.h"
#include "logging.h"
#include "settings/settings.h"

#include <opencv2/core.hpp>

#include <optional>

namespace kiosk {

DocumentCaptureOptions DocumentCaptureOptions::fromSettings(const Settings &settings)
{
    DocumentCaptureOptions o;
    o.thresholds = CaptureThresholds::fromSettings(settings);
    const QSize min = parseSize(settings.string(Settings::Key::CameraMinDocumentSize));
    if (min.isValid())
        o.minSize = min;
    o.manualAfterMs = qMax(0, settings.integer(Settings::Key::ManualCaptureAfterMs));
    o.encode = EncodeOptions::fromSettings(settings, ImageKind::IdCard);
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
    m_delivering = false;
    m_armedUs = m_clock.monotonicUs();
    m_lastAnalysisUs = -1;
    m_stability.reset();
    ++m_armCount;
    m_worker.cancel();
}

void DocumentCapture::cancel()
{
    m_armed = false;
    m_delivering = false;
    m_worker.cancel();
}

void DocumentCapture::captureNow()
{
    if (m_armed)
        m_manualRequested = true;
}

void DocumentCapture::onFrame(const CameraFrame &frame)
{
    if (!m_armed || m_delivering)
        return;
    const QSize size = frame.size();
    if (size.width() < m_options.minSize.width() || size.height() < m_options.minSize.height()) {
        m_armed = false;
        Q_EMIT refused(size);
        return;
    }
    const qint64 now = m_clock.monotonicUs();
    if (!m_manualOffered && now - m_armedUs >= qint64(m_options.manualAfterMs) * 1000) {
        m_manualOffered = true;
        Q_EMIT manualAvailable();
    }
    if (!m_manualRequested && m_lastAnalysisUs >= 0 &&
        now - m_lastAnalysisUs < qint64(m_options.analyseEveryMs) * 1000)
        return;
    if (m_worker.isBusy())
        return; // the analysis of an earlier frame still runs: this one is stale by then

    const bool manual = m_manualRequested;
    auto analysis = std::make_shared<std::optional<FrameAnalysis>>();
    FrameAnalyzer *analyzer = &m_analyzer; // used by this job only: one job in flight
    const quint64 arm = m_armCount;
    m_lastAnalysisUs = now;
    m_worker.tryRun(
        [frame, analysis, analyzer]() {
            *analysis = analyzer->analyzeImage(
                frame.image(), FrameAnalyzer::Quality | FrameAnalyzer::Card, "document");
        },
        [this, frame, analysis, manual, arm]() {
            if (*analysis && arm == m_armCount && m_armed)
                onAnalysis(frame, **analysis, manual);
        });
}

void DocumentCapture::onAnalysis(const CameraFrame &frame, const FrameAnalysis &analysis,
                                 bool manual)
{
    if (manual) {
        deliver(frame, analysis.card, true);
        return;
    }
    if (analysis.card.found)
        m_stability.add(analysis.card);
    else
        m_stability.reset();
    Guidance guidance = cardGuidance(analysis.quality, analysis.card, m_stability.consecutive(),
                                     m_options.thresholds);
    // After a refusal, "turn the card over" stays while the card is held for the next check.
    if (m_sideRefusals > 0 && guidance.instruction == Instruction::HoldStill)
        guidance.instruction = Instruction::TurnCard;
    if (!m_guidanceSent || guidance.instruction != m_lastInstruction) {
        m_guidanceSent = true;
        m_lastInstruction = guidance.instruction;
        Q_EMIT guidanceChanged(guidance);
    }
    if (guidance.ready())
        deliver(frame, analysis.card, false);
}

// The side check said it is sure to see the other side: the customer is asked to turn
// the card over. Stability restarts, so the next check comes only once the card has been
// held still again.
void DocumentCapture::onWrongSide(const CardSideEvidence &evidence)
{
    ++m_sideRefusals;
    m_stability.reset();
    m_manualRequested = false;
    qCInfo(lcCamera) << "wrong card side, refusal" << m_sideRefusals << "face" << evidence.face
                     << "barcode" << evidence.barcode << "portrait" << evidence.portrait;
    Guidance turn;
    turn.instruction = Instruction::TurnCard;
    turn.reasons.append(
        {GuidanceReason::WrongSide, double(int(evidence.side)), double(int(m_wanted))});
    m_guidanceSent = true;
    m_lastInstruction = turn.instruction;
    Q_EMIT guidanceChanged(turn);
    Q_EMIT sideRefused(m_sideRefusals);
}

// The still is cut, checked for its side (when the step asks for one and the card was
// found), and encoded on the worker; a wrong side is never encoded.
void DocumentCapture::deliver(const CameraFrame &frame, const CardDetection &card, bool manual)
{
    m_delivering = true;
    auto result = std::make_shared<DocumentCaptureResult>();
    result->frame = frame;
    result->detection = card;
    result->manual = manual;
    const CardDetector *detector = &m_analyzer.cardDetector();
    EncodeOptions encode = m_options.encode;
    encode.captureTime = frame.captured;
    auto error = std::make_shared<QString>();
    // Used by this job only (one job in flight); null: no check.
    const CardSideCheck *sideCheck =
        m_sideCheck && m_wanted != CardSide::Unknown && !m_sideAccepted && card.found ? m_sideCheck
                                                                                      : nullptr;
    const CardSide wanted = m_wanted;
    auto wrongSide = std::make_shared<std::optional<CardSideEvidence>>();
    const quint64 arm = m_armCount;
    const bool started = m_worker.tryRun(
        [result, detector, encode, error, sideCheck, wanted, wrongSide]() {
            try {
                const cv::Mat full = matFromImage(result->frame.image());
                if (sideCheck) {
                    // At the width the check's limits were set on (bench_cardside).
                    const CardSideEvidence evidence =
                        sideCheck->classify(detector->crop(full, result->detection, 600));
                    if (!CardSideCheck::accepts(wanted, evidence)) {
                        *wrongSide = evidence;
                        return;
                    }
                }
                cv::Mat still = full;
                if (result->detection.found) {
                    still = detector->crop(full, result->detection);
                    result->card = imageFromMat(still);
                }
                const EncodeResult encoded = BudgetEncoder(encode).encode(still);
                result->jpeg = encoded.jpeg;
                result->quality = encoded.quality;
                *error = encoded.error;
            } catch (const cv::Exception &e) {
                *error = QString::fromUtf8(e.what());
            }
        },
        [this, result, error, wrongSide, arm]() {
            if (arm != m_armCount || !m_armed)
                return;
            m_delivering = false;
            if (wrongSide->has_value()) {
                onWrongSide(**wrongSide);
                return;
            }
            if (result->jpeg.isEmpty()) {
                // Encoding a good frame failed: keep looking for the next one.
                qCWarning(lcCamera) << "document still encode failed:" << *error;
                m_stability.reset();
                m_manualRequested = false;
                return;
            }
            m_armed = false;
            qCInfo(lcCamera) << "document captured"
                             << (result->manual ? "manually" : "automatically") << "card found"
                             << result->detection.found << "frame" << result->frame.size()
                             << "bytes" << result->jpeg.size() << "quality" << result->quality;
            Q_EMIT captured(*result);
        });
    Q_ASSERT(started); // deliver runs from the completion of the analysis: the worker is free
    Q_UNUSED(started);
}

} // namespace kiosk
