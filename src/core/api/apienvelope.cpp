#include "apienvelope.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>

using namespace Qt::StringLiterals;

namespace kiosk::api {

namespace {

// error_code as an int: numbers and numeric strings; nullopt for null/absent/0.
// Returns false if the value is present but not a code at all.
bool readCode(const QJsonValue &value, std::optional<int> *code)
{
    code->reset();
    if (value.isNull() || value.isUndefined())
        return true;
    if (value.isDouble()) {
        const double d = value.toDouble();
        if (d != std::floor(d) || std::abs(d) > 1e9)
            return false;
        if (int(d) != 0)
            *code = int(d);
        return true;
    }
    if (value.isString()) {
        const QString s = value.toString().trimmed();
        if (s.isEmpty())
            return true;
        bool ok = false;
        const int c = s.toInt(&ok);
        if (!ok)
            return false;
        if (c != 0)
            *code = c;
        return true;
    }
    return false;
}

} // namespace

QJsonValue ApiEnvelope::value(const QJsonObject &object, QStringView key)
{
    const auto exact = object.constFind(key);
    if (exact != object.constEnd())
        return *exact;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (it.key().compare(key, Qt::CaseInsensitive) == 0)
            return it.value();
    }
    return QJsonValue(QJsonValue::Undefined);
}

QString ApiEnvelope::text(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Double: {
        const double d = value.toDouble();
        if (d == std::floor(d) && std::abs(d) < 1e15)
            return QString::number(qint64(d));
        return QString::number(d);
    }
    case QJsonValue::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    default:
        return {};
    }
}

std::optional<bool> ApiEnvelope::boolean(const QJsonValue &value)
{
    if (value.isBool())
        return value.toBool();
    if (value.isDouble())
        return value.toDouble() != 0;
    if (value.isString()) {
        const QString s = value.toString().trimmed();
        if (s.compare(u"true"_s, Qt::CaseInsensitive) == 0)
            return true;
        if (s.compare(u"false"_s, Qt::CaseInsensitive) == 0)
            return false;
    }
    return std::nullopt;
}

QString ApiEnvelope::firstValidationMessage(const QJsonObject &services)
{
    const QJsonValue validations = value(services, u"validations");
    QJsonArray list;
    if (validations.isObject())
        list = value(validations.toObject(), u"validation_errors").toArray();
    else if (validations.isArray())
        list = validations.toArray();
    for (const QJsonValue &entry : std::as_const(list)) {
        const QJsonArray errors = value(entry.toObject(), u"errors").toArray();
        for (const QJsonValue &error : errors) {
            const QString message = text(value(error.toObject(), u"message"));
            if (!message.isEmpty())
                return message;
        }
    }
    return {};
}

QJsonObject ApiEnvelope::services() const
{
    const QJsonValue top = value(m_root, u"services");
    if (top.isObject())
        return top.toObject();
    return value(dataObject(), u"services").toObject();
}

QString ApiEnvelope::firstValidationMessage() const
{
    return firstValidationMessage(services());
}

ApiEnvelope ApiEnvelope::fromHttp(int httpStatus, const QByteArray &body)
{
    ApiEnvelope env;
    env.m_httpStatus = httpStatus;
    const bool ok2xx = httpStatus >= 200 && httpStatus <= 299;

    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        if (ok2xx) {
            env.m_error = ApiError(ApiError::Kind::BadResponse,
                                   body.isEmpty() ? u"empty body"_s
                                                  : u"body is not a JSON object: %1 at offset %2"_s
                                                        .arg(parseError.errorString())
                                                        .arg(parseError.offset));
        } else {
            env.m_error = ApiError::http(httpStatus);
        }
        env.m_error.setHttpStatus(httpStatus);
        return env;
    }

    env.m_root = doc.object();
    env.m_data = value(env.m_root, u"data");
    const QJsonValue code = value(env.m_root, u"error_code");
    const QJsonValue message = value(env.m_root, u"error_message");
    env.m_errorDescriptions = value(env.m_root, u"error_descriptions");
    if (env.m_errorDescriptions.isUndefined())
        env.m_errorDescriptions = QJsonValue(QJsonValue::Null);
    env.m_errorMessage = text(message);
    env.m_hasEnvelope = !env.m_data.isUndefined() || !code.isUndefined() ||
                        !message.isUndefined() ||
                        !value(env.m_root, u"error_descriptions").isUndefined();

    const bool codeReadable = readCode(code, &env.m_errorCode);
    const QString validation = env.firstValidationMessage();

    if (env.m_errorCode && !ok2xx && *env.m_errorCode == int(VlensCode::GeneralError)) {
        // "General error" on a 401/403/429/5xx says less than the status itself
        // (e.g. 403 + 5000 = missing permission): keep the HTTP kind and the code.
        env.m_error = ApiError::http(httpStatus, env.m_errorMessage);
        env.m_error.setServiceCode(*env.m_errorCode);
    } else if (env.m_errorCode) {
        env.m_error = ApiError::service(*env.m_errorCode, env.m_errorMessage);
    } else if (!ok2xx) {
        env.m_error = ApiError::http(httpStatus, env.m_errorMessage);
    } else if (!codeReadable) {
        env.m_error = ApiError(ApiError::Kind::BadResponse, u"error_code is not a number"_s);
    } else if (env.m_data.isUndefined()) {
        env.m_error = ApiError(ApiError::Kind::BadResponse, u"no data member"_s);
    } else {
        env.m_error = ApiError();
        return env;
    }
    env.m_error.setHttpStatus(httpStatus);
    if (!validation.isEmpty())
        env.m_error.setDetail(validation);
    env.m_error.setErrorDescriptions(env.m_errorDescriptions);
    return env;
}

} // namespace kiosk::api
