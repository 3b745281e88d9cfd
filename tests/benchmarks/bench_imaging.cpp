// Prints the imaging benchmark as Markdown tables (docs/imaging-benchmark.md): the
// budget encoder against an exhaustive search and a single encode, the downscale
// filters the encoder weighs, and the per-frame analysis time on 720p frames, on one
// core. --quick: 3 runs per figure instead of 7; --encoder-only: no frame analysis.
#include "imaging/budgetencoder.h"
#include "imaging/capturethresholds.h"
#include "imaging/facedetector.h"
#include "imaging/frameanalyzer.h"
#include "testimages.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <tuple>
#include <vector>

using namespace kiosk;
using kiosk::test::frameFrom;
using namespace Qt::StringLiterals;

namespace {

double medianMs(const std::function<void()> &work, int runs)
{
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        work();
        ms.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() / 2];
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

// Mean SSIM over the channels (Wang et al. 2004, 11x11 Gaussian window, sigma 1.5).
double ssim(const cv::Mat &a, const cv::Mat &b)
{
    // Scalar::all: a plain double would be added to the first channel only.
    const cv::Scalar c1 = cv::Scalar::all(6.5025), c2 = cv::Scalar::all(58.5225);
    cv::Mat x, y;
    a.convertTo(x, CV_32F);
    b.convertTo(y, CV_32F);
    const auto blur = [](const cv::Mat &m) {
        cv::Mat out;
        cv::GaussianBlur(m, out, cv::Size(11, 11), 1.5);
        return out;
    };
    const cv::Mat mx = blur(x), my = blur(y);
    const cv::Mat mx2 = mx.mul(mx), my2 = my.mul(my), mxy = mx.mul(my);
    const cv::Mat sx2 = blur(x.mul(x)) - mx2, sy2 = blur(y.mul(y)) - my2,
                  sxy = blur(x.mul(y)) - mxy;
    cv::Mat num = (2 * mxy + c1).mul(2 * sxy + c2), den = (mx2 + my2 + c1).mul(sx2 + sy2 + c2);
    cv::Mat map;
    cv::divide(num, den, map);
    const cv::Scalar m = cv::mean(map);
    return (m[0] + m[1] + m[2]) / 3;
}

// Downscale filters against a direct INTER_AREA resize: time, PSNR, SSIM and the JPEG
// bytes at quality 90 (relative), for the choices the encoder's areaResize weighs.
void resizeTable(QTextStream &out, const QString &samples, int runs)
{
    out << "## Downscale filters against a direct INTER_AREA resize\n\n"
        << "| photo | size | scale | method | ms | PSNR dB | SSIM | bytes at q90 |\n"
        << "|---|---|---|---|---|---|---|---|\n";
    const auto row = [&](const QString &photo, const char *size, double scale, const char *name,
                         double ms, const cv::Mat &ref, const cv::Mat &m) {
        const double psnr = cv::PSNR(ref, m);
        out << "| " << photo << " | " << size << " | " << QString::number(scale, 'f', 2) << " | "
            << name << " | " << QString::number(ms, 'f', 1) << " | "
            << (psnr > 99 ? u"inf"_s : QString::number(psnr, 'f', 1)) << " | "
            << QString::number(ssim(ref, m), 'f', 4) << " | "
            << QString::number(double(encodeJpeg(m, 90).size()) / encodeJpeg(ref, 90).size(), 'f',
                               3)
            << " |\n";
    };
    for (const QString &name : {u"leuvenA.jpg"_s, u"starry_night.jpg"_s}) {
        const cv::Mat photo = cv::imread(QString(samples + u'/' + name).toStdString());
        for (const auto &[size, w, h] : {std::tuple{"720p", 1280, 720}, {"4K", 3840, 2160}}) {
            const cv::Mat frame = frameFrom(photo, w, h);
            for (double scale : {0.82, 0.62, 0.48, 0.30}) {
                const cv::Size to(int(std::lround(w * scale)), int(std::lround(h * scale)));
                if (to.width < 640)
                    continue;
                cv::Mat area, linear, ours, halfArea;
                const double areaMs =
                    medianMs([&] { cv::resize(frame, area, to, 0, 0, cv::INTER_AREA); }, runs);
                row(name, size, scale, "INTER_AREA", areaMs, area, area);
                row(name, size, scale, "INTER_LINEAR",
                    medianMs([&] { cv::resize(frame, linear, to, 0, 0, cv::INTER_LINEAR); }, runs),
                    area, linear);
                if (scale > 0.5) {
                    // A 2x integer area step, then back up to the target size.
                    row(name, size, scale, "2x INTER_AREA + INTER_LINEAR up",
                        medianMs(
                            [&] {
                                cv::Mat half;
                                cv::resize(frame, half, cv::Size(w / 2, h / 2), 0, 0,
                                           cv::INTER_AREA);
                                cv::resize(half, halfArea, to, 0, 0, cv::INTER_LINEAR);
                            },
                            runs),
                        area, halfArea);
                } else {
                    row(name, size, scale, "integer INTER_AREA + INTER_AREA",
                        medianMs(
                            [&] {
                                const int f = std::min(w / to.width, h / to.height);
                                cv::Mat step;
                                cv::resize(frame, step, cv::Size(w / f, h / f), 0, 0,
                                           cv::INTER_AREA);
                                cv::resize(step, halfArea, to, 0, 0, cv::INTER_AREA);
                            },
                            runs),
                        area, halfArea);
                }
                row(name, size, scale, "areaResize (encoder)",
                    medianMs([&] { ours = areaResize(frame, to); }, runs), area, ours);
                out.flush();
            }
        }
    }
    out << "\n";
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    cv::setNumThreads(1);
    QTextStream out(stdout);
    const QString samples = QStringLiteral(KIOSK_OPENCV_SAMPLES);
    const QStringList photos{u"aloeL.jpg"_s,   u"building.jpg"_s, u"ela_original.jpg"_s,
                             u"leuvenA.jpg"_s, u"baboon.jpg"_s,   u"starry_night.jpg"_s};
    const struct
    {
        const char *name;
        int w, h;
    } sizes[] = {{"720p", 1280, 720}, {"1080p", 1920, 1080}, {"4K", 3840, 2160}};
    const QList<qint64> budgets{500000, 250000};
    const int runs = app.arguments().contains(u"--quick"_s) ? 3 : 7;
    const EncodeOptions o0;

    out << "## Budget encoder\n\n"
        << "| photo | size | budget | chosen q | best q | scale | max scale at q"
        << o0.preferredMinQuality
        << " | bytes | full+sample encodes | encoder ms | single encode ms | resize ms | ratio | "
           "ratio to resize+encode |\n"
        << "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n";
    std::vector<double> ratios, resizeRatios, plainRatios, scaledRatios, scaledResizeRatios;
    int within = 0, under = 0, total = 0, scaledTotal = 0, scaleWithin2 = 0;
    for (const QString &name : photos) {
        const cv::Mat photo = cv::imread(QString(samples + u'/' + name).toStdString());
        if (photo.empty()) {
            out << "missing " << name << "\n";
            return 1;
        }
        for (const auto &s : sizes) {
            const cv::Mat frame = frameFrom(photo, s.w, s.h);
            for (qint64 budget : budgets) {
                EncodeOptions o;
                o.budgetBytes = budget;
                const BudgetEncoder encoder(o);
                EncodeResult r;
                const double encMs = medianMs([&] { r = encoder.encode(frame); }, runs);
                ++total;
                if (!r.ok()) {
                    out << "| " << name << " | " << s.name << " | " << budget
                        << " | failed: " << r.error << " |\n";
                    continue;
                }
                const bool downscaled = r.size != frame.size();
                const cv::Mat scaled = areaResize(frame, r.size);
                const double resizeMs =
                    downscaled ? medianMs([&] { (void)areaResize(frame, r.size); }, runs) : 0.0;
                // Exhaustive: the best quality that fits at the size the encoder chose.
                int best = -1;
                for (int q = o.maxQuality; q >= 1 && best < 0; --q) {
                    if (encodeJpeg(scaled, q).size() <= budget)
                        best = q;
                }
                // Exhaustive too (bisection on the width, real resize + encode): the largest
                // scale at which the preferred quality fits.
                QString maxScale = u"-"_s;
                if (downscaled) {
                    int lo = o.minWidth, hi = frame.cols; // lo: fits or is the floor
                    while (hi - lo > 1) {
                        const int mid = (lo + hi) / 2;
                        const cv::Size size(
                            mid, int(std::lround(double(mid) * frame.rows / frame.cols)));
                        (encodeJpeg(areaResize(frame, size), o.preferredMinQuality).size() <= budget
                             ? lo
                             : hi) = mid;
                    }
                    const double bestScale = double(lo) / frame.cols;
                    maxScale = QString::number(bestScale, 'f', 3);
                    ++scaledTotal;
                    scaleWithin2 += r.scale >= 0.98 * bestScale;
                }
                const double singleMs =
                    medianMs([&] { (void)encodeJpeg(scaled, r.quality); }, runs);
                const double ratio = encMs / singleMs;
                const double resizeRatio = encMs / (resizeMs + singleMs);
                ratios.push_back(ratio);
                resizeRatios.push_back(resizeRatio);
                if (downscaled) {
                    scaledRatios.push_back(ratio);
                    scaledResizeRatios.push_back(resizeRatio);
                } else {
                    plainRatios.push_back(ratio);
                }
                under += r.jpeg.size() <= budget;
                within += std::abs(best - r.quality) <= 1;
                out << "| " << name << " | " << s.name << " | " << budget << " | " << r.quality
                    << " | " << best << " | " << QString::number(r.scale, 'f', 3) << " | "
                    << maxScale << " | " << r.jpeg.size() << " | " << r.fullEncodes << "+"
                    << r.sampleEncodes << " | " << QString::number(encMs, 'f', 1) << " | "
                    << QString::number(singleMs, 'f', 1) << " | "
                    << QString::number(resizeMs, 'f', 1) << " | " << QString::number(ratio, 'f', 2)
                    << " | " << QString::number(resizeRatio, 'f', 2) << " |\n";
                out.flush();
            }
        }
    }
    const auto fmt = [](const std::vector<double> &v) {
        return v.empty() ? u"-"_s
                         : QString::number(median(v), 'f', 2) + u" (worst "_s +
                               QString::number(*std::max_element(v.begin(), v.end()), 'f', 2) +
                               u", "_s + QString::number(v.size()) + u" cases)"_s;
    };
    out << "\nUnder budget: " << under << "/" << total
        << "; chosen quality within 1 of best: " << within << "/" << total
        << "; downscaled to at least 98 % of the max scale: " << scaleWithin2 << "/" << scaledTotal
        << "\n\n"
        << "| median ratio | to a single encode | to resize + single encode |\n"
        << "|---|---|---|\n"
        << "| all cases | " << fmt(ratios) << " | " << fmt(resizeRatios) << " |\n"
        << "| downscale needed | " << fmt(scaledRatios) << " | " << fmt(scaledResizeRatios)
        << " |\n"
        << "| no downscale | " << fmt(plainRatios) << " | " << fmt(plainRatios) << " |\n\n";
    out.flush();
    resizeTable(out, samples, runs);
    if (app.arguments().contains(u"--encoder-only"_s))
        return 0;

    // Frame analysis on 720p frames, one core.
    QString error;
    FaceDetector faces;
    const QString cascade = FaceDetector::locateCascade({}, &error);
    if (cascade.isEmpty() || !faces.load(cascade, &error)) {
        out << error << "\n";
        return 1;
    }
    const CaptureThresholds t;
    FrameAnalyzer analyzer(t, &faces);
    out << "## Frame analysis, 720p, one core (cv::setNumThreads(1))\n\n"
        << "| photo | quality ms | quality+card ms | quality+card+faces ms |\n"
        << "|---|---|---|---|\n";
    std::vector<double> all;
    for (const QString &name : photos + QStringList{u"messi5.jpg"_s}) {
        const cv::Mat frame =
            frameFrom(cv::imread(QString(samples + u'/' + name).toStdString()), 1280, 720);
        const int n = 31;
        const double q =
            medianMs([&] { (void)analyzer.analyze(frame, FrameAnalyzer::Quality); }, n);
        const double qc = medianMs(
            [&] { (void)analyzer.analyze(frame, FrameAnalyzer::Quality | FrameAnalyzer::Card); },
            n);
        const double a = medianMs([&] { (void)analyzer.analyze(frame); }, n);
        all.push_back(a);
        out << "| " << name << " | " << QString::number(q, 'f', 2) << " | "
            << QString::number(qc, 'f', 2) << " | " << QString::number(a, 'f', 2) << " |\n";
    }
    out << "\nMedian full analysis: " << QString::number(median(all), 'f', 2)
        << " ms per 720p frame\n";
    return 0;
}
