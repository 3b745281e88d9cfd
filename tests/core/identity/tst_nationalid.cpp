#include "identity/nationalid.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace kiosk;

using Issues = QList<NationalIdIssue>;
Q_DECLARE_METATYPE(NationalIdIssue)

class tst_NationalId : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void number_data();
    void number();
    void card_data();
    void card();
    void digitsNormalise();
    void vlensCodes();

private:
    const QDate m_today{2026, 1, 1};
};

void tst_NationalId::number_data()
{
    QTest::addColumn<QString>("number");
    QTest::addColumn<Issues>("errors");
    QTest::addColumn<int>("checkWarning"); // -1: not checked
    QTest::addColumn<QDate>("birth");
    QTest::addColumn<int>("governorate");
    QTest::addColumn<int>("gender");

    const int male = int(Gender::Male), female = int(Gender::Female);
    // 2 900115 01 2345 9: born 1990-01-15 in Cairo, serial ends odd (male), check digit 9.
    QTest::newRow("valid, male, Cairo")
        << u"29001150123459"_s << Issues{} << 0 << QDate(1990, 1, 15) << 1 << male;
    QTest::newRow("valid, female, Giza, 2000s")
        << u"30506072101281"_s << Issues{} << 0 << QDate(2005, 6, 7) << 21 << female;
    QTest::newRow("Arabic-Indic digits")
        << u"٢٩٠٠١١٥٠١٢٣٤٥٩"_s << Issues{} << 0 << QDate(1990, 1, 15) << 1 << male;
    QTest::newRow("Extended Arabic-Indic digits")
        << u"۲۹۰۰۱۱۵۰۱۲۳۴۵۹"_s << Issues{} << 0 << QDate(1990, 1, 15) << 1 << male;
    QTest::newRow("grouped with spaces")
        << u"2 900115 01 2345 9"_s << Issues{} << 0 << QDate(1990, 1, 15) << 1 << male;
    QTest::newRow("born abroad (88)")
        << u"29001158823451"_s << Issues{} << -1 << QDate(1990, 1, 15) << 88 << male;
    QTest::newRow("leap day 2000 is real")
        << u"30002290123459"_s << Issues{} << -1 << QDate(2000, 2, 29) << 1 << male;
    QTest::newRow("check digit wrong: a warning only")
        << u"29001150123450"_s << Issues{} << 1 << QDate(1990, 1, 15) << 1 << male;
    QTest::newRow("13 digits") << u"2900115012345"_s << Issues{NationalIdIssue::WrongLength} << -1
                               << QDate() << 0 << 0;
    QTest::newRow("15 digits") << u"290011501234590"_s << Issues{NationalIdIssue::WrongLength} << -1
                               << QDate() << 0 << 0;
    QTest::newRow("a letter") << u"2900115012345A"_s << Issues{NationalIdIssue::NotDigits} << -1
                              << QDate() << 0 << 0;
    QTest::newRow("empty") << QString() << Issues{NationalIdIssue::WrongLength} << -1 << QDate()
                           << 0 << 0;
    QTest::newRow("century 1 does not exist")
        << u"19001150123459"_s << Issues{NationalIdIssue::BadCentury} << -1 << QDate() << 1 << male;
    QTest::newRow("month 13") << u"29013150123459"_s << Issues{NationalIdIssue::BadBirthDate} << -1
                              << QDate() << 1 << male;
    QTest::newRow("29 February 1999")
        << u"29902290123459"_s << Issues{NationalIdIssue::BadBirthDate} << -1 << QDate() << 1
        << male;
    QTest::newRow("day 00") << u"29001000123459"_s << Issues{NationalIdIssue::BadBirthDate} << -1
                            << QDate() << 1 << male;
    QTest::newRow("born after today (2030)")
        << u"33001010123459"_s << Issues{NationalIdIssue::FutureBirthDate} << -1 << QDate() << 1
        << male;
    QTest::newRow("governorate 20 unknown")
        << u"29001152023459"_s << Issues{NationalIdIssue::UnknownGovernorate} << -1
        << QDate(1990, 1, 15) << 20 << male;
    QTest::newRow("governorate 00 unknown, bad month too")
        << u"29014150023459"_s
        << Issues{NationalIdIssue::BadBirthDate, NationalIdIssue::UnknownGovernorate} << -1
        << QDate() << 0 << male;
}

