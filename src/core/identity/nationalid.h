#pragma once

#include <QDate>
#include <QList>
#include <QString>

namespace kiosk {

enum class Gender
{
    Unknown,
    Male,
    Female,
};

// Problems a national ID can have. Each maps to the Vlens error it would cause.
enum class NationalIdIssue
{
    WrongLength,        // not 14 digits (3001)
    NotDigits,          // other characters than digits and spaces (3001)
    BadCentury,         // first digit not 2 or 3 (3002)
    BadBirthDate,       // YYMMDD is not a real date (3002)
    FutureBirthDate,    // birth date after today (3002)
    UnknownGovernorate, // GG not a known code (3003)
    CheckDigitMismatch, // a warning only: the algorithm is not published (3001)
    FrontBackMismatch,  // front and back numbers differ (3101)
    BirthDateMismatch,  // OCR birth date differs from the number's (3002)
    GenderMismatch,     // OCR gender differs from the number's (3005)
    Expired,            // expiry date not after today (3010)
    BadExpiry,          // expiry missing or more than seven years ahead (3009)
};

// What the 14 digits say, once they pass the structure checks.
struct NationalIdNumber
{
    QString digits; // 14 ASCII digits
    QDate birthDate;
    int governorate = 0;
    Gender gender = Gender::Unknown;
};

struct NationalIdCheck
{
    NationalIdNumber number;
    QList<NationalIdIssue> errors;
    QList<NationalIdIssue> warnings;

    bool ok() const { return errors.isEmpty(); }
};

// The fields of one card as read by OCR (front and back sides).
struct NationalIdCard
{
    QString frontNumber;
    QString backNumber; // empty: not read yet, not compared
    QDate birthDate;    // invalid: not compared
    Gender gender = Gender::Unknown;
    QDate expiry; // invalid: not checked
};

// Replaces Arabic-Indic (U+0660..) and Extended Arabic-Indic (U+06F0..) digits with
// ASCII ones and drops spaces, so OCR output in either script compares equal.
QString normalizeDigits(const QString &text);

// Structure of the `C YYMMDD GG SSSS K` number; today decides "in the future".
NationalIdCheck checkNationalIdNumber(const QString &number, const QDate &today);
// The number plus agreement between front, back and OCR fields, and expiry.
NationalIdCheck checkNationalIdCard(const NationalIdCard &card, const QDate &today);

// The check digit by the algorithm most public validators use (weights 2765432765432,
// sum mod 11); -1 for anything but 13 or 14 ASCII digits.
int nationalIdCheckDigit(const QString &digits);
// English name of a governorate code, empty when unknown (88 is "born abroad").
QString governorateName(int code);
// The Vlens error code the issue would cause on the server.
int vlensErrorCode(NationalIdIssue issue);

} // namespace kiosk
