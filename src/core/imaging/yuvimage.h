#pragma once

#include <QImage>

namespace kiosk {

// How a camera lays out its YUV pixels (Qt Multimedia's names in brackets).
enum class YuvLayout
{
    Yuyv, // packed 4:2:2, Y0 U Y1 V (Format_YUYV)
    Uyvy, // packed 4:2:2, U Y0 V Y1 (Format_UYVY)
    Nv12, // 4:2:0, Y plane then interleaved U V (Format_NV12)
    Nv21, // 4:2:0, Y plane then interleaved V U (Format_NV21)
    I420, // 4:2:0, Y, U and V planes (Format_YUV420P)
    Yv12, // 4:2:0, Y, V and U planes (Format_YV12)
};

// One camera frame's planes as mapped: up to three, each with its row length in bytes.
struct YuvPlanes
{
    const uchar *data[3] = {nullptr, nullptr, nullptr};
    qsizetype stride[3] = {0, 0, 0};
    int count = 0;
};

// The frame in full as RGB32 (alpha 255), by OpenCV's vectorised, multi-threaded
// converters: BT.601 limited range, the matrix Qt 6.4's QVideoFrame::toImage applies on
// the CPU whatever the frame's colour space says (the two agree within 1 per channel), at
// about a third of its time for a 4K frame. Null when the layout cannot be read safely
// (odd sizes, missing planes, rows shorter than their pixels): convert another way then.
QImage rgbFromYuv(YuvLayout layout, int width, int height, const YuvPlanes &planes);

} // namespace kiosk
