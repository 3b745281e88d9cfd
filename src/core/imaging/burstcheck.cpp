#include "burstcheck.h"

#include "logging.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>

namespace kiosk {

namespace {

void addOnce(QList<BurstProblem> &list, BurstProblem p)
{
    if (!list.contains(p))
        list.append(p);
}

cv::Mat thumbnail(const cv::Mat &image)
{
    cv::Mat grey, small, f;
    if (image.channels() == 3)
        cv::cvtColor(image, grey, cv::COLOR_BGR2GRAY);
    else
        grey = image;
    const int width = 64;
    const int height = std::max(1, cvRound(double(image.rows) * width / image.cols));
    cv::resize(grey, small, cv::Size(width, height), 0, 0, cv::INTER_AREA);
    small.convertTo(f, CV_32F);
    f -= cv::mean(f)[0];
    return f;
}

} // namespace

BurstReport checkBurst(const QList<BurstFrame> &frames, qint64 maxSpanMs, double maxSceneDifference,
                       int expectedCount)
{
    BurstReport r;
    if (frames.size() != expectedCount)
        addOnce(r.problems, BurstProblem::WrongCount);
    try {
        QList<cv::Mat> images;
        for (const BurstFrame &f : frames) {
            cv::Mat img = f.image;
            if (img.empty() && !f.jpeg.isEmpty()) {
                const cv::Mat bytes(1, int(f.jpeg.size()), CV_8UC1,
                                    const_cast<char *>(f.jpeg.constData()));
                img = cv::imdecode(bytes, cv::IMREAD_COLOR);
            }
            if (img.empty())
                addOnce(r.problems, BurstProblem::Unreadable);
            images.append(img);
        }
        QList<cv::Mat> thumbs;
        for (const cv::Mat &img : images)
            thumbs.append(img.empty() ? cv::Mat() : thumbnail(img));
        for (qsizetype i = 0; i < frames.size(); ++i) {
            for (qsizetype j = i + 1; j < frames.size(); ++j) {
                if (!frames[i].jpeg.isEmpty() && frames[i].jpeg == frames[j].jpeg)
                    addOnce(r.problems, BurstProblem::IdenticalBytes);
                const cv::Mat &a = images[i], &b = images[j];
                if (a.empty() || b.empty())
                    continue;
                if (a.size() == b.size() && a.type() == b.type() &&
                    cv::norm(a, b, cv::NORM_INF) == 0)
                    addOnce(r.problems, BurstProblem::IdenticalPixels);
                if (thumbs[i].size() != thumbs[j].size()) {
                    addOnce(r.problems, BurstProblem::DifferentScene);
                    continue;
                }
                const double diff =
                    cv::norm(thumbs[i], thumbs[j], cv::NORM_L1) / double(thumbs[i].total());
                r.sceneDifference = std::max(r.sceneDifference, diff);
                if (diff > maxSceneDifference)
                    addOnce(r.problems, BurstProblem::DifferentScene);
            }
        }
    } catch (const cv::Exception &e) {
        qCWarning(lcImaging) << "burst check failed:" << e.what();
        addOnce(r.problems, BurstProblem::Unreadable);
    }
    QDateTime first, last;
    for (const BurstFrame &f : frames) {
        if (!f.captured.isValid()) {
            addOnce(r.problems, BurstProblem::MissingTime);
            continue;
        }
        if (!first.isValid() || f.captured < first)
            first = f.captured;
        if (!last.isValid() || f.captured > last)
            last = f.captured;
    }
    if (first.isValid()) {
        r.spanMs = first.msecsTo(last);
        if (r.spanMs > maxSpanMs)
            addOnce(r.problems, BurstProblem::SpanTooLong);
    }
    return r;
}

} // namespace kiosk
