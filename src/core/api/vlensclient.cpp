#include "vlensclient.h"

#include "apienvelope.h"
#include "imageformat.h"
#include "logging.h"
#include "settings/settings.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace kiosk::api {

namespace {

using Auth = ApiRequest::Auth;

QJsonValue base64(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toBase64());
}

QJsonValue optionalString(const QString &s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

QString checkImage(const QByteArray &bytes, QStringView what)
{
    if (bytes.isEmpty())
        return u"%1 is empty"_s.arg(what);
    const ImageFormat format = detectImageFormat(bytes);
    if (format != ImageFormat::Jpeg && format != ImageFormat::Png)
        return u"%1 is not JPEG or PNG"_s.arg(what);
    return {};
}

template<typename T>
bool dataObject(const ApiEnvelope &env, QJsonObject *data, QString *why)
{
    if (!env.data().isObject()) {
        *why = u"data is not an object"_s;
        return false;
    }
    *data = env.dataObject();
    return true;
}

bool tokensParser(const ApiEnvelope &env, TokenResult *out, QString *why)
{
    QJsonObject data;
    return dataObject<TokenResult>(env, &data, why) && parseTokens(data, out, why);
}

bool sessionParser(const ApiEnvelope &env, SessionResult *out, QString *why)
{
    QJsonObject data;
    return dataObject<SessionResult>(env, &data, why) && parseSession(data, out, why);
}

bool imagesParser(const ApiEnvelope &env, IdentityImages *out, QString *why)
{
    QJsonObject data;
    return dataObject<IdentityImages>(env, &data, why) && parseIdentityImages(data, out, why);
}

bool stepImageParser(const ApiEnvelope &env, StepImage *out, QString *why)
{
    QJsonObject data;
    return dataObject<StepImage>(env, &data, why) && parseStepImage(data, out, why);
}

// Percent-encodes everything but unreserved characters: a phone number's "+" must
// reach the server as %2B, not be read as a space.
QString encodeQuery(const QList<QPair<QString, QString>> &items)
{
    QStringList parts;
    for (const auto &[key, value] : items) {
        parts.append(QString::fromLatin1(QUrl::toPercentEncoding(key)) + u'=' +
                     QString::fromLatin1(QUrl::toPercentEncoding(value)));
    }
    return parts.join(u'&');
}

} // namespace

VlensConfig VlensConfig::fromSettings(const Settings &settings)
{
    VlensConfig c;
    c.baseUrl = QUrl(settings.string(Settings::Key::ApiBaseUrl));
    c.apiKey = settings.string(Settings::Key::ApiKey);
    c.tenancyName = settings.string(Settings::Key::TenancyName);
    c.acceptLanguage = settings.string(Settings::Key::AcceptLanguage);
    c.requestTimeoutMs = settings.integer(Settings::Key::RequestTimeoutMs);
    c.uploadTimeoutMs = settings.integer(Settings::Key::UploadTimeoutMs);
    c.getRetry.maxRetries = settings.integer(Settings::Key::GetRetries);
    return c;
}

VlensClient::VlensClient(QNetworkAccessManager *nam, VlensConfig config, QObject *parent)
    : QObject(parent)
    , m_nam(nam)
    , m_config(std::move(config))
{}

VlensClient::~VlensClient() = default;

bool VlensClient::isAllowedBaseUrl(const QUrl &url, QString *why)
{
    return kiosk::api::isAllowedBaseUrl(url, why);
}

void VlensClient::setAdminTokens(const TokenResult &tokens)
{
    m_adminTokens = tokens;
    Q_EMIT adminTokensChanged();
}

void VlensClient::setUserTokens(const TokenResult &tokens)
{
    m_userTokens = tokens;
}

void VlensClient::clearUserSession()
{
    setUserTokens({});
}

TokenResult &VlensClient::tokens(Auth auth)
{
    return auth == Auth::Admin ? m_adminTokens : m_userTokens;
}

QByteArray VlensClient::authorize(Auth auth, QNetworkRequest *request) const
{
    const TokenResult &t = auth == Auth::Admin ? m_adminTokens : m_userTokens;
    if (t.accessToken.isEmpty())
        return {};
    const QByteArray token = t.accessToken.toUtf8();
    request->setRawHeader("Authorization", "Bearer " + token);
    return token;
}

