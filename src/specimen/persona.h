#pragma once

#include <QDate>
#include <QList>
#include <QString>

#include <optional>

class QJsonObject;

namespace kiosk::specimen {

// One invented card holder: the fields printed on a specimen Egyptian national ID
// (front and back) plus the sandbox's behaviour flags. Never a real person.
struct Persona
{
    QString id;               // stable key, e.g. "ahmed"
    QString firstName;        // Arabic
    QString lastNames;        // Arabic
    QString firstNameEnglish; // transliterated
    QString lastNamesEnglish;
    QString idNumber; // 14 digits: C YYMMDD GG SSSS K
    QDate birthDate;
    QString gender; // "M" or "F"
    QString governorate;
    QString city;
    QString district;
    QString address;
    QString idKey; // the factory code printed under the photo
    QString maritalStatus;
    QString job;
    QString jobTitle;
    QString religion;
    QString husbandName;
    QDate releaseDate;
    QDate expiryDate;
    QString phoneNumber; // E.164, for the sandbox's BoldSign signers
    QString email;
    bool amlMatch = false; // the AML service reports a watch-list hit
    bool spoofed = false;  // the spoofing service reports the document as fake

    QString fullName() const { return firstName + u' ' + lastNames; }
    QString fullNameEnglish() const { return firstNameEnglish + u' ' + lastNamesEnglish; }
    bool isExpired(const QDate &today) const { return expiryDate < today; }

    // Empty when the ID number agrees with the birth date, gender and a known
    // governorate code; otherwise what is wrong (no personal data in the text).
    QString validate() const;

    QJsonObject toJson() const;
    static std::optional<Persona> fromJson(const QJsonObject &object, QString *error = nullptr);
};

// Converts ASCII digits to Arabic-Indic digits (U+0660..U+0669), leaves the rest.
QString toArabicIndicDigits(const QString &text);

// Parses {"personas": [...]} (or a bare array); every persona must validate.
QList<Persona> loadPersonas(const QByteArray &json, QString *error = nullptr);
QList<Persona> loadPersonasFile(const QString &path, QString *error = nullptr);

// The personas built into kioskcore (resources/personas/personas.json).
QString builtInPersonasPath();

} // namespace kiosk::specimen
