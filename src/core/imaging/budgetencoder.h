#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <opencv2/core.hpp>

namespace kiosk {
namespace metrics {
class KioskMetrics;
}

class Settings;

// What an image is for: each kind has its own byte budget in the settings.
enum class ImageKind
{
    IdCard,
    Face,
};

struct EncodeOptions
{
    qint64 budgetBytes = 500000;
    int maxQuality = 95;
    // Face matching suffers below about 90: downscale first, drop quality below this last.
    int preferredMinQuality = 90;
    int minQuality = 50;
    // Never downscale below this width; drop quality instead.
    int minWidth = 640;
    // Wider images are downscaled to this width first (area resize); 0: no limit.
    int maxWidth = 0;
    // Embedded as EXIF DateTimeOriginal + SubSecTimeOriginal when valid.
    QDateTime captureTime;

    // Encode time and bytes are recorded per kind when metrics are set (thread-safe).
    ImageKind kind = ImageKind::IdCard;
    metrics::KioskMetrics *metrics = nullptr;

    static EncodeOptions fromSettings(const Settings &settings, ImageKind kind);
};

struct EncodeResult
{
    QByteArray jpeg; // empty on failure
    int quality = 0;
    cv::Size size;       // of the encoded image
    double scale = 1.0;  // encoded width / input width
    int fullEncodes = 0; // encodes of the whole image (the expensive ones)
    int sampleEncodes = 0;
    QString error; // set on failure, for logs (never contains image data)

    bool ok() const { return !jpeg.isEmpty(); }
};

// JPEG under a byte budget at the highest quality that fits. Instead of walking the
// quality scale it predicts the size at each quality from a sample of the image's own
// 16x16 blocks (an encoded block costs the same bits wherever it sits, so the sample's
// bytes scale to the whole image), picks the quality, then encodes the whole image
// once; a second whole encode happens only when the prediction missed. When even
// preferredMinQuality does not fit, the image is downscaled (areaResize) before the
// quality drops further: the scale comes from mosaics of source tiles resized to
// candidate scales, then the image is resized once and encoded once. Deterministic:
// the same input gives the same bytes.
class BudgetEncoder
{
public:
    explicit BudgetEncoder(EncodeOptions options = {});

    // image: 8-bit BGR, grey, or BGRA (alpha ignored; matView of a camera frame).
    EncodeResult encode(const cv::Mat &image) const;

    const EncodeOptions &options() const { return m_options; }

private:
    EncodeResult encodeImage(const cv::Mat &image) const;

    EncodeOptions m_options;
};

// One plain encode at a fixed quality (what the budget encoder calls; for benchmarks
// and tests). Returns an empty array on failure.
QByteArray encodeJpeg(const cv::Mat &image, int quality);
// Area-interpolated downscale (returns image itself unless size is smaller): INTER_AREA
// above half size; below it an integer INTER_AREA step, then INTER_LINEAR for the rest.
cv::Mat areaResize(const cv::Mat &image, cv::Size size);

} // namespace kiosk