bool VlensClient::startRefresh(Auth auth, const QByteArray &staleToken, QObject *context,
                               std::function<void(bool)> done)
{
    TokenResult &t = tokens(auth);
    if (!t.accessToken.isEmpty() && t.accessToken.toUtf8() != staleToken) {
        // Another call refreshed the token meanwhile: just re-send.
        QTimer::singleShot(0, context, [done] { done(true); });
        return true;
    }
    if (t.refreshToken.isEmpty())
        return false;
    QPointer<ApiReply<TokenResult>> &pending = auth == Auth::Admin ? m_adminRefresh : m_userRefresh;
    if (!pending) {
        pending = refresh(auth);
        connect(pending.data(), &ApiCall::finished, pending.data(), &QObject::deleteLater);
    }
    ApiReply<TokenResult> *call = pending.data();
    connect(call, &ApiCall::finished, context, [done, call] { done(call->isSuccess()); });
    return true;
}

ApiRequest VlensClient::post(const QString &path, const QJsonObject &body, Auth auth,
                             int timeoutMs) const
{
    ApiRequest r = ApiRequest::jsonPost(m_config.baseUrl, path, body);
    r.addHeader("Content-Type", "application/json");
    r.auth = auth;
    r.timeoutMs = timeoutMs;
    r.retryable = false;
    return r;
}

ApiRequest VlensClient::get(const QString &path, const QList<QPair<QString, QString>> &query,
                            Auth auth) const
{
    ApiRequest r = post(path, {}, auth, m_config.requestTimeoutMs);
    r.method = "GET";
    r.body.clear();
    r.headers.clear();
    r.url.setQuery(encodeQuery(query), QUrl::StrictMode);
    r.retryable = true;
    return r;
}

template<typename T>
ApiReply<T> *VlensClient::makeCall(ApiRequest request, Parser<T> parser, const QString &invalid)
{
    request.addHeader("ApiKey", m_config.apiKey.toUtf8());
    request.addHeader("Accept", "application/json");
    if (!m_config.acceptLanguage.isEmpty())
        request.addHeader("Accept-Language", m_config.acceptLanguage.toLatin1());

    auto *reply = new ApiReply<T>(m_nam, std::move(request), this);
    connect(reply, &ApiCall::finished, this, [this, reply] { Q_EMIT callFinished(reply); });
    QString why;
    if (!isAllowedBaseUrl(m_config.baseUrl, &why)) {
        reply->failBeforeSending(ApiError(ApiError::Kind::InsecureUrl, why));
        return reply;
    }
    if (m_config.apiKey.isEmpty()) {
        reply->failBeforeSending(ApiError(ApiError::Kind::InvalidRequest, u"no API key"_s));
        return reply;
    }
    if (!invalid.isEmpty()) {
        reply->failBeforeSending(ApiError(ApiError::Kind::InvalidRequest, invalid));
        return reply;
    }
    reply->setRetryPolicy(m_config.getRetry);
    reply->setAuthorizer([this](Auth auth, QNetworkRequest *r) { return authorize(auth, r); });
    reply->setRefresher([this](Auth auth, const QByteArray &stale, QObject *context,
                               std::function<void(bool)> done) {
        return startRefresh(auth, stale, context, std::move(done));
    });
    reply->setInterpreter([reply, parser](const HttpAnswer &answer, ApiError *error) {
        const ApiEnvelope envelope = ApiEnvelope::fromHttp(answer.status, answer.body);
        if (!envelope.isSuccess()) {
            *error = envelope.error();
            return false;
        }
        return reply->parseInto(parser, envelope, answer.status, error);
    });
    reply->start();
    return reply;
}

ApiReply<TokenResult> *VlensClient::loginAdmin(const QString &userNameOrEmailAddress,
                                               const QString &password)
{
    ApiRequest r = post(u"/api/credentials/Login"_s,
                        {{u"tenancyName"_s, m_config.tenancyName},
                         {u"userNameOrEmailAddress"_s, userNameOrEmailAddress},
                         {u"password"_s, password}},
                        Auth::None, m_config.requestTimeoutMs);
    r.addHeader("TenancyName", m_config.tenancyName.toUtf8());
    QString invalid;
    if (userNameOrEmailAddress.isEmpty() || password.isEmpty())
        invalid = u"user name and password are required"_s;
    else if (m_config.tenancyName.isEmpty())
        invalid = u"no tenancy name"_s;
    auto *reply = makeCall<TokenResult>(std::move(r), &tokensParser, invalid);
    connect(reply, &ApiCall::finished, this, [this, reply] {
        if (reply->isSuccess())
            setAdminTokens(reply->result());
    });
    return reply;
}

