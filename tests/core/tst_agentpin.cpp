#include "settings/agentpin.h"

#include <QTest>

using namespace Qt::StringLiterals;
namespace agentpin = kiosk::agentpin;

// The agent PIN hash: salted PBKDF2-SHA256, verified in constant time.
class tst_AgentPin : public QObject
{
    Q_OBJECT

private slots:
    void hashVerifiesOnlyTheRightPin();
    void saltDiffersEachTime();
    void defaultIterations();
    void arabicIndicDigitsAreTheSamePin();
    void malformedStoredValues_data();
    void malformedStoredValues();
    void acceptablePins_data();
    void acceptablePins();
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
    const QString a = agentpin::hash(u"1234"_s, 1000);
    const QString b = agentpin::hash(u"1234"_s, 1000);
    QVERIFY(a != b);
    QVERIFY(agentpin::verify(u"1234"_s, a));
    QVERIFY(agentpin::verify(u"1234"_s, b));
}

void tst_AgentPin::defaultIterations()
{
    const QString stored = agentpin::hash(u"2468"_s);
    QCOMPARE(stored.section(u'$', 1, 1).toInt(), agentpin::DefaultIterations);
    QVERIFY(agentpin::verify(u"2468"_s, stored));
}

void tst_AgentPin::arabicIndicDigitsAreTheSamePin()
{
    const QString stored = agentpin::hash(u"1357"_s, 1000);
    QVERIFY(agentpin::verify(u"١٣٥٧"_s, stored));
}

void tst_AgentPin::malformedStoredValues_data()
{
    QTest::addColumn<QString>("stored");
    const QString good = agentpin::hash(u"1234"_s, 1000);
    QTest::newRow("empty") << QString();
    QTest::newRow("plain pin") << u"1234"_s;
    QTest::newRow("other scheme") << QString(good).replace(u"pbkdf2-sha256"_s, u"md5"_s);
    QTest::newRow("no iterations") << good.section(u'$', 0, 0) + u"$$"_s + good.section(u'$', 2);
    QTest::newRow("short key") << good.section(u'$', 0, 2) + u"$AAAA"_s;
}

void tst_AgentPin::malformedStoredValues()
{
    QFETCH(QString, stored);
    QVERIFY(!agentpin::verify(u"1234"_s, stored));
}

void tst_AgentPin::acceptablePins_data()
{
    QTest::addColumn<QString>("pin");
    QTest::addColumn<bool>("acceptable");
    QTest::newRow("four digits") << u"1234"_s << true;
    QTest::newRow("twelve digits") << u"123456789012"_s << true;
    QTest::newRow("arabic-indic") << u"٤٥٦٧"_s << true;
    QTest::newRow("three digits") << u"123"_s << false;
    QTest::newRow("thirteen digits") << u"1234567890123"_s << false;
    QTest::newRow("letters") << u"12ab"_s << false;
}

void tst_AgentPin::acceptablePins()
{
    QFETCH(QString, pin);
    QFETCH(bool, acceptable);
    QCOMPARE(agentpin::isAcceptable(pin), acceptable);
}

QTEST_GUILESS_MAIN(tst_AgentPin)
#include "tst_agentpin.moc"
