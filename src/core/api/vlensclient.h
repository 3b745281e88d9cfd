#pragma once

#include "apicall.h"
#include "vlenstypes.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

class QNetworkAccessManager;

namespace kiosk {
class Settings;
}

namespace kiosk::api {

class ApiEnvelope;

struct VlensConfig
{
    QUrl baseUrl = QUrl(QStringLiteral("https://api.vlenseg.com"));
    QString apiKey;
    QString tenancyName;
    QString acceptLanguage = QStringLiteral("en");
    int requestTimeoutMs = 30000; // transfer timeout of logins and GETs
    int uploadTimeoutMs = 90000;  // transfer timeout of the image uploads
    RetryPolicy getRetry;

    static VlensConfig fromSettings(const Settings &settings);
};

// Client of the Vlens Digital Identity API (vlens-api.md and the seeds).
//
// Every method returns at once an ApiReply<T>* (a child of the client; the caller
// deletes it once finished): connect its finished() and uploadProgress() from a GUI
// state machine, or call waitForFinished() from kioskctl. Requests are checked before
// sending (https rule, API key, token, images) and fail with a typed ApiError.
//
//   VlensClient client(&nam, VlensConfig::fromSettings(settings));
//   std::unique_ptr<ApiReply<SessionResult>> reg(client.registerUser({u"+2010..."_s}));
//   if (!reg->waitForFinished()) return report(reg->error());  // user token now stored
//   auto front = client.verifyIdFront({frontJpeg});             // transaction_id: null
//   ...  front->result().transactionId feeds verifyIdBack and verifyLiveness.
//
// Tokens. loginAdmin() stores the admin tokens, registerUser()/loginUser() the user
// token; bearer calls use them. On HTTP 401 a call refreshes its token once through
// /api/credentials/RefreshToken with the stored refresh token and re-sends (the server
// did not process it); concurrent calls share one refresh. The user token is treated the
// same way when the server gave a refresh token with it (end-user Login does; the
// documented Register answer does not, the sandbox's does). Without one the 401 is
// reported (Unauthorized, or Service 5004 if the body says so) and the flow restarts the
// session: a customer session is short, re-registering is the documented path.
//
// Retries. GETs (the admin audit calls) are retried on connection errors, 429 and 503
// with capped exponential back-off, jitter and Retry-After. POSTs are never replayed,
// except after the 401 refresh above; a timed-out POST is reported, never re-sent.
//
// Privacy. Logs carry method, path (never the query), status, error code, request id,
// time and sizes: never images, tokens, keys or personal fields.
class VlensClient : public QObject
{
    Q_OBJECT

public:
    VlensClient(QNetworkAccessManager *nam, VlensConfig config, QObject *parent = nullptr);
    ~VlensClient() override;

    const VlensConfig &config() const { return m_config; }
    void setAcceptLanguage(const QString &language) { m_config.acceptLanguage = language; }

    // https://, or http:// to a loopback host (127.0.0.0/8, ::1, localhost) only.
    static bool isAllowedBaseUrl(const QUrl &url, QString *why = nullptr);

    TokenResult adminTokens() const { return m_adminTokens; }
    void setAdminTokens(const TokenResult &tokens);
    TokenResult userTokens() const { return m_userTokens; }
    void setUserTokens(const TokenResult &tokens);
    void clearUserSession();

    // Admin/service tokens (header TenancyName). Stored on success.
    ApiReply<TokenResult> *loginAdmin(const QString &userNameOrEmailAddress,
                                      const QString &password);
    ApiReply<TokenResult> *refreshAdminToken();

    // End user (API key only). Stored on success as the user token.
    ApiReply<SessionResult> *registerUser(const RegisterRequest &request);
    ApiReply<SessionResult> *loginUser(const UserLoginRequest &request);

    // Capture steps with the user token (/api/DigitalIdentity/verify/...).
    ApiReply<VerifyResult> *verifyIdFront(const VerifyIdRequest &request);
    ApiReply<VerifyResult> *verifyIdBack(const VerifyIdRequest &request);
    ApiReply<VerifyResult> *verifyLiveness(const LivenessRequest &request);

    // The same steps with the API key alone (/v1/ocr/...), before the customer has a
    // token; link the transaction afterwards.
    ApiReply<VerifyResult> *ocrIdFront(const VerifyIdRequest &request);
    ApiReply<VerifyResult> *ocrIdBack(const VerifyIdRequest &request);
    ApiReply<VerifyResult> *ocrLiveness(const LivenessRequest &request);
    ApiReply<VerifyResult> *linkUserWithExistingTransaction(const QString &transactionId,
                                                            bool getExtractedData = true);

    // Audit (admin token with the Requests permission; GETs, retried).
    ApiReply<IdentityImages> *getUserDigitalIdentityImages(const QString &emailOrPhoneNumber);
    ApiReply<StepImage> *getStepImage(const StepImageRequest &request);

Q_SIGNALS:
    void adminTokensChanged();
    // Every call, once finished (success or not): for metrics.
    void callFinished(const kiosk::api::ApiCall *call);

private:
    template<typename T>
    using Parser = bool (*)(const ApiEnvelope &, T *, QString *);

    template<typename T>
    ApiReply<T> *makeCall(ApiRequest request, Parser<T> parser, const QString &invalid = {});
    ApiRequest post(const QString &path, const QJsonObject &body, ApiRequest::Auth auth,
                    int timeoutMs) const;
    ApiRequest get(const QString &path, const QList<QPair<QString, QString>> &query,
                   ApiRequest::Auth auth) const;
    ApiReply<VerifyResult> *verifyId(const QString &path, const VerifyIdRequest &request,
                                     ApiRequest::Auth auth);
    ApiReply<VerifyResult> *liveness(const QString &path, const LivenessRequest &request,
                                     ApiRequest::Auth auth);
    ApiReply<TokenResult> *refresh(ApiRequest::Auth auth);
    QByteArray authorize(ApiRequest::Auth auth, QNetworkRequest *request) const;
    bool startRefresh(ApiRequest::Auth auth, const QByteArray &staleToken, QObject *context,
                      std::function<void(bool)> done);
    TokenResult &tokens(ApiRequest::Auth auth);

    QNetworkAccessManager *m_nam;
    VlensConfig m_config;
    TokenResult m_adminTokens;
    TokenResult m_userTokens;
    QPointer<ApiReply<TokenResult>> m_adminRefresh;
    QPointer<ApiReply<TokenResult>> m_userRefresh;
};

} // namespace kiosk::api
