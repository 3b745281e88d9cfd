#pragma once

#include <QImage>

#include <opencv2/core.hpp>

namespace kiosk {

// Conversions between QImage (the GUI and camera side) and cv::Mat (the imaging side).
// Both deep-copy, so neither result shares memory with its source (matView does not).

// Returns an 8-bit BGR (3 channels) or grey (1 channel, for Grayscale8 input) matrix;
// empty for a null image.
cv::Mat matFromImage(const QImage &image);
// No copy: the image's own pixels as an 8-bit BGRA (RGB32, alpha always 255) or grey
// (Grayscale8) matrix, valid while image lives and is not modified; empty for any other
// format (then use matFromImage).
cv::Mat matView(const QImage &image);
// matView when it can, else matFromImage's copy: BGRA, BGR or grey, for readers that take
// all three (the budget encoder, resizes). Valid while image lives.
cv::Mat matViewOrCopy(const QImage &image);
// Accepts 8-bit grey, BGR or BGRA; returns a null image for anything else.
QImage imageFromMat(const cv::Mat &mat);

} // namespace kiosk
