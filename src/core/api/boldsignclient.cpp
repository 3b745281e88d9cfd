#include "boldsignclient.h"

#include "apienvelope.h"
#include "settings/settings.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>

using namespace Qt::StringLiterals;

namespace kiosk::api {

namespace {

using json::get;
using json::str;

BoldSignDate parseDate(const QJsonValue &value)
{
    const QJsonObject o = value.toObject();
    return {str(o, u"day").toInt(), str(o, u"month").toInt(), str(o, u"year").toInt()};
}

// {"error": "..."} (documented), or "message"/"title" as other ASP.NET answers have.
QString errorText(const QByteArray &body)
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (doc.isObject()) {
        const QJsonObject o = doc.object();
        for (QStringView key : {u"error", u"message", u"title"}) {
            const QJsonValue v = get(o, key);
            if (v.isString())
                return v.toString();
            if (v.isObject()) {
                const QString nested = str(v.toObject(), u"message");
                if (!nested.isEmpty())
                    return nested;
            }
        }
    }
    return {};
}

ApiError httpError(const HttpAnswer &answer)
{
    ApiError error = ApiError::http(answer.status, errorText(answer.body));
    if (answer.status == 403) {
        error = ApiError(ApiError::Kind::SignerNotVerified);
        error.setHttpStatus(403);
        error.setServerMessage(errorText(answer.body));
    }
    return error;
}

} // namespace

bool parseBoldSignReport(const QJsonObject &o, BoldSignReport *out)
{
    out->raw = o;
    out->verificationResult = str(o, u"verificationResult");
    out->verifiedDate = str(o, u"verifiedDate");
    out->verifiedAt = QDateTime::fromString(out->verifiedDate, Qt::ISODateWithMs);
    if (!out->verifiedAt.isValid())
        out->verifiedAt = QDateTime::fromString(out->verifiedDate, Qt::ISODate);
    const QJsonObject error = get(o, u"error").toObject();
    out->errorCode = str(error, u"code");
    out->errorMessage = str(error, u"message");
    const QJsonObject d = get(o, u"document").toObject();
    BoldSignDocument &doc = out->document;
    doc.type = str(d, u"type");
    doc.firstName = str(d, u"firstName");
    doc.lastName = str(d, u"lastName");
    doc.country = str(d, u"country");
    doc.documentNumber = str(d, u"documentNumber");
    doc.address = get(d, u"address").toObject();
    doc.dob = parseDate(get(d, u"dob"));
    doc.issuedDate = parseDate(get(d, u"issuedDate"));
    doc.expirationDate = parseDate(get(d, u"expirationDate"));
    const QJsonArray files = get(d, u"documentFiles").toArray();
    for (const QJsonValue &f : files) {
        const QString id = f.isObject() ? str(f.toObject(), u"fileId") : ApiEnvelope::text(f);
        if (!id.isEmpty())
            doc.documentFiles.append(id);
    }
    const QJsonValue selfie = get(d, u"selfieFile");
    doc.selfieFile =
        selfie.isObject() ? str(selfie.toObject(), u"fileId") : ApiEnvelope::text(selfie);
    return !out->verificationResult.isEmpty() || !d.isEmpty() || !error.isEmpty();
}

BoldSignConfig BoldSignConfig::fromSettings(const Settings &settings)
{
    BoldSignConfig c;
    c.baseUrl = QUrl(settings.string(Settings::Key::BoldSignBaseUrl));
    c.apiKey = settings.string(Settings::Key::BoldSignApiKey);
    c.requestTimeoutMs = settings.integer(Settings::Key::RequestTimeoutMs);
    return c;
}

BoldSignClient::BoldSignClient(QNetworkAccessManager *nam, BoldSignConfig config, QObject *parent)
    : QObject(parent)
    , m_nam(nam)
    , m_config(std::move(config))
{}

