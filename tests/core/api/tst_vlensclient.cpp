#include "api/vlensclient.h"
#include "httptestserver.h"

#include <QBuffer>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QUuid>

#include <limits>
#include <memory>

using namespace Qt::StringLiterals;
using namespace kiosk::api;
using kiosk::test::HttpRequest;
using kiosk::test::HttpResponse;
using kiosk::test::HttpTestServer;
using Kind = ApiError::Kind;

namespace {

const QString kTx = u"3fa85f64-5717-4562-b3fc-2c963f66afa6"_s;

QByteArray pngImage(const QColor &color, int size = 16)
{
    QImage image(size, size, QImage::Format_RGB32);
    image.fill(color);
    QByteArray out;
    QBuffer buffer(&out);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return out;
}

// Leading bytes of a JPEG file are all the client checks; the rest is opaque payload.
QByteArray fakeJpeg(int size, char fill = 'x')
{
    return QByteArray("\xFF\xD8\xFF\xE0", 4) + QByteArray(size, fill);
}

QJsonObject envelope(const QJsonValue &data, const QJsonObject &extra = {})
{
    QJsonObject o{{u"data"_s, data},
                  {u"error_code"_s, QJsonValue::Null},
                  {u"error_message"_s, QJsonValue::Null},
                  {u"error_descriptions"_s, QJsonValue::Null}};
    for (auto it = extra.begin(); it != extra.end(); ++it)
        o.insert(it.key(), it.value());
    return o;
}

QJsonObject frontData()
{
    return QJsonObject{
        {u"first_name"_s, u"أحمد"_s},
        {u"last_names"_s, u"محمد علي"_s},
        {u"first_name_english"_s, u"Ahmed"_s},
        {u"last_names_english"_s, u"Mohamed Ali"_s},
        {u"name"_s, u"أحمد محمد علي"_s},
        {u"name_english"_s, u"Ahmed Mohamed Ali"_s},
        {u"idNumber"_s, u"29901011234567"_s},
        {u"dateOfBirth"_s, u"1999-01-01"_s},
        {u"govern"_s, u"القاهرة"_s},
        {u"city"_s, u"مدينة نصر"_s},
        {u"district"_s, u"الحي السابع"_s},
        {u"address"_s, u"15 شارع عباس العقاد"_s},
        {u"gender"_s, u"M"_s},
        {u"idKey"_s, u"FA1234567"_s},
        {u"transaction_id"_s, kTx},
    };
}

QJsonObject backData()
{
    return QJsonObject{
        {u"maritalStatus"_s, u"أعزب"_s},
        {u"job"_s, u"مهندس"_s},
        {u"jobTitle"_s, u"مهندس برمجيات"_s},
        {u"religion"_s, u"مسلم"_s},
        {u"husbandName"_s, QJsonValue::Null},
        {u"releaseDate"_s, u"2021-05-01"_s},
        {u"idExpiry"_s, u"2028-05-01"_s},
        {u"idNumber"_s, 29901011234567.0},
        {u"gender"_s, u"M"_s},
    };
}

QJsonObject services(bool liveness)
{
    return QJsonObject{
        {u"validations"_s,
         QJsonObject{{u"validation_errors"_s,
                      QJsonArray{QJsonObject{
                          {u"field"_s, u"image"_s},
                          {u"value"_s, QJsonValue::Null},
                          {u"errors"_s,
                           QJsonArray{QJsonObject{{u"code"_s, u"W1"_s},
                                                  {u"message"_s, u"Glare on the photo"_s}}}}}}}}},
        {u"spoofing"_s, QJsonObject{{u"fake"_s, false}}},
        {u"classification"_s, QJsonObject{{u"doc_type"_s, u"egyptian_id_front"_s}}},
        {u"liveness"_s, liveness},
        {u"AML"_s, QJsonObject{{u"AML_matched"_s, false}, {u"data"_s, QJsonArray{}}}},
        {u"SRC"_s, QJsonObject{{u"isValid"_s, true},
                               {u"errorCode"_s, QJsonValue::Null},
                               {u"errorKey"_s, QJsonValue::Null},
                               {u"errorMessage"_s, QJsonValue::Null}}},
    };
}

// Realistic answers of every endpoint, from the seeds and the reference page.
HttpResponse seedAnswer(const HttpRequest &request)
{
    const QByteArray path = request.path;
    if (path == "/api/credentials/Login")
        return HttpResponse::json(
            envelope(QJsonObject{{u"accessToken"_s, u"admin-access"_s},
                                 {u"expireInSeconds"_s, 86400},
                                 {u"refreshToken"_s, u"admin-refresh"_s},
                                 {u"refreshTokenExpireInSeconds"_s, 604800}}));
    if (path == "/api/credentials/RefreshToken")
        return HttpResponse::json(envelope(QJsonObject{{u"accessToken"_s, u"fresh-access"_s},
                                                       {u"expireInSeconds"_s, 86400},
                                                       {u"refreshToken"_s, u"fresh-refresh"_s}}));
    const QJsonObject user{{u"id"_s, 42},
                           {u"emailAddress"_s, u"ahmed@example.com"_s},
                           {u"phoneNumber"_s, u"+201234567890"_s}};
    if (path == "/api/DigitalIdentity/Register")
        return HttpResponse::json(envelope(QJsonObject{{u"accessToken"_s, u"user-access"_s},
                                                       {u"expireInSeconds"_s, 3600},
                                                       {u"isDigitalIdentityVerified"_s, false},
                                                       {u"user"_s, user}}));
    if (path == "/api/DigitalIdentity/Login")
        return HttpResponse::json(envelope(QJsonObject{{u"accessToken"_s, u"user-access"_s},
                                                       {u"refreshToken"_s, u"user-refresh"_s},
                                                       {u"expireInSeconds"_s, 3600},
                                                       {u"isDigitalIdentityVerified"_s, true},
                                                       {u"isPhoneNumberConfirmed"_s, true},
                                                       {u"user"_s, user}}));
    if (path.endsWith("/id/front"))
        return HttpResponse::json(envelope(QJsonObject{{u"isVerificationProcessCompleted"_s, false},
                                                       {u"isDigitalIdentityVerified"_s, false},
                                                       {u"idFrontData"_s, frontData()}},
                                           {{u"services"_s, services(false)}}));
    if (path.endsWith("/id/back"))
        return HttpResponse::json(envelope(
            QJsonObject{{u"isVerificationProcessCompleted"_s, false},
                        {u"isDigitalIdentityVerified"_s, false},
                        {u"idBackData"_s, backData()}},
            {{u"Services"_s, QJsonObject{{u"spoofing"_s, QJsonObject{{u"fake"_s, true}}}}}}));
    if (path.endsWith("/liveness/multi"))
        // Seed 004's success response.
        return HttpResponse::raw(200, R"({
  "data": {
    "isVerificationProcessCompleted": true,
    "isDigitalIdentityVerified": true,
    "user": { "idNumber": "29901234567890" }
  },
  "services": {
    "liveness": true,
    "spoofing": { "fake": false },
    "SRC": { "isValid": true },
    "AML": { "AML_matched": false }
  },
  "error_code": null
})");
    if (path == "/api/DigitalIdentity/LinkUserWithExistingTransaction")
        return HttpResponse::json(envelope(QJsonObject{{u"isVerificationProcessCompleted"_s, true},
                                                       {u"isDigitalIdentityVerified"_s, true},
                                                       {u"idFrontData"_s, frontData()},
                                                       {u"idBackData"_s, backData()}}));
    if (path == "/api/DigitalIdentity/GetUserDigitalIdentityImages")
        // Seed 001.
        return HttpResponse::raw(200, R"({
 "data": {
 "idFrontImage": "user123_id_front_20240601.jpg",
 "idBackImage": "user123_id_back_20240601.jpg",
 "livenessImage": "user123_liveness_20240601.jpg",
 "livenessFace01Image": "user123_liveness_face1_20240601.jpg",
 "livenessFace02Image": "user123_liveness_face2_20240601.jpg",
 "livenessFace03Image": null
 },
 "error_code": null,
 "error_message": null,
 "error_descriptions": null
})");
    if (path == "/api/DigitalIdentity/GetStepImage")
        // Seed 002.
        return HttpResponse::raw(200, R"({
 "data": {
 "image": "iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9h"
 },
 "error_code": 0,
 "error_message": null,
 "error_descriptions": null
})");
    return HttpResponse::raw(404, {});
}

template<typename T>
using Reply = std::unique_ptr<ApiReply<T>>;

bool isLowerUuid(const QByteArray &id)
{
    static const QRegularExpression re(
        u"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"_s);
    return re.match(QString::fromLatin1(id)).hasMatch();
}

enum class Endpoint
{
    LoginAdmin,
    RefreshAdmin,
    Register,
    LoginUser,
    VerifyFront,
    VerifyBack,
    VerifyLiveness,
    OcrFront,
    OcrBack,
    OcrLiveness,
    Link,
    Images,
    StepImage,
};

} // namespace

Q_DECLARE_METATYPE(Endpoint)

// The invalid inputs invalidInputNotSent tries, each handled by its switch (no default:
// the compiler reports a row the switch forgets).
enum class BadInput
{
    EmptyImage,
    GifImage,
    IdenticalFaces,
    LivenessWithoutTransaction,
    NoUserToken,
    NoApiKey,
    RegisterWithoutPhone,
    StepImageWithoutFileName,
    NoAdminToken,
};

