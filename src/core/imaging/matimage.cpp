#include "matimage.h"

#include <opencv2/imgproc.hpp>

#include <QSysInfo>

namespace kiosk {

cv::Mat matView(const QImage &image)
{
    if (image.isNull())
        return {};
    // 32-bit pixels are stored as B, G, R, A bytes on little-endian machines (the only
    // ones Debian's kiosks run on); a big-endian build takes the copying path.
    const bool bgra =
        image.format() == QImage::Format_RGB32 && QSysInfo::ByteOrder == QSysInfo::LittleEndian;
    if (!bgra && image.format() != QImage::Format_Grayscale8)
        return {};
    return cv::Mat(image.height(), image.width(), bgra ? CV_8UC4 : CV_8UC1,
                   const_cast<uchar *>(image.constBits()), size_t(image.bytesPerLine()));
}

cv::Mat matViewOrCopy(const QImage &image)
{
    const cv::Mat view = matView(image);
    return view.empty() ? matFromImage(image) : view;
}

cv::Mat matFromImage(const QImage &image)
{
    if (image.isNull())
        return {};
    const cv::Mat inPlace = matView(image);
    if (!inPlace.empty() && inPlace.channels() == 1)
        return inPlace.clone();
    if (!inPlace.empty()) { // BGRA: one pass instead of two (8 M pixels of a 4K frame)
        cv::Mat bgr;
        cv::cvtColor(inPlace, bgr, cv::COLOR_BGRA2BGR);
        return bgr;
    }
    const QImage rgb = image.convertToFormat(QImage::Format_RGB888);
    const cv::Mat view(rgb.height(), rgb.width(), CV_8UC3, const_cast<uchar *>(rgb.constBits()),
                       size_t(rgb.bytesPerLine()));
    cv::Mat bgr;
    cv::cvtColor(view, bgr, cv::COLOR_RGB2BGR);
    return bgr;
}

QImage imageFromMat(const cv::Mat &mat)
{
    if (mat.empty() || mat.depth() != CV_8U)
        return {};
    switch (mat.channels()) {
    case 1: {
        const QImage view(mat.data, mat.cols, mat.rows, int(mat.step), QImage::Format_Grayscale8);
        return view.copy();
    }
    case 3: {
        cv::Mat rgb;
        cv::cvtColor(mat, rgb, cv::COLOR_BGR2RGB);
        const QImage view(rgb.data, rgb.cols, rgb.rows, int(rgb.step), QImage::Format_RGB888);
        return view.copy();
    }
    case 4: {
        cv::Mat rgba;
        cv::cvtColor(mat, rgba, cv::COLOR_BGRA2RGBA);
        const QImage view(rgba.data, rgba.cols, rgba.rows, int(rgba.step), QImage::Format_RGBA8888);
        return view.copy();
    }
    default:
        return {};
    }
}

} // namespace kiosk
