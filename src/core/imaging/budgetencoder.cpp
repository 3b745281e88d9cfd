#include "budgetencoder.h"

#include "jpegmetadata.h"
#include "logging.h"
#include "settings/settings.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <numeric>

using namespace Qt::StringLiterals;

namespace kiosk {

namespace {

constexpr int kMcu = 16; // 4:2:0 colour MCU; grey images have 8x8 MCUs, 16 stays aligned
constexpr int kSampleMcus = 256;
constexpr int kSampleColumns = 24;
// Predictions aim this far under the budget, so a small miss still fits.
constexpr double kMargin = 0.015;
// JPEG bytes grow more slowly than the pixel count when downscaling (denser detail).
constexpr double kBytesPerAreaExponent = 0.85;

qsizetype headerBytes(const std::vector<uchar> &jpeg)
{
    for (size_t i = 2; i + 3 < jpeg.size();) {
        if (jpeg[i] != 0xff)
            return 0;
        const size_t len = size_t(jpeg[i + 2]) << 8 | jpeg[i + 3];
        if (jpeg[i + 1] == 0xda)
            return qsizetype(i + 2 + len);
        i += 2 + len;
    }
    return 0;
}

// Predicts the encoded size of a whole image at any quality from a sample of its MCUs,
// copied unchanged (aligned) into a small image. Blocks are coded independently apart
// from the DC prediction, so sample bytes x (image MCUs / sample MCUs) tracks the
// whole image closely. Results are cached per quality.
class SizePredictor
{
public:
    explicit SizePredictor(const cv::Mat &image)
        : m_image(image)
    {
        const int cols = image.cols / kMcu, rows = image.rows / kMcu;
        m_totalMcus = double((image.cols + kMcu - 1) / kMcu) * ((image.rows + kMcu - 1) / kMcu);
        const int full = cols * rows;
        if (full < 4 * kSampleMcus) {
            m_exact = true; // small image: encoding it whole is as cheap as sampling
            return;
        }
        // A step coprime with the row length staggers the picks across columns.
        int step = full / kSampleMcus;
        while (std::gcd(step, cols) != 1)
            ++step;
        const int count = (full / step) / kSampleColumns * kSampleColumns;
        m_sample.create((count / kSampleColumns) * kMcu, kSampleColumns * kMcu, image.type());
        for (int i = 0; i < count; ++i) {
            const int index = step / 2 + i * step;
            const cv::Rect from((index % cols) * kMcu, (index / cols) * kMcu, kMcu, kMcu);
            const cv::Rect to((i % kSampleColumns) * kMcu, (i / kSampleColumns) * kMcu, kMcu, kMcu);
            image(from).copyTo(m_sample(to));
        }
        m_sampleMcus = count;
    }

    // Predicted bytes of the whole image at quality q.
    double predict(int q, int *encodes)
    {
        const auto it = m_cache.find(q);
        if (it != m_cache.end())
            return it->second;
        ++*encodes;
        std::vector<uchar> buf;
        const std::vector<int> params{cv::IMWRITE_JPEG_QUALITY, q};
        cv::imencode(".jpg", m_exact ? m_image : m_sample, buf, params);
        double bytes = double(buf.size());
        if (!m_exact) {
            const double header = double(headerBytes(buf));
            bytes = header + (bytes - header) * (m_totalMcus / m_sampleMcus);
        }
        m_cache[q] = bytes;
        return bytes;
    }

    // Highest quality in [lo, hi] whose prediction fits target, or lo - 1.
    int search(int lo, int hi, double target, int *encodes)
    {
        if (predict(hi, encodes) <= target)
            return hi;
        if (predict(lo, encodes) > target)
            return lo - 1;
        // Regula falsi on log(bytes), nearly linear in quality: one or two more encodes.
        while (hi - lo > 1) { // invariant: lo fits, hi does not
            const double bl = std::log(predict(lo, encodes)), bh = std::log(predict(hi, encodes));
            const double t = (std::log(target) - bl) / std::max(1e-9, bh - bl);
            const int mid = std::clamp(lo + int(std::lround(t * (hi - lo))), lo + 1, hi - 1);
            (predict(mid, encodes) <= target ? lo : hi) = mid;
        }
        return lo;
    }