Q_DECLARE_METATYPE(BadInput)

// VlensClient against a real HTTP server on 127.0.0.1: request shapes of every endpoint,
// typed results, the envelope rules end to end, timeouts, cancellation, token refresh,
// GET retries, the https rule and what reaches the logs.
class tst_VlensClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void endpointShape_data();
    void endpointShape();
    void baseUrlPathIsKept();
    void adminLoginStoresTokens();
    void registerStoresUserTokenAndParsesUser();
    void verifyFrontParsesEveryField();
    void verifyBackParsesFieldsAndCasing();
    void livenessParsesSeedResponse();
    void linkAndImagesAndStepImage();
    void phonePlusIsPercentEncoded();

    void envelopeOverHttp_data();
    void envelopeOverHttp();
    void truncatedBodyIsBadResponse();
    void closedWithoutAnswer();
    void timeoutIsTypedAndNotRetried();
    void refusedConnection();
    void tlsHandshakeFailure();
    void cancelInFlight();
    void cancelDuringBackoff();

    void unauthorizedRefreshesOnceThenSucceeds();
    void unauthorizedPostIsResentAfterRefresh();
    void unauthorizedTwiceFails();
    void refreshFailureReportsUnauthorized();
    void userTokenWithoutRefreshTokenIsNotRefreshed();
    void concurrentUnauthorizedShareOneRefresh();

    void getRetriedThenSucceeds_data();
    void getRetriedThenSucceeds();
    void getRetriedAfterRefusedConnection();
    void getGivesUpAfterMaxRetries();
    void retryAfterHonouredAndCapped();
    void postNotRetried_data();
    void postNotRetried();

    void baseUrlRule_data();
    void baseUrlRule();

    // Hostile servers (issue 11).
    void oversizedAnswerAbortedWhileStreaming_data();
    void oversizedAnswerAbortedWhileStreaming();
    void imageAnswerUnderItsCapAccepted();
    void stepImageThatIsNotAnImageRefused();
    void dripEndsAtTheTotalDeadline();
    void outOfRangeTimeoutSaturates_data();
    void outOfRangeTimeoutSaturates();
    void noCookieCarriedFromAgentToCustomer();
    void hugeRetryAfterSaturates();
    void hugeExpireInSecondsSaturates();
    void crossOriginRedirectRefusedAndSaidSo();
    void invalidInputNotSent_data();
    void invalidInputNotSent();
    void uploadProgressReported();
    void acceptLanguageFollowsSetting();
    void logsCarryNoSecrets();

private:
    VlensConfig config() const;
    std::unique_ptr<VlensClient> makeClient(VlensConfig c);
    ApiCall *callEndpoint(VlensClient &client, Endpoint endpoint);

    std::unique_ptr<HttpTestServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    QByteArray m_front = pngImage(Qt::white);
    QByteArray m_back = pngImage(Qt::gray);
    QByteArray m_face1 = pngImage(Qt::red);
    QByteArray m_face2 = pngImage(Qt::green);
    QByteArray m_face3 = pngImage(Qt::blue);
};

void tst_VlensClient::init()
{
    m_server = std::make_unique<HttpTestServer>();
    QVERIFY(m_server->listen());
    m_server->setHandler([](const HttpRequest &r, HttpResponse *out) { *out = seedAnswer(r); });
    m_nam = std::make_unique<QNetworkAccessManager>();
}

void tst_VlensClient::cleanup()
{
    m_nam.reset();
    m_server.reset();
}

VlensConfig tst_VlensClient::config() const
{
    VlensConfig c;
    c.baseUrl = m_server->url();
    c.apiKey = u"test-api-key"_s;
    c.tenancyName = u"bank-tenant"_s;
    c.acceptLanguage = u"ar"_s;
    c.requestTimeoutMs = 3000;
    c.uploadTimeoutMs = 3000;
    c.getRetry.maxRetries = 3;
    c.getRetry.baseDelayMs = 10;
    c.getRetry.maxDelayMs = 80;
    return c;
}

std::unique_ptr<VlensClient> tst_VlensClient::makeClient(VlensConfig c)
{
    auto client = std::make_unique<VlensClient>(m_nam.get(), std::move(c));
    TokenResult admin;
    admin.accessToken = u"admin-access"_s;
    admin.refreshToken = u"admin-refresh"_s;
    client->setAdminTokens(admin);
    TokenResult user;
    user.accessToken = u"user-access"_s;
    client->setUserTokens(user);
    return client;
}

ApiCall *tst_VlensClient::callEndpoint(VlensClient &client, Endpoint endpoint)
{
    VerifyIdRequest front{m_front};
    VerifyIdRequest back{m_back, kTx};
    LivenessRequest live{m_face1, m_face2, m_face3, m_front, kTx};
    switch (endpoint) {
    case Endpoint::LoginAdmin:
        return client.loginAdmin(u"agent@bank"_s, u"agent-password"_s);
    case Endpoint::RefreshAdmin:
        return client.refreshAdminToken();
    case Endpoint::Register:
        return client.registerUser({u"+201234567890"_s, u"ahmed@example.com"_s, u"pw"_s});
    case Endpoint::LoginUser:
        return client.loginUser({u"+201234567890"_s, u"pw"_s, u"356938035643809"_s});
    case Endpoint::VerifyFront:
        return client.verifyIdFront(front);
    case Endpoint::VerifyBack:
        return client.verifyIdBack(back);
    case Endpoint::VerifyLiveness:
        return client.verifyLiveness(live);
    case Endpoint::OcrFront:
        return client.ocrIdFront(front);
    case Endpoint::OcrBack:
        return client.ocrIdBack(back);
    case Endpoint::OcrLiveness:
        return client.ocrLiveness(live);
    case Endpoint::Link:
        return client.linkUserWithExistingTransaction(kTx);
    case Endpoint::Images:
        return client.getUserDigitalIdentityImages(u"+201234567890"_s);
    case Endpoint::StepImage:
        return client.getStepImage({kTx, u"id_front_20240601.png"_s, 1024, u"log-xyz"_s});
    }
    return nullptr;
}

void tst_VlensClient::endpointShape_data()
{
    QTest::addColumn<Endpoint>("endpoint");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<bool>("tenancy");
    QTest::addColumn<QStringList>("bodyKeys");
    QTest::addColumn<QString>("query");

    const QStringList verifyKeys{u"image"_s, u"transaction_id"_s, u"getExtractedData"_s};
    const QStringList liveKeys{u"face_1"_s,         u"face_2"_s,           u"face_3"_s,
                               u"transaction_id"_s, u"getExtractedData"_s, u"image"_s};
    QTest::newRow("login admin") << Endpoint::LoginAdmin << QByteArray("POST")
                                 << QByteArray("/api/credentials/Login") << QByteArray() << true
                                 << QStringList{u"tenancyName"_s, u"userNameOrEmailAddress"_s,
                                                u"password"_s}
                                 << QString();
    QTest::newRow("refresh") << Endpoint::RefreshAdmin << QByteArray("POST")
                             << QByteArray("/api/credentials/RefreshToken") << QByteArray() << true
                             << QStringList{u"refreshToken"_s} << QString();
    QTest::newRow("register") << Endpoint::Register << QByteArray("POST")
                              << QByteArray("/api/DigitalIdentity/Register") << QByteArray()
                              << false << QStringList{u"phoneNumber"_s, u"email"_s, u"password"_s}
                              << QString();
    QTest::newRow("login user") << Endpoint::LoginUser << QByteArray("POST")
                                << QByteArray("/api/DigitalIdentity/Login") << QByteArray() << false
                                << QStringList{u"phoneNumber"_s, u"password"_s, u"imei"_s}
                                << QString();
    QTest::newRow("verify front") << Endpoint::VerifyFront << QByteArray("POST")
                                  << QByteArray("/api/DigitalIdentity/verify/id/front")
                                  << QByteArray("Bearer user-access") << false << verifyKeys
                                  << QString();
    QTest::newRow("verify back") << Endpoint::VerifyBack << QByteArray("POST")
                                 << QByteArray("/api/DigitalIdentity/verify/id/back")
                                 << QByteArray("Bearer user-access") << false << verifyKeys
                                 << QString();
    QTest::newRow("verify liveness")
        << Endpoint::VerifyLiveness << QByteArray("POST")
        << QByteArray("/api/DigitalIdentity/verify/liveness/multi")
        << QByteArray("Bearer user-access") << false << liveKeys << QString();
    QTest::newRow("ocr front") << Endpoint::OcrFront << QByteArray("POST")
                               << QByteArray("/v1/ocr/id/front") << QByteArray() << false
                               << verifyKeys << QString();
    QTest::newRow("ocr back") << Endpoint::OcrBack << QByteArray("POST")
                              << QByteArray("/v1/ocr/id/back") << QByteArray() << false
                              << verifyKeys << QString();
    QTest::newRow("ocr liveness") << Endpoint::OcrLiveness << QByteArray("POST")
                                  << QByteArray("/v1/ocr/liveness/multi") << QByteArray() << false
                                  << liveKeys << QString();
    QTest::newRow("link") << Endpoint::Link << QByteArray("POST")
                          << QByteArray("/api/DigitalIdentity/LinkUserWithExistingTransaction")
                          << QByteArray("Bearer user-access") << false
                          << QStringList{u"transactionId"_s, u"getExtractedData"_s} << QString();
    QTest::newRow("images") << Endpoint::Images << QByteArray("GET")
                            << QByteArray("/api/DigitalIdentity/GetUserDigitalIdentityImages")
                            << QByteArray("Bearer admin-access") << false << QStringList()
                            << u"emailOrPhoneNumber=%2B201234567890"_s;
    QTest::newRow("step image") << Endpoint::StepImage << QByteArray("GET")
                                << QByteArray("/api/DigitalIdentity/GetStepImage")
                                << QByteArray("Bearer admin-access") << false << QStringList()
                                << u"TransactionId=" + kTx +
                                       u"&FileName=id_front_20240601.png"
                                       u"&ImpersonatedTenantId=1024&LogId=log-xyz"_s;
}

