#include "sandboxcontext.h"

#include "sandboxservice.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDateTime>
#include <QImageReader>
#include <QJsonDocument>

#include <opencv2/imgcodecs.hpp>

using namespace Qt::StringLiterals;

namespace kiosk::sandbox {

QByteArray tokenHash(const QString &token)
{
    return QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256);
}

QString imageExtension(const QByteArray &bytes)
{
    return bytes.startsWith("\x89PNG") ? u"png"_s : u"jpg"_s;
}

QJsonObject validationError(const QString &field, int code, const QString &message)
{
    return QJsonObject{
        {u"field"_s, field},
        {u"value"_s, QJsonValue()},
        {u"errors"_s, QJsonArray{QJsonObject{{u"code"_s, code}, {u"message"_s, message}}}},
    };
}

SandboxReply fieldError(const QString &field, const QString &message)
{
    return envelopeError(400, 5008, message,
                         QJsonArray{QJsonObject{{u"field"_s, field}, {u"message"_s, message}}});
}

bool truthy(const QJsonValue &value, bool fallback)
{
    if (value.isBool())
        return value.toBool();
    if (value.isString())
        return value.toString().compare("true"_L1, Qt::CaseInsensitive) == 0;
    return fallback;
}

SandboxContext::SandboxContext(const SandboxOptions &sandboxOptions, SandboxStore &sandboxStore)
    : options(sandboxOptions)
    , store(sandboxStore)
    , tokens(TokenIssuer::randomSecret())
{}

std::optional<SandboxReply> SandboxContext::admit(const SandboxRequest &request, Caller *caller,
                                                  QJsonObject *body, const QString &bearerKind,
                                                  const FaultEffects &effects) const
{
    if (auto failure = checkApiKey(request, caller))
        return failure;
    if (!bearerKind.isEmpty()) {
        if (auto failure = checkBearer(request, effects, bearerKind, caller))
            return failure;
    }
    return parseObject(request, body);
}

std::optional<SandboxReply> SandboxContext::checkApiKey(const SandboxRequest &request,
                                                        Caller *caller) const
{
    const QByteArray key = request.header("apikey");
    if (key.isEmpty())
        return envelopeError(401, 4001, u"ApiKey header is missing"_s);
    const std::optional<qint64> tenant = store.tenantForApiKey(QString::fromUtf8(key));
    if (!tenant)
        return envelopeError(401, 4001, messageForErrorCode(4001));
    caller->tenantId = *tenant;
    return std::nullopt;
}

std::optional<SandboxReply> SandboxContext::checkBearer(const SandboxRequest &request,
                                                        const FaultEffects &effects,
                                                        const QString &kind, Caller *caller) const
{
    const QByteArray authorization = request.header("authorization");
    if (!authorization.startsWith("Bearer ") || authorization.size() <= 7)
        return envelopeError(401, 5004, u"Authorization bearer token is missing"_s);
    const QString token = QString::fromLatin1(authorization.mid(7).trimmed());
    QJsonObject claims;
    const TokenIssuer::Check check =
        tokens.verify(token, QDateTime::currentSecsSinceEpoch(), &claims);
    if (check == TokenIssuer::Check::Expired ||
        (check == TokenIssuer::Check::Valid && effects.expiredToken))
        return envelopeError(401, 5004, u"The access token has expired"_s);
    if (check != TokenIssuer::Check::Valid)
        return envelopeError(401, 5004, u"Invalid access token"_s);
    const std::optional<SandboxStore::Token> row = store.token(tokenHash(token));
    if (!row || row->refresh)
        return envelopeError(401, 5004, u"Invalid access token"_s);
    if (row->kind != kind) {
        return envelopeError(403, 5004,
                             kind == u"admin"_s ? u"This endpoint needs an admin token"_s
                                                : u"This endpoint needs a user token"_s);
    }
    if (kind == u"user"_s) {
        caller->user = store.user(row->subject);
        if (!caller->user || caller->user->tenantId != caller->tenantId)
            return envelopeError(401, 5004, u"Invalid access token"_s);
    } else {
        caller->admin = store.admin(row->subject);
        if (!caller->admin || caller->admin->tenantId != caller->tenantId)
            return envelopeError(401, 5004, u"Invalid access token"_s);
    }
    return std::nullopt;
}

