#include "capture/clock.h"
#include "settings/agentpin.h"
#include "settings/settings.h"
#include "specimen/manualclock.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
namespace agentpin = kiosk::agentpin;

// The agent PIN hash: salted PBKDF2-SHA256, verified in constant time.
class tst_AgentPin : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hashVerifiesOnlyTheRightPin();
    void saltDiffersEachTime();
    void defaultIterations();
    void arabicIndicDigitsAreTheSamePin();
    void malformedStoredValues_data();
    void malformedStoredValues();
    void acceptablePins_data();
    void acceptablePins();
    void thirdWrongPinLocksThenDoubles();
    void lockSurvivesARestart();
    void clockSetBackDoesNotLockForever();
};

void tst_AgentPin::hashVerifiesOnlyTheRightPin()
{
    const QString stored = agentpin::hash(u"482913"_s, 1000);
    QVERIFY(stored.startsWith(u"pbkdf2-sha256$1000$"_s));
    QVERIFY(!stored.contains(u"482913"_s));
    QVERIFY(agentpin::verify(u"482913"_s, stored));
    QVERIFY(!agentpin::verify(u"482914"_s, stored));
    QVERIFY(!agentpin::verify(QString(), stored));
}

void tst_AgentPin::saltDiffersEachTime()
{
    const QString a = agentpin::hash(u"123456"_s, 1000);
    const QString b = agentpin::hash(u"123456"_s, 1000);
    QVERIFY(a != b);
    QVERIFY(agentpin::verify(u"123456"_s, a));
    QVERIFY(agentpin::verify(u"123456"_s, b));
}

void tst_AgentPin::defaultIterations()
{
    const QString stored = agentpin::hash(u"246813"_s);
    QCOMPARE(stored.section(u'$', 1, 1).toInt(), agentpin::DefaultIterations);
    QVERIFY(agentpin::verify(u"246813"_s, stored));
}

void tst_AgentPin::arabicIndicDigitsAreTheSamePin()
{
    const QString stored = agentpin::hash(u"135790"_s, 1000);
    QVERIFY(agentpin::verify(u"١٣٥٧٩٠"_s, stored));
}

void tst_AgentPin::malformedStoredValues_data()
{
    QTest::addColumn<QString>("stored");
    const QString good = agentpin::hash(u"123456"_s, 1000);
    QTest::newRow("empty") << QString();
    QTest::newRow("plain pin") << u"1234"_s;
    QTest::newRow("other scheme") << QString(good).replace(u"pbkdf2-sha256"_s, u"md5"_s);
    QTest::newRow("no iterations") << good.section(u'$', 0, 0) + u"$$"_s + good.section(u'$', 2);
    QTest::newRow("short key") << good.section(u'$', 0, 2) + u"$AAAA"_s;
}

void tst_AgentPin::malformedStoredValues()
{
    QFETCH(QString, stored);
    QVERIFY(!agentpin::verify(u"123456"_s, stored));
}

void tst_AgentPin::acceptablePins_data()
{
    QTest::addColumn<QString>("pin");
    QTest::addColumn<bool>("acceptable");
    QTest::newRow("six digits") << u"123456"_s << true;
    QTest::newRow("twelve digits") << u"123456789012"_s << true;
    QTest::newRow("arabic-indic") << u"٤٥٦٧٨٩"_s << true;
    QTest::newRow("three digits") << u"123"_s << false;
    QTest::newRow("four digits") << u"1234"_s << false;
    QTest::newRow("five digits") << u"12345"_s << false;
    QTest::newRow("five arabic-indic digits") << u"٤٥٦٧٨"_s << false;
    QTest::newRow("thirteen digits") << u"1234567890123"_s << false;
    QTest::newRow("letters") << u"12ab"_s << false;
}

void tst_AgentPin::acceptablePins()
{
    QFETCH(QString, pin);
    QFETCH(bool, acceptable);
    QCOMPARE(agentpin::isAcceptable(pin), acceptable);
}

void tst_AgentPin::thirdWrongPinLocksThenDoubles()
{
    // Oracle written out: the third wrong PIN locks 30 s, doubling up to one hour.
    const QList<qint64> expected{0,       0,       30'000,    60'000,    120'000,   240'000,
                                 480'000, 960'000, 1'920'000, 3'600'000, 3'600'000, 3'600'000};
    for (int n = 0; n < expected.size(); ++n)
        QCOMPARE(agentpin::lockMsAfter(n + 1), expected.at(n));
    QCOMPARE(agentpin::lockMsAfter(1'000'000), agentpin::MaxLockMs);
    QCOMPARE(agentpin::backoffMs(5, 3, 15'000, 900'000), qint64(60'000));
}

void tst_AgentPin::lockSurvivesARestart()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    kiosk::Settings::Sources state;
    state.stateFile = dir.filePath(u"state.ini"_s); // the kiosk's own writes
    kiosk::ManualClock clock;
    {
        kiosk::Settings settings(state);
        agentpin::Guard guard(&settings, clock);
        for (int i = 0; i < agentpin::LockAfterFailures; ++i) {
            QCOMPARE(guard.lockedForMs(), qint64(0));
            guard.recordFailure();
        }
        QCOMPARE(guard.lockedForMs(), agentpin::FirstLockMs);
        clock.advanceMs(10'000);
        QCOMPARE(guard.lockedForMs(), agentpin::FirstLockMs - 10'000);
    }
    {
        // The kiosk restarted: same count, same lock, from the file alone.
        kiosk::Settings settings(state);
        agentpin::Guard guard(&settings, clock);
        QCOMPARE(guard.failures(), agentpin::LockAfterFailures);
        QCOMPARE(guard.lockedForMs(), agentpin::FirstLockMs - 10'000);
        clock.advanceMs(20'000);
        QCOMPARE(guard.lockedForMs(), qint64(0));
        // The count did not reset with the lock: the next failure locks twice as long.
        QCOMPARE(guard.recordFailure(), 2 * agentpin::FirstLockMs);
    }
    {
        kiosk::Settings settings(state);
        agentpin::Guard guard(&settings, clock);
        QCOMPARE(guard.failures(), agentpin::LockAfterFailures + 1);
        QCOMPARE(guard.lockedForMs(), 2 * agentpin::FirstLockMs);
        clock.advanceMs(2 * agentpin::FirstLockMs);
        guard.recordSuccess();
    }
    kiosk::Settings settings(state);
    QCOMPARE(settings.integer(kiosk::Settings::Key::PinFailures), 0);
    QCOMPARE(agentpin::Guard(&settings, clock).lockedForMs(), qint64(0));
}

void tst_AgentPin::clockSetBackDoesNotLockForever()
{
    kiosk::ManualClock clock;
    kiosk::Settings settings;
    // A lock stored by a clock that ran a year ahead.
    settings.setOverride(kiosk::Settings::Key::PinFailures, 4);
    settings.setOverride(kiosk::Settings::Key::PinLockedUntil,
                         clock.currentDateTimeUtc().addYears(1).toMSecsSinceEpoch());
    QCOMPARE(agentpin::Guard(&settings, clock).lockedForMs(), agentpin::MaxLockMs);
}

QTEST_GUILESS_MAIN(tst_AgentPin)
#include "tst_agentpin.moc"