ApiReply<TokenResult> *VlensClient::refresh(Auth auth)
{
    const TokenResult &t = tokens(auth);
    ApiRequest r = post(u"/api/credentials/RefreshToken"_s, {{u"refreshToken"_s, t.refreshToken}},
                        Auth::None, m_config.requestTimeoutMs);
    if (!m_config.tenancyName.isEmpty())
        r.addHeader("TenancyName", m_config.tenancyName.toUtf8());
    auto *reply = makeCall<TokenResult>(
        std::move(r), &tokensParser, t.refreshToken.isEmpty() ? u"no refresh token"_s : QString());
    connect(reply, &ApiCall::finished, this, [this, reply, auth] {
        if (!reply->isSuccess())
            return;
        TokenResult fresh = reply->result();
        const TokenResult &old = tokens(auth);
        if (fresh.refreshToken.isEmpty())
            fresh.refreshToken = old.refreshToken;
        if (fresh.refreshTokenExpireInSeconds == 0)
            fresh.refreshTokenExpireInSeconds = old.refreshTokenExpireInSeconds;
        if (auth == Auth::Admin)
            setAdminTokens(fresh);
        else
            setUserTokens(fresh);
    });
    return reply;
}

ApiReply<TokenResult> *VlensClient::refreshAdminToken()
{
    return refresh(Auth::Admin);
}

ApiReply<SessionResult> *VlensClient::registerUser(const RegisterRequest &request)
{
    QJsonObject body{{u"phoneNumber"_s, request.phoneNumber}};
    if (!request.email.isEmpty())
        body.insert(u"email"_s, request.email);
    if (!request.password.isEmpty())
        body.insert(u"password"_s, request.password);
    if (!request.phoneNumberOtp.isEmpty())
        body.insert(u"phoneNumberOtp"_s, request.phoneNumberOtp);
    if (!request.phoneNumberOtpRequestId.isEmpty())
        body.insert(u"phoneNumberOtpRequestId"_s, request.phoneNumberOtpRequestId);
    auto *reply = makeCall<SessionResult>(
        post(u"/api/DigitalIdentity/Register"_s, body, Auth::None, m_config.requestTimeoutMs),
        &sessionParser, request.phoneNumber.isEmpty() ? u"phone number is required"_s : QString());
    connect(reply, &ApiCall::finished, this, [this, reply] {
        if (reply->isSuccess())
            setUserTokens(reply->result().tokens);
    });
    return reply;
}

ApiReply<SessionResult> *VlensClient::loginUser(const UserLoginRequest &request)
{
    QJsonObject body{{u"phoneNumber"_s, request.phoneNumber}, {u"password"_s, request.password}};
    if (!request.imei.isEmpty())
        body.insert(u"imei"_s, request.imei);
    auto *reply = makeCall<SessionResult>(
        post(u"/api/DigitalIdentity/Login"_s, body, Auth::None, m_config.requestTimeoutMs),
        &sessionParser, request.phoneNumber.isEmpty() ? u"phone number is required"_s : QString());
    connect(reply, &ApiCall::finished, this, [this, reply] {
        if (reply->isSuccess())
            setUserTokens(reply->result().tokens);
    });
    return reply;
}

ApiReply<VerifyResult> *VlensClient::verifyId(const QString &path, const VerifyIdRequest &request,
                                              Auth auth)
{
    QJsonObject body{{u"image"_s, base64(request.image)},
                     {u"transaction_id"_s, optionalString(request.transactionId)},
                     {u"getExtractedData"_s, request.getExtractedData}};
    if (!request.clientTransactionId.isEmpty())
        body.insert(u"client_transaction_id"_s, request.clientTransactionId);
    if (!request.requestId.isEmpty())
        body.insert(u"request_id"_s, request.requestId);
    if (!request.country.isEmpty())
        body.insert(u"country"_s, request.country);
    auto *reply = makeCall<VerifyResult>(post(path, body, auth, m_config.uploadTimeoutMs),
                                         &parseVerify, checkImage(request.image, u"image"));
    if (!request.transactionId.isEmpty())
        reply->resultStorage()->transactionId = request.transactionId;
    return reply;
}

