// Responsiveness of a whole capture session (ID front, ID back, liveness) through the
// kiosk's real camera path: QtCameraSource on the fake camera device at 1080p and 4K, the
// capture page shown (offscreen), the card and face guidance judging frames. An
// event-loop latency probe (a 4 ms precise timer measuring its own lateness) runs on the
// GUI thread the whole time. Prints, per resolution: GUI-thread lateness p50/p99/max,
// camera frames the preview showed per second (each once, PreviewWidget::framesShown) against
// camera frames per second while analysing, and the time from the liveness burst's last frame to
// the faces being handed to the flow (the flow posts the request in the same call).
//   build/bin/bench_capturesession [sessions=3] [sizes=1080,2160]
#include "benchmarkenv.h"
#include "capture/cameraoptions.h"
#include "capture/clock.h"
#include "facevideo.h"
#include "fakecameracontrol.h"
#include "pages/capturepage.h"
#include "previewwidget.h"
#include "qtcamerasource.h"
#include "settings/settings.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <functional>

using namespace Qt::StringLiterals;
using namespace kiosk;

namespace {

constexpr int ProbeIntervalMs = 4;

double percentile(QList<double> v, double p)
{
    if (v.isEmpty())
        return -1;
    std::sort(v.begin(), v.end());
    return v.at(std::min<qsizetype>(v.size() - 1, qsizetype(p * double(v.size()))));
}

// A timer that measures how late the event loop runs it: lateness is the gap between two
// ticks minus the interval, i.e. how long something else held the GUI thread.
class LatencyProbe : public QObject
{
public:
    LatencyProbe()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(ProbeIntervalMs);
        connect(&m_timer, &QTimer::timeout, this, [this]() {
            const qint64 now = m_clock.nsecsElapsed();
            if (m_last >= 0)
                m_lateMs.append(qMax(0.0, (now - m_last) / 1e6 - ProbeIntervalMs));
            m_last = now;
        });
    }
    void start()
    {
        m_last = -1;
        m_clock.start();
        m_timer.start();
    }
    void stop() { m_timer.stop(); }
    const QList<double> &lateMs() const { return m_lateMs; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = -1;
    QList<double> m_lateMs;
};

struct Figures
{
    QSize size;
    int sessions = 0;
    int completed = 0;
    QList<double> lateMs;
    double liveSeconds = 0;
    int liveFrames = 0;
    qint64 liveShown = 0;
    QList<double> lastFrameToRequestMs;
    QList<double> sessionSeconds;
};

Figures runSessions(test::FakeCameraControl &control, const QString &scene, QSize size,
                    int sessions)
{
    Figures fig;
    fig.size = size;
    fig.sessions = sessions;
    control.set(u"scene"_s, scene);
    control.set(u"scene_index"_s, 0);
    Settings settings;
    using K = Settings::Key;
    settings.setOverride(K::FaceCountdownMs, 300);
    settings.setOverride(K::ManualCaptureAfterMs, 60000);
    settings.setOverride(K::CameraPreferredSize, u"%1x%2"_s.arg(size.width()).arg(size.height()));
    const Clock clock;
    QtCameraSource camera(CameraOptions::fromSettings(settings), clock);

    int frames = 0;
    QObject::connect(&camera, &FrameSource::frameArrived, &camera, [&]() { ++frames; });

    CapturePage page(settings, &camera, clock);
    page.resize(1024, 700);
    page.show();
    const PreviewWidget *preview = page.findChild<PreviewWidget *>(u"previewWidget"_s);

    int documents = 0;
    bool facesDone = false;
    QObject::connect(&page, &CapturePage::documentCaptured, &page, [&]() { ++documents; });
    // The page handles FaceCapture::captured first (connected when the capture was made):
    // it emits facesCaptured, on which the flow posts the request, before this runs.
    const auto watchFaces = [&]() {
        QObject::connect(
            page.faceCapture(), &FaceCapture::captured, &page, [&](const BurstResult &result) {
                fig.lastFrameToRequestMs.append(
                    (clock.monotonicUs() - result.frames.constLast().arrivalUs) / 1000.0);
                facesDone = true;
            });
    };

    // Frames and frames shown are counted only while the page is live (judging frames).
    qint64 liveSince = -1;
    int framesAtLive = 0;
    qint64 shownAtLive = 0;
    QTimer stateWatch;
    stateWatch.setInterval(1);
    bool wasLive = false;
    QElapsedTimer wall;
    wall.start();
    QObject::connect(&stateWatch, &QTimer::timeout, &page, [&]() {
        const bool live = page.state() == CapturePage::State::Live &&
                          camera.state() == FrameSource::State::Streaming;
        if (live && !wasLive) {
            liveSince = wall.nsecsElapsed();
            framesAtLive = frames;
            shownAtLive = preview->framesShown();
        } else if (!live && wasLive) {
            fig.liveSeconds += (wall.nsecsElapsed() - liveSince) / 1e9;
            fig.liveFrames += frames - framesAtLive;
            fig.liveShown += preview->framesShown() - shownAtLive;
        }
        wasLive = live;
    });
    stateWatch.start();

    LatencyProbe probe;
    for (int s = 0; s < sessions; ++s) {
        QElapsedTimer session;
        session.start();
        control.set(u"scene_index"_s, 0);
        documents = 0;
        facesDone = false;
        watchFaces(); // the page makes new capture objects for each session
        page.begin(flow::Step::IdFront);
        if (!test::runUntil([&]() { return camera.state() == FrameSource::State::Streaming; },
                            15000)) {
            std::fprintf(stderr, "camera did not start\n");
            break;
        }
        probe.start();
        bool ok = test::runUntil([&]() { return documents == 1; }, 30000);
        if (ok) {
            control.set(u"scene_index"_s, 1);
            page.begin(flow::Step::IdBack);
            ok = test::runUntil([&]() { return documents == 2; }, 30000);
        }
        if (ok) {
            control.set(u"scene_index"_s, 2);
            page.begin(flow::Step::Liveness);
            ok = test::runUntil([&]() { return facesDone; }, 30000);
        }
        probe.stop();
        page.clear();
        test::runUntil([&]() { return false; }, 300); // let the camera close
        if (!ok) {
            std::fprintf(stderr, "session %d at %dx%d did not complete (documents %d)\n", s + 1,
                         size.width(), size.height(), documents);
            continue;
        }
        ++fig.completed;
        fig.sessionSeconds.append(session.elapsed() / 1000.0);
    }
    fig.lateMs = probe.lateMs();
    return fig;
}

} // namespace

