#include "budgetencoder.h"

#include "jpegmetadata.h"
#include "logging.h"
#include "metrics/kioskmetrics.h"
#include "settings/settings.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <QElapsedTimer>

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
constexpr double kBytesPerAreaExponent = 0.78;
// The scale search aims this far under the target and stops within kScaleTolerance
// of it (in bytes, about 60 % of that in scale), after at most kMaxMosaics mosaics.
constexpr double kAim = 0.985;
constexpr double kScaleTolerance = 0.03;
// Mosaics over-predict by about 3.5 % (2-5 % on the benchmark photos): the seams between
// tiles cost extra DC bits. That is taken off, so the scale lands close to the largest
// that fits; an optimistic miss costs one more resize and encode (kMargin absorbs most).
constexpr double kMosaicBias = 0.965;
constexpr int kMaxMosaics = 4;

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

// One trial encode of a predictor: the JPEG's bytes and its header's share of them.
struct TrialEncode
{
    double bytes = 0;
    double header = 0;
};

// Encodes image at quality q and counts the encode (the predictors cache per quality).
TrialEncode trialEncode(const cv::Mat &image, int q, int *encodes)
{
    ++*encodes;
    std::vector<uchar> buf;
    const std::vector<int> params{cv::IMWRITE_JPEG_QUALITY, q};
    cv::imencode(".jpg", image, buf, params);
    return {double(buf.size()), double(headerBytes(buf))};
}

// Highest quality in [lo, hi] whose prediction fits target, or lo - 1. Regula falsi on
// log(bytes), nearly linear in quality: usually two or three predictions.
int searchQuality(int lo, int hi, double target, const std::function<double(int)> &predict)
{
    if (predict(hi) <= target)
        return hi;
    if (predict(lo) > target)
        return lo - 1;
    while (hi - lo > 1) { // invariant: lo fits, hi does not
        const double bl = std::log(predict(lo)), bh = std::log(predict(hi));
        const double t = (std::log(target) - bl) / std::max(1e-9, bh - bl);
        const int mid = std::clamp(lo + int(std::lround(t * (hi - lo))), lo + 1, hi - 1);
        (predict(mid) <= target ? lo : hi) = mid;
    }
    return lo;
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
        const TrialEncode trial = trialEncode(m_exact ? m_image : m_sample, q, encodes);
        double bytes = trial.bytes;
        if (!m_exact)
            bytes = trial.header + (trial.bytes - trial.header) * (m_totalMcus / m_sampleMcus);
        m_cache[q] = bytes;
        return bytes;
    }

    // Highest quality in [lo, hi] whose prediction fits target, or lo - 1.
    int search(int lo, int hi, double target, int *encodes)
    {
        return searchQuality(lo, hi, target, [&](int q) { return predict(q, encodes); });
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

cv::Size scaledSize(const cv::Mat &image, double scale)
{
    return {std::max(1, int(std::lround(image.cols * scale))),
            std::max(1, int(std::lround(image.rows * scale)))};
}

// Predicts the encoded size of the image downscaled by scale without downscaling it:
// kTiles source tiles, spread over the image, are copied into a mosaic that goes
// through the same resize as the image (areaResize), each tile landing exactly on one
// MCU of the output. Source tiles are a multiple of the integer area step, so that step
// never mixes two tiles. Many small tiles rather than fewer big ones: 72 tiles of 2x2
// MCUs missed by up to 10 % on building.jpg, 288 single MCUs by under 2.5 %. The mosaic's bytes per
// MCU scale to the whole output like SizePredictor's sample. The resized mosaic is kept:
// predictions at other qualities cost one small encode each.
class MosaicPredictor
{
public:
    MosaicPredictor(const cv::Mat &image, double scale)
    {
        const cv::Size out = scaledSize(image, scale);
        m_totalMcus = double((out.width + kMcu - 1) / kMcu) * ((out.height + kMcu - 1) / kMcu);
        const int factor = int(std::floor(1.0 / scale));
        const int step0 = std::max(1, factor);
        const int src = std::min({image.cols, image.rows,
                                  step0 * std::max(1, int(std::lround(kTile / (scale * step0))))});
        // Tile centres are fixed in the source (cells of kCell pixels), whatever the
        // scale: every scale sees the same content, so predictions at nearby scales
        // differ by the scale alone and the scale search converges.
        const int cols = std::max(1, image.cols / kCell), rows = std::max(1, image.rows / kCell);
        const int full = cols * rows;
        int step = std::max(1, full / kTiles);
        while (step > 1 && std::gcd(step, cols) != 1)
            ++step;
        const int perRow = kSampleColumns * kMcu / kTile;
        const int count = std::max(perRow, std::min(full, full / step) / perRow * perRow);
        cv::Mat mosaic((count / perRow) * src, perRow * src, image.type());
        for (int i = 0; i < count; ++i) {
            const int index = (step / 2 + i * step) % full;
            const int cx = (index % cols) * kCell + kCell / 2,
                      cy = (index / cols) * kCell + kCell / 2;
            const int x = std::clamp(cx - src / 2, 0, image.cols - src);
            const int y = std::clamp(cy - src / 2, 0, image.rows - src);
            image(cv::Rect(x, y, src, src))
                .copyTo(mosaic(cv::Rect((i % perRow) * src, (i / perRow) * src, src, src)));
        }
        m_sample = areaResize(mosaic, cv::Size(perRow * kTile, (count / perRow) * kTile));
        m_sampleMcus = double(count) * (kTile / kMcu) * (kTile / kMcu);
        // A tile of src pixels becomes kTile pixels: the mosaic's own scale is off by a
        // few % (src is an integer). Bytes per MCU go with scale^(exponent - 2).
        m_perMcuCorrection = std::pow(scale * src / kTile, 2 * kBytesPerAreaExponent - 2);
    }

    double predict(int q, int *encodes)
    {
        const auto it = m_cache.find(q);
        if (it != m_cache.end())
            return it->second;
        const TrialEncode trial = trialEncode(m_sample, q, encodes);
        const double bytes = trial.header + (trial.bytes - trial.header) * kMosaicBias *
                                                m_perMcuCorrection * m_totalMcus / m_sampleMcus;
        m_cache[q] = bytes;
        return bytes;
    }

private:
    static constexpr int kTile = kMcu;
    static constexpr int kTiles = 288;
    static constexpr int kCell = 32;
    cv::Mat m_sample;
    double m_totalMcus = 0;
    double m_sampleMcus = 1;
    double m_perMcuCorrection = 1;
    std::map<int, double> m_cache;
};

} // namespace

