#include "persona.h"

#include "identity/nationalid.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace kiosk::specimen {

namespace {

QDate dateField(const QJsonObject &object, QLatin1StringView key)
{
    return QDate::fromString(object.value(key).toString(), Qt::ISODate);
}

} // namespace

QString toArabicIndicDigits(const QString &text)
{
    QString out = text;
    for (QChar &c : out) {
        if (c >= u'0' && c <= u'9')
            c = QChar(char16_t(0x0660 + (c.unicode() - u'0')));
    }
    return out;
}

QString Persona::validate() const
{
    if (id.isEmpty())
        return u"persona without id"_s;
    if (idNumber.size() != 14 ||
        !std::all_of(idNumber.cbegin(), idNumber.cend(), [](QChar c) { return c.isDigit(); }))
        return u"persona %1: ID number is not 14 digits"_s.arg(id);
    const int century = idNumber.at(0).digitValue();
    if (century != 2 && century != 3)
        return u"persona %1: century digit must be 2 or 3"_s.arg(id);
    const int year = (century == 2 ? 1900 : 2000) + QStringView(idNumber).mid(1, 2).toInt();
    const QDate encoded(year, QStringView(idNumber).mid(3, 2).toInt(),
                        QStringView(idNumber).mid(5, 2).toInt());
    if (!encoded.isValid() || encoded != birthDate)
        return u"persona %1: birth date does not match the ID number"_s.arg(id);
    if (governorateName(QStringView(idNumber).mid(7, 2).toInt()).isEmpty())
        return u"persona %1: unknown governorate code"_s.arg(id);
    const bool odd = idNumber.at(12).digitValue() % 2 == 1;
    if ((gender == u"M"_s) != odd || (gender != u"M"_s && gender != u"F"_s))
        return u"persona %1: gender does not match the ID number"_s.arg(id);
    if (!releaseDate.isValid() || !expiryDate.isValid() || expiryDate <= releaseDate)
        return u"persona %1: release/expiry dates invalid"_s.arg(id);
    if (firstName.isEmpty() || lastNames.isEmpty())
        return u"persona %1: Arabic name missing"_s.arg(id);
    return {};
}

QJsonObject Persona::toJson() const
{
    return QJsonObject{
        {u"id"_s, id},
        {u"firstName"_s, firstName},
        {u"lastNames"_s, lastNames},
        {u"firstNameEnglish"_s, firstNameEnglish},
        {u"lastNamesEnglish"_s, lastNamesEnglish},
        {u"idNumber"_s, idNumber},
        {u"birthDate"_s, birthDate.toString(Qt::ISODate)},
        {u"gender"_s, gender},
        {u"governorate"_s, governorate},
        {u"city"_s, city},
        {u"district"_s, district},
        {u"address"_s, address},
        {u"idKey"_s, idKey},
        {u"maritalStatus"_s, maritalStatus},
        {u"job"_s, job},
        {u"jobTitle"_s, jobTitle},
        {u"religion"_s, religion},
        {u"husbandName"_s, husbandName},
        {u"releaseDate"_s, releaseDate.toString(Qt::ISODate)},
        {u"expiryDate"_s, expiryDate.toString(Qt::ISODate)},
        {u"phoneNumber"_s, phoneNumber},
        {u"email"_s, email},
        {u"amlMatch"_s, amlMatch},
        {u"spoofed"_s, spoofed},
    };
}

std::optional<Persona> Persona::fromJson(const QJsonObject &o, QString *error)
{
    Persona p;
    p.id = o.value("id"_L1).toString();
    p.firstName = o.value("firstName"_L1).toString();
    p.lastNames = o.value("lastNames"_L1).toString();
    p.firstNameEnglish = o.value("firstNameEnglish"_L1).toString();
    p.lastNamesEnglish = o.value("lastNamesEnglish"_L1).toString();
    p.idNumber = o.value("idNumber"_L1).toString();
    p.birthDate = dateField(o, "birthDate"_L1);
    p.gender = o.value("gender"_L1).toString();
    p.governorate = o.value("governorate"_L1).toString();
    p.city = o.value("city"_L1).toString();
    p.district = o.value("district"_L1).toString();
    p.address = o.value("address"_L1).toString();
    p.idKey = o.value("idKey"_L1).toString();
    p.maritalStatus = o.value("maritalStatus"_L1).toString();
    p.job = o.value("job"_L1).toString();
    p.jobTitle = o.value("jobTitle"_L1).toString();
    p.religion = o.value("religion"_L1).toString();
    p.husbandName = o.value("husbandName"_L1).toString();
    p.releaseDate = dateField(o, "releaseDate"_L1);
    p.expiryDate = dateField(o, "expiryDate"_L1);
    p.phoneNumber = o.value("phoneNumber"_L1).toString();
    p.email = o.value("email"_L1).toString();
    p.amlMatch = o.value("amlMatch"_L1).toBool(false);
    p.spoofed = o.value("spoofed"_L1).toBool(false);
    const QString problem = p.validate();
    if (!problem.isEmpty()) {
        if (error)
            *error = problem;
        return std::nullopt;
    }
    return p;
}

QList<Persona> loadPersonas(const QByteArray &json, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (doc.isNull()) {
        if (error)
            *error = u"personas: JSON error at offset %1: %2"_s.arg(parseError.offset)
                         .arg(parseError.errorString());
        return {};
    }
    const QJsonArray array =
        doc.isArray() ? doc.array() : doc.object().value("personas"_L1).toArray();
    QList<Persona> personas;
    for (const QJsonValue &value : array) {
        std::optional<Persona> persona = Persona::fromJson(value.toObject(), error);
        if (!persona)
            return {};
        for (const Persona &other : std::as_const(personas)) {
            if (other.id == persona->id || other.idNumber == persona->idNumber) {
                if (error)
                    *error = u"personas: duplicate persona %1"_s.arg(persona->id);
                return {};
            }
        }
        personas.append(std::move(*persona));
    }
    if (personas.isEmpty() && error)
        *error = u"personas: no persona in the file"_s;
    return personas;
}

QList<Persona> loadPersonasFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = u"personas: cannot open %1: %2"_s.arg(path, file.errorString());
        return {};
    }
    return loadPersonas(file.readAll(), error);
}

QString builtInPersonasPath()
{
    return u":/personas/personas.json"_s;
}

} // namespace kiosk::specimen
