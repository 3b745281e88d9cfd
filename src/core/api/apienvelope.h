#pragma once

#include "apierror.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>

#include <optional>

namespace kiosk::api {

// The {data, error_code, error_message, error_descriptions} envelope of every Vlens answer
// and the rules that decide success: a 2xx status AND an error_code that is null, absent
// or 0. A 2xx with another code is a Service error; a non-2xx is a Service error when its
// body carries a specific code, else a typed HTTP error (also for the generic 5000, whose
// code is kept in serviceCode()); an unreadable 2xx body is BadResponse.
// Keys are matched case-insensitively (the sources disagree: services/Services...).
class ApiEnvelope
{
public:
    ApiEnvelope() = default;
    // Interprets one complete HTTP answer.
    static ApiEnvelope fromHttp(int httpStatus, const QByteArray &body);

    bool isSuccess() const { return !m_error.isError(); }
    const ApiError &error() const { return m_error; }
    int httpStatus() const { return m_httpStatus; }

    // True when the body was a JSON object carrying at least one envelope key.
    bool hasEnvelope() const { return m_hasEnvelope; }
    QJsonObject root() const { return m_root; }
    QJsonValue data() const { return m_data; }
    QJsonObject dataObject() const { return m_data.toObject(); }
    // "services" at the top level (seed 004) or inside data; empty if neither.
    QJsonObject services() const;
    std::optional<int> errorCode() const { return m_errorCode; }
    QString errorMessage() const { return m_errorMessage; }
    QJsonValue errorDescriptions() const { return m_errorDescriptions; }
    // services.validations.validation_errors[0].errors[0].message, or empty.
    QString firstValidationMessage() const;

    // Case-insensitive member lookup: the exact key first, then any casing.
    static QJsonValue value(const QJsonObject &object, QStringView key);
    // A scalar as text: strings as is, integral numbers without decimals, bools
    // "true"/"false", null/undefined/objects empty.
    static QString text(const QJsonValue &value);
    // true/false, 1/0, "true"/"false"; nullopt for null, absent or anything else.
    static std::optional<bool> boolean(const QJsonValue &value);
    static QString firstValidationMessage(const QJsonObject &services);

private:
    int m_httpStatus = 0;
    bool m_hasEnvelope = false;
    QJsonObject m_root;
    QJsonValue m_data;
    std::optional<int> m_errorCode;
    QString m_errorMessage;
    QJsonValue m_errorDescriptions;
    ApiError m_error{ApiError::Kind::BadResponse};
};

// Reading the members of Vlens and BoldSign answers, keys matched as the envelope's are.
namespace json {
inline QJsonValue get(const QJsonObject &o, QStringView key)
{
    return ApiEnvelope::value(o, key);
}
inline QString str(const QJsonObject &o, QStringView key)
{
    return ApiEnvelope::text(ApiEnvelope::value(o, key));
}
} // namespace json

} // namespace kiosk::api
