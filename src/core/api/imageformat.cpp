#include "imageformat.h"

using namespace Qt::StringLiterals;

namespace kiosk::api {

ImageFormat detectImageFormat(const QByteArray &b)
{
    if (b.startsWith("\xFF\xD8\xFF"))
        return ImageFormat::Jpeg;
    if (b.startsWith("\x89PNG\r\n\x1A\n"))
        return ImageFormat::Png;
    if (b.size() >= 12 && b.startsWith("RIFF") && b.mid(8, 4) == "WEBP")
        return ImageFormat::WebP;
    if (b.startsWith("GIF87a") || b.startsWith("GIF89a"))
        return ImageFormat::Gif;
    if (b.size() >= 14 && b.startsWith("BM"))
        return ImageFormat::Bmp;
    if (b.startsWith(QByteArrayView("II*\0", 4)) || b.startsWith(QByteArrayView("MM\0*", 4)))
        return ImageFormat::Tiff;
    if (b.startsWith("%PDF-"))
        return ImageFormat::Pdf;
    // ISO base media file: size(4) "ftyp" brand(4). HEIF family brands.
    if (b.size() >= 12 && b.mid(4, 4) == "ftyp") {
        const QByteArray brand = b.mid(8, 4);
        if (brand == "avif" || brand == "avis")
            return ImageFormat::Avif;
        if (brand == "heic" || brand == "heix" || brand == "hevc" || brand == "hevx" ||
            brand == "heim" || brand == "heis" || brand == "mif1" || brand == "msf1")
            return ImageFormat::Heic;
    }
    return ImageFormat::Unknown;
}

QString mimeType(ImageFormat format)
{
    switch (format) {
    case ImageFormat::Jpeg:
        return u"image/jpeg"_s;
    case ImageFormat::Png:
        return u"image/png"_s;
    case ImageFormat::WebP:
        return u"image/webp"_s;
    case ImageFormat::Gif:
        return u"image/gif"_s;
    case ImageFormat::Bmp:
        return u"image/bmp"_s;
    case ImageFormat::Tiff:
        return u"image/tiff"_s;
    case ImageFormat::Pdf:
        return u"application/pdf"_s;
    case ImageFormat::Heic:
        return u"image/heic"_s;
    case ImageFormat::Avif:
        return u"image/avif"_s;
    case ImageFormat::Unknown:
        break;
    }
    return u"application/octet-stream"_s;
}

QString fileExtension(ImageFormat format)
{
    switch (format) {
    case ImageFormat::Jpeg:
        return u"jpg"_s;
    case ImageFormat::Png:
        return u"png"_s;
    case ImageFormat::WebP:
        return u"webp"_s;
    case ImageFormat::Gif:
        return u"gif"_s;
    case ImageFormat::Bmp:
        return u"bmp"_s;
    case ImageFormat::Tiff:
        return u"tiff"_s;
    case ImageFormat::Pdf:
        return u"pdf"_s;
    case ImageFormat::Heic:
        return u"heic"_s;
    case ImageFormat::Avif:
        return u"avif"_s;
    case ImageFormat::Unknown:
        break;
    }
    return u"bin"_s;
}

} // namespace kiosk::api