template<typename T>
ApiReply<T> *
BoldSignClient::makeCall(const QString &path, const QString &documentId, QJsonObject body,
                         QString invalid,
                         std::function<bool(const HttpAnswer &, T *, QString *)> parser)
{
    ApiRequest r = ApiRequest::jsonPost(m_config.baseUrl, path, body);
    r.url.setQuery(u"documentId="_s + QString::fromLatin1(QUrl::toPercentEncoding(documentId)),
                   QUrl::StrictMode);
    r.headers = {{"X-API-KEY", m_config.apiKey.toUtf8()},
                 {"Content-Type", "application/json"},
                 {"Accept", "application/json, image/*, application/pdf, */*"}};
    r.timeoutMs = m_config.requestTimeoutMs;
    r.retryable = false;
    r.maxResponseBytes =
        path.endsWith(u"/image"_s) ? kMaxImageResponseBytes : kMaxJsonResponseBytes;

    auto *reply = new ApiReply<T>(m_nam, std::move(r), this);
    QString why;
    if (!isAllowedBaseUrl(m_config.baseUrl, &why)) {
        reply->failBeforeSending(ApiError(ApiError::Kind::InsecureUrl, why));
        return reply;
    }
    if (m_config.apiKey.isEmpty())
        invalid = u"no BoldSign API key"_s;
    if (documentId.isEmpty())
        invalid = u"document id is required"_s;
    if (!invalid.isEmpty()) {
        reply->failBeforeSending(ApiError(ApiError::Kind::InvalidRequest, invalid));
        return reply;
    }
    reply->setInterpreter([reply, parser](const HttpAnswer &answer, ApiError *error) {
        if (answer.status < 200 || answer.status > 299) {
            *error = httpError(answer);
            return false;
        }
        return reply->parseInto(parser, answer, answer.status, error);
    });
    reply->start();
    return reply;
}

namespace {

QJsonObject signerBody(const BoldSignSigner &signer, QString *invalid)
{
    QJsonObject body;
    const bool byEmail = !signer.emailId.isEmpty();
    const bool byPhone = !signer.countryCode.isEmpty() || !signer.phoneNumber.isEmpty();
    if (byEmail == byPhone)
        *invalid = u"give either emailId or countryCode and phoneNumber"_s;
    else if (byPhone && (signer.countryCode.isEmpty() || signer.phoneNumber.isEmpty()))
        *invalid = u"SMS delivery needs both countryCode and phoneNumber"_s;
    if (byEmail) {
        body.insert(u"emailId"_s, signer.emailId);
    } else {
        body.insert(u"countryCode"_s, signer.countryCode);
        body.insert(u"phoneNumber"_s, signer.phoneNumber);
    }
    body.insert(u"order"_s, signer.order);
    if (!signer.onBehalfOf.isEmpty())
        body.insert(u"onBehalfOf"_s, signer.onBehalfOf);
    return body;
}

} // namespace

ApiReply<BoldSignReport> *BoldSignClient::report(const QString &documentId,
                                                 const BoldSignSigner &signer)
{
    QString invalid;
    const QJsonObject body = signerBody(signer, &invalid);
    return makeCall<BoldSignReport>(
        u"/v1/identityVerification/report"_s, documentId, body, invalid,
        [](const HttpAnswer &answer, BoldSignReport *out, QString *why) {
            QJsonParseError error;
            const QJsonDocument doc = QJsonDocument::fromJson(answer.body, &error);
            if (!doc.isObject()) {
                *why = u"report is not a JSON object"_s;
                return false;
            }
            if (!parseBoldSignReport(doc.object(), out)) {
                *why = u"report has none of verificationResult, document, error"_s;
                return false;
            }
            return true;
        });
}

ApiReply<BoldSignImage> *BoldSignClient::image(const QString &documentId,
                                               const BoldSignSigner &signer, const QString &fileId)
{
    QString invalid;
    QJsonObject body = signerBody(signer, &invalid);
    body.insert(u"fileId"_s, fileId);
    if (invalid.isEmpty() && fileId.isEmpty())
        invalid = u"file id is required"_s;
    return makeCall<BoldSignImage>(u"/v1/identityVerification/image"_s, documentId, body, invalid,
                                   [](const HttpAnswer &answer, BoldSignImage *out, QString *why) {
                                       out->bytes = answer.body;
                                       out->contentType = answer.contentType;
                                       out->format = detectImageFormat(answer.body);
                                       if (answer.body.isEmpty()) {
                                           *why = u"empty image"_s;
                                           return false;
                                       }
                                       if (out->format == ImageFormat::Unknown) {
                                           *why = u"unrecognised image format"_s;
                                           return false;
                                       }
                                       return true;
                                   });
}

} // namespace kiosk::api