int main(int argc, char **argv)
{
    test::setFakeCameraBenchmarkEnvironment();
    qputenv("KIOSK_FAKECAM_UHD", "1"); // the fake camera offers 3840x2160 too
    // Before the first QMediaDevices: the plugin reads KIOSK_FAKECAM_CONTROL when it starts.
    test::FakeCameraControl control;
    QApplication app(argc, argv);
    const int sessions = argc > 1 ? std::max(1, atoi(argv[1])) : 3;
    QList<int> heights{1080, 2160};
    if (argc > 2) {
        heights.clear();
        for (const QString &h : QString::fromLocal8Bit(argv[2]).split(u','))
            heights.append(h.toInt());
    }

    QTemporaryDir dir;
    bool met = true;
    std::printf("## Capture session responsiveness (fake camera, 30 fps, %d sessions each)\n\n",
                sessions);
    std::printf("| camera | sessions done | GUI lateness p50 / p99 / max (ms) | preview: frames "
                "shown per s "
                "while analysing / camera fps | last liveness frame to request median / max "
                "(ms) | session median (s) |\n|---|---|---|---|---|---|\n");
    for (int h : std::as_const(heights)) {
        // The face video at the camera's size, so the fake camera decodes it but never scales.
        const QSize size(h * 16 / 9, h);
        QString error;
        const QString faces = dir.filePath(u"faces-%1.avi"_s.arg(h));
        if (!test::writeFaceVideo(faces, &error, size)) {
            std::fprintf(stderr, "face video: %s\n", qPrintable(error));
            return 2;
        }
        const QString scene = u"%1/card-front.png;%1/card-back.png;%2"_s.arg(
            QStringLiteral(KIOSK_FAKECAM_SCENE_DIR), faces);
        const Figures f = runSessions(control, scene, size, sessions);
        const double previewFps = f.liveSeconds > 0 ? f.liveShown / f.liveSeconds : 0;
        const double cameraFps = f.liveSeconds > 0 ? f.liveFrames / f.liveSeconds : 0;
        std::printf("| %dx%d | %d of %d | %.1f / %.1f / %.1f | %.1f / %.1f | %.0f / %.0f | "
                    "%.1f |\n",
                    f.size.width(), f.size.height(), f.completed, f.sessions,
                    percentile(f.lateMs, 0.5), percentile(f.lateMs, 0.99),
                    percentile(f.lateMs, 1.0), previewFps, cameraFps,
                    percentile(f.lastFrameToRequestMs, 0.5),
                    percentile(f.lastFrameToRequestMs, 1.0), percentile(f.sessionSeconds, 0.5));
        std::fflush(stdout);
        met = met && f.completed == f.sessions && percentile(f.lateMs, 0.99) <= 16 &&
              previewFps >= cameraFps - 1 && percentile(f.lastFrameToRequestMs, 1.0) <= 150;
    }
    std::printf("\ntargets (p99 <= 16 ms, preview >= camera - 1 fps, last frame to request <= "
                "150 ms) %s\n",
                met ? "MET" : "MISSED");
    return met ? 0 : 1;
}
