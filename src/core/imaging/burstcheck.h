#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>

#include <opencv2/core.hpp>

namespace kiosk {

// One frame of the liveness burst: its pixels, its encoded bytes (either may be empty,
// not both; pixels are decoded from the bytes when missing) and when it was captured.
struct BurstFrame
{
    cv::Mat image;
    QByteArray jpeg;
    QDateTime captured;
};

enum class BurstProblem
{
    WrongCount,      // not exactly three frames
    Unreadable,      // a frame has neither pixels nor decodable bytes
    IdenticalBytes,  // two frames have the same encoded bytes
    IdenticalPixels, // two frames have the same pixels
    DifferentScene,  // two frames do not show the same scene
    MissingTime,     // a frame has no capture time
    SpanTooLong,     // capture times span more than the limit
};

struct BurstReport
{
    QList<BurstProblem> problems;
    qint64 spanMs = -1;          // last minus first capture time
    double sceneDifference = -1; // largest mean grey difference between two frames (0..255)

    bool ok() const { return problems.isEmpty(); }
};

// Vlens liveness wants three frames of the same person within 0.5 s, never identical.
// "Same scene" compares 64-px-wide grey thumbnails (mean absolute difference, after
// removing each thumbnail's mean brightness so auto-exposure steps do not count).
BurstReport checkBurst(const QList<BurstFrame> &frames, qint64 maxSpanMs = 500,
                       double maxSceneDifference = 18.0, int expectedCount = 3);

} // namespace kiosk