// Area interpolation. Above half size, OpenCV's INTER_AREA itself. Below half size, an
// exact integer area step first (OpenCV's fast path), then the remaining ratio, which
// lies in (2/3, 1], with INTER_LINEAR: 2 to 4 times faster than an INTER_AREA remainder
// and as close to a direct INTER_AREA resize (PSNR 42-53 dB on the benchmark photos,
// docs/imaging-benchmark.md).
cv::Mat areaResize(const cv::Mat &image, cv::Size size)
{
    const int width = size.width, height = size.height;
    if (width >= image.cols || height >= image.rows || width < 1 || height < 1)
        return image;
    cv::Mat out;
    const int factor = std::min(image.cols / width, image.rows / height);
    if (factor >= 2 && image.cols / factor >= width && image.rows / factor >= height) {
        cv::Mat src;
        cv::resize(image, src, cv::Size(image.cols / factor, image.rows / factor), 0, 0,
                   cv::INTER_AREA);
        if (src.size() == size)
            return src;
        cv::resize(src, out, size, 0, 0, cv::INTER_LINEAR);
        return out;
    }
    cv::resize(image, out, size, 0, 0, cv::INTER_AREA);
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
    o.kind = kind;
    o.budgetBytes = settings
                        .value(kind == ImageKind::Face ? Settings::Key::ImageBudgetFaceBytes
                                                       : Settings::Key::ImageBudgetIdBytes)
                        .toLongLong();
    o.maxQuality = settings.integer(Settings::Key::JpegMaxQuality);
    o.preferredMinQuality = settings.integer(Settings::Key::JpegPreferredMinQuality);
    o.minQuality = settings.integer(Settings::Key::JpegMinQuality);
    o.minWidth = settings.integer(Settings::Key::JpegMinWidth);
    o.maxWidth = settings.integer(Settings::Key::JpegMaxWidth);
    return o;
}

BudgetEncoder::BudgetEncoder(EncodeOptions options)
    : m_options(std::move(options))
{}