ApiReply<VerifyResult> *VlensClient::liveness(const QString &path, const LivenessRequest &request,
                                              Auth auth)
{
    QJsonObject body{{u"face_1"_s, base64(request.face1)},
                     {u"face_2"_s, base64(request.face2)},
                     {u"face_3"_s, base64(request.face3)},
                     {u"transaction_id"_s, optionalString(request.transactionId)},
                     {u"getExtractedData"_s, request.getExtractedData}};
    if (!request.idFrontImage.isEmpty())
        body.insert(u"image"_s, base64(request.idFrontImage));
    QString invalid = checkImage(request.face1, u"face_1");
    if (invalid.isEmpty())
        invalid = checkImage(request.face2, u"face_2");
    if (invalid.isEmpty())
        invalid = checkImage(request.face3, u"face_3");
    if (invalid.isEmpty() && !request.idFrontImage.isEmpty())
        invalid = checkImage(request.idFrontImage, u"image");
    if (invalid.isEmpty() && (request.face1 == request.face2 || request.face2 == request.face3 ||
                              request.face1 == request.face3))
        invalid = u"face frames must not be identical"_s;
    if (invalid.isEmpty() && request.transactionId.isEmpty())
        invalid = u"liveness needs the transaction id of the ID steps"_s;
    auto *reply = makeCall<VerifyResult>(post(path, body, auth, m_config.uploadTimeoutMs),
                                         &parseVerify, invalid);
    reply->resultStorage()->transactionId = request.transactionId;
    return reply;
}

ApiReply<VerifyResult> *VlensClient::verifyIdFront(const VerifyIdRequest &request)
{
    return verifyId(u"/api/DigitalIdentity/verify/id/front"_s, request, Auth::User);
}

ApiReply<VerifyResult> *VlensClient::verifyIdBack(const VerifyIdRequest &request)
{
    return verifyId(u"/api/DigitalIdentity/verify/id/back"_s, request, Auth::User);
}

ApiReply<VerifyResult> *VlensClient::verifyLiveness(const LivenessRequest &request)
{
    return liveness(u"/api/DigitalIdentity/verify/liveness/multi"_s, request, Auth::User);
}

ApiReply<VerifyResult> *VlensClient::ocrIdFront(const VerifyIdRequest &request)
{
    return verifyId(u"/v1/ocr/id/front"_s, request, Auth::None);
}

ApiReply<VerifyResult> *VlensClient::ocrIdBack(const VerifyIdRequest &request)
{
    return verifyId(u"/v1/ocr/id/back"_s, request, Auth::None);
}

ApiReply<VerifyResult> *VlensClient::ocrLiveness(const LivenessRequest &request)
{
    return liveness(u"/v1/ocr/liveness/multi"_s, request, Auth::None);
}

ApiReply<VerifyResult> *VlensClient::linkUserWithExistingTransaction(const QString &transactionId,
                                                                     bool getExtractedData)
{
    auto *reply = makeCall<VerifyResult>(
        post(u"/api/DigitalIdentity/LinkUserWithExistingTransaction"_s,
             {{u"transactionId"_s, transactionId}, {u"getExtractedData"_s, getExtractedData}},
             Auth::User, m_config.requestTimeoutMs),
        &parseVerify, transactionId.isEmpty() ? u"transaction id is required"_s : QString());
    reply->resultStorage()->transactionId = transactionId;
    return reply;
}

ApiReply<IdentityImages> *
VlensClient::getUserDigitalIdentityImages(const QString &emailOrPhoneNumber)
{
    return makeCall<IdentityImages>(
        get(u"/api/DigitalIdentity/GetUserDigitalIdentityImages"_s,
            {{u"emailOrPhoneNumber"_s, emailOrPhoneNumber}}, Auth::Admin),
        &imagesParser, emailOrPhoneNumber.isEmpty() ? u"email or phone is required"_s : QString());
}

ApiReply<StepImage> *VlensClient::getStepImage(const StepImageRequest &request)
{
    QList<QPair<QString, QString>> query{{u"TransactionId"_s, request.transactionId},
                                         {u"FileName"_s, request.fileName}};
    if (request.impersonatedTenantId)
        query.append({u"ImpersonatedTenantId"_s, QString::number(*request.impersonatedTenantId)});
    if (!request.logId.isEmpty())
        query.append({u"LogId"_s, request.logId});
    const bool complete = !request.transactionId.isEmpty() && !request.fileName.isEmpty();
    ApiRequest r = get(u"/api/DigitalIdentity/GetStepImage"_s, query, Auth::Admin);
    r.maxResponseBytes = kMaxImageResponseBytes;
    return makeCall<StepImage>(std::move(r), &stepImageParser,
                               complete ? QString() : u"transaction id and file name required"_s);
}

} // namespace kiosk::api