    bool exact() const { return m_exact; }

private:
    cv::Mat m_image;
    cv::Mat m_sample;
    double m_totalMcus = 0;
    int m_sampleMcus = 0;
    bool m_exact = false;
    std::map<int, double> m_cache;
};

// Predicts the encoded size of the image downscaled by scale, without downscaling it:
// evenly spaced full-width strips, one MCU row high at the target scale, are each
// area-resized on their own and encoded together.
class ScaledPredictor
{
public:
    explicit ScaledPredictor(const cv::Mat &image)
        : m_image(image)
    {}

    double predict(double scale, int q, int *encodes)
    {
        const int width = std::max(kMcu, int(std::lround(m_image.cols * scale)));
        const int height = std::max(kMcu, int(std::lround(m_image.rows * scale)));
        const int cols = width / kMcu, rows = height / kMcu;
        const int strips = std::clamp(kSampleMcus / std::max(1, cols), 2, rows);
        cv::Mat sample(strips * kMcu, cols * kMcu, m_image.type());
        const double sy = double(m_image.rows) / height, sx = double(m_image.cols) / width;
        const int srcWidth = std::min(m_image.cols, int(std::lround(cols * kMcu * sx)));
        for (int i = 0; i < strips; ++i) {
            const int row = int((i + 0.5) * rows / strips);
            const int y0 = int(std::floor(row * kMcu * sy));
            const int y1 = std::min(m_image.rows, int(std::ceil((row + 1) * kMcu * sy)));
            cv::Mat strip = sample(cv::Rect(0, i * kMcu, cols * kMcu, kMcu));
            cv::resize(m_image(cv::Rect(0, y0, srcWidth, y1 - y0)), strip, strip.size(), 0, 0,
                       cv::INTER_AREA);
        }
        ++*encodes;
        std::vector<uchar> buf;
        const std::vector<int> params{cv::IMWRITE_JPEG_QUALITY, q};
        cv::imencode(".jpg", sample, buf, params);
        const double header = double(headerBytes(buf));
        const double total = double((width + kMcu - 1) / kMcu) * ((height + kMcu - 1) / kMcu);
        return header + (double(buf.size()) - header) * total / (double(strips) * cols);
    }

