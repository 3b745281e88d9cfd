#pragma once

#include "capturethresholds.h"

#include <opencv2/core.hpp>

#include <array>

namespace kiosk {

// Where an ID-1 card is in a frame. Coordinates are in the frame's pixels.
struct CardDetection
{
    bool found = false;
    // Top-left, top-right, bottom-right, bottom-left; the top edge is a long edge.
    std::array<cv::Point2f, 4> corners{};
    double aspect = 0;          // long side / short side, corrected for mild perspective
    double fill = 0;            // card area / guide area
    double skewDegrees = 0;     // largest deviation of a corner angle from 90
    double rotationDegrees = 0; // angle of the top edge from horizontal
    bool cutOff = false;        // a corner touches the frame border
    cv::Rect guide;             // the guide the fill refers to

    cv::Rect boundingBox() const;
};

// Finds the largest quadrilateral with the card's aspect in a frame, on a small grey
// copy (edges and, as a second source, an Otsu threshold), and cuts a
// perspective-corrected crop of it.
class CardDetector
{
public:
    explicit CardDetector(const CaptureThresholds &thresholds = {});

    // frame: BGR or grey at any size. guide empty: defaultGuide(frame.size()).
    CardDetection detect(const cv::Mat &frame, cv::Rect guide = {}) const;
    // On an existing analysis copy (grey, frame scaled by scale); results in frame pixels.
    CardDetection detectOnAnalysis(const cv::Mat &grey, double scale, cv::Size frameSize,
                                   cv::Rect guide = {}) const;

    // The card's image, straightened to width x width/1.586 (default: the crop width).
    cv::Mat crop(const cv::Mat &frame, const CardDetection &card, int width = 0) const;

    // A centred guide of the card's aspect, guideWidthShare of the frame wide.
    cv::Rect defaultGuide(cv::Size frame) const;

private:
    CaptureThresholds m_t;
};

// Says when N consecutive detections agree (corners within a share of the card's size).
class CardStabilityTracker
{
public:
    explicit CardStabilityTracker(int frames = 3, double tolerance = 0.02);

    // Returns stable() after adding the frame's detection.
    bool add(const CardDetection &card);
    bool stable() const { return m_count >= m_frames; }
    int consecutive() const { return m_count; }
    void reset();

private:
    int m_frames;
    double m_tolerance;
    int m_count = 0;
    CardDetection m_last;
};

} // namespace kiosk
