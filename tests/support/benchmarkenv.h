#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>
#include <QtGlobal>

#include <functional>

namespace kiosk::test {

// What the benchmarks that run the kiosk on the fake camera share (bench_soak,
// bench_capturesession). They are programs, not ctest tests: they set their own environment
// and wait in real time, since real time is what they measure.

// Before the QApplication: the build's fake camera plugin and registry and Qt's GStreamer
// backend, offscreen unless the caller chose a platform, and the device's own picture
// (a scene or pipeline from the caller's environment would change what is measured).
// The includer defines KIOSK_GST_PLUGIN_DIR and KIOSK_GST_REGISTRY (CMake).
inline void setFakeCameraBenchmarkEnvironment()
{
    if (!qEnvironmentVariableIsSet("GST_PLUGIN_PATH"))
        qputenv("GST_PLUGIN_PATH", KIOSK_GST_PLUGIN_DIR);
    if (!qEnvironmentVariableIsSet("GST_REGISTRY"))
        qputenv("GST_REGISTRY", KIOSK_GST_REGISTRY);
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    qputenv("QT_MEDIA_BACKEND", "gstreamer");
    qunsetenv("KIOSK_FAKECAM_SCENE");
    qunsetenv("KIOSK_FAKECAM_PIPELINE");
}

// Runs the event loop until done() holds or the timeout passed; false on timeout.
inline bool runUntil(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.hasExpired(timeoutMs))
            return false;
        QEventLoop loop;
        QTimer::singleShot(5, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return true;
}

} // namespace kiosk::test