void tst_VlensClient::endpointShape()
{
    QFETCH(Endpoint, endpoint);
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, authorization);
    QFETCH(bool, tenancy);
    QFETCH(QStringList, bodyKeys);
    QFETCH(QString, query);

    auto client = makeClient(config());
    std::unique_ptr<ApiCall> call(callEndpoint(*client, endpoint));
    QVERIFY2(call->waitForFinished(5000), qPrintable(call->error().fullMessage()));
    QCOMPARE(m_server->requestCount(), 1);
    const HttpRequest r = m_server->lastRequest();
    QCOMPARE(r.method, method);
    QCOMPARE(r.path, path);
    QCOMPARE(QString::fromLatin1(r.query), query);
    QCOMPARE(r.header("ApiKey"), QByteArray("test-api-key"));
    QCOMPARE(r.header("Authorization"), authorization);
    QCOMPARE(r.hasHeader("Authorization"), !authorization.isEmpty());
    QCOMPARE(r.header("TenancyName"), tenancy ? QByteArray("bank-tenant") : QByteArray());
    QCOMPARE(r.header("Accept-Language"), QByteArray("ar"));
    QVERIFY(isLowerUuid(r.header("X-Request-Id")));
    QCOMPARE(QString::fromLatin1(r.header("X-Request-Id")), call->requestId());
    QCOMPARE(call->error().requestId(), call->requestId());
    if (method == "POST") {
        QCOMPARE(r.header("Content-Type"), QByteArray("application/json"));
        QStringList keys = r.json().keys();
        keys.sort();
        bodyKeys.sort();
        QCOMPARE(keys, bodyKeys);
    } else {
        QVERIFY(r.body.isEmpty());
    }

    // Images travel as bare base64 of the bytes given, no data: prefix.
    const QJsonObject body = r.json();
    if (body.contains(u"image"_s)) {
        const QString image = body.value(u"image"_s).toString();
        QVERIFY(!image.startsWith(u"data:"_s));
        QCOMPARE(QByteArray::fromBase64(image.toLatin1()),
                 endpoint == Endpoint::VerifyBack || endpoint == Endpoint::OcrBack ? m_back
                                                                                   : m_front);
    }
    if (body.contains(u"face_2"_s))
        QCOMPARE(QByteArray::fromBase64(body.value(u"face_2"_s).toString().toLatin1()), m_face2);
    if (endpoint == Endpoint::VerifyFront || endpoint == Endpoint::OcrFront)
        QVERIFY(body.value(u"transaction_id"_s).isNull()); // the server makes one
    if (endpoint == Endpoint::VerifyBack || endpoint == Endpoint::VerifyLiveness)
        QCOMPARE(body.value(u"transaction_id"_s).toString(), kTx);
    if (body.contains(u"getExtractedData"_s))
        QCOMPARE(body.value(u"getExtractedData"_s), QJsonValue(true));
    if (endpoint == Endpoint::LoginAdmin) {
        QCOMPARE(body.value(u"tenancyName"_s).toString(), u"bank-tenant"_s);
        QCOMPARE(body.value(u"password"_s).toString(), u"agent-password"_s);
    }
    if (endpoint == Endpoint::RefreshAdmin)
        QCOMPARE(body.value(u"refreshToken"_s).toString(), u"admin-refresh"_s);
}

// A base URL with a path of its own (a gateway) keeps it: one slash between it and the
// endpoint's path, however many the setting ends with.
void tst_VlensClient::baseUrlPathIsKept()
{
    for (const QString &base : {u"/gateway"_s, u"/gateway/"_s, u"/gateway//"_s}) {
        VlensConfig c = config();
        c.baseUrl.setPath(base);
        auto client = makeClient(c);
        Reply<TokenResult> login(client->loginAdmin(u"agent"_s, u"pw"_s));
        login->waitForFinished(5000);
        QVERIFY(login->isFinished());
        QCOMPARE(m_server->lastRequest().method, QByteArray("POST"));
        QCOMPARE(m_server->lastRequest().path, QByteArray("/gateway/api/credentials/Login"));
    }
}

void tst_VlensClient::adminLoginStoresTokens()
{
    auto client = std::make_unique<VlensClient>(m_nam.get(), config());
    QSignalSpy changed(client.get(), &VlensClient::adminTokensChanged);
    Reply<TokenResult> login(client->loginAdmin(u"agent"_s, u"pw"_s));
    QSignalSpy finished(login.get(), &ApiCall::finished);
    QVERIFY(login->waitForFinished(5000));
    QCOMPARE(finished.count(), 1);
    const TokenResult &t = login->result();
    QCOMPARE(t.accessToken, u"admin-access"_s);
    QCOMPARE(t.refreshToken, u"admin-refresh"_s);
    QCOMPARE(t.expireInSeconds, 86400);
    QCOMPARE(t.refreshTokenExpireInSeconds, 604800);
    const qint64 left = QDateTime::currentDateTimeUtc().secsTo(t.expiresAt);
    QVERIFY(left > 86000 && left <= 86400);
    QCOMPARE(client->adminTokens().accessToken, u"admin-access"_s);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(login->httpStatus(), 200);
    QCOMPARE(login->attempts(), 1);
}

void tst_VlensClient::registerStoresUserTokenAndParsesUser()
{
    auto client = std::make_unique<VlensClient>(m_nam.get(), config());
    Reply<SessionResult> reg(client->registerUser({u"+201234567890"_s}));
    QVERIFY(reg->waitForFinished(5000));
    const SessionResult &s = reg->result();
    QCOMPARE(s.tokens.accessToken, u"user-access"_s);
    QVERIFY(s.tokens.refreshToken.isEmpty());
    QCOMPARE(s.isDigitalIdentityVerified, false);
    QCOMPARE(s.user.id, u"42"_s);
    QCOMPARE(s.user.emailAddress, u"ahmed@example.com"_s);
    QCOMPARE(s.user.phoneNumber, u"+201234567890"_s);
    QCOMPARE(client->userTokens().accessToken, u"user-access"_s);
    QCOMPARE(m_server->lastRequest().json().keys(), QStringList{u"phoneNumber"_s});

    Reply<SessionResult> login(client->loginUser({u"+201234567890"_s, u"pw"_s}));
    QVERIFY(login->waitForFinished(5000));
    QCOMPARE(login->result().tokens.refreshToken, u"user-refresh"_s);
    QCOMPARE(login->result().isDigitalIdentityVerified, true);
    QVERIFY(login->result().data.value(u"isPhoneNumberConfirmed"_s).toBool());
    QCOMPARE(client->userTokens().refreshToken, u"user-refresh"_s);
}

void tst_VlensClient::verifyFrontParsesEveryField()
{
    auto client = makeClient(config());
    Reply<VerifyResult> front(client->verifyIdFront({m_front}));
    QVERIFY(front->waitForFinished(5000));
    const VerifyResult &v = front->result();
    QVERIFY(v.front.has_value());
    QVERIFY(!v.back.has_value());
    const IdFrontData &f = *v.front;
    QCOMPARE(f.firstName, u"أحمد"_s);
    QCOMPARE(f.lastNames, u"محمد علي"_s);
    QCOMPARE(f.firstNameEnglish, u"Ahmed"_s);
    QCOMPARE(f.lastNamesEnglish, u"Mohamed Ali"_s);
    QCOMPARE(f.name, u"أحمد محمد علي"_s);
    QCOMPARE(f.nameEnglish, u"Ahmed Mohamed Ali"_s);
    QCOMPARE(f.idNumber, u"29901011234567"_s);
    QCOMPARE(f.dateOfBirth, u"1999-01-01"_s);
    QCOMPARE(f.govern, u"القاهرة"_s);
    QCOMPARE(f.city, u"مدينة نصر"_s);
    QCOMPARE(f.district, u"الحي السابع"_s);
    QCOMPARE(f.address, u"15 شارع عباس العقاد"_s);
    QCOMPARE(f.gender, u"M"_s);
    QCOMPARE(f.idKey, u"FA1234567"_s);
    QCOMPARE(f.transactionId, kTx);
    QCOMPARE(v.transactionId, kTx);
    QCOMPARE(v.isVerificationProcessCompleted, false);
    const Services &s = v.services;
    QCOMPARE(s.validationErrors.size(), 1);
    QCOMPARE(s.validationErrors.first().field, u"image"_s);
    QCOMPARE(s.validationErrors.first().errors.first().code, u"W1"_s);
    QCOMPARE(s.firstValidationMessage(), u"Glare on the photo"_s);
    QCOMPARE(s.spoofingFake, std::optional<bool>(false));
    QCOMPARE(s.docType, u"egyptian_id_front"_s);
    QCOMPARE(s.liveness, std::optional<bool>(false));
    QCOMPARE(s.amlMatched, std::optional<bool>(false));
    QVERIFY(s.amlData.isArray());
    QCOMPARE(s.src.isValid, std::optional<bool>(true));
    QVERIFY(s.src.errorCode.isEmpty());
}

