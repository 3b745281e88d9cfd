#include "flow/idlewatch.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using kiosk::flow::IdleWatch;

// The kiosk's inactivity timer: warning after the idle period, countdown, expiry, and
// activity cancelling the warning. Short real durations, awaited with QSignalSpy::wait.
class tst_IdleWatch : public QObject
{
    Q_OBJECT

private slots:
    void disarmedNeverWarns();
    void warnsThenExpires();
    void activityDelaysTheWarning();
    void activityCancelsTheWarning();
    void countdownTicksEachSecond();
    void disarmDuringWarningCancelsIt();
};

void tst_IdleWatch::disarmedNeverWarns()
{
    IdleWatch watch;
    watch.setDurations(20, 20);
    QSignalSpy warned(&watch, &IdleWatch::warningStarted);
    QSignalSpy expired(&watch, &IdleWatch::expired);
    watch.activity();
    QVERIFY(!warned.wait(150));
    QVERIFY(expired.isEmpty());
    QVERIFY(!watch.isArmed());
}

void tst_IdleWatch::warnsThenExpires()
{
    IdleWatch watch;
    watch.setDurations(50, 120);
    QSignalSpy warned(&watch, &IdleWatch::warningStarted);
    QSignalSpy expired(&watch, &IdleWatch::expired);
    QElapsedTimer clock;
    clock.start();
    watch.arm();
    QVERIFY(warned.wait(2000));
    QVERIFY(clock.elapsed() >= 45);
    QVERIFY(watch.isWarning());
    QCOMPARE(warned.first().first().toInt(), 1); // 120 ms rounds up to one second
    QVERIFY(expired.wait(2000));
    QVERIFY(clock.elapsed() >= 160);
    QVERIFY(!watch.isArmed());
    QVERIFY(!watch.isWarning());
    QCOMPARE(watch.secondsLeft(), 0);
}

void tst_IdleWatch::activityDelaysTheWarning()
{
    IdleWatch watch;
    watch.setDurations(150, 50);
    QSignalSpy warned(&watch, &IdleWatch::warningStarted);
    QElapsedTimer clock;
    clock.start();
    watch.arm();
    QTimer::singleShot(100, &watch, &IdleWatch::activity);
    QVERIFY(warned.wait(2000));
    QVERIFY2(clock.elapsed() >= 240, "the idle period restarted at the activity");
}

void tst_IdleWatch::activityCancelsTheWarning()
{
    IdleWatch watch;
    watch.setDurations(30, 300);
    QSignalSpy warned(&watch, &IdleWatch::warningStarted);
    QSignalSpy cancelled(&watch, &IdleWatch::warningCancelled);
    QSignalSpy expired(&watch, &IdleWatch::expired);
    watch.arm();
    QVERIFY(warned.wait(2000));
    watch.activity();
    QCOMPARE(cancelled.size(), 1);
    QVERIFY(!watch.isWarning());
    QVERIFY(watch.isArmed());
    QVERIFY(!expired.wait(200)); // the warning's deadline passed without expiry
    QCOMPARE(warned.size(), 2);  // a new idle period ran out and warned again
}

void tst_IdleWatch::countdownTicksEachSecond()
{
    IdleWatch watch;
    watch.setDurations(10, 2500);
    QSignalSpy warned(&watch, &IdleWatch::warningStarted);
    QSignalSpy ticks(&watch, &IdleWatch::countdown);
    QSignalSpy expired(&watch, &IdleWatch::expired);
    watch.arm();
    QVERIFY(warned.wait(2000));
    QCOMPARE(warned.first().first().toInt(), 3);
    QVERIFY(expired.wait(4000));
    QList<int> seen;
    for (const auto &args : std::as_const(ticks))
        seen << args.first().toInt();
    QVERIFY2(seen.size() >= 2, "a tick each second");
    QCOMPARE(seen.first(), 2);
    QCOMPARE(seen.at(1), 1);
}

void tst_IdleWatch::disarmDuringWarningCancelsIt()
{
    IdleWatch watch;
    watch.setDurations(10, 100);
    QSignalSpy warned(&watch, &IdleWatch::warningStarted);
    QSignalSpy cancelled(&watch, &IdleWatch::warningCancelled);
    QSignalSpy expired(&watch, &IdleWatch::expired);
    watch.arm();
    QVERIFY(warned.wait(2000));
    watch.disarm();
    QCOMPARE(cancelled.size(), 1);
    QVERIFY(!expired.wait(250));
}

QTEST_GUILESS_MAIN(tst_IdleWatch)
#include "tst_idlewatch.moc"
