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

void DocumentCapture::arm()
{
    m_armed = true;
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
        deliver(frame, analysis.card, true);
        return;
    }
    if (analysis.card.found)
        m_stability.add(analysis.card);
    else
        m_stability.reset();
    const Guidance guidance = cardGuidance(analysis.quality, analysis.card,
                                           m_stability.consecutive(), m_options.thresholds);
    if (!m_guidanceSent || guidance.instruction != m_lastInstruction) {
        m_guidanceSent = true;
        m_lastInstruction = guidance.instruction;
        emit guidanceChanged(guidance);
    }
    if (guidance.ready())
        deliver(frame, analysis.card, false);
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