void tst_VlensClient::verifyBackParsesFieldsAndCasing()
{
    auto client = makeClient(config());
    Reply<VerifyResult> back(client->verifyIdBack({m_back, kTx}));
    QVERIFY(back->waitForFinished(5000));
    const VerifyResult &v = back->result();
    QVERIFY(v.back.has_value());
    const IdBackData &b = *v.back;
    QCOMPARE(b.maritalStatus, u"أعزب"_s);
    QCOMPARE(b.job, u"مهندس"_s);
    QCOMPARE(b.jobTitle, u"مهندس برمجيات"_s);
    QCOMPARE(b.religion, u"مسلم"_s);
    QVERIFY(b.husbandName.isEmpty());
    QCOMPARE(b.releaseDate, u"2021-05-01"_s);
    QCOMPARE(b.idExpiry, u"2028-05-01"_s);
    QCOMPARE(b.idNumber, u"29901011234567"_s); // sent as a JSON number
    QCOMPARE(b.gender, u"M"_s);
    QCOMPARE(v.transactionId, kTx);                               // not in the answer: the one sent
    QCOMPARE(v.services.spoofingFake, std::optional<bool>(true)); // "Services"
    QVERIFY(!v.services.liveness.has_value());
}

void tst_VlensClient::livenessParsesSeedResponse()
{
    auto client = makeClient(config());
    Reply<VerifyResult> live(client->verifyLiveness({m_face1, m_face2, m_face3, {}, kTx}));
    QVERIFY(live->waitForFinished(5000));
    QVERIFY(!m_server->lastRequest().json().contains(u"image"_s)); // ID front is optional
    const VerifyResult &v = live->result();
    QVERIFY(v.isVerificationProcessCompleted);
    QVERIFY(v.isDigitalIdentityVerified);
    QCOMPARE(v.user.idNumber, u"29901234567890"_s);
    QCOMPARE(v.services.liveness, std::optional<bool>(true));
    QCOMPARE(v.services.spoofingFake, std::optional<bool>(false));
    QCOMPARE(v.services.src.isValid, std::optional<bool>(true));
    QCOMPARE(v.services.amlMatched, std::optional<bool>(false));
    QCOMPARE(v.transactionId, kTx);
}

void tst_VlensClient::linkAndImagesAndStepImage()
{
    auto client = makeClient(config());
    Reply<VerifyResult> link(client->linkUserWithExistingTransaction(kTx, false));
    QVERIFY(link->waitForFinished(5000));
    QCOMPARE(m_server->lastRequest().json().value(u"getExtractedData"_s), QJsonValue(false));
    QVERIFY(link->result().front && link->result().back);
    QVERIFY(link->result().isDigitalIdentityVerified);

    Reply<IdentityImages> images(client->getUserDigitalIdentityImages(u"ahmed@example.com"_s));
    QVERIFY(images->waitForFinished(5000));
    QCOMPARE(m_server->lastRequest().queryItem(u"emailOrPhoneNumber"_s), u"ahmed@example.com"_s);
    const IdentityImages &i = images->result();
    QCOMPARE(i.idFrontImage, u"user123_id_front_20240601.jpg"_s);
    QCOMPARE(i.idBackImage, u"user123_id_back_20240601.jpg"_s);
    QCOMPARE(i.livenessImage, u"user123_liveness_20240601.jpg"_s);
    QCOMPARE(i.livenessFace01Image, u"user123_liveness_face1_20240601.jpg"_s);
    QCOMPARE(i.livenessFace02Image, u"user123_liveness_face2_20240601.jpg"_s);
    QVERIFY(i.livenessFace03Image.isEmpty()); // null in the answer

    Reply<StepImage> step(client->getStepImage({kTx, i.idFrontImage}));
    QVERIFY(step->waitForFinished(5000));
    const HttpRequest r = m_server->lastRequest();
    QVERIFY(!r.hasQueryItem(u"ImpersonatedTenantId"_s));
    QVERIFY(!r.hasQueryItem(u"LogId"_s));
    QCOMPARE(r.queryItem(u"FileName"_s), i.idFrontImage);
    QVERIFY(step->result().bytes.startsWith("\x89PNG\r\n\x1a\n"));
    QCOMPARE(step->result().bytes,
             QByteArray::fromBase64("iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9h"));
}

void tst_VlensClient::phonePlusIsPercentEncoded()
{
    auto client = makeClient(config());
    Reply<IdentityImages> images(client->getUserDigitalIdentityImages(u"+20 123&x=1"_s));
    QVERIFY(images->waitForFinished(5000));
    const HttpRequest r = m_server->lastRequest();
    QCOMPARE(r.queryItem(u"emailOrPhoneNumber"_s), u"+20 123&x=1"_s);
    QVERIFY(r.query.startsWith("emailOrPhoneNumber=%2B20%20123%26x%3D1"));
}

void tst_VlensClient::envelopeOverHttp_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("detail");

    QTest::newRow("200 + error_code 3011")
        << 200 << QByteArray(R"({"data":null,"error_code":3011,"error_message":"Card not detected",
              "error_descriptions":{"image":"no card"},"services":{"validations":{
              "validation_errors":[{"field":"image","value":"","errors":[
              {"code":"3011","message":"Place the card inside the frame"}]}]}}})")
        << Kind::Service << 3011 << u"Place the card inside the frame"_s;
    QTest::newRow("200 + error_code 0")
        << 200 << QByteArray(R"({"data":{},"error_code":0})") << Kind::None << 0 << QString();
    QTest::newRow("200 + error_code null")
        << 200 << QByteArray(R"({"data":{},"error_code":null})") << Kind::None << 0 << QString();
    QTest::newRow("odd casing + unknown fields")
        << 200 << QByteArray(R"({"DATA":{"x":1},"Error_Code":null,"trace":{"id":1}})") << Kind::None
        << 0 << QString();
    QTest::newRow("400 with envelope")
        << 400 << QByteArray(R"({"data":null,"error_code":5002,"error_message":"too big"})")
        << Kind::Service << 5002 << QString();
    QTest::newRow("415 with envelope, no code")
        << 415 << QByteArray(R"({"data":null,"error_code":null,"error_message":"media"})")
        << Kind::HttpStatus << 0 << QString();
    QTest::newRow("500 without envelope")
        << 500 << QByteArray("<html>Internal</html>") << Kind::ServerError << 0 << QString();
    QTest::newRow("403 without envelope")
        << 403 << QByteArray() << Kind::Forbidden << 0 << QString();
    QTest::newRow("malformed JSON")
        << 200 << QByteArray(R"({"data":{"a":})") << Kind::BadResponse << 0 << QString();
    QTest::newRow("data not an object") << 200 << QByteArray(R"({"data":"oops","error_code":null})")
                                        << Kind::BadResponse << 0 << QString();
}

void tst_VlensClient::envelopeOverHttp()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(Kind, kind);
    QFETCH(int, code);
    QFETCH(QString, detail);

    m_server->setHandler(
        [&](const HttpRequest &, HttpResponse *out) { *out = HttpResponse::raw(status, body); });
    auto client = makeClient(config());
    Reply<VerifyResult> front(client->verifyIdFront({m_front}));
    QCOMPARE(front->waitForFinished(5000), kind == Kind::None);
    QCOMPARE(front->error().kind(), kind);
    QCOMPARE(front->error().serviceCode(), code);
    if (kind == Kind::BadResponse)
        QVERIFY(!front->error().detail().isEmpty()); // a developer hint, for the log
    else
        QCOMPARE(front->error().detail(), detail);
    QCOMPARE(front->httpStatus(), status);
    if (kind != Kind::None)
        QCOMPARE(front->error().httpStatus(), status);
    if (code == 3011) {
        QCOMPARE(front->error().serverMessage(), u"Card not detected"_s);
        QVERIFY(front->error().errorDescriptions().isObject());
        QCOMPARE(front->error().remedy(), ApiError::Remedy::RecaptureDocument);
    }
    QCOMPARE(m_server->requestCount(), 1);
}

void tst_VlensClient::truncatedBodyIsBadResponse()
{
    m_server->setHandler([](const HttpRequest &r, HttpResponse *out) {
        *out = seedAnswer(r);
        out->action = HttpResponse::Action::Truncate;
    });
    auto client = makeClient(config());
    Reply<VerifyResult> front(client->verifyIdFront({m_front}));
    QVERIFY(!front->waitForFinished(5000));
    QCOMPARE(front->error().kind(), Kind::BadResponse);
    QCOMPARE(front->error().httpStatus(), 200);
    QCOMPARE(m_server->requestCount(), 1);

    // A GET cut short is not silently accepted either.
    Reply<StepImage> step(client->getStepImage({kTx, u"f.png"_s}));
    QVERIFY(!step->waitForFinished(5000));
    QCOMPARE(step->error().kind(), Kind::BadResponse);
}

