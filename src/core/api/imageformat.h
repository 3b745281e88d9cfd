#pragma once

#include <QByteArray>
#include <QString>

namespace kiosk::api {

// Formats recognised from the leading bytes of a file (BoldSign sends its images without
// a documented content type; Vlens accepts JPEG and PNG only).
enum class ImageFormat
{
    Unknown,
    Jpeg,
    Png,
    WebP,
    Gif,
    Bmp,
    Tiff,
    Pdf,
    Heic,
    Avif,
};

ImageFormat detectImageFormat(const QByteArray &bytes);
QString mimeType(ImageFormat format);      // "application/octet-stream" for Unknown
QString fileExtension(ImageFormat format); // "jpg", "png"... "bin" for Unknown

} // namespace kiosk::api
