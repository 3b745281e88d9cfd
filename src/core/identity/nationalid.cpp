#include "nationalid.h"

#include <array>

using namespace Qt::StringLiterals;

namespace kiosk {

namespace {

struct Governorate
{
    int code;
    const char *name;
};

constexpr std::array<Governorate, 28> kGovernorates{{
    {1, "Cairo"},           {2, "Alexandria"},   {3, "Port Said"},    {4, "Suez"},
    {11, "Damietta"},       {12, "Dakahlia"},    {13, "Sharqia"},     {14, "Qalyubia"},
    {15, "Kafr El Sheikh"}, {16, "Gharbia"},     {17, "Monufia"},     {18, "Beheira"},
    {19, "Ismailia"},       {21, "Giza"},        {22, "Beni Suef"},   {23, "Faiyum"},
    {24, "Minya"},          {25, "Asyut"},       {26, "Sohag"},       {27, "Qena"},
    {28, "Aswan"},          {29, "Luxor"},       {31, "Red Sea"},     {32, "New Valley"},
    {33, "Matrouh"},        {34, "North Sinai"}, {35, "South Sinai"}, {88, "Born abroad"},
}};

constexpr int kValidityYears = 7;

int digitAt(const QString &s, int i)
{
    return s.at(i).unicode() - u'0';
}

void add(QList<NationalIdIssue> &list, NationalIdIssue issue)
{
    if (!list.contains(issue))
        list.append(issue);
}

} // namespace

QString normalizeDigits(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u >= 0x0660 && u <= 0x0669)
            out.append(QChar(u'0' + (u - 0x0660)));
        else if (u >= 0x06f0 && u <= 0x06f9)
            out.append(QChar(u'0' + (u - 0x06f0)));
        else if (!c.isSpace() && u != u'-')
            out.append(c);
    }
    return out;
}

int nationalIdCheckDigit(const QString &digits)
{
    if (digits.size() != 13 && digits.size() != 14)
        return -1;
    static constexpr std::array<int, 13> weights{2, 7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2};
    int sum = 0;
    for (int i = 0; i < 13; ++i) {
        if (!digits.at(i).isDigit() || digits.at(i).unicode() > 0x7f)
            return -1;
        sum += digitAt(digits, i) * weights[size_t(i)];
    }
    return (11 - sum % 11) % 10;
}

QString governorateName(int code)
{
    for (const Governorate &g : kGovernorates) {
        if (g.code == code)
            return QLatin1String(g.name);
    }
    return {};
}

NationalIdCheck checkNationalIdNumber(const QString &number, const QDate &today)
{
    NationalIdCheck r;
    const QString digits = normalizeDigits(number);
    for (const QChar c : digits) {
        if (c < u'0' || c > u'9') {
            add(r.errors, NationalIdIssue::NotDigits);
            return r;
        }
    }
    if (digits.size() != 14) {
        add(r.errors, NationalIdIssue::WrongLength);
        return r;
    }
    r.number.digits = digits;
    const int century = digitAt(digits, 0);
    if (century != 2 && century != 3) {
        add(r.errors, NationalIdIssue::BadCentury);
    } else {
        const int year = (century == 2 ? 1900 : 2000) + digits.mid(1, 2).toInt();
        const QDate birth(year, digits.mid(3, 2).toInt(), digits.mid(5, 2).toInt());
        if (!birth.isValid())
            add(r.errors, NationalIdIssue::BadBirthDate);
        else if (birth > today)
            add(r.errors, NationalIdIssue::FutureBirthDate);
        else
            r.number.birthDate = birth;
    }
    r.number.governorate = digits.mid(7, 2).toInt();
    if (governorateName(r.number.governorate).isEmpty())
        add(r.errors, NationalIdIssue::UnknownGovernorate);
    r.number.gender = digitAt(digits, 12) % 2 ? Gender::Male : Gender::Female;
    if (nationalIdCheckDigit(digits) != digitAt(digits, 13))
        add(r.warnings, NationalIdIssue::CheckDigitMismatch);
    return r;
}

NationalIdCheck checkNationalIdCard(const NationalIdCard &card, const QDate &today)
{
    NationalIdCheck r = checkNationalIdNumber(card.frontNumber, today);
    if (!card.backNumber.isEmpty() &&
        normalizeDigits(card.backNumber) != normalizeDigits(card.frontNumber))
        add(r.errors, NationalIdIssue::FrontBackMismatch);
    if (card.birthDate.isValid() && r.number.birthDate.isValid() &&
        card.birthDate != r.number.birthDate)
        add(r.errors, NationalIdIssue::BirthDateMismatch);
    if (card.gender != Gender::Unknown && !r.number.digits.isEmpty() &&
        card.gender != r.number.gender)
        add(r.errors, NationalIdIssue::GenderMismatch);
    if (card.expiry.isValid()) {
        if (card.expiry <= today)
            add(r.errors, NationalIdIssue::Expired);
        else if (card.expiry > today.addYears(kValidityYears))
            add(r.errors, NationalIdIssue::BadExpiry);
    }
    return r;
}

int vlensErrorCode(NationalIdIssue issue)
{
    switch (issue) {
    case NationalIdIssue::WrongLength:
    case NationalIdIssue::NotDigits:
    case NationalIdIssue::CheckDigitMismatch:
        return 3001;
    case NationalIdIssue::BadCentury:
    case NationalIdIssue::BadBirthDate:
    case NationalIdIssue::FutureBirthDate:
    case NationalIdIssue::BirthDateMismatch:
        return 3002;
    case NationalIdIssue::UnknownGovernorate:
        return 3003;
    case NationalIdIssue::GenderMismatch:
        return 3005;
    case NationalIdIssue::BadExpiry:
        return 3009;
    case NationalIdIssue::Expired:
        return 3010;
    case NationalIdIssue::FrontBackMismatch:
        return 3101;
    }
    return 5000;
}

} // namespace kiosk