std::optional<SandboxReply> SandboxContext::parseObject(const SandboxRequest &request,
                                                        QJsonObject *object) const
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
    if (doc.isNull())
        return envelopeError(
            400, 5000, u"The request body is not valid JSON (offset %1)"_s.arg(parseError.offset));
    if (!doc.isObject())
        return envelopeError(400, 5000, u"The request body must be a JSON object"_s);
    *object = doc.object();
    return std::nullopt;
}

std::optional<SandboxReply> SandboxContext::decodeImage(const QJsonValue &value,
                                                        const QString &field, qint64 softLimit,
                                                        Image *image, bool decodePixels) const
{
    if (value.isUndefined() || value.isNull() || (value.isString() && value.toString().isEmpty()))
        return fieldError(field, u"The field %1 is required"_s.arg(field));
    if (!value.isString())
        return fieldError(field, u"The field %1 must be a base64 string"_s.arg(field));
    const auto decoded = QByteArray::fromBase64Encoding(
        value.toString().toLatin1(),
        QByteArray::Base64Encoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.isEmpty())
        return envelopeError(400, 5001, u"The field %1 is not valid base64"_s.arg(field),
                             QJsonArray{QJsonObject{{u"field"_s, field}}});
    image->bytes = decoded.decoded;
    const qint64 size = image->bytes.size();
    const bool face = softLimit == FaceLimit;
    if (size > HardLimit)
        return envelopeError(413, 5002, u"%1: image over 5 MB"_s.arg(field),
                             QJsonArray{QJsonObject{{u"field"_s, field}, {u"bytes"_s, size}}});
    if (size >= softLimit + (face ? 0 : 1))
        return envelopeError(200, 5002,
                             face ? u"%1: face images must be under 500 KB"_s.arg(field)
                                  : u"%1: documents must not exceed 3 MB"_s.arg(field),
                             QJsonArray{QJsonObject{{u"field"_s, field}, {u"bytes"_s, size}}});
    // Header-only look at the dimensions, before any decoding.
    {
        QBuffer buffer(&image->bytes);
        buffer.open(QIODevice::ReadOnly);
        QImageReader reader(&buffer);
        const QSize dims = reader.size();
        if (dims.isValid() && qint64(dims.width()) * dims.height() > MaxPixels)
            return envelopeError(200, 5003, messageForErrorCode(5003),
                                 QJsonArray{QJsonObject{{u"field"_s, field}}});
    }
    if (!decodePixels)
        return std::nullopt;
    try {
        const cv::Mat raw(1, int(image->bytes.size()), CV_8UC1,
                          const_cast<char *>(image->bytes.constData()));
        image->mat = cv::imdecode(raw, cv::IMREAD_COLOR);
    } catch (const cv::Exception &) {
        image->mat.release();
    }
    if (image->mat.empty())
        return envelopeError(200, 5001, u"%1: the data is not a JPEG or PNG image"_s.arg(field),
                             QJsonArray{QJsonObject{{u"field"_s, field}}});
    if (qint64(image->mat.cols) * image->mat.rows > MaxPixels)
        return envelopeError(200, 5003, messageForErrorCode(5003),
                             QJsonArray{QJsonObject{{u"field"_s, field}}});
    return std::nullopt;
}

QJsonObject SandboxContext::userJson(const SandboxStore::EndUser &user) const
{
    return QJsonObject{
        {u"id"_s, user.id},
        {u"emailAddress"_s, user.email.isEmpty() ? QJsonValue() : QJsonValue(user.email)},
        {u"phoneNumber"_s, user.phoneNumber},
        {u"isDigitalIdentityVerified"_s, user.verified},
    };
}

const specimen::Persona *SandboxContext::persona(const QString &id) const
{
    for (const specimen::Persona &p : personas) {
        if (p.id == id)
            return &p;
    }
    return nullptr;
}

} // namespace kiosk::sandbox
