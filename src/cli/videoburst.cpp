#include "videoburst.h"

#include "clilogging.h"

#include <opencv2/core.hpp>
#include <opencv2/videoio.hpp>

using namespace Qt::StringLiterals;

namespace kiosk::cli {

namespace {

bool identical(const cv::Mat &a, const cv::Mat &b)
{
    return a.size == b.size && a.type() == b.type() && cv::norm(a, b, cv::NORM_INF) == 0;
}

} // namespace

VideoBurst takeVideoBurst(const QString &path, double startMs, const QList<int> &offsetsMs,
                          double windowMs)
{
    VideoBurst burst;
    if (offsetsMs.isEmpty() || offsetsMs.first() != 0) {
        burst.error = u"the burst offsets must start at 0"_s;
        return burst;
    }
    try {
        cv::VideoCapture video(path.toStdString());
        if (!video.isOpened()) {
            burst.error = u"cannot open the video %1 (missing, or a format OpenCV cannot "
                          "decode)"_s.arg(path);
            return burst;
        }
        cv::Mat frame;
        double firstMs = -1;
        qsizetype next = 0; // index of the offset we are looking for
        while (next < offsetsMs.size() && video.read(frame)) {
            const double ts = video.get(cv::CAP_PROP_POS_MSEC);
            if (ts < startMs)
                continue;
            if (firstMs < 0)
                firstMs = ts;
            if (ts - firstMs < offsetsMs.at(next))
                continue;
            if (!burst.frames.isEmpty() && identical(burst.frames.last().image, frame))
                continue;
            burst.frames.append({frame.clone(), ts});
            ++next;
        }
        if (burst.frames.size() < offsetsMs.size()) {
            burst.error =
                firstMs < 0
                    ? u"the video %1 has no frame at or after %2 ms"_s.arg(path).arg(startMs)
                    : u"the video %1 ends before the burst is complete (%2 of %3 "
                      "distinct frames)"_s.arg(path)
                          .arg(burst.frames.size())
                          .arg(offsetsMs.size());
            burst.frames.clear();
            return burst;
        }
    } catch (const cv::Exception &e) {
        burst.error = u"cannot decode the video %1: %2"_s.arg(path, QString::fromStdString(e.msg));
        burst.frames.clear();
        return burst;
    }
    if (burst.spanMs() > windowMs) {
        burst.error = u"the frames span %1 ms, over the %2 ms window (the video has too few "
                      "frames per second)"_s.arg(qRound(burst.spanMs()))
                          .arg(windowMs);
        burst.frames.clear();
    }
    qCDebug(lcCli) << "video burst of" << burst.frames.size() << "frames spanning" << burst.spanMs()
                   << "ms";
    return burst;
}

} // namespace kiosk::cli
