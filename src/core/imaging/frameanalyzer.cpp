#include "frameanalyzer.h"

#include "logging.h"
#include "matimage.h"

#include <opencv2/imgproc.hpp>

namespace kiosk {

namespace {
// Guidance looks for faces at least this share of the frame's shorter side: a face
// filling the minimum 10 % of a 16:9 frame is about 42 % of its height, so this still
// finds faces far enough away to ask the customer to come closer, and keeps the
// cascade on a small copy.
constexpr double kGuidanceMinFace = 0.3;
} // namespace

FrameAnalyzer::FrameAnalyzer(const CaptureThresholds &thresholds, FaceDetector *faces)
    : m_t(thresholds)
    , m_cards(thresholds)
    , m_faces(faces)
{}

FrameAnalysis FrameAnalyzer::analyze(const cv::Mat &frame, int parts, cv::Rect guide)
{
    FrameAnalysis a;
    a.faces.frame = frame.size();
    try {
        const cv::Mat grey = analysisCopy(frame, m_t.analysisWidth, &a.scale);
        if (grey.empty())
            return a;
        if (parts & Card)
            a.card = m_cards.detectOnAnalysis(grey, a.scale, frame.size(), guide);
        if (parts & Quality) {
            cv::Rect roi;
            if (a.card.found) {
                const cv::Rect box = a.card.boundingBox();
                roi = cv::Rect(cvRound(box.x * a.scale), cvRound(box.y * a.scale),
                               cvRound(box.width * a.scale), cvRound(box.height * a.scale));
            }
            a.quality = measureFrameQuality(grey, m_t.glareLevel, roi);
        }
        if ((parts & Faces) && m_faces) {
            a.faces = m_faces->detectOnAnalysis(grey, a.scale, frame.size(), kGuidanceMinFace);
        }
    } catch (const cv::Exception &e) {
        qCWarning(lcImaging) << "frame analysis failed:" << e.what();
    }
    return a;
}

std::optional<FrameAnalysis> FrameAnalyzer::analyzeImage(const QImage &image, int parts,
                                                         const char *what)
{
    try {
        return analyze(matFromImage(image), parts);
    } catch (const cv::Exception &e) {
        qCWarning(lcImaging) << what << "analysis failed:" << e.what();
        return std::nullopt;
    }
}

} // namespace kiosk
