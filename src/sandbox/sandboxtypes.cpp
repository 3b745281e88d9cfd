#include "sandboxtypes.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace kiosk::sandbox {

SandboxReply envelope(int status, const QJsonValue &data, int errorCode,
                      const QString &errorMessage, const QJsonValue &errorDescriptions,
                      const QJsonObject &services, bool zeroErrorCode)
{
    QJsonObject root;
    root.insert(u"data"_s, data);
    if (!services.isEmpty())
        root.insert(u"services"_s, services);
    root.insert(u"error_code"_s,
                errorCode ? QJsonValue(errorCode) : (zeroErrorCode ? QJsonValue(0) : QJsonValue()));
    root.insert(u"error_message"_s, errorMessage.isEmpty() ? QJsonValue() : errorMessage);
    root.insert(u"error_descriptions"_s, errorDescriptions);
    SandboxReply reply;
    reply.status = status;
    reply.errorCode = errorCode;
    reply.body = QJsonDocument(root).toJson(QJsonDocument::Compact);
    return reply;
}

SandboxReply boldSignError(int status, const QString &message)
{
    SandboxReply reply;
    reply.status = status;
    reply.body = QJsonDocument(QJsonObject{{u"error"_s, message}}).toJson(QJsonDocument::Compact);
    return reply;
}

QJsonValue valueIgnoringCase(const QJsonObject &object, QLatin1StringView key)
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

} // namespace kiosk::sandbox