void tst_NationalId::number()
{
    QFETCH(QString, number);
    QFETCH(Issues, errors);
    QFETCH(int, checkWarning);
    QFETCH(QDate, birth);
    QFETCH(int, governorate);
    QFETCH(int, gender);

    const NationalIdCheck r = checkNationalIdNumber(number, m_today);
    QCOMPARE(r.errors, errors);
    QCOMPARE(r.ok(), errors.isEmpty());
    if (checkWarning >= 0)
        QCOMPARE(r.warnings.contains(NationalIdIssue::CheckDigitMismatch), checkWarning == 1);
    QVERIFY(!r.errors.contains(NationalIdIssue::CheckDigitMismatch));
    QCOMPARE(r.number.birthDate, birth);
    if (errors.isEmpty() || errors == Issues{NationalIdIssue::UnknownGovernorate}) {
        QCOMPARE(r.number.governorate, governorate);
        QCOMPARE(int(r.number.gender), gender);
        QCOMPARE(r.number.digits.size(), 14);
    }
}

void tst_NationalId::card_data()
{
    QTest::addColumn<QString>("front");
    QTest::addColumn<QString>("back");
    QTest::addColumn<QDate>("ocrBirth");
    QTest::addColumn<int>("ocrGender");
    QTest::addColumn<QDate>("expiry");
    QTest::addColumn<Issues>("errors");

    const QString id = u"29001150123459"_s;
    const QDate birth(1990, 1, 15), expiry(2029, 5, 1);
    const int male = int(Gender::Male);
    QTest::newRow("all agree") << id << id << birth << male << expiry << Issues{};
    QTest::newRow("back in Arabic-Indic digits agrees")
        << id << u"٢٩٠٠١١٥٠١٢٣٤٥٩"_s << birth << male << expiry << Issues{};
    QTest::newRow("back not read yet") << id << QString() << birth << male << expiry << Issues{};
    QTest::newRow("front and back differ (3101)")
        << id << u"29001150123467"_s << birth << male << expiry
        << Issues{NationalIdIssue::FrontBackMismatch};
    QTest::newRow("OCR birth date differs") << id << id << QDate(1990, 1, 16) << male << expiry
                                            << Issues{NationalIdIssue::BirthDateMismatch};
    QTest::newRow("OCR gender differs") << id << id << birth << int(Gender::Female) << expiry
                                        << Issues{NationalIdIssue::GenderMismatch};
    QTest::newRow("expired (3010)")
        << id << id << birth << male << QDate(2025, 12, 31) << Issues{NationalIdIssue::Expired};
    QTest::newRow("expires today counts as expired")
        << id << id << birth << male << QDate(2026, 1, 1) << Issues{NationalIdIssue::Expired};
    QTest::newRow("expiry beyond seven years")
        << id << id << birth << male << QDate(2034, 1, 1) << Issues{NationalIdIssue::BadExpiry};
    QTest::newRow("bad number and mismatching back")
        << u"29013150123459"_s << id << birth << male << expiry
        << Issues{NationalIdIssue::BadBirthDate, NationalIdIssue::FrontBackMismatch};
}

void tst_NationalId::card()
{
    QFETCH(QString, front);
    QFETCH(QString, back);
    QFETCH(QDate, ocrBirth);
    QFETCH(int, ocrGender);
    QFETCH(QDate, expiry);
    QFETCH(Issues, errors);

    NationalIdCard card;
    card.frontNumber = front;
    card.backNumber = back;
    card.birthDate = ocrBirth;
    card.gender = Gender(ocrGender);
    card.expiry = expiry;
    const NationalIdCheck r = checkNationalIdCard(card, m_today);
    QCOMPARE(r.errors, errors);
}

void tst_NationalId::digitsNormalise()
{
    QCOMPARE(normalizeDigits(u"٠١٢٣٤٥٦٧٨٩"_s), u"0123456789"_s);
    QCOMPARE(normalizeDigits(u"۰۱۲۳۴۵۶۷۸۹"_s), u"0123456789"_s);
    QCOMPARE(normalizeDigits(u" 12-34 "_s), u"1234"_s);
    QCOMPARE(nationalIdCheckDigit(u"2900115012345"_s), 9);
    QCOMPARE(nationalIdCheckDigit(u"29001"_s), -1);
    QCOMPARE(governorateName(88), u"Born abroad"_s);
    QVERIFY(governorateName(20).isEmpty());
}

void tst_NationalId::vlensCodes()
{
    QCOMPARE(vlensErrorCode(NationalIdIssue::FrontBackMismatch), 3101);
    QCOMPARE(vlensErrorCode(NationalIdIssue::Expired), 3010);
    QCOMPARE(vlensErrorCode(NationalIdIssue::UnknownGovernorate), 3003);
    QCOMPARE(vlensErrorCode(NationalIdIssue::BadBirthDate), 3002);
}

QTEST_GUILESS_MAIN(tst_NationalId)
#include "tst_nationalid.moc"
