#pragma once

#include <opencv2/core.hpp>

namespace kiosk {

// Sharpness, glare and brightness of a frame, measured on a small grey copy.
struct FrameQuality
{
    double sharpness = 0;  // variance of the Laplacian (higher is sharper)
    double glareShare = 0; // share of pixels at or above the glare level
    double brightness = 0; // mean grey, 0..255
};

// A grey copy of frame (BGR, BGRA or grey) at most width pixels wide (area
// interpolation); scale receives analysis width / frame width. Never upscales.
cv::Mat analysisCopy(const cv::Mat &frame, int width, double *scale = nullptr);

// grey: 8-bit single channel (use analysisCopy). roi limits the measures to a region
// (e.g. the card's bounding box); an empty roi means the whole image.
FrameQuality measureFrameQuality(const cv::Mat &grey, int glareLevel = 240, cv::Rect roi = {});

} // namespace kiosk
