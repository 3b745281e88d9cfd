#include "flow/idlewatch.h"
#include "specimen/manualclock.h"

#include <QSignalSpy>
#include <QTest>

using kiosk::ManualClock;
using kiosk::flow::IdleWatch;

// The kiosk's inactivity timer on a manual clock: warning after the idle period,
// countdown, expiry, and activity cancelling the warning. The test moves the clock and
// polls, so nothing depends on wall time; one case checks the timer polls by itself.
class tst_IdleWatch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void disarmedNeverWarns();
    void warnsThenExpires();
    void activityDelaysTheWarning();
    void activityCancelsTheWarning();
    void countdownAnnouncesEachSecond();
    void disarmDuringWarningCancelsIt();
    void timerPollsTheClock();
};

void tst_IdleWatch::disarmedNeverWarns()
{
    ManualClock clock;
    IdleWatch watch(clock);
    watch.setDurations(20, 20);
    QSignalSpy warned(&watch, &IdleWatch::warningStarted);
    QSignalSpy expired(&watch, &IdleWatch::expired);
    watch.activity();
    clock.advanceMs(1000);
    watch.poll();
    QCOMPARE(warned.size(), 0);
    QCOMPARE(expired.size(), 0);
    QVERIFY(!watch.isArmed());
}

void tst_IdleWatch::warnsThenExpires()
{
    ManualClock clock;
    IdleWatch watch(clock);
    watch.setDurations(50, 120);
    QSignalSpy warned(&watch, &IdleWatch::warningStarted);
    QSignalSpy expired(&watch, &IdleWatch::expired);
    watch.arm();
    clock.advanceMs(49);
    watch.poll();
    QCOMPARE(warned.size(), 0);
    clock.advanceMs(1);
    watch.poll();
    QCOMPARE(warned.size(), 1);
    QVERIFY(watch.isWarning());
    QCOMPARE(warned.first().first().toInt(), 1); // 120 ms rounds up to one second
    clock.advanceMs(119);
    watch.poll();
    QCOMPARE(expired.size(), 0);
    QVERIFY(watch.isWarning());
    clock.advanceMs(1);
    watch.poll();
    QCOMPARE(expired.size(), 1);
    QVERIFY(!watch.isArmed());
    QVERIFY(!watch.isWarning());
    QCOMPARE(watch.secondsLeft(), 0);
}

void tst_IdleWatch::activityDelaysTheWarning()
{
    ManualClock clock;
    IdleWatch watch(clock);
    watch.setDurations(150, 50);
    QSignalSpy warned(&watch, &IdleWatch::warningStarted);
    watch.arm();
    clock.advanceMs(100);
    watch.activity();
    clock.advanceMs(149); // 249 ms after arming, 149 after the activity
    watch.poll();
    QVERIFY2(warned.isEmpty(), "the idle period restarts at the activity");
    clock.advanceMs(1);
    watch.poll();
    QCOMPARE(warned.size(), 1);
}

void tst_IdleWatch::activityCancelsTheWarning()
{
    ManualClock clock;
    IdleWatch watch(clock);
    watch.setDurations(30, 300);
    QSignalSpy warned(&watch, &IdleWatch::warningStarted);
    QSignalSpy cancelled(&watch, &IdleWatch::warningCancelled);
    QSignalSpy expired(&watch, &IdleWatch::expired);
    watch.arm();
    clock.advanceMs(30);
    watch.poll();
    QCOMPARE(warned.size(), 1);
    watch.activity();
    QCOMPARE(cancelled.size(), 1);
    QVERIFY(!watch.isWarning());
    QVERIFY(watch.isArmed());
    clock.advanceMs(300); // the old warning's deadline passes: no expiry, a new warning
    watch.poll();
    QCOMPARE(expired.size(), 0);
    QCOMPARE(warned.size(), 2);
    QVERIFY(watch.isWarning());
}

void tst_IdleWatch::countdownAnnouncesEachSecond()
{
    ManualClock clock;
    IdleWatch watch(clock);
    watch.setDurations(10, 2500);
    QSignalSpy warned(&watch, &IdleWatch::warningStarted);
    QSignalSpy ticks(&watch, &IdleWatch::countdown);
    QSignalSpy expired(&watch, &IdleWatch::expired);
    watch.arm();
    clock.advanceMs(10);
    watch.poll();
    QCOMPARE(warned.size(), 1);
    QCOMPARE(warned.first().first().toInt(), 3);
    QList<int> seen;
    for (int ms = 0; ms < 2500 && expired.isEmpty(); ms += 100) {
        clock.advanceMs(100);
        watch.poll();
        QCOMPARE(watch.secondsLeft(), expired.isEmpty() ? (2500 - ms - 100 + 999) / 1000 : 0);
    }
    for (const auto &args : std::as_const(ticks))
        seen << args.first().toInt();
    QCOMPARE(seen, (QList<int>{2, 1})); // once per change, never 0
    QCOMPARE(expired.size(), 1);
}

void tst_IdleWatch::disarmDuringWarningCancelsIt()
{
    ManualClock clock;
    IdleWatch watch(clock);
    watch.setDurations(10, 100);
    QSignalSpy warned(&watch, &IdleWatch::warningStarted);
    QSignalSpy cancelled(&watch, &IdleWatch::warningCancelled);
    QSignalSpy expired(&watch, &IdleWatch::expired);
    watch.arm();
    clock.advanceMs(10);
    watch.poll();
    QCOMPARE(warned.size(), 1);
    watch.disarm();
    QCOMPARE(cancelled.size(), 1);
    clock.advanceMs(1000);
    watch.poll();
    QCOMPARE(expired.size(), 0);
    QVERIFY(!watch.isArmed());
}

// Nobody calls poll() here: the watch's own timer notices the clock has moved.
void tst_IdleWatch::timerPollsTheClock()
{
    ManualClock clock;
    IdleWatch watch(clock);
    watch.setDurations(20, 20);
    QSignalSpy warned(&watch, &IdleWatch::warningStarted);
    QSignalSpy expired(&watch, &IdleWatch::expired);
    watch.arm();
    clock.advanceMs(20);
    QVERIFY(warned.wait(5000));
    clock.advanceMs(20);
    QVERIFY(expired.wait(5000));
    QCOMPARE(warned.size(), 1);
}

QTEST_GUILESS_MAIN(tst_IdleWatch)
#include "tst_idlewatch.moc"
