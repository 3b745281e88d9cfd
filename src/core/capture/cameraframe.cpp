#include "cameraframe.h"

#include <mutex>

namespace kiosk {

struct CameraFrame::Pixels
{
    QSize size;
    std::function<QImage()> convert;
    std::function<QImage(QSize)> previewConvert;
    QImage image;
    std::mutex lock; // std: visible to ThreadSanitizer, unlike QMutex's slow path in QtCore
};

CameraFrame::CameraFrame(QImage image)
    : m_pixels(std::make_shared<Pixels>())
{
    m_pixels->size = image.size();
    m_pixels->image = std::move(image);
}

CameraFrame::CameraFrame(QSize size, std::function<QImage()> convert)
    : m_pixels(std::make_shared<Pixels>())
{
    m_pixels->size = size;
    m_pixels->convert = std::move(convert);
}

void CameraFrame::setPreviewConvert(std::function<QImage(QSize target)> convert)
{
    if (!m_pixels)
        return;
    const std::lock_guard<std::mutex> locker(m_pixels->lock);
    if (m_pixels->convert) // an already converted frame scales its image instead
        m_pixels->previewConvert = std::move(convert);
}

QSize CameraFrame::size() const
{
    return m_pixels ? m_pixels->size : QSize();
}

QImage CameraFrame::image() const
{
    if (!m_pixels)
        return {};
    const std::lock_guard<std::mutex> locker(m_pixels->lock);
    if (m_pixels->convert) {
        m_pixels->image = m_pixels->convert();
        m_pixels->convert = nullptr; // releases the backend's buffer
        m_pixels->previewConvert = nullptr;
    }
    return m_pixels->image;
}

bool CameraFrame::isConverted() const
{
    if (!m_pixels)
        return false;
    const std::lock_guard<std::mutex> locker(m_pixels->lock);
    return !m_pixels->convert;
}

QImage CameraFrame::preview(QSize target) const
{
    if (!m_pixels || target.isEmpty())
        return {};
    QImage picture;
    {
        const std::lock_guard<std::mutex> locker(m_pixels->lock);
        if (!m_pixels->convert)
            picture = m_pixels->image;
        else if (m_pixels->previewConvert)
            picture = m_pixels->previewConvert(target);
    }
    if (picture.isNull())
        picture = image();
    if (picture.width() > target.width() || picture.height() > target.height())
        return picture.scaled(target, Qt::KeepAspectRatio, Qt::FastTransformation);
    return picture;
}

double meanLuma(const QImage &image)
{
    if (image.isNull())
        return 0;
    const QImage rgb = image.format() == QImage::Format_RGB32 ||
                               image.format() == QImage::Format_ARGB32 ||
                               image.format() == QImage::Format_ARGB32_Premultiplied
                           ? image
                           : image.convertToFormat(QImage::Format_RGB32);
    const int stepX = qMax(1, rgb.width() / 64);
    const int stepY = qMax(1, rgb.height() / 36);
    double sum = 0;
    int n = 0;
    for (int y = stepY / 2; y < rgb.height(); y += stepY) {
        const auto *row = reinterpret_cast<const QRgb *>(rgb.constScanLine(y));
        for (int x = stepX / 2; x < rgb.width(); x += stepX) {
            sum += qGray(row[x]);
            ++n;
        }
    }
    return n ? sum / n : 0;
}

} // namespace kiosk
