#include "framequality.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>

namespace kiosk {

cv::Mat analysisCopy(const cv::Mat &frame, int width, double *scale)
{
    if (frame.empty()) {
        if (scale)
            *scale = 0;
        return {};
    }
    // Shrink before converting colour: both are cheaper on fewer pixels.
    cv::Mat small = frame;
    double s = 1.0;
    if (width > 0 && frame.cols > width) {
        s = double(width) / frame.cols;
        const int height = std::max(1, cvRound(frame.rows * s));
        cv::resize(frame, small, cv::Size(width, height), 0, 0, cv::INTER_AREA);
    }
    cv::Mat grey;
    if (small.channels() == 3)
        cv::cvtColor(small, grey, cv::COLOR_BGR2GRAY);
    else if (small.channels() == 4)
        cv::cvtColor(small, grey, cv::COLOR_BGRA2GRAY);
    else
        grey = small.data == frame.data ? small.clone() : small;
    if (scale)
        *scale = s;
    return grey;
}

FrameQuality measureFrameQuality(const cv::Mat &grey, int glareLevel, cv::Rect roi)
{
    FrameQuality q;
    if (grey.empty() || grey.type() != CV_8UC1)
        return q;
    roi = roi.empty() ? cv::Rect(0, 0, grey.cols, grey.rows)
                      : roi & cv::Rect(0, 0, grey.cols, grey.rows);
    if (roi.width < 3 || roi.height < 3)
        return q;
    const cv::Mat region = grey(roi);
    cv::Mat lap;
    cv::Laplacian(region, lap, CV_16S);
    cv::Scalar mean, stddev;
    cv::meanStdDev(lap, mean, stddev);
    q.sharpness = stddev[0] * stddev[0];
    q.brightness = cv::mean(region)[0];
    cv::Mat glare;
    cv::compare(region, glareLevel, glare, cv::CMP_GE);
    q.glareShare = double(cv::countNonZero(glare)) / double(region.total());
    return q;
}

} // namespace kiosk
