// The timed liveness burst through the real QCamera pipeline on the fake camera:
// three distinct frames inside the window, at the planned offsets, on the frames' own
// timestamps; a burst interrupted by a stalled camera is retried after the watchdog.
#include "capture/burstcontroller.h"
#include "capture/clock.h"
#include "fakecameracontrol.h"
#include "qtcamerasource.h"

#include <QMediaDevices>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using kiosk::BurstController;
using kiosk::BurstResult;
using kiosk::QtCameraSource;

class tst_BurstCapture : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void burstInsideTheWindow();
    void burstSurvivesAStall();

private:
    kiosk::CameraOptions options() const;

    kiosk::test::FakeCameraControl m_control;
    kiosk::Clock m_clock;
};

kiosk::CameraOptions tst_BurstCapture::options() const
{
    kiosk::CameraOptions o;
    o.watchdog.stallTimeoutMs = 500;
    o.watchdog.startTimeoutMs = 2500;
    return o;
}

void tst_BurstCapture::init()
{
    m_control.reset();
    QTRY_COMPARE(QMediaDevices::videoInputs().size(), 1);
}

void tst_BurstCapture::burstInsideTheWindow()
{
    QtCameraSource source(options(), m_clock);
    BurstController burst(&source, m_clock);
    QSignalSpy captured(&burst, &BurstController::burstCaptured);
    source.start();
    QTRY_COMPARE_WITH_TIMEOUT(source.state(), kiosk::FrameSource::State::Streaming, 10000);
    for (int i = 0; i < 3; ++i) {
        captured.clear();
        burst.arm();
        QVERIFY(captured.wait(5000));
        const auto r = captured.constFirst().at(0).value<BurstResult>();
        QVERIFY(r.backendTimestamps);
        QCOMPARE(r.frames.size(), 3);
        const double interval = burst.frameIntervalMs();
        QVERIFY2(interval > 30 && interval < 37, QByteArray::number(interval).constData());
        QVERIFY(r.spanMs() <= 500);
        QVERIFY2(qAbs(r.spanMs() - r.plannedSpanMs()) <= 2 * interval,
                 QByteArray::number(r.spanMs()).constData());
        for (int k = 1; k < 3; ++k) {
            QVERIFY(r.frames.at(k).timestampUs > r.frames.at(k - 1).timestampUs);
            QCOMPARE(r.frames.at(k).session, r.frames.at(0).session);
            QVERIFY(qAbs(r.achievedMs.at(k) - r.plannedMs.at(k)) <= interval);
            QVERIFY(r.frames.at(k).image() != r.frames.at(k - 1).image());
            QVERIFY(r.frames.at(k).captured > r.frames.at(k - 1).captured);
        }
    }
}

void tst_BurstCapture::burstSurvivesAStall()
{
    // The first session stalls after 20 frames, in the middle of a burst or before it.
    m_control.set(u"silent_after"_s, 20);
    m_control.set(u"silent_times"_s, 1);
    QtCameraSource source(options(), m_clock);
    BurstController burst(&source, m_clock);
    QSignalSpy captured(&burst, &BurstController::burstCaptured);
    QSignalSpy failed(&burst, &BurstController::burstFailed);
    int seen = 0;
    burst.setTrigger([&seen](const kiosk::CameraFrame &) { return ++seen >= 15; });
    source.start();
    burst.arm();
    QTRY_VERIFY_WITH_TIMEOUT(!captured.isEmpty(), 15000);
    QVERIFY(failed.isEmpty());
    const auto r = captured.constFirst().at(0).value<BurstResult>();
    QVERIFY(r.spanMs() <= 500);
    QVERIFY(source.restarts() >= 1);
}

QTEST_MAIN(tst_BurstCapture)
#include "tst_burstcapture.moc"