void tst_VlensClient::closedWithoutAnswer()
{
    m_server->setHandler(
        [](const HttpRequest &, HttpResponse *out) { out->action = HttpResponse::Action::Close; });
    auto client = makeClient(config());
    Reply<VerifyResult> front(client->verifyIdFront({m_front}));
    QVERIFY(!front->waitForFinished(5000));
    QCOMPARE(front->error().kind(), Kind::Network);
    QVERIFY(front->error().isTransport());
    QCOMPARE(front->attempts(), 1);
    QCOMPARE(m_server->requestCount(), 1); // neither we nor Qt's HTTP stack replay the POST
}

void tst_VlensClient::timeoutIsTypedAndNotRetried()
{
    m_server->setHandler(
        [](const HttpRequest &, HttpResponse *out) { out->action = HttpResponse::Action::Hang; });
    VlensConfig c = config();
    c.uploadTimeoutMs = 300;
    c.requestTimeoutMs = 300;
    auto client = makeClient(c);
    Reply<VerifyResult> front(client->verifyIdFront({m_front}));
    QVERIFY(!front->waitForFinished(5000));
    QCOMPARE(front->error().kind(), Kind::Timeout);
    QCOMPARE(front->attempts(), 1);
    QVERIFY(front->elapsedMs() >= 250);
    QCOMPARE(m_server->requestCount(), 1);

    // GETs are retried on connection errors, not after a timeout.
    Reply<IdentityImages> images(client->getUserDigitalIdentityImages(u"x@y.z"_s));
    QVERIFY(!images->waitForFinished(5000));
    QCOMPARE(images->error().kind(), Kind::Timeout);
    QCOMPARE(images->attempts(), 1);
}

void tst_VlensClient::refusedConnection()
{
    VlensConfig c = config();
    c.baseUrl.setPort(HttpTestServer::unusedPort());
    c.getRetry.maxRetries = 0;
    auto client = makeClient(c);
    Reply<VerifyResult> front(client->verifyIdFront({m_front}));
    QVERIFY(!front->waitForFinished(5000));
    QCOMPARE(front->error().kind(), Kind::ConnectionRefused);
    QCOMPARE(front->error().remedy(), ApiError::Remedy::CheckConfiguration);
    QCOMPARE(front->attempts(), 1);
}

void tst_VlensClient::tlsHandshakeFailure()
{
    // An https:// URL whose server speaks plain HTTP: the handshake cannot succeed.
    QTcpServer plain;
    QVERIFY(plain.listen(QHostAddress::LocalHost));
    connect(&plain, &QTcpServer::newConnection, this, [&plain] {
        while (QTcpSocket *socket = plain.nextPendingConnection()) {
            socket->setParent(&plain);
            socket->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
        }
    });
    VlensConfig c = config();
    c.baseUrl = QUrl(u"https://127.0.0.1:%1"_s.arg(plain.serverPort()));
    c.getRetry.maxRetries = 0;
    auto client = makeClient(c);
    Reply<VerifyResult> front(client->verifyIdFront({m_front}));
    QVERIFY(!front->waitForFinished(5000));
    QCOMPARE(front->error().kind(), Kind::Tls);
    QVERIFY(front->error().isTransport());
    QCOMPARE(front->error().remedy(), ApiError::Remedy::CheckConfiguration);
}

void tst_VlensClient::cancelInFlight()
{
    m_server->setHandler(
        [](const HttpRequest &, HttpResponse *out) { out->action = HttpResponse::Action::Hang; });
    auto client = makeClient(config());
    Reply<VerifyResult> front(client->verifyIdFront({m_front}));
    QSignalSpy finished(front.get(), &ApiCall::finished);
    QTRY_COMPARE(m_server->requestCount(), 1);
    front->cancel();
    QVERIFY(!front->isFinished()); // finished() comes from the event loop
    QVERIFY(finished.wait(2000));
    QCOMPARE(front->error().kind(), Kind::Cancelled);
    QCOMPARE(front->error().remedy(), ApiError::Remedy::None);
    front->cancel(); // no-op once finished
    QCOMPARE(finished.count(), 1);
}

void tst_VlensClient::cancelDuringBackoff()
{
    m_server->setHandler([](const HttpRequest &, HttpResponse *out) {
        *out = HttpResponse::raw(503, {});
        out->setHeader("Retry-After", "30");
    });
    VlensConfig c = config();
    c.getRetry.maxDelayMs = 60000;
    auto client = makeClient(c);
    Reply<IdentityImages> images(client->getUserDigitalIdentityImages(u"x@y.z"_s));
    QSignalSpy retrying(images.get(), &ApiCall::retrying);
    QVERIFY(retrying.wait(2000));
    QVERIFY(retrying.first().at(1).toInt() >= 30000);
    images->cancel();
    QVERIFY(!images->waitForFinished(2000));
    QCOMPARE(images->error().kind(), Kind::Cancelled);
    QCOMPARE(m_server->requestCount(), 1);
}

void tst_VlensClient::unauthorizedRefreshesOnceThenSucceeds()
{
    m_server->setHandler([](const HttpRequest &r, HttpResponse *out) {
        if (r.path.startsWith("/api/DigitalIdentity/") &&
            r.header("Authorization") != "Bearer fresh-access") {
            *out = HttpResponse::raw(401, {});
            out->setHeader("WWW-Authenticate", "Bearer");
            return;
        }
        *out = seedAnswer(r);
    });
    auto client = makeClient(config());
    QSignalSpy changed(client.get(), &VlensClient::adminTokensChanged);
    Reply<IdentityImages> images(client->getUserDigitalIdentityImages(u"x@y.z"_s));
    QVERIFY2(images->waitForFinished(5000), qPrintable(images->error().fullMessage()));
    const QList<HttpRequest> requests = m_server->requests();
    QCOMPARE(requests.size(), 3);
    QCOMPARE(requests.at(0).header("Authorization"), QByteArray("Bearer admin-access"));
    QCOMPARE(requests.at(1).path, QByteArray("/api/credentials/RefreshToken"));
    QCOMPARE(requests.at(1).json().value(u"refreshToken"_s).toString(), u"admin-refresh"_s);
    QVERIFY(!requests.at(1).hasHeader("Authorization"));
    QCOMPARE(requests.at(2).header("Authorization"), QByteArray("Bearer fresh-access"));
    QVERIFY(requests.at(0).header("X-Request-Id") != requests.at(2).header("X-Request-Id"));
    QCOMPARE(client->adminTokens().accessToken, u"fresh-access"_s);
    QCOMPARE(client->adminTokens().refreshToken, u"fresh-refresh"_s);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(images->attempts(), 2);
    QCOMPARE(images->requestIds().size(), 2);
}

void tst_VlensClient::unauthorizedPostIsResentAfterRefresh()
{
    m_server->setHandler([](const HttpRequest &r, HttpResponse *out) {
        if (r.path.contains("/verify/") && r.header("Authorization") != "Bearer fresh-access") {
            *out = HttpResponse::raw(
                401, R"({"data":null,"error_code":null,"error_message":"token expired"})");
            return;
        }
        *out = seedAnswer(r);
    });
    auto client = makeClient(config());
    TokenResult user;
    user.accessToken = u"user-access"_s;
    user.refreshToken = u"user-refresh"_s; // from end-user Login
    client->setUserTokens(user);
    Reply<VerifyResult> front(client->verifyIdFront({m_front}));
    QVERIFY2(front->waitForFinished(5000), qPrintable(front->error().fullMessage()));
    const QList<HttpRequest> requests = m_server->requests();
    QCOMPARE(requests.size(), 3);
    QCOMPARE(requests.at(1).json().value(u"refreshToken"_s).toString(), u"user-refresh"_s);
    QCOMPARE(requests.at(2).body, requests.at(0).body); // the same POST, re-sent once
    QCOMPARE(client->userTokens().accessToken, u"fresh-access"_s);
    QCOMPARE(client->adminTokens().accessToken, u"admin-access"_s); // untouched
}

void tst_VlensClient::unauthorizedTwiceFails()
{
    m_server->setHandler([](const HttpRequest &r, HttpResponse *out) {
        *out = r.path.startsWith("/api/credentials/") ? seedAnswer(r)
                                                      : HttpResponse::raw(401, "Unauthorized");
    });
    auto client = makeClient(config());
    Reply<IdentityImages> images(client->getUserDigitalIdentityImages(u"x@y.z"_s));
    QVERIFY(!images->waitForFinished(5000));
    QCOMPARE(images->error().kind(), Kind::Unauthorized);
    QCOMPARE(images->error().httpStatus(), 401);
    QCOMPARE(images->error().remedy(), ApiError::Remedy::SignIn);
    QCOMPARE(m_server->requestCount(), 3); // GET, refresh, GET: no loop
}

