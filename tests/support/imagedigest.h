#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QCryptographicHash>
#include <QImage>

namespace kiosk::test {

// SHA-256 of an image's pixels as RGB32, row by row (no padding, no metadata): equal
// digests mean pixel-identical renderings.
inline QByteArray imageDigest(const QImage &image)
{
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (int y = 0; y < rgb.height(); ++y)
        hash.addData(
            QByteArrayView(reinterpret_cast<const char *>(rgb.constScanLine(y)), rgb.width() * 4));
    return hash.result();
}

} // namespace kiosk::test