    // Largest scale in [minScale, maxScale] whose prediction at q fits target (about
    // 1 % apart), from a power-law model refined on each new prediction.
    double search(double minScale, double maxScale, int q, double target, double bytesAtMax,
                  int *encodes)
    {
        double fitScale = minScale, overScale = maxScale;
        double s1 = maxScale, b1 = bytesAtMax;
        double exponent = 2 * kBytesPerAreaExponent;
        double s = std::clamp(maxScale * std::pow(target * 0.98 / bytesAtMax, 1 / exponent),
                              minScale, maxScale);
        for (int i = 0; i < 4 && overScale / fitScale > 1.02; ++i) {
            const double b = predict(s, q, encodes);
            (b <= target ? fitScale : overScale) = s;
            if (std::abs(std::log(s / s1)) > 1e-3 && b > 0 && b1 > 0)
                exponent = std::clamp(std::log(b / b1) / std::log(s / s1), 1.0, 2.5);
            s1 = s;
            b1 = b;
            // Aim just under the target, inside the bracket.
            s = std::clamp(s * std::pow(target * 0.98 / b, 1 / exponent), fitScale, overScale);
            if (s <= fitScale * 1.002 || s >= overScale * 0.998)
                s = std::sqrt(fitScale * overScale);
        }
        return fitScale;
    }

private:
    cv::Mat m_image;
};

} // namespace

// Area interpolation; below half size an exact integer step first (OpenCV's fast
// path), then the rest, which costs far less than one arbitrary-ratio area resize.
cv::Mat areaResize(const cv::Mat &image, cv::Size size)
{
    const int width = size.width, height = size.height;
    if (width >= image.cols || height >= image.rows || width < 1 || height < 1)
        return image;
    cv::Mat src = image;
    const int factor = std::min(image.cols / width, image.rows / height);
    if (factor >= 2 && image.cols / factor >= width && image.rows / factor >= height) {
        cv::resize(image, src, cv::Size(image.cols / factor, image.rows / factor), 0, 0,
                   cv::INTER_AREA);
    }
    cv::Mat out;
    if (src.size() == cv::Size(width, height))
        return src;
    cv::resize(src, out, cv::Size(width, height), 0, 0, cv::INTER_AREA);
    return out;
}

QByteArray encodeJpeg(const cv::Mat &image, int quality)
{
    std::vector<uchar> buf;
    const std::vector<int> params{cv::IMWRITE_JPEG_QUALITY, quality};
    try {
        if (!cv::imencode(".jpg", image, buf, params))
            return {};
    } catch (const cv::Exception &e) {
        qCWarning(lcImaging) << "JPEG encode failed:" << e.what();
        return {};
    }
    return QByteArray(reinterpret_cast<const char *>(buf.data()), qsizetype(buf.size()));
}

EncodeOptions EncodeOptions::fromSettings(const Settings &settings, ImageKind kind)
{
    EncodeOptions o;
    o.budgetBytes = settings
                        .value(kind == ImageKind::Face ? Settings::Key::ImageBudgetFaceBytes
                                                       : Settings::Key::ImageBudgetIdBytes)
                        .toLongLong();
    o.maxQuality = settings.integer(Settings::Key::JpegMaxQuality);
    o.preferredMinQuality = settings.integer(Settings::Key::JpegPreferredMinQuality);
    o.minQuality = settings.integer(Settings::Key::JpegMinQuality);
    o.minWidth = settings.integer(Settings::Key::JpegMinWidth);
    return o;
}

BudgetEncoder::BudgetEncoder(EncodeOptions options)
    : m_options(std::move(options))
{}

EncodeResult BudgetEncoder::encode(const cv::Mat &image) const
{
    EncodeResult r;
    const EncodeOptions &o = m_options;
    if (image.empty() || image.depth() != CV_8U ||
        (image.channels() != 1 && image.channels() != 3)) {
        r.error = u"expected a non-empty 8-bit grey or BGR image"_s;
        return r;
    }
    const int maxQ = std::clamp(o.maxQuality, 1, 100);
    const int prefQ = std::clamp(o.preferredMinQuality, 1, maxQ);
    const int minQ = std::clamp(o.minQuality, 1, prefQ);
    const qint64 budget = o.budgetBytes - (o.captureTime.isValid() ? captureTimeSegmentSize() : 0);
    if (budget <= 0) {
        r.error = u"budget too small"_s;
        return r;
    }
    const auto finish = [&](QByteArray jpeg, int q, const cv::Mat &encoded) {
        if (o.captureTime.isValid())
            jpeg = withCaptureTime(jpeg, o.captureTime);
        r.jpeg = jpeg;
        r.quality = q;
        r.size = encoded.size();
        r.scale = double(encoded.cols) / image.cols;
        qCDebug(lcImaging) << "encoded" << image.cols << "x" << image.rows << "->" << r.size.width
                           << "x" << r.size.height << "q" << q << r.jpeg.size() << "bytes,"
                           << r.fullEncodes << "full +" << r.sampleEncodes << "sample encodes";
        return r;
    };
    // Encodes at q, stepping down to floor while the result misses the budget;
    // returns the quality used, or floor - 1 with the last (too large) bytes.
    const auto encodeDown = [&](const cv::Mat &img, int q, int floor,
                                const std::function<double(int)> &predict, QByteArray *jpeg) {
        for (; q >= floor; --q) {
            *jpeg = encodeJpeg(img, q);
            ++r.fullEncodes;
            if (jpeg->isEmpty() || jpeg->size() <= budget)
                return q;
            // The miss recalibrates the prediction: skip qualities it still rules out.
            const double correction = double(jpeg->size()) / predict(q);
            while (q - 1 > floor && predict(q - 1) * correction > budget)
                --q;
        }
        return floor - 1;
    };
    // After a whole encode that fits: when the measured bytes show the prediction was
    // pessimistic by two or more quality steps, one more encode takes the better quality.
    const auto refineUp = [&](const cv::Mat &img, int q, const std::function<double(int)> &predict,
                              QByteArray *jpeg) {
        const double correction = double(jpeg->size()) / predict(q);
        int up = q;
        while (up < maxQ && predict(up + 1) * correction <= budget * (1.0 - kMargin))
            ++up;
        if (up < q + 2)
            return q;
        const QByteArray better = encodeJpeg(img, up);
        ++r.fullEncodes;
        if (better.isEmpty() || better.size() > budget)
            return q;
        *jpeg = better;
        return up;
    };

    try {
        const bool canShrink = image.cols > o.minWidth;
        SizePredictor predictor(image);
        const double target = predictor.exact() ? double(budget) : budget * (1.0 - kMargin);
        const auto predictFull = [&](int q) { return predictor.predict(q, &r.sampleEncodes); };
        int q = predictor.search(prefQ, maxQ, target, &r.sampleEncodes);
        if (q >= prefQ || !canShrink) {
            if (q < prefQ)
                q = predictor.search(minQ, prefQ - 1, target, &r.sampleEncodes);
            QByteArray jpeg;
            if (q >= minQ) {
                const int used = encodeDown(image, q, canShrink ? prefQ : minQ, predictFull, &jpeg);
                if (jpeg.isEmpty()) {
                    r.error = u"JPEG encoder failed"_s;
                    return r;
                }
                if (used >= minQ && jpeg.size() <= budget) {
                    const int best = refineUp(image, used, predictFull, &jpeg);
                    return finish(jpeg, best, image);
                }
            }
            if (!canShrink) {
                r.error = u"does not fit %1 bytes even at quality %2 and width %3"_s.arg(budget)
                              .arg(minQ)
                              .arg(image.cols);
                return r;
            }
        }

        // Downscale: the largest size at which the preferred quality fits, then the best
        // quality at that size, predicted on resized strips before resizing the image.
        ScaledPredictor scaled(image);
        const double minScale = double(o.minWidth) / image.cols;
        double scale = scaled.search(minScale, 0.999, prefQ, target,
                                     predictor.predict(prefQ, &r.sampleEncodes), &r.sampleEncodes);
        for (int attempt = 0; attempt < 4; ++attempt) {
            const auto predictScaled = [&](int quality) {
                return scaled.predict(scale, quality, &r.sampleEncodes);
            };
            const bool atMin = scale <= minScale * 1.0001;
            int sq = prefQ;
            if (predictScaled(prefQ) <= target) {
                while (sq < maxQ && predictScaled(sq + 1) <= target)
                    ++sq;
            } else if (atMin) {
                // Highest quality below the preferred one that fits (bisection).
                int lo = minQ, hi = prefQ - 1;
                if (predictScaled(hi) <= target) {
                    lo = hi;
                } else {
                    while (hi - lo > 1) {
                        const int mid = (lo + hi) / 2;
                        (predictScaled(mid) <= target ? lo : hi) = mid;
                    }
                }
                sq = lo;
            }
            const cv::Mat work =
                areaResize(image, cv::Size(std::max(1, int(std::lround(image.cols * scale))),
                                           std::max(1, int(std::lround(image.rows * scale)))));
            QByteArray jpeg;
            const int floor = atMin ? minQ : prefQ;
            const int used = encodeDown(work, sq, floor, predictScaled, &jpeg);
            if (jpeg.isEmpty()) {
                r.error = u"JPEG encoder failed"_s;
                return r;
            }
            if (used >= floor && jpeg.size() <= budget) {
                const int best = refineUp(work, used, predictScaled, &jpeg);
                return finish(jpeg, best, work);
            }
            if (atMin)
                break;
            // Rare: the prediction was optimistic; shrink by the overshoot and retry.
            const double over = double(jpeg.size()) / double(budget);
            scale = std::max(minScale,
                             scale * std::pow(1.0 / over, 0.5 / kBytesPerAreaExponent) * 0.99);
        }
        r.error =
            u"does not fit %1 bytes even at quality %2 and width %3"_s.arg(budget).arg(minQ).arg(
                o.minWidth);
    } catch (const cv::Exception &e) {
        r.error = u"OpenCV: %1"_s.arg(QString::fromUtf8(e.what()));
    }
    return r;
}

} // namespace kiosk