void tst_VlensClient::refreshFailureReportsUnauthorized()
{
    m_server->setHandler([](const HttpRequest &r, HttpResponse *out) {
        if (r.path == "/api/credentials/RefreshToken")
            *out = HttpResponse::raw(200, R"({"data":null,"error_code":5004})");
        else
            *out = HttpResponse::raw(401, {});
    });
    auto client = makeClient(config());
    Reply<StepImage> step(client->getStepImage({kTx, u"f.png"_s}));
    QVERIFY(!step->waitForFinished(5000));
    QCOMPARE(step->error().kind(), Kind::Unauthorized);
    QCOMPARE(m_server->requestCount(), 2); // no re-send without a fresh token
    QCOMPARE(client->adminTokens().accessToken, u"admin-access"_s);
}

void tst_VlensClient::userTokenWithoutRefreshTokenIsNotRefreshed()
{
    m_server->setHandler(
        [](const HttpRequest &, HttpResponse *out) { *out = HttpResponse::raw(401, {}); });
    auto client = makeClient(config()); // user token as from Register: no refresh token
    Reply<VerifyResult> front(client->verifyIdFront({m_front}));
    QVERIFY(!front->waitForFinished(5000));
    QCOMPARE(front->error().kind(), Kind::Unauthorized);
    QCOMPARE(m_server->requestCount(), 1);
}

void tst_VlensClient::concurrentUnauthorizedShareOneRefresh()
{
    m_server->setHandler([](const HttpRequest &r, HttpResponse *out) {
        if (r.path.startsWith("/api/DigitalIdentity/") &&
            r.header("Authorization") != "Bearer fresh-access") {
            *out = HttpResponse::raw(401, {});
            return;
        }
        *out = seedAnswer(r);
        if (r.path == "/api/credentials/RefreshToken")
            out->delayMs = 100; // both 401s arrive while the refresh is running
    });
    auto client = makeClient(config());
    Reply<IdentityImages> a(client->getUserDigitalIdentityImages(u"a@b.c"_s));
    Reply<StepImage> b(client->getStepImage({kTx, u"f.png"_s}));
    QVERIFY(a->waitForFinished(5000));
    QVERIFY(b->waitForFinished(5000));
    int refreshes = 0;
    for (const HttpRequest &r : m_server->requests())
        refreshes += r.path == "/api/credentials/RefreshToken";
    QCOMPARE(refreshes, 1);
    QCOMPARE(m_server->requestCount(), 5);
}

void tst_VlensClient::getRetriedThenSucceeds_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("failures");
    QTest::newRow("503 once") << 503 << 1;
    QTest::newRow("503 three times") << 503 << 3;
    QTest::newRow("429 twice") << 429 << 2;
}

void tst_VlensClient::getRetriedThenSucceeds()
{
    QFETCH(int, status);
    QFETCH(int, failures);
    int served = 0;
    m_server->setHandler([&](const HttpRequest &r, HttpResponse *out) {
        if (served++ < failures)
            *out = HttpResponse::raw(status, {});
        else
            *out = seedAnswer(r);
    });
    auto client = makeClient(config());
    Reply<IdentityImages> images(client->getUserDigitalIdentityImages(u"x@y.z"_s));
    QSignalSpy retrying(images.get(), &ApiCall::retrying);
    QVERIFY2(images->waitForFinished(5000), qPrintable(images->error().fullMessage()));
    QCOMPARE(images->attempts(), failures + 1);
    QCOMPARE(retrying.count(), failures);
    QCOMPARE(m_server->requestCount(), failures + 1);
    QCOMPARE(images->result().idFrontImage, u"user123_id_front_20240601.jpg"_s);
    // Back-off grows and stays within the cap (+ jitter).
    for (int i = 0; i < retrying.count(); ++i) {
        const int delay = retrying.at(i).at(1).toInt();
        QVERIFY2(delay >= int(10 * (1 << i) * 0.75) - 1 && delay <= 80,
                 qPrintable(QString::number(delay)));
    }
    const QStringList requestIds = images->requestIds();
    const QSet<QString> ids(requestIds.begin(), requestIds.end());
    QCOMPARE(ids.size(), failures + 1); // one X-Request-Id per HTTP request
}

void tst_VlensClient::getRetriedAfterRefusedConnection()
{
    const quint16 port = HttpTestServer::unusedPort();
    VlensConfig c = config();
    c.baseUrl.setPort(port);
    auto client = makeClient(c);
    Reply<StepImage> step(client->getStepImage({kTx, u"f.png"_s}));
    // Nothing listens at first; the server comes up while the client backs off.
    connect(step.get(), &ApiCall::retrying, this, [&] {
        if (!m_server->port() || m_server->port() != port) {
            m_server = std::make_unique<HttpTestServer>();
            m_server->setHandler(
                [](const HttpRequest &r, HttpResponse *out) { *out = seedAnswer(r); });
            QVERIFY(m_server->listen(port));
        }
    });
    QVERIFY2(step->waitForFinished(5000), qPrintable(step->error().fullMessage()));
    QCOMPARE(step->attempts(), 2);
    QVERIFY(!step->result().bytes.isEmpty());
}

void tst_VlensClient::getGivesUpAfterMaxRetries()
{
    m_server->setHandler([](const HttpRequest &, HttpResponse *out) {
        *out = HttpResponse::raw(503, R"({"data":null,"error_code":null,"error_message":"busy"})");
    });
    auto client = makeClient(config());
    Reply<IdentityImages> images(client->getUserDigitalIdentityImages(u"x@y.z"_s));
    QVERIFY(!images->waitForFinished(5000));
    QCOMPARE(images->error().kind(), Kind::ServerError);
    QCOMPARE(images->error().serverMessage(), u"busy"_s);
    QCOMPARE(images->attempts(), 4);
    QCOMPARE(m_server->requestCount(), 4);

    VlensConfig c = config();
    c.baseUrl.setPort(HttpTestServer::unusedPort());
    auto refused = makeClient(c);
    Reply<IdentityImages> again(refused->getUserDigitalIdentityImages(u"x@y.z"_s));
    QVERIFY(!again->waitForFinished(5000));
    QCOMPARE(again->error().kind(), Kind::ConnectionRefused);
    QCOMPARE(again->attempts(), 4);
}

void tst_VlensClient::retryAfterHonouredAndCapped()
{
    QByteArray retryAfter = "2";
    m_server->setHandler([&](const HttpRequest &, HttpResponse *out) {
        *out = HttpResponse::raw(429, {});
        out->setHeader("Retry-After", retryAfter);
    });
    VlensConfig c = config();
    c.getRetry.maxDelayMs = 5000;
    auto client = makeClient(c);
    {
        Reply<IdentityImages> images(client->getUserDigitalIdentityImages(u"x@y.z"_s));
        QSignalSpy retrying(images.get(), &ApiCall::retrying);
        QVERIFY(retrying.wait(2000));
        QCOMPARE(retrying.first().at(1).toInt(), 2000);
        images->cancel();
    }
    retryAfter = "3600";
    {
        Reply<IdentityImages> images(client->getUserDigitalIdentityImages(u"x@y.z"_s));
        QSignalSpy retrying(images.get(), &ApiCall::retrying);
        QVERIFY(retrying.wait(2000));
        QCOMPARE(retrying.first().at(1).toInt(), 5000); // capped
    }
    retryAfter = QDateTime::currentDateTimeUtc().addSecs(4).toString(Qt::RFC2822Date).toLatin1();
    {
        Reply<IdentityImages> images(client->getUserDigitalIdentityImages(u"x@y.z"_s));
        QSignalSpy retrying(images.get(), &ApiCall::retrying);
        QVERIFY(retrying.wait(2000));
        QVERIFY(retrying.first().at(1).toInt() >= 2000); // an HTTP date
    }
}

void tst_VlensClient::postNotRetried_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<Kind>("kind");
    QTest::newRow("503") << 503 << Kind::ServerError;
    QTest::newRow("429") << 429 << Kind::RateLimited;
    QTest::newRow("502") << 502 << Kind::ServerError;
}

void tst_VlensClient::postNotRetried()
{
    QFETCH(int, status);
    QFETCH(Kind, kind);
    m_server->setHandler([&](const HttpRequest &, HttpResponse *out) {
        *out = HttpResponse::raw(status, {});
        out->setHeader("Retry-After", "0");
    });
    auto client = makeClient(config());
    Reply<VerifyResult> front(client->verifyIdFront({m_front}));
    QSignalSpy retrying(front.get(), &ApiCall::retrying);
    QVERIFY(!front->waitForFinished(5000));
    QCOMPARE(front->error().kind(), kind);
    QCOMPARE(retrying.count(), 0);
    QCOMPARE(m_server->requestCount(), 1);
}

void tst_VlensClient::oversizedAnswerAbortedWhileStreaming_data()
{
    QTest::addColumn<Endpoint>("endpoint");
    QTest::addColumn<bool>("announceLength");
    QTest::addColumn<qint64>("cap");
    const qint64 json = kMaxJsonResponseBytes;
    const qint64 image = kMaxImageResponseBytes;
    QTest::newRow("login, length announced") << Endpoint::LoginAdmin << true << json;
    QTest::newRow("login, streamed to the close") << Endpoint::LoginAdmin << false << json;
    QTest::newRow("front, streamed to the close") << Endpoint::VerifyFront << false << json;
    QTest::newRow("image list, streamed") << Endpoint::Images << false << json;
    QTest::newRow("step image, length announced") << Endpoint::StepImage << true << image;
    QTest::newRow("step image, streamed to the close") << Endpoint::StepImage << false << image;
}

