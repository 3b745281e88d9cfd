#include "frameanalyzer.h"

#include "logging.h"

#include <opencv2/imgproc.hpp>

namespace kiosk {

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
            // Faces need less detail than edges: half the analysis width is enough.
            cv::Mat half;
            cv::resize(grey, half, cv::Size(grey.cols / 2, grey.rows / 2), 0, 0, cv::INTER_AREA);
            a.faces = m_faces->detectOnAnalysis(half, a.scale / 2, frame.size());
        }
    } catch (const cv::Exception &e) {
        qCWarning(lcImaging) << "frame analysis failed:" << e.what();
    }
    return a;
}

} // namespace kiosk
