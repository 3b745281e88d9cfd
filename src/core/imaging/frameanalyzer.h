#pragma once

#include "capturethresholds.h"
#include "carddetector.h"
#include "facedetector.h"
#include "framequality.h"

#include <QImage>

#include <opencv2/core.hpp>

#include <optional>

namespace kiosk {

struct FrameAnalysis
{
    FrameQuality quality; // over the card when one is found, else the whole frame
    CardDetection card;
    FaceReport faces;
    double scale = 0; // analysis width / frame width
};

// Everything measured on one preview frame, from one small grey copy: quality, card
// and (when a face detector is given) faces. Single-threaded; meant for every frame.
class FrameAnalyzer
{
public:
    enum Part
    {
        Quality = 0x1,
        Card = 0x2,
        Faces = 0x4,
        All = Quality | Card | Faces,
    };

    // faces may be null (no face detection); it must outlive the analyzer.
    FrameAnalyzer(const CaptureThresholds &thresholds, FaceDetector *faces);

    FrameAnalysis analyze(const cv::Mat &frame, int parts = All, cv::Rect guide = {});
    // analyze() of a camera image, for a capture's worker job (no exception may leave it):
    // nullopt when the image cannot be converted, logged as "<what> analysis failed".
    std::optional<FrameAnalysis> analyzeImage(const QImage &image, int parts, const char *what);

    const CardDetector &cardDetector() const { return m_cards; }

private:
    CaptureThresholds m_t;
    CardDetector m_cards;
    FaceDetector *m_faces;
};

} // namespace kiosk