void tst_VlensClient::oversizedAnswerAbortedWhileStreaming()
{
    QFETCH(Endpoint, endpoint);
    QFETCH(bool, announceLength);
    QFETCH(qint64, cap);
    // 1 GiB promised: without a cap the client would hold it all (and then some).
    const qint64 total = qint64(1) << 30;
    m_server->setHandler([&](const HttpRequest &, HttpResponse *out) {
        *out = HttpResponse::raw(200, R"({"data":{"image":")");
        out->action = HttpResponse::Action::Stream;
        out->streamBytes = total;
        out->announceLength = announceLength;
    });
    auto client = makeClient(config());
    std::unique_ptr<ApiCall> call(callEndpoint(*client, endpoint));
    QVERIFY(!call->waitForFinished(20000));
    QCOMPARE(call->error().kind(), Kind::ResponseTooLarge);
    QCOMPARE(call->error().httpStatus(), 200);
    const QString mb = QString::number(double(cap) / (1024.0 * 1024.0), 'f', 1);
    QVERIFY2(call->error().fullMessage().contains(u"at most %1 MB"_s.arg(mb)),
             qPrintable(call->error().fullMessage()));
    QCOMPARE(call->error().remedy(), ApiError::Remedy::ContactSupport);
    QCOMPARE(call->attempts(), 1); // never retried, even for a GET
}

void tst_VlensClient::imageAnswerUnderItsCapAccepted()
{
    // An 8 MB JPEG is more than a JSON envelope may be, but a legitimate step image.
    const QByteArray jpeg = fakeJpeg(8 * 1024 * 1024);
    m_server->setHandler([&](const HttpRequest &, HttpResponse *out) {
        *out = HttpResponse::json(
            envelope(QJsonObject{{u"image"_s, QString::fromLatin1(jpeg.toBase64())}}));
    });
    auto client = makeClient(config());
    Reply<StepImage> step(client->getStepImage({kTx, u"f.jpg"_s}));
    QVERIFY2(step->waitForFinished(20000), qPrintable(step->error().fullMessage()));
    QCOMPARE(step->result().bytes, jpeg);
}

void tst_VlensClient::stepImageThatIsNotAnImageRefused()
{
    const QByteArray notAnImage = QByteArray("#!/bin/sh\nrm -rf ~\n") + QByteArray(4096, 'x');
    m_server->setHandler([&](const HttpRequest &, HttpResponse *out) {
        *out = HttpResponse::json(
            envelope(QJsonObject{{u"image"_s, QString::fromLatin1(notAnImage.toBase64())}}));
    });
    auto client = makeClient(config());
    Reply<StepImage> step(client->getStepImage({kTx, u"f.jpg"_s}));
    QVERIFY(!step->waitForFinished(5000));
    QCOMPARE(step->error().kind(), Kind::BadResponse);
    QVERIFY2(step->error().fullMessage().contains(u"not JPEG or PNG"_s),
             qPrintable(step->error().fullMessage()));
    QVERIFY(step->result().bytes.isEmpty());
}

void tst_VlensClient::dripEndsAtTheTotalDeadline()
{
    // One byte every 100 ms never trips the inactivity timeout; the answer would take 60 s.
    m_server->setHandler([](const HttpRequest &r, HttpResponse *out) {
        *out = seedAnswer(r);
        out->body += QByteArray(600 - out->body.size(), ' ');
        out->action = HttpResponse::Action::Drip;
        out->dripIntervalMs = 100;
    });
    VlensConfig c = config();
    c.requestTimeoutMs = 1000;
    auto client = makeClient(c);
    Reply<TokenResult> login(client->loginAdmin(u"agent"_s, u"pw"_s));
    QVERIFY(!login->waitForFinished(20000)); // the guard would report Cancelled
    QCOMPARE(login->error().kind(), Kind::Timeout);
    QVERIFY2(login->error().fullMessage().contains(u"whole request"_s),
             qPrintable(login->error().fullMessage()));
    QCOMPARE(login->attempts(), 1);
}

void tst_VlensClient::outOfRangeTimeoutSaturates_data()
{
    QTest::addColumn<int>("timeoutMs");
    QTest::newRow("zero") << 0;
    QTest::newRow("negative") << -1;
    QTest::newRow("INT_MIN") << std::numeric_limits<int>::min();
}

void tst_VlensClient::outOfRangeTimeoutSaturates()
{
    // A timeout of 0 or below must not disable the timers (and so hang forever).
    QFETCH(int, timeoutMs);
    m_server->setHandler(
        [](const HttpRequest &, HttpResponse *out) { out->action = HttpResponse::Action::Hang; });
    VlensConfig c = config();
    c.requestTimeoutMs = timeoutMs;
    c.uploadTimeoutMs = timeoutMs;
    auto client = makeClient(c);
    Reply<IdentityImages> images(client->getUserDigitalIdentityImages(u"x@y.z"_s));
    QVERIFY(!images->waitForFinished(10000));
    QCOMPARE(images->error().kind(), Kind::Timeout);
}

void tst_VlensClient::noCookieCarriedFromAgentToCustomer()
{
    m_server->setHandler([](const HttpRequest &r, HttpResponse *out) {
        *out = seedAnswer(r);
        if (r.path == "/api/credentials/Login")
            out->setHeader("Set-Cookie", "agent-session=s3cr3t; Path=/; HttpOnly");
    });
    auto client = makeClient(config());
    Reply<TokenResult> login(client->loginAdmin(u"agent"_s, u"pw"_s));
    QVERIFY(login->waitForFinished(5000));
    Reply<SessionResult> customer(client->registerUser({u"+201234567890"_s}));
    QVERIFY(customer->waitForFinished(5000));
    Reply<IdentityImages> audit(client->getUserDigitalIdentityImages(u"+201234567890"_s));
    QVERIFY(audit->waitForFinished(5000));
    QCOMPARE(m_server->requestCount(), 3);
    for (const HttpRequest &request : m_server->requests())
        QVERIFY2(!request.hasHeader("Cookie"), request.path.constData());
}

void tst_VlensClient::hugeRetryAfterSaturates()
{
    m_server->setHandler([](const HttpRequest &, HttpResponse *out) {
        *out = HttpResponse::raw(503, {});
        out->setHeader("Retry-After", "9223372036854775807");
    });
    VlensConfig c = config();
    c.getRetry.baseDelayMs = 10;
    c.getRetry.maxDelayMs = 300;
    c.getRetry.jitter = 0;
    auto client = makeClient(c);
    Reply<IdentityImages> images(client->getUserDigitalIdentityImages(u"x@y.z"_s));
    QSignalSpy retrying(images.get(), &ApiCall::retrying);
    QVERIFY(retrying.wait(5000));
    // Seconds * 1000 saturates: the server asked for "forever", the cap applies.
    QCOMPARE(retrying.first().at(1).toInt(), 300);
    images->cancel();
}

void tst_VlensClient::hugeExpireInSecondsSaturates()
{
    m_server->setHandler([](const HttpRequest &, HttpResponse *out) {
        *out = HttpResponse::raw(
            200, R"({"data":{"accessToken":"a","refreshToken":"r","expireInSeconds":1e300,)"
                 R"("refreshTokenExpireInSeconds":-1e300},"error_code":null})");
    });
    auto client = makeClient(config());
    Reply<TokenResult> login(client->loginAdmin(u"agent"_s, u"pw"_s));
    QVERIFY2(login->waitForFinished(5000), qPrintable(login->error().fullMessage()));
    const TokenResult &tokens = login->result();
    QVERIFY(tokens.expireInSeconds > 0);
    QVERIFY(tokens.expiresAt.isValid());
    QVERIFY(tokens.expiresAt > QDateTime::currentDateTimeUtc().addYears(50));
    QVERIFY(tokens.refreshTokenExpireInSeconds < 0);
}

void tst_VlensClient::crossOriginRedirectRefusedAndSaidSo()
{
    HttpTestServer elsewhere;
    QVERIFY(elsewhere.listen());
    elsewhere.setHandler([](const HttpRequest &r, HttpResponse *out) { *out = seedAnswer(r); });
    const QByteArray target = elsewhere.url().toEncoded() + "/steal";
    m_server->setHandler([&](const HttpRequest &, HttpResponse *out) {
        *out = HttpResponse::raw(302, {});
        out->setHeader("Location", target);
    });
    auto client = makeClient(config());
    Reply<IdentityImages> images(client->getUserDigitalIdentityImages(u"x@y.z"_s));
    QVERIFY(!images->waitForFinished(5000));
    QCOMPARE(images->error().kind(), Kind::RedirectRefused);
    const QString text = images->error().fullMessage();
    QVERIFY2(
        text.contains(u"redirect to another host (127.0.0.1:%1) refused"_s.arg(elsewhere.port())),
        qPrintable(text));
    QVERIFY2(!text.contains(u"cut short"_s), qPrintable(text));
    QCOMPARE(images->error().remedy(), ApiError::Remedy::CheckConfiguration);
    QCOMPARE(elsewhere.requestCount(), 0); // the API key never left for the other host
}

