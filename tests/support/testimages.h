#pragma once

// Real photos from Debian's opencv-doc, shaped into camera-like frames for the tests.
#include <QString>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace kiosk::test {

inline cv::Mat sample(const char *name, int flags = cv::IMREAD_COLOR)
{
    const QString path = QStringLiteral(KIOSK_OPENCV_SAMPLES "/") + QLatin1String(name);
    return cv::imread(path.toStdString(), flags);
}

// The photo cropped to the frame's aspect, then resized (area down, cubic up).
inline cv::Mat frameFrom(const cv::Mat &photo, int width, int height)
{
    const double aspect = double(width) / height;
    cv::Rect crop(0, 0, photo.cols, photo.rows);
    if (double(photo.cols) / photo.rows > aspect) {
        crop.width = int(photo.rows * aspect);
        crop.x = (photo.cols - crop.width) / 2;
    } else {
        crop.height = int(photo.cols / aspect);
        crop.y = (photo.rows - crop.height) / 2;
    }
    cv::Mat out;
    cv::resize(photo(crop), out, cv::Size(width, height), 0, 0,
               width > crop.width ? cv::INTER_CUBIC : cv::INTER_AREA);
    return out;
}

} // namespace kiosk::test
