// Base64 image decoding: GetStepImage's data.image (bare base64 or a data: URL), then the
// format sniffing the kiosk applies to the decoded bytes before it saves or shows them.
#include "api/imageformat.h"
#include "api/vlenstypes.h"

#include <QJsonObject>

#include <cstddef>
#include <cstdint>

using namespace kiosk::api;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    StepImage image;
    QString why;
    if (parseStepImage(QJsonObject{{QStringLiteral("image"), text}}, &image, &why)) {
        if (image.bytes.isEmpty())
            __builtin_trap(); // success promises bytes
        const ImageFormat format = detectImageFormat(image.bytes);
        (void)mimeType(format);
        (void)fileExtension(format);
    } else if (why.isEmpty()) {
        __builtin_trap(); // a refusal always says why
    }
    // The raw bytes too: the sniffing must survive anything a server sends.
    (void)detectImageFormat(QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)));
    return 0;
}