void tst_VlensClient::baseUrlRule_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("https") << u"https://api.vlenseg.com"_s << true;
    QTest::newRow("https with path") << u"https://gw.bank.eg/vlens/"_s << true;
    // Names go through the resolver, which may ask network DNS: literal loopback only.
    QTest::newRow("http localhost") << u"http://localhost:8080"_s << false;
    QTest::newRow("http LOCALHOST") << u"http://LOCALHOST:8080"_s << false;
    QTest::newRow("http sandbox.localhost") << u"http://sandbox.localhost:8080"_s << false;
    QTest::newRow("http a.b.localhost") << u"http://a.b.localhost"_s << false;
    QTest::newRow("http 127.0.0.1") << u"http://127.0.0.1:8080"_s << true;
    QTest::newRow("http 127.1.2.3") << u"http://127.1.2.3"_s << true;
    QTest::newRow("http [::1]") << u"http://[::1]:8080"_s << true;
    QTest::newRow("http remote") << u"http://api.vlenseg.com"_s << false;
    QTest::newRow("http LAN") << u"http://192.168.1.10:8080"_s << false;
    QTest::newRow("http 127-lookalike host") << u"http://127.0.0.1.evil.com"_s << false;
    QTest::newRow("http ::ffff:10.0.0.1") << u"http://[::ffff:10.0.0.1]"_s << false;
    QTest::newRow("ftp") << u"ftp://127.0.0.1"_s << false;
    QTest::newRow("relative") << u"/api"_s << false;
    QTest::newRow("empty") << QString() << false;
}

void tst_VlensClient::baseUrlRule()
{
    QFETCH(QString, url);
    QFETCH(bool, allowed);
    QString why;
    QCOMPARE(VlensClient::isAllowedBaseUrl(QUrl(url), &why), allowed);
    QCOMPARE(why.isEmpty(), allowed);
    if (allowed)
        return;
    VlensConfig c = config();
    c.baseUrl = QUrl(url);
    auto client = makeClient(c);
    Reply<TokenResult> login(client->loginAdmin(u"a"_s, u"b"_s));
    QSignalSpy finished(login.get(), &ApiCall::finished);
    QVERIFY(!login->isFinished()); // reported from the event loop, like any other outcome
    QVERIFY(!login->waitForFinished(2000));
    QCOMPARE(finished.count(), 1);
    QCOMPARE(login->error().kind(), Kind::InsecureUrl);
    QVERIFY(login->error().message().contains(u"https://"_s));
    QCOMPARE(login->attempts(), 0);
    QCOMPARE(m_server->requestCount(), 0);
}

void tst_VlensClient::invalidInputNotSent_data()
{
    QTest::addColumn<BadInput>("which");
    QTest::addColumn<Kind>("kind");
    QTest::newRow("empty image") << BadInput::EmptyImage << Kind::InvalidRequest;
    QTest::newRow("GIF image") << BadInput::GifImage << Kind::InvalidRequest;
    QTest::newRow("identical faces") << BadInput::IdenticalFaces << Kind::InvalidRequest;
    QTest::newRow("liveness without transaction")
        << BadInput::LivenessWithoutTransaction << Kind::InvalidRequest;
    QTest::newRow("no user token") << BadInput::NoUserToken << Kind::NotAuthenticated;
    QTest::newRow("no API key") << BadInput::NoApiKey << Kind::InvalidRequest;
    QTest::newRow("register without phone")
        << BadInput::RegisterWithoutPhone << Kind::InvalidRequest;
    QTest::newRow("step image without file name")
        << BadInput::StepImageWithoutFileName << Kind::InvalidRequest;
    QTest::newRow("no admin token") << BadInput::NoAdminToken << Kind::NotAuthenticated;
}

void tst_VlensClient::invalidInputNotSent()
{
    QFETCH(BadInput, which);
    QFETCH(Kind, kind);
    VlensConfig c = config();
    if (which == BadInput::NoApiKey)
        c.apiKey.clear();
    auto client = makeClient(c);
    std::unique_ptr<ApiCall> call;
    switch (which) {
    case BadInput::EmptyImage:
        call.reset(client->verifyIdFront({QByteArray()}));
        break;
    case BadInput::GifImage:
        call.reset(client->verifyIdFront({QByteArray("GIF89a....")}));
        break;
    case BadInput::IdenticalFaces:
        call.reset(client->verifyLiveness({m_face1, m_face1, m_face3, {}, kTx}));
        break;
    case BadInput::LivenessWithoutTransaction:
        call.reset(client->ocrLiveness({m_face1, m_face2, m_face3}));
        break;
    case BadInput::NoUserToken:
        client->clearUserSession();
        call.reset(client->verifyIdFront({m_front}));
        break;
    case BadInput::NoApiKey:
        call.reset(client->ocrIdFront({m_front}));
        break;
    case BadInput::RegisterWithoutPhone:
        call.reset(client->registerUser({}));
        break;
    case BadInput::StepImageWithoutFileName:
        call.reset(client->getStepImage({kTx, QString()}));
        break;
    case BadInput::NoAdminToken:
        client->setAdminTokens({});
        call.reset(client->getUserDigitalIdentityImages(u"x@y.z"_s));
        break;
    }
    QVERIFY(call);
    QVERIFY(!call->waitForFinished(2000));
    QCOMPARE(call->error().kind(), kind);
    QVERIFY(call->error().isClientSide());
    QCOMPARE(m_server->requestCount(), 0);
}

void tst_VlensClient::uploadProgressReported()
{
    auto client = makeClient(config());
    const QByteArray big = fakeJpeg(400 * 1024);
    Reply<VerifyResult> front(client->verifyIdFront({big}));
    QSignalSpy progress(front.get(), &ApiCall::uploadProgress);
    QVERIFY(front->waitForFinished(5000));
    QVERIFY(progress.count() > 0);
    qint64 previous = -1;
    for (const QList<QVariant> &step : std::as_const(progress)) {
        QVERIFY(step.at(0).toLongLong() >= previous);
        previous = step.at(0).toLongLong();
        QVERIFY(step.at(1).toLongLong() > 0);
    }
    const qint64 sent = progress.last().at(0).toLongLong();
    const qint64 total = progress.last().at(1).toLongLong();
    QCOMPARE(sent, total);
    QCOMPARE(total, qint64(m_server->lastRequest().body.size()));
    QVERIFY(total > big.size() * 4 / 3); // base64 inside JSON
    QCOMPARE(QByteArray::fromBase64(
                 m_server->lastRequest().json().value(u"image"_s).toString().toLatin1()),
             big);
}

void tst_VlensClient::acceptLanguageFollowsSetting()
{
    auto client = makeClient(config());
    client->setAcceptLanguage(u"en"_s);
    Reply<VerifyResult> front(client->ocrIdFront({m_front}));
    QVERIFY(front->waitForFinished(5000));
    QCOMPARE(m_server->lastRequest().header("Accept-Language"), QByteArray("en"));
}

namespace {
QStringList *g_log = nullptr;
void captureLog(QtMsgType, const QMessageLogContext &, const QString &message)
{
    if (g_log)
        g_log->append(message);
}
} // namespace

void tst_VlensClient::logsCarryNoSecrets()
{
    QLoggingCategory::setFilterRules(u"kiosk.*.debug=true"_s);
    QStringList log;
    g_log = &log;
    const QtMessageHandler previous = qInstallMessageHandler(captureLog);

    VlensConfig c = config();
    c.apiKey = u"SECRET-API-KEY"_s;
    auto client = makeClient(c);
    TokenResult user;
    user.accessToken = u"SECRET-USER-TOKEN"_s;
    user.refreshToken = u"SECRET-REFRESH"_s;
    client->setUserTokens(user);
    m_server->setHandler([](const HttpRequest &r, HttpResponse *out) {
        if (r.path.contains("/verify/") && r.header("Authorization") != "Bearer fresh-access")
            *out = HttpResponse::raw(401, {});
        else
            *out = seedAnswer(r);
    });
    Reply<VerifyResult> front(client->verifyIdFront({m_front}));
    const bool ok = front->waitForFinished(5000);
    Reply<IdentityImages> images(client->getUserDigitalIdentityImages(u"+201234567890"_s));
    images->waitForFinished(5000);
    Reply<VerifyResult> failing(client->verifyIdBack({m_back, kTx}));
    m_server->setHandler([](const HttpRequest &, HttpResponse *out) {
        *out = HttpResponse::raw(
            200, R"({"data":null,"error_code":3101,"error_message":"ID 29901011234567 differs"})");
    });
    failing->waitForFinished(5000);

    qInstallMessageHandler(previous);
    g_log = nullptr;
    QVERIFY(ok);
    const QString all = log.join(u'\n');
    QVERIFY2(!log.isEmpty(), "nothing was logged");
    QVERIFY(all.contains(front->requestId()));
    QVERIFY(all.contains(u"/api/DigitalIdentity/verify/id/front"_s));
    const QStringList secrets{
        u"SECRET-API-KEY"_s, u"SECRET-USER-TOKEN"_s,
        u"SECRET-REFRESH"_s, u"fresh-access"_s,
        u"201234567890"_s,   u"29901011234567"_s,
        u"Ahmed"_s,          QString::fromLatin1(m_front.toBase64().left(16))};
    for (const QString &secret : secrets)
        QVERIFY2(!all.contains(secret), qPrintable(u"log leaks "_s + secret));
}

QTEST_GUILESS_MAIN(tst_VlensClient)
#include "tst_vlensclient.moc"
