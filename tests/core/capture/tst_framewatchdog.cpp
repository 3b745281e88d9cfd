// The camera session watchdog on a manual clock: duplicates dropped, first-frame and
// between-frame timeouts, dark frames reported after their delay and cleared.
#include "capture/framewatchdog.h"
#include "specimen/manualclock.h"

#include <QSignalSpy>
#include <QTest>

using kiosk::FrameWatchdog;
using kiosk::ManualClock;
using kiosk::WatchdogOptions;

class tst_FrameWatchdog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void dropsRepeatedAndOlderTimestamps();
    void firstFrameTimeout();
    void stallAfterStreaming();
    void quietWhileFramesFlow();
    void blackAfterDelayAndBack();
    void disarmedStaysQuiet();
};

namespace {
WatchdogOptions fast()
{
    WatchdogOptions o;
    o.startTimeoutMs = 400;
    o.stallTimeoutMs = 200;
    o.blackMs = 300;
    o.lumaEveryMs = 100;
    return o;
}
} // namespace

void tst_FrameWatchdog::dropsRepeatedAndOlderTimestamps()
{
    ManualClock clock;
    FrameWatchdog dog(clock, fast());
    dog.arm();
    QVERIFY(dog.admit(0));
    QVERIFY(!dog.admit(0)); // Qt 6.4 sends the first frame twice
    QVERIFY(dog.admit(33333));
    QVERIFY(!dog.admit(20000));
    QVERIFY(dog.admit(-1)); // no timestamp: nothing to compare
    QVERIFY(dog.admit(66666));
    dog.arm(); // a new session starts its stream time over
    QVERIFY(dog.admit(0));
}

void tst_FrameWatchdog::firstFrameTimeout()
{
    ManualClock clock;
    FrameWatchdog dog(clock, fast());
    QSignalSpy stalled(&dog, &FrameWatchdog::stalled);
    dog.arm();
    clock.advanceMs(399);
    dog.poll();
    QCOMPARE(stalled.size(), 0);
    QVERIFY(dog.isArmed());
    clock.advanceMs(2);
    QVERIFY(stalled.wait(1000));
    QCOMPARE(stalled.constFirst().at(0).toBool(), true);
    QVERIFY(!dog.isArmed());
}

void tst_FrameWatchdog::stallAfterStreaming()
{
    ManualClock clock;
    FrameWatchdog dog(clock, fast());
    QSignalSpy stalled(&dog, &FrameWatchdog::stalled);
    dog.arm();
    clock.advanceMs(50);
    dog.admit(0);
    clock.advanceMs(250);
    QVERIFY(stalled.wait(1000));
    QCOMPARE(stalled.constFirst().at(0).toBool(), false);
}

void tst_FrameWatchdog::quietWhileFramesFlow()
{
    ManualClock clock;
    FrameWatchdog dog(clock, fast());
    QSignalSpy stalled(&dog, &FrameWatchdog::stalled);
    dog.arm();
    for (int i = 0; i < 20; ++i) {
        clock.advanceMs(100);
        dog.admit(i * 100000);
        dog.poll();
    }
    QCOMPARE(stalled.size(), 0);
    QVERIFY(dog.isArmed());
    clock.advanceMs(200); // and the frames stop: now it reports
    dog.poll();
    QCOMPARE(stalled.size(), 1);
}

void tst_FrameWatchdog::blackAfterDelayAndBack()
{
    ManualClock clock;
    FrameWatchdog dog(clock, fast());
    QSignalSpy black(&dog, &FrameWatchdog::blackChanged);
    dog.arm();
    QVERIFY(dog.wantsLuma());
    dog.noteLuma(5);
    QVERIFY(!dog.wantsLuma());
    clock.advanceMs(200);
    QVERIFY(dog.wantsLuma());
    dog.noteLuma(5);
    QVERIFY(black.isEmpty()); // dark for 200 ms only
    clock.advanceMs(100);
    dog.noteLuma(16); // at the level still counts as dark
    QCOMPARE(black.size(), 1);
    QVERIFY(dog.isBlack());
    clock.advanceMs(100);
    dog.noteLuma(90);
    QCOMPARE(black.size(), 2);
    QCOMPARE(black.constLast().at(0).toBool(), false);
}

void tst_FrameWatchdog::disarmedStaysQuiet()
{
    ManualClock clock;
    FrameWatchdog dog(clock, fast());
    QSignalSpy stalled(&dog, &FrameWatchdog::stalled);
    dog.arm();
    dog.disarm();
    clock.advanceMs(5000);
    dog.poll();
    QCOMPARE(stalled.size(), 0);
}

QTEST_GUILESS_MAIN(tst_FrameWatchdog)
#include "tst_framewatchdog.moc"
