// The timed liveness burst through the real QCamera pipeline on the fake camera at
// 30 fps: planned against achieved spans, window, distinctness, start-up latency, and
// stalls injected into the camera that the watchdog must recover. Prints tables.
//   build/bin/bench_burst [bursts=100] [stall-cycles=10]
// Uses the build's fake camera (GST_PLUGIN_PATH and the face video scene are set here);
// KIOSK_FAKECAM_PROFILE picks the webcam it plays (uvc-1080p, mjpeg-only, yuy2-only,
// uvc-4k, lowlight, tiny). Every frame is converted for the preview as the kiosk does, so
// the CPU figure is camera + preview (fake camera's own JPEG encoding included).
#include "capture/burstcontroller.h"
#include "capture/clock.h"
#include "qtcamerasource.h"

#include <QCameraFormat>

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QGuiApplication>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>

using namespace kiosk;

namespace {

double cpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

double percentile(QList<double> v, double p)
{
    if (v.isEmpty())
        return -1;
    std::sort(v.begin(), v.end());
    return v.at(std::min<qsizetype>(v.size() - 1, qsizetype(p * double(v.size()))));
}

void writeControl(const QString &path, const QByteArray &text)
{
    QFile f(path + QStringLiteral(".new"));
    if (f.open(QIODevice::WriteOnly)) {
        f.write(text);
        f.close();
        std::rename(QFile::encodeName(f.fileName()).constData(),
                    QFile::encodeName(path).constData());
    }
}

// Runs the event loop until `count` more frames came (true) or the timeout passed.
// (A QSignalSpy on frameArrived would keep every frame, and gigabytes of pixels.)
bool waitFrames(FrameSource &source, int count, int timeoutMs)
{
    QEventLoop loop;
    int seen = 0;
    QObject::connect(&source, &FrameSource::frameArrived, &loop, [&]() {
        if (++seen >= count)
            loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    return seen >= count;
}

bool pairwiseDistinct(const BurstResult &r)
{
    for (int i = 0; i < r.frames.size(); ++i) {
        for (int j = i + 1; j < r.frames.size(); ++j) {
            if (r.frames.at(i).image() == r.frames.at(j).image())
                return false;
        }
    }
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QTemporaryDir dir;
    const QString control = dir.filePath(QStringLiteral("control"));
    writeControl(control, "epoch=1\n");
    if (!qEnvironmentVariableIsSet("GST_PLUGIN_PATH"))
        qputenv("GST_PLUGIN_PATH", KIOSK_GST_PLUGIN_DIR);
    if (!qEnvironmentVariableIsSet("GST_REGISTRY"))
        qputenv("GST_REGISTRY", KIOSK_GST_REGISTRY);
    if (!qEnvironmentVariableIsSet("KIOSK_FAKECAM_SCENE") &&
        QFile::exists(QStringLiteral(KIOSK_OPENCV_SAMPLES "/Megamind.avi")))
        qputenv("KIOSK_FAKECAM_SCENE", KIOSK_OPENCV_SAMPLES "/Megamind.avi");
    qputenv("KIOSK_FAKECAM_CONTROL", QFile::encodeName(control));
    qputenv("QT_MEDIA_BACKEND", "gstreamer");
    QGuiApplication app(argc, argv);
    const int bursts = argc > 1 ? std::max(1, atoi(argv[1])) : 100;
    const int stallCycles = argc > 2 ? std::max(0, atoi(argv[2])) : 10;

    Clock clock;
    CameraOptions options;
    options.watchdog.stallTimeoutMs = 500;
    options.watchdog.startTimeoutMs = 3000;

    // 1. Start-up: start to first frame, over fresh sources.
    QList<double> startMs;
    const int starts = qEnvironmentVariableIntValue("BENCH_BURST_STARTS") > 0
                           ? qEnvironmentVariableIntValue("BENCH_BURST_STARTS")
                           : 10;
    for (int i = 0; i < starts; ++i) {
        QtCameraSource source(options, clock);
        QElapsedTimer t;
        t.start();
        source.start();
        if (waitFrames(source, 1, 5000))
            startMs.append(double(t.elapsed()));
        source.stop();
    }

    // 2. Bursts on a healthy camera.
    QtCameraSource source(options, clock);
    BurstController burst(&source, clock, BurstOptions());
    // The preview: every frame converted to an image, as the capture page shows it.
    qint64 previewPixels = 0;
    QObject::connect(&source, &FrameSource::frameArrived, &source,
                     [&](const CameraFrame &f) { previewPixels += f.image().width(); });
    QList<double> errorMs, spanMs, arrivalSpanMs;
    int captured = 0, failed = 0, inside = 0, distinct = 0, retried = 0;
    QList<BurstMiss> misses;
    QObject::connect(&burst, &BurstController::attemptMissed, &burst,
                     [&](BurstMiss m) { misses.append(m); });
    source.start();
    waitFrames(source, 1, 5000);
    const double cpu0 = cpuSeconds();
    QElapsedTimer wall;
    wall.start();
    for (int i = 0; i < bursts; ++i) {
        QSignalSpy done(&burst, &BurstController::burstCaptured);
        QSignalSpy gaveUp(&burst, &BurstController::burstFailed);
        burst.arm();
        while (done.isEmpty() && gaveUp.isEmpty() && done.wait(5000)) {
        }
        if (done.isEmpty()) {
            ++failed;
            continue;
        }
        const auto r = done.constFirst().at(0).value<BurstResult>();
        ++captured;
        retried += r.attempt > 1;
        spanMs.append(r.spanMs());
        arrivalSpanMs.append((r.frames.constLast().arrivalUs - r.frames.constFirst().arrivalUs) /
                             1000.0);
        errorMs.append(qAbs(r.spanMs() - r.plannedSpanMs()));
        inside += r.spanMs() <= burst.options().windowMs;
        distinct += pairwiseDistinct(r);
    }
    const double cpu = 100.0 * (cpuSeconds() - cpu0) / (wall.elapsed() / 1000.0);
    const double interval = burst.frameIntervalMs();

    // 3. Stalls: the camera hangs mid-stream (the fake camera's stall_now); the watchdog
    // must bring frames back each time.
    int recovered = 0;
    QList<double> recoveryMs;
    const int restarts0 = source.restarts();
    for (int c = 0; c < stallCycles; ++c) {
        waitFrames(source, 30, 5000);
        writeControl(control, QByteArray("epoch=2\nstall_now=") + QByteArray::number(c + 1));
        // wait for the silence
        while (waitFrames(source, 1, 300)) {
        }
        QElapsedTimer t;
        t.start();
        if (waitFrames(source, 1, 10000)) {
            ++recovered;
            recoveryMs.append(double(t.elapsed()));
        }
    }
    writeControl(control, QByteArray("epoch=3\nstall_now=") + QByteArray::number(stallCycles));
    const int restarts = source.restarts() - restarts0;
    source.stop();

    const QCameraFormat format = source.format();
    std::printf("## Burst benchmark (fake camera profile %s, %s; chosen format %dx%d %s at "
                "%.0f fps)\n\n",
                qEnvironmentVariableIsEmpty("KIOSK_FAKECAM_PROFILE")
                    ? "built-in"
                    : qgetenv("KIOSK_FAKECAM_PROFILE").constData(),
                qEnvironmentVariableIsSet("KIOSK_FAKECAM_SCENE") ? "face video scene"
                                                                 : "test pattern",
                format.resolution().width(), format.resolution().height(),
                format.pixelFormat() == QVideoFrameFormat::Format_Jpeg ? "MJPEG" : "YUY2",
                double(format.maxFrameRate()));
    std::printf("| measure | value |\n|---|---|\n");
    std::printf("| bursts asked / delivered / failed | %d / %d / %d |\n", bursts, captured, failed);
    std::printf("| delivered after a silent retry | %d |\n", retried);
    std::printf("| attempts discarded (late / not distinct / interrupted / timed out) | %lld / "
                "%lld / %lld / %lld |\n",
                misses.count(BurstMiss::Late), misses.count(BurstMiss::NotDistinct),
                misses.count(BurstMiss::Interrupted), misses.count(BurstMiss::TimedOut));
    std::printf("| delivered inside the %d ms window | %d of %d (%.0f %%) |\n",
                burst.options().windowMs, inside, captured,
                captured ? 100.0 * inside / captured : 0);
    std::printf("| frames pairwise distinct | %d of %d |\n", distinct, captured);
    std::printf("| planned span | %d ms |\n",
                burst.options().offsetsMs.constLast() - burst.options().offsetsMs.constFirst());
    std::printf("| achieved span median / p95 / max | %.1f / %.1f / %.1f ms |\n",
                percentile(spanMs, 0.5), percentile(spanMs, 0.95), percentile(spanMs, 1.0));
    std::printf("| same bursts on arrival times (monotonic clock) median / p95 / max | %.1f / "
                "%.1f / %.1f ms |\n",
                percentile(arrivalSpanMs, 0.5), percentile(arrivalSpanMs, 0.95),
                percentile(arrivalSpanMs, 1.0));
    std::printf("| abs(achieved - planned) median / p95 | %.1f / %.1f ms (frame interval "
                "%.1f ms) |\n",
                percentile(errorMs, 0.5), percentile(errorMs, 0.95), interval);
    std::printf("| start to first frame median / max (%d starts) | %.0f / %.0f ms |\n", starts,
                percentile(startMs, 0.5), percentile(startMs, 1.0));
    std::printf("| CPU while bursting, camera + preview (1 core = 100 %%) | %.0f %% |\n", cpu);
    std::printf("| injected stalls recovered by the watchdog | %d of %d (restarts %d) |\n",
                recovered, stallCycles, restarts);
    std::printf("| stall to frames again median / max | %.0f / %.0f ms |\n",
                percentile(recoveryMs, 0.5), percentile(recoveryMs, 1.0));
    const bool ok = captured == bursts && inside == captured && distinct == captured &&
                    percentile(errorMs, 0.5) <= interval + 0.5 &&
                    percentile(errorMs, 0.95) <= 2 * interval + 0.5 &&
                    percentile(startMs, 1.0) < 1000 && recovered == stallCycles &&
                    previewPixels > 0;
    std::printf("\ntargets %s\n", ok ? "MET" : "MISSED");
    return ok ? 0 : 1;
}
