#pragma once

#include <QList>
#include <QString>

#include <opencv2/core/mat.hpp>

namespace kiosk::cli {

// A frame taken from a video file, with the video's own timestamp for it.
struct VideoFrame
{
    cv::Mat image;
    double timestampMs = 0;
};

struct VideoBurst
{
    QList<VideoFrame> frames;
    QString error; // empty on success
    double spanMs() const
    {
        return frames.size() < 2 ? 0 : frames.last().timestampMs - frames.first().timestampMs;
    }
};

// Takes one frame per planned offset (ms after the first frame at or after `startMs`),
// by the video's own timestamps, the way the kiosk's camera burst does live: frames must
// be pairwise distinct and span at most `windowMs`. A frame identical to the one before
// (a duplicated frame in the file) is skipped for the next one.
VideoBurst takeVideoBurst(const QString &path, double startMs, const QList<int> &offsetsMs,
                          double windowMs);

} // namespace kiosk::cli
