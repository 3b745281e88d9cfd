#include "servicecalls.h"

#include "command.h"
#include "privatefile.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace kiosk::cli {

int exitCodeFor(const api::ApiError &error)
{
    if (!error.isError())
        return ExitOk;
    if (error.isTransport())
        return ExitNetwork;
    if (error.kind() == api::ApiError::Kind::InvalidRequest)
        return ExitInput; // refused before sending: the images or fields are unusable
    if (error.isClientSide())
        return ExitUsage;
    return ExitFailure;
}

QString describeFailure(const QString &step, const api::ApiError &error)
{
    QString text = step + u" failed: "_s;
    if (error.serviceCode() != 0)
        text += u"[%1] "_s.arg(error.serviceCode());
    text += error.fullMessage();
    QStringList context;
    if (error.httpStatus() != 0)
        context << u"HTTP %1"_s.arg(error.httpStatus());
    if (!error.requestId().isEmpty())
        context << u"request %1"_s.arg(error.requestId());
    if (!context.isEmpty())
        text += u" ("_s + context.join(u", "_s) + u')';
    return text;
}

QJsonObject failureJson(const QString &step, const api::ApiError &error)
{
    QJsonObject object{{u"step"_s, step},
                       {u"kind"_s, api::ApiError::kindName(error.kind())},
                       {u"message"_s, error.message()}};
    if (error.serviceCode() != 0)
        object.insert(u"code"_s, error.serviceCode());
    if (error.httpStatus() != 0)
        object.insert(u"http_status"_s, error.httpStatus());
    if (!error.serverMessage().isEmpty())
        object.insert(u"server_message"_s, error.serverMessage());
    if (!error.detail().isEmpty())
        object.insert(u"detail"_s, error.detail());
    if (!error.errorDescriptions().isNull() && !error.errorDescriptions().isUndefined())
        object.insert(u"error_descriptions"_s, error.errorDescriptions());
    if (!error.requestId().isEmpty())
        object.insert(u"request_id"_s, error.requestId());
    return object;
}

bool saveImageFile(const QString &path, const QByteArray &bytes, bool force, QString *error)
{
    if (writePrivateImageFile(path, bytes, force, error))
        return true;
    const QFileInfo info(path);
    if (!force && info.exists() && !info.isSymLink() && info.isFile())
        *error += u" (add --force to replace it)"_s;
    return false;
}

} // namespace kiosk::cli
