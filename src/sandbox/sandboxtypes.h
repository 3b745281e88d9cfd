#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QUrlQuery>

#include <utility>

namespace kiosk::sandbox {

// One HTTP request, copied out of QHttpServerRequest so it can outlive it (deferred answers).
struct SandboxRequest
{
    QByteArray method; // "GET", "POST", ...
    QString path;      // without the query
    QUrlQuery query;
    QHash<QByteArray, QByteArray> headers; // names lower-cased
    QByteArray body;
    QByteArray requestId;

    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
};

// What the business logic asks the server to send (before transport faults).
struct SandboxReply
{
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    int errorCode = 0; // envelope error_code, for the request log (0 = none)
    QList<std::pair<QByteArray, QByteArray>> extraHeaders;
};

// Effects of behaviour faults on the business logic of one request.
struct FaultEffects
{
    bool expiredToken = false;
    bool amlMatch = false;
    bool spoof = false;
    bool livenessFail = false;
};

// The Vlens envelope {data, error_code, error_message, error_descriptions} (+ services).
SandboxReply envelope(int status, const QJsonValue &data, int errorCode = 0,
                      const QString &errorMessage = {},
                      const QJsonValue &errorDescriptions = QJsonValue::Null,
                      const QJsonObject &services = {}, bool zeroErrorCode = false);
inline SandboxReply envelopeError(int status, int errorCode, const QString &message,
                                  const QJsonValue &descriptions = QJsonValue::Null)
{
    return envelope(status, QJsonValue::Null, errorCode, message, descriptions);
}

// BoldSign's error shape {"error": "..."}.
SandboxReply boldSignError(int status, const QString &message);

// Case-insensitive key lookup (sources disagree on camelCase vs PascalCase).
QJsonValue valueIgnoringCase(const QJsonObject &object, QLatin1StringView key);

} // namespace kiosk::sandbox
