#include "flow/phonenumber.h"

#include <QTest>

using namespace Qt::StringLiterals;
using kiosk::flow::normalizePhoneNumber;

// What customers type into the phone field, and the E.164 number the kiosk sends.
class tst_PhoneNumber : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void normalize_data();
    void normalize();
};

void tst_PhoneNumber::normalize_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected"); // empty: refused

    QTest::newRow("international") << u"+201001234567"_s << u"+201001234567"_s;
    QTest::newRow("local mobile") << u"01001234567"_s << u"+201001234567"_s;
    QTest::newRow("local with spaces") << u"010 0123 4567"_s << u"+201001234567"_s;
    QTest::newRow("local with dashes") << u"0122-123-4567"_s << u"+201221234567"_s;
    QTest::newRow("00 prefix") << u"00201551234567"_s << u"+201551234567"_s;
    QTest::newRow("country code without plus") << u"201111234567"_s << u"+201111234567"_s;
    QTest::newRow("arabic-indic local") << u"٠١٠٠١٢٣٤٥٦٧"_s << u"+201001234567"_s;
    QTest::newRow("extended arabic-indic") << u"۰۱۰۰۱۲۳۴۵۶۷"_s << u"+201001234567"_s;
    QTest::newRow("arabic-indic with plus") << u"+٢٠١٠٠١٢٣٤٥٦٧"_s << u"+201001234567"_s;
    QTest::newRow("brackets") << u"(+20) 100 123 4567"_s << u"+201001234567"_s;
    QTest::newRow("another country") << u"+447911123456"_s << u"+447911123456"_s;
    QTest::newRow("egyptian landline refused") << u"+20223456789"_s << QString();
    QTest::newRow("unknown mobile prefix") << u"01301234567"_s << QString();
    QTest::newRow("too short") << u"0100123"_s << QString();
    QTest::newRow("too long local") << u"010012345678"_s << QString();
    QTest::newRow("letters") << u"0100abc4567"_s << QString();
    QTest::newRow("empty") << QString() << QString();
}

void tst_PhoneNumber::normalize()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    const auto phone = normalizePhoneNumber(input);
    QCOMPARE(phone.e164, expected);
    QCOMPARE(phone.valid, !expected.isEmpty());
}

QTEST_GUILESS_MAIN(tst_PhoneNumber)
#include "tst_phonenumber.moc"
