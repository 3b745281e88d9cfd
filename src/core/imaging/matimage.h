#pragma once

#include <QImage>

#include <opencv2/core.hpp>

namespace kiosk {

// Conversions between QImage (the GUI and camera side) and cv::Mat (the imaging side).
// Both deep-copy, so neither result shares memory with its source.

// Returns an 8-bit BGR (3 channels) or grey (1 channel, for Grayscale8 input) matrix;
// empty for a null image.
cv::Mat matFromImage(const QImage &image);
// Accepts 8-bit grey, BGR or BGRA; returns a null image for anything else.
QImage imageFromMat(const cv::Mat &mat);

} // namespace kiosk
