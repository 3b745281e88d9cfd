// Starts Qt's camera pipeline many times against the fake camera and counts the
// start-up stalls of Qt 6.4's GStreamer backend (one frame, then nothing), with the
// start-to-first-frame latency and the CPU used, for each set-up order. Prints a table.
//   GST_PLUGIN_PATH=build/gst-plugins build/bin/bench_camerastart [starts]
#include <QCamera>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QMediaCaptureSession>
#include <QMediaDevices>
#include <QSignalSpy>
#include <QVideoFrame>
#include <QVideoSink>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <memory>

namespace {

enum class Order
{
    SinkFirst,
    CameraFirst,
    SinkFirstWithFormat,
};

const char *orderName(Order order)
{
    switch (order) {
    case Order::SinkFirst:
        return "sink, then camera";
    case Order::CameraFirst:
        return "camera, then sink";
    case Order::SinkFirstWithFormat:
        return "sink, camera, format 1280x720";
    }
    return "";
}

double cpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

struct Result
{
    int starts = 0;
    int stalls = 0;
    int noFrame = 0;
    QList<qint64> firstFrameMs;
    double cpu = 0;
    double wall = 0;
};

Result run(Order order, int starts, const QCameraDevice &device)
{
    Result r;
    QElapsedTimer wall;
    wall.start();
    const double cpu0 = cpuSeconds();
    for (int i = 0; i < starts; ++i) {
        QVideoSink sink;
        auto session = std::make_unique<QMediaCaptureSession>();
        auto camera = std::make_unique<QCamera>(device);
        int frames = 0;
        qint64 first = -1;
        QElapsedTimer t;
        QObject::connect(&sink, &QVideoSink::videoFrameChanged, &sink, [&](const QVideoFrame &f) {
            if (!f.isValid())
                return;
            if (first < 0)
                first = t.elapsed();
            ++frames;
        });
        if (order == Order::SinkFirstWithFormat) {
            const auto formats = device.videoFormats();
            for (const QCameraFormat &f : formats) {
                if (f.resolution() == QSize(1280, 720))
                    camera->setCameraFormat(f);
            }
        }
        if (order == Order::CameraFirst) {
            session->setCamera(camera.get());
            session->setVideoSink(&sink);
        } else {
            session->setVideoSink(&sink);
            session->setCamera(camera.get());
        }
        t.start();
        camera->start();
        QSignalSpy spy(&sink, &QVideoSink::videoFrameChanged);
        while (frames < 15 && !t.hasExpired(2500))
            spy.wait(100);
        ++r.starts;
        if (first < 0)
            ++r.noFrame;
        else if (frames < 15)
            ++r.stalls;
        else
            r.firstFrameMs.append(first);
        camera->stop();
        session->setCamera(nullptr);
        session->setVideoSink(nullptr);
        session.reset();
        camera.reset();
    }
    r.cpu = cpuSeconds() - cpu0;
    r.wall = wall.elapsed() / 1000.0;
    return r;
}

qint64 percentile(QList<qint64> v, double p)
{
    if (v.isEmpty())
        return -1;
    std::sort(v.begin(), v.end());
    return v.at(std::min<qsizetype>(v.size() - 1, qsizetype(p * double(v.size()))));
}

} // namespace

int main(int argc, char **argv)
{
    QGuiApplication app(argc, argv);
    const int starts = argc > 1 ? std::max(1, atoi(argv[1])) : 50;
    const auto inputs = QMediaDevices::videoInputs();
    std::printf("backend %s, %d camera(s)\n", qgetenv("QT_MEDIA_BACKEND").constData(),
                int(inputs.size()));
    if (inputs.isEmpty())
        return 1;
    const QCameraDevice device = QMediaDevices::defaultVideoInput();
    std::printf("camera: %s\n\n", qPrintable(device.description()));
    std::printf("| set-up order | starts | stalled after 1st frame | no frame | first frame "
                "median / p95 ms | CPU %% of one core |\n|---|---|---|---|---|---|\n");
    for (Order order : {Order::SinkFirst, Order::CameraFirst, Order::SinkFirstWithFormat}) {
        const Result r = run(order, starts, device);
        std::printf("| %s | %d | %d (%.1f %%) | %d | %lld / %lld | %.0f |\n", orderName(order),
                    r.starts, r.stalls, 100.0 * r.stalls / r.starts, r.noFrame,
                    percentile(r.firstFrameMs, 0.5), percentile(r.firstFrameMs, 0.95),
                    100.0 * r.cpu / r.wall);
        std::fflush(stdout);
    }
    return 0;
}