EncodeResult BudgetEncoder::encode(const cv::Mat &image) const
{
    QElapsedTimer timer;
    timer.start();
    EncodeResult r;
    try {
        cv::Mat pixels = image;
        if (m_options.maxWidth > 0 && image.cols > m_options.maxWidth && image.depth() == CV_8U) {
            const int height =
                std::max(1, cvRound(double(image.rows) * m_options.maxWidth / image.cols));
            cv::resize(image, pixels, cv::Size(m_options.maxWidth, height), 0, 0, cv::INTER_AREA);
        }
        // BGRA is narrowed first, then loses its alpha: the area resize treats each channel
        // alone, so the bytes are those of narrowing the BGR image.
        if (pixels.depth() == CV_8U && pixels.channels() == 4) {
            cv::Mat bgr;
            cv::cvtColor(pixels, bgr, cv::COLOR_BGRA2BGR);
            pixels = bgr;
        }
        r = encodeImage(pixels);
        r.scale *= double(pixels.cols) / image.cols;
    } catch (const cv::Exception &e) {
        r = EncodeResult();
        r.error = QString::fromUtf8(e.what());
    }
    if (m_options.metrics)
        m_options.metrics->recordEncode(m_options.kind, double(timer.nsecsElapsed()) / 1e9,
                                        r.jpeg.size());
    return r;
}

EncodeResult BudgetEncoder::encodeImage(const cv::Mat &image) const
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
        qCDebug(lcImaging) << "whole encode at q" << q << "measured/predicted" << correction
                           << "scale" << double(img.cols) / image.cols;
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

        // Downscale: the largest size at which the preferred quality fits, found on
        // resized mosaics of the image's own tiles; then the image is resized once, at
        // the best quality the mosaic predicts at that size.
        const double minScale = std::min(1.0, double(o.minWidth) / image.cols);
        const double maxScale = 0.999;
        std::map<double, MosaicPredictor> mosaics;
        const auto mosaicAt = [&](double s) -> MosaicPredictor & {
            auto it = mosaics.find(s);
            if (it == mosaics.end())
                it = mosaics.emplace(s, MosaicPredictor(image, s)).first;
            return it->second;
        };
        // Bytes go with scale^exponent; a secant on log-log refines the exponent on each
        // mosaic, starting from the full-size prediction.
        double exponent = 2 * kBytesPerAreaExponent;
        double prevScale = 1.0, prevBytes = predictor.predict(prefQ, &r.sampleEncodes);
        double fitScale = 0, overScale = 1.0;
        double s =
            std::clamp(std::pow(target * kAim / prevBytes, 1 / exponent), minScale, maxScale);
        for (int i = 0; i < kMaxMosaics; ++i) {
            const double b = mosaicAt(s).predict(prefQ, &r.sampleEncodes);
            if (b <= target) {
                fitScale = std::max(fitScale, s);
                if (b >= target * (1.0 - kScaleTolerance) || s >= maxScale)
                    break;
            } else {
                overScale = std::min(overScale, s);
                if (s <= minScale)
                    break;
            }
            // Only steps of 5 % or more teach the exponent: over shorter ones the
            // mosaics' sampling noise (about 2 %) would dominate.
            if (std::abs(std::log(s / prevScale)) > 0.05 && b > 0 && prevBytes > 0)
                exponent = std::clamp(std::log(b / prevBytes) / std::log(s / prevScale), 0.6, 3.0);
            prevScale = s;
            prevBytes = b;
            const double lo = std::max(minScale, fitScale), hi = std::min(maxScale, overScale);
            s = std::clamp(s * std::pow(target * kAim / b, 1 / exponent), lo, hi);
            // Inside the bracket, never back onto one of its ends.
            if (fitScale > 0 && (s <= fitScale * 1.002 || s >= overScale * 0.998))
                s = std::sqrt(fitScale * overScale);
            if (fitScale > 0 && overScale / fitScale < 1.005)
                break;
        }
        double scale = fitScale > 0 ? fitScale : minScale;
        // After a miss, what the whole encode measured corrects the next predictions.
        double missCorrection = 1.0;
        for (int attempt = 0; attempt < 4; ++attempt) {
            MosaicPredictor &mosaic = mosaicAt(scale);
            const auto predictScaled = [&](int quality) {
                return mosaic.predict(quality, &r.sampleEncodes) * missCorrection;
            };
            const bool atMin = scale <= minScale * 1.0001;
            int sq = prefQ;
            if (predictScaled(prefQ) <= target) {
                while (sq < maxQ && predictScaled(sq + 1) <= target)
                    ++sq;
            } else if (atMin) {
                sq = std::max(minQ, searchQuality(minQ, prefQ - 1, target, predictScaled));
            }
            const cv::Mat work = areaResize(image, scaledSize(image, scale));
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
            missCorrection *= double(jpeg.size()) / predictScaled(floor);
            scale = std::max(minScale,
                             scale * std::pow(target * kAim / double(jpeg.size()), 1 / exponent));
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
