#include "yuvimage.h"

#include <opencv2/imgproc.hpp>

#include <QSysInfo>

#include <cstring>

namespace kiosk {

namespace {

bool packed(YuvLayout layout)
{
    return layout == YuvLayout::Yuyv || layout == YuvLayout::Uyvy;
}

int planesOf(YuvLayout layout)
{
    switch (layout) {
    case YuvLayout::Yuyv:
    case YuvLayout::Uyvy:
        return 1;
    case YuvLayout::Nv12:
    case YuvLayout::Nv21:
        return 2;
    case YuvLayout::I420:
    case YuvLayout::Yv12:
        return 3;
    }
    return 0;
}

// Every plane the layout needs is there and its rows hold the pixels they must.
bool readable(YuvLayout layout, int width, int height, const YuvPlanes &p)
{
    const int n = planesOf(layout);
    if (width < 2 || height < 2 || width % 2 || (!packed(layout) && height % 2) || p.count < n)
        return false;
    for (int i = 0; i < n; ++i) {
        if (!p.data[i])
            return false;
    }
    switch (layout) {
    case YuvLayout::Yuyv:
    case YuvLayout::Uyvy:
        return p.stride[0] >= qsizetype(width) * 2;
    case YuvLayout::Nv12:
    case YuvLayout::Nv21:
        return p.stride[0] >= width && p.stride[1] >= width;
    case YuvLayout::I420:
    case YuvLayout::Yv12:
        return p.stride[0] >= width && p.stride[1] >= width / 2 && p.stride[2] >= width / 2;
    }
    return false;
}

} // namespace

QImage rgbFromYuv(YuvLayout layout, int width, int height, const YuvPlanes &planes)
{
    // RGB32 is stored B, G, R, A (OpenCV's BGRA) on the little-endian machines kiosks run on.
    if (QSysInfo::ByteOrder != QSysInfo::LittleEndian || !readable(layout, width, height, planes))
        return {};
    QImage out(width, height, QImage::Format_RGB32);
    if (out.isNull())
        return {};
    cv::Mat dst(height, width, CV_8UC4, out.bits(), size_t(out.bytesPerLine()));
    auto *y = const_cast<uchar *>(planes.data[0]);
    try {
        switch (layout) {
        case YuvLayout::Yuyv:
        case YuvLayout::Uyvy:
            cv::cvtColor(cv::Mat(height, width, CV_8UC2, y, size_t(planes.stride[0])), dst,
                         layout == YuvLayout::Yuyv ? cv::COLOR_YUV2BGRA_YUY2
                                                   : cv::COLOR_YUV2BGRA_UYVY);
            break;
        case YuvLayout::Nv12:
        case YuvLayout::Nv21:
            cv::cvtColorTwoPlane(
                cv::Mat(height, width, CV_8UC1, y, size_t(planes.stride[0])),
                cv::Mat(height / 2, width / 2, CV_8UC2, const_cast<uchar *>(planes.data[1]),
                        size_t(planes.stride[1])),
                dst, layout == YuvLayout::Nv12 ? cv::COLOR_YUV2BGRA_NV12 : cv::COLOR_YUV2BGRA_NV21);
            break;
        case YuvLayout::I420:
        case YuvLayout::Yv12: {
            // OpenCV reads three planes only packed one after the other: Y rows, then each
            // chroma plane's rows back to back (a quarter of Y each).
            cv::Mat packedPlanes(height * 3 / 2, width, CV_8UC1);
            uchar *to = packedPlanes.data;
            for (int row = 0; row < height; ++row, to += width)
                std::memcpy(to, y + row * planes.stride[0], size_t(width));
            for (int plane = 1; plane < 3; ++plane) {
                for (int row = 0; row < height / 2; ++row, to += width / 2)
                    std::memcpy(to, planes.data[plane] + row * planes.stride[plane],
                                size_t(width / 2));
            }
            cv::cvtColor(packedPlanes, dst,
                         layout == YuvLayout::I420 ? cv::COLOR_YUV2BGRA_I420
                                                   : cv::COLOR_YUV2BGRA_YV12);
            break;
        }
        }
    } catch (const cv::Exception &) {
        return {};
    }
    // The converter wrote into out's own pixels (dst never reallocates: same size, type).
    if (dst.data != out.constBits())
        return {};
    return out;
}

} // namespace kiosk
