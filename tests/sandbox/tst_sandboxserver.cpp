#include "sandboxserver.h"
#include "specimen/idcardrenderer.h"
#include "specimen/persona.h"
#include "tokenissuer.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

using namespace Qt::StringLiterals;
using kiosk::sandbox::Fault;
using kiosk::sandbox::SandboxOptions;
using kiosk::sandbox::SandboxServer;
using kiosk::specimen::IdCardRenderer;
using kiosk::specimen::Persona;

namespace {

using Header = std::pair<QByteArray, QByteArray>;

struct Response
{
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QJsonObject json;
    bool jsonValid = false;
    QByteArray requestId;
    QByteArray retryAfter;
    QByteArray contentType;
    int errorCode() const { return json.value("error_code"_L1).toInt(0); }
    QJsonObject data() const { return json.value("data"_L1).toObject(); }
    QJsonObject services() const { return json.value("services"_L1).toObject(); }
};

QByteArray jpeg(const QImage &image, int quality = 90)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "JPG", quality);
    return bytes;
}

QByteArray png(const QImage &image, int compression = -1)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG", compression);
    return bytes;
}

QByteArray randomBytes(qsizetype size, quint32 seed)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator rng(seed);
    rng.generate(reinterpret_cast<quint32 *>(bytes.data()),
                 reinterpret_cast<quint32 *>(bytes.data()) + size / 4);
    return bytes;
}

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QString b64(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toBase64());
}

// A photo of the card: perspective, scale, rotation, background, blur and noise.
QByteArray photographed(const QImage &card, quint32 seed, double zoom = 1.0)
{
    const QImage rgb = card.convertToFormat(QImage::Format_RGB888).rgbSwapped();
    const cv::Mat src(rgb.height(), rgb.width(), CV_8UC3, const_cast<uchar *>(rgb.constBits()),
                      size_t(rgb.bytesPerLine()));
    QRandomGenerator rng(seed);
    const auto jitter = [&](double range) { return (rng.generateDouble() * 2 - 1) * range; };
    const cv::Size canvas(int(1280 * zoom), int(960 * zoom));
    const float w = float(src.cols);
    const float h = float(src.rows);
    const std::vector<cv::Point2f> from = {{0, 0}, {w, 0}, {w, h}, {0, h}};
    const float scale = float(zoom) * (0.8f + float(jitter(0.08)));
    const cv::Point2f origin(float(zoom) * (140 + float(jitter(40))),
                             float(zoom) * (170 + float(jitter(40))));
    std::vector<cv::Point2f> to;
    for (const cv::Point2f &p : from)
        to.push_back(origin + p * scale + cv::Point2f(float(jitter(45)), float(jitter(45))));
    cv::Mat out(canvas, CV_8UC3, cv::Scalar(70, 90, 110));
    cv::warpPerspective(src, out, cv::getPerspectiveTransform(from, to), canvas, cv::INTER_LINEAR,
                        cv::BORDER_TRANSPARENT);
    cv::GaussianBlur(out, out, cv::Size(3, 3), 0.8);
    cv::Mat noise(canvas, CV_16SC3);
    cv::randn(noise, 0, 8);
    cv::Mat noisy;
    out.convertTo(noisy, CV_16SC3);
    noisy += noise;
    noisy.convertTo(out, CV_8UC3);
    std::vector<uchar> encoded;
    cv::imencode(".jpg", out, encoded, {cv::IMWRITE_JPEG_QUALITY, 80});
    return QByteArray(reinterpret_cast<const char *>(encoded.data()), qsizetype(encoded.size()));
}

} // namespace

// Drives vlens-sandbox over real HTTP on loopback with a plain QNetworkAccessManager.
class tst_SandboxServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanupTestCase();

    void fullFlowWithAudit();
    void apiKeyOnlyCaptureAndLink();
    void recognisesPhotographedCards_data();
    void recognisesPhotographedCards();
    void amlPersonaIsReported();
    void tokensRefreshAndUserLogin();
    void boldSignReportAndImage();
    void requestIdEchoed();
    void databaseFileHoldsNoPersonalData();

    void badRequests_data();
    void badRequests();
    void boldSignErrors_data();
    void boldSignErrors();

    void faultSpecs_data();
    void faultSpecs();
    void faultLatency();
    void faultLatencyClientGivesUp();
    void faultHttpStatus_data();
    void faultHttpStatus();
    void faultErrorCode();
    void faultExpiredToken();
    void faultAmlMatch();
    void faultSpoof();
    void faultLivenessFail();
    void faultMalformedJson();
    void faultTruncate();
    void faultCloseConnection();
    void faultDripSendsTheBodySlowly();
    void faultGatewayAnswersAfterTheServiceActed();
    void faultCountAndPath();
    void faultsOverHttp();

    void executableListensAndLogs();
    void executableNeedsNoOpencvDoc();

    // Issue 11: hostile clients.
    void oversizedBodyRefusedBeforeReading_data();
    void oversizedBodyRefusedBeforeReading();
    void bodyUnderTheLimitStillServed();
    void requestPathMemoryIsBounded();
    void signatureCompareReadsEveryByte();
    void tamperedSignatureRejected();

private:
    Response call(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body,
                  const QList<std::pair<QByteArray, QByteArray>> &headers,
                  SandboxServer *server = nullptr);
    QList<std::pair<QByteArray, QByteArray>> auth(const QString &key, const QString &token) const;
    Response post(const QString &path, const QJsonObject &body, const QString &token = {},
                  const QByteArray &apiKey = "sandbox-api-key");
    Response get(const QString &pathAndQuery, const QString &token);
    QString registerUser(const QString &phone, const QString &email = {},
                         const QString &password = {}, SandboxServer *server = nullptr);
    QString adminToken(const QString &user, const QString &password);
    QString capture(const QString &token, const QByteArray &front, const QByteArray &back);
    QJsonObject faces() const;
    const Persona &persona(const QString &id) const;

    QNetworkAccessManager m_nam;
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<SandboxServer> m_shortServer; // access tokens expire at once
    QTemporaryDir m_tempDir;
    QList<Persona> m_personas;
    QHash<QString, QByteArray> m_front; // persona id -> clean JPEG of the card
    QHash<QString, QByteArray> m_back;
    QHash<QString, QImage> m_frontImage;
    QHash<QString, QImage> m_backImage;
    QList<QByteArray> m_faces;  // three different PNG face frames
    QByteArray m_facePixelTwin; // same pixels as m_faces[0], other bytes
    QByteArray m_bigFace;       // >= 500 KB
    QByteArray m_over3Mb;
    QByteArray m_over5Mb;
    QByteArray m_over25Mp;
    QByteArray m_unrelatedPhoto;
    // Fixtures for the bad-request table.
    QString m_userA;
    QString m_userB;
    QString m_expiredUser;
    QString m_admin;
    QString m_clerk;
    QString m_txAFrontOnly; // user A, ahmed front only
    QString m_txAComplete;  // user A, front + back
    QString m_txB;          // user B, front only
    QString m_txOcr;        // API-key-only, front + back
};

const Persona &tst_SandboxServer::persona(const QString &id) const
{
    for (const Persona &p : m_personas) {
        if (p.id == id)
            return p;
    }
    qFatal("no persona %s", qPrintable(id));
}

void tst_SandboxServer::initTestCase()
{
    QString error;
    m_personas = kiosk::specimen::loadPersonasFile(kiosk::specimen::builtInPersonasPath(), &error);
    QVERIFY2(!m_personas.isEmpty(), qPrintable(error));
    const IdCardRenderer renderer;
    for (const Persona &p : std::as_const(m_personas)) {
        m_frontImage.insert(p.id, renderer.renderFront(p));
        m_backImage.insert(p.id, renderer.renderBack(p));
        m_front.insert(p.id, jpeg(m_frontImage.value(p.id)));
        m_back.insert(p.id, jpeg(m_backImage.value(p.id)));
    }
    // Three face frames: slightly different crops of the face in a real photo (test media
    // only: the sandbox itself needs no photo), lossless.
    const QImage photo(QStringLiteral(KIOSK_OPENCV_SAMPLES "/messi5.jpg"));
    QVERIFY(!photo.isNull());
    const QImage portrait = photo.copy(198, 52, 76, 95);
    for (int i = 0; i < 3; ++i) {
        const QImage frame = portrait.copy(i * 2, i, portrait.width() - 6, portrait.height() - 4)
                                 .scaled(240, 300, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
        m_faces.append(png(frame, 9));
    }
    m_facePixelTwin = png(QImage::fromData(m_faces.at(0)), 100);
    QVERIFY(m_facePixelTwin != m_faces.at(0));
    {
        QImage noise(420, 420, QImage::Format_RGB888);
        const QByteArray bytes = randomBytes(noise.sizeInBytes(), 7);
        for (int y = 0; y < noise.height(); ++y)
            memcpy(noise.scanLine(y), bytes.constData() + y * noise.bytesPerLine(),
                   size_t(noise.width() * 3));
        m_bigFace = png(noise);
        QVERIFY(m_bigFace.size() >= 500 * 1024);
    }
    m_over3Mb = randomBytes(3 * 1024 * 1024 + 200 * 1024, 11);
    m_over5Mb = randomBytes(5 * 1024 * 1024 + 100 * 1024, 13);
    {
        QImage huge(6000, 5000, QImage::Format_Grayscale8);
        huge.fill(0);
        m_over25Mp = png(huge, 9);
        QVERIFY(m_over25Mp.size() < 3 * 1024 * 1024);
    }
    QFile unrelated(QStringLiteral(KIOSK_OPENCV_SAMPLES "/building.jpg"));
    QVERIFY(unrelated.open(QIODevice::ReadOnly));
    m_unrelatedPhoto = unrelated.readAll();

    m_server = std::make_unique<SandboxServer>(SandboxOptions{});
    QVERIFY2(m_server->start(&error), qPrintable(error));
    QVERIFY(m_server->port() != 0);

    // A second sandbox whose access tokens expire at once (one persona keeps it quick).
    QVERIFY(m_tempDir.isValid());
    const QString onePersona = m_tempDir.filePath(u"one.json"_s);
    QFile file(onePersona);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(json(QJsonObject{{u"personas"_s, QJsonArray{persona(u"ahmed"_s).toJson()}}}));
    file.close();
    SandboxOptions shortOptions;
    shortOptions.accessTokenLifetimeSec = 0;
    shortOptions.personasFile = onePersona;
    m_shortServer = std::make_unique<SandboxServer>(shortOptions);
    QVERIFY2(m_shortServer->start(&error), qPrintable(error));

    m_userA = registerUser(u"+201000000101"_s);
    m_userB = registerUser(u"+201000000102"_s);
    m_expiredUser = registerUser(u"+201000000103"_s, {}, {}, m_shortServer.get());
    m_admin = adminToken(u"admin"_s, u"sandbox-admin"_s);
    m_clerk = adminToken(u"clerk"_s, u"sandbox-clerk"_s);
    QVERIFY(!m_userA.isEmpty() && !m_userB.isEmpty() && !m_expiredUser.isEmpty());
    QVERIFY(!m_admin.isEmpty() && !m_clerk.isEmpty());

    Response r = post(u"/api/DigitalIdentity/verify/id/front"_s,
                      {{u"image"_s, b64(m_front.value(u"ahmed"_s))}}, m_userA);
    QCOMPARE(r.errorCode(), 0);
    m_txAFrontOnly = r.data().value("transaction_id"_L1).toString();
    m_txAComplete = capture(m_userA, m_front.value(u"ahmed"_s), m_back.value(u"ahmed"_s));
    r = post(u"/api/DigitalIdentity/verify/id/front"_s,
             {{u"image"_s, b64(m_front.value(u"mona"_s))}}, m_userB);
    QCOMPARE(r.errorCode(), 0);
    m_txB = r.data().value("transaction_id"_L1).toString();
    r = post(u"/v1/ocr/id/front"_s, {{u"image"_s, b64(m_front.value(u"mona"_s))}});
    QCOMPARE(r.errorCode(), 0);
    m_txOcr = r.data().value("transaction_id"_L1).toString();
    r = post(u"/v1/ocr/id/back"_s,
             {{u"image"_s, b64(m_back.value(u"mona"_s))}, {u"transaction_id"_s, m_txOcr}});
    QCOMPARE(r.errorCode(), 0);
    QVERIFY(!m_txAFrontOnly.isEmpty() && !m_txAComplete.isEmpty() && !m_txB.isEmpty() &&
            !m_txOcr.isEmpty());
}

void tst_SandboxServer::init()
{
    m_server->clearFaults();
}

void tst_SandboxServer::cleanupTestCase()
{
    m_server.reset();
    m_shortServer.reset();
}

Response tst_SandboxServer::call(const QByteArray &method, const QString &pathAndQuery,
                                 const QByteArray &body,
                                 const QList<std::pair<QByteArray, QByteArray>> &headers,
                                 SandboxServer *server)
{
    QUrl url = (server ? server : m_server.get())->baseUrl();
    const qsizetype q = pathAndQuery.indexOf(u'?');
    url.setPath(q < 0 ? pathAndQuery : pathAndQuery.left(q));
    if (q >= 0)
        url.setQuery(pathAndQuery.mid(q + 1));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
    request.setTransferTimeout(20000);
    for (const auto &header : headers)
        request.setRawHeader(header.first, header.second);
    QNetworkReply *reply = m_nam.sendCustomRequest(request, method, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(25000);
    Response r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.error = reply->error();
    r.body = reply->readAll();
    r.requestId = reply->rawHeader("X-Request-Id");
    r.retryAfter = reply->rawHeader("Retry-After");
    r.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    const QJsonDocument doc = QJsonDocument::fromJson(r.body);
    r.jsonValid = doc.isObject();
    r.json = doc.object();
    reply->deleteLater();
    return r;
}

QList<std::pair<QByteArray, QByteArray>> tst_SandboxServer::auth(const QString &key,
                                                                 const QString &token) const
{
    QList<std::pair<QByteArray, QByteArray>> headers;
    if (key == u"ok"_s)
        headers.append(Header("ApiKey", "sandbox-api-key"));
    else if (key == u"wrong"_s)
        headers.append(Header("ApiKey", "not-the-key"));
    const QHash<QString, QString> tokens = {
        {u"userA"_s, m_userA}, {u"userB"_s, m_userB}, {u"expired"_s, m_expiredUser},
        {u"admin"_s, m_admin}, {u"clerk"_s, m_clerk}, {u"garbage"_s, u"abc.def.ghi"_s},
    };
    if (tokens.contains(token))
        headers.append(Header("Authorization", "Bearer " + tokens.value(token).toLatin1()));
    return headers;
}

Response tst_SandboxServer::post(const QString &path, const QJsonObject &body, const QString &token,
                                 const QByteArray &apiKey)
{
    QList<std::pair<QByteArray, QByteArray>> headers{{"ApiKey", apiKey}};
    if (!token.isEmpty())
        headers.append(Header("Authorization", "Bearer " + token.toLatin1()));
    return call("POST", path, json(body), headers);
}

Response tst_SandboxServer::get(const QString &pathAndQuery, const QString &token)
{
    return call("GET", pathAndQuery, {},
                {{"ApiKey", "sandbox-api-key"}, {"Authorization", "Bearer " + token.toLatin1()}});
}

QString tst_SandboxServer::registerUser(const QString &phone, const QString &email,
                                        const QString &password, SandboxServer *server)
{
    QJsonObject body{{u"phoneNumber"_s, phone}};
    if (!email.isEmpty())
        body.insert(u"email"_s, email);
    if (!password.isEmpty())
        body.insert(u"password"_s, password);
    const Response r = call("POST", u"/api/DigitalIdentity/Register"_s, json(body),
                            {{"ApiKey", "sandbox-api-key"}}, server);
    if (r.status != 200 || r.errorCode() != 0)
        return {};
    return r.data().value("accessToken"_L1).toString();
}

QString tst_SandboxServer::adminToken(const QString &user, const QString &password)
{
    const Response r = call("POST", u"/api/credentials/Login"_s,
                            json({{u"tenancyName"_s, u"sandbox"_s},
                                  {u"userNameOrEmailAddress"_s, user},
                                  {u"password"_s, password}}),
                            {{"ApiKey", "sandbox-api-key"}, {"TenancyName", "sandbox"}});
    return r.data().value("accessToken"_L1).toString();
}

QString tst_SandboxServer::capture(const QString &token, const QByteArray &front,
                                   const QByteArray &back)
{
    const QString prefix =
        token.isEmpty() ? u"/v1/ocr/id/"_s : u"/api/DigitalIdentity/verify/id/"_s;
    Response r = post(prefix + u"front"_s, {{u"image"_s, b64(front)}}, token);
    if (r.errorCode() != 0)
        return {};
    const QString tx =
        r.data().value("idFrontData"_L1).toObject().value("transaction_id"_L1).toString();
    r = post(prefix + u"back"_s, {{u"image"_s, b64(back)}, {u"transaction_id"_s, tx}}, token);
    return r.errorCode() == 0 ? tx : QString();
}

QJsonObject tst_SandboxServer::faces() const
{
    return {{u"face_1"_s, b64(m_faces.at(0))},
            {u"face_2"_s, b64(m_faces.at(1))},
            {u"face_3"_s, b64(m_faces.at(2))}};
}

// ---- happy paths ---------------------------------------------------------------------

void tst_SandboxServer::fullFlowWithAudit()
{
    const QString phone = u"+201000000201"_s;
    const QString token = registerUser(phone, u"flow@example.com"_s, u"pw-flow"_s);
    QVERIFY(!token.isEmpty());
    const Persona &ahmed = persona(u"ahmed"_s);

    Response r = post(u"/api/DigitalIdentity/verify/id/front"_s,
                      {{u"image"_s, b64(m_front.value(ahmed.id))},
                       {u"transaction_id"_s, QJsonValue()},
                       {u"getExtractedData"_s, true}},
                      token);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value("error_code"_L1), QJsonValue());
    const QJsonObject front = r.data().value("idFrontData"_L1).toObject();
    const QString tx = front.value("transaction_id"_L1).toString();
    QVERIFY(!QUuid::fromString(tx).isNull());
    QCOMPARE(tx, tx.toLower());
    QCOMPARE(front.value("idNumber"_L1).toString(), ahmed.idNumber);
    QCOMPARE(front.value("first_name"_L1).toString(), ahmed.firstName);
    QCOMPARE(front.value("last_names_english"_L1).toString(), ahmed.lastNamesEnglish);
    QCOMPARE(front.value("dateOfBirth"_L1).toString(), u"1990-03-15"_s);
    QCOMPARE(front.value("gender"_L1).toString(), u"M"_s);
    QCOMPARE(front.value("govern"_L1).toString(), ahmed.governorate);
    QCOMPARE(r.data().value("isVerificationProcessCompleted"_L1).toBool(true), false);
    const QJsonObject services = r.services();
    QCOMPARE(services.value("spoofing"_L1).toObject().value("fake"_L1).toBool(true), false);
    QCOMPARE(services.value("classification"_L1).toObject().value("doc_type"_L1).toString(),
             u"egyptian_national_id_front"_s);
    QCOMPARE(services.value("AML"_L1).toObject().value("AML_matched"_L1).toBool(true), false);
    QVERIFY(services.value("SRC"_L1).toObject().value("isValid"_L1).toBool());
    QVERIFY(services.value("validations"_L1).toObject().value("validation_errors"_L1).isArray());

    r = post(u"/api/DigitalIdentity/verify/id/back"_s,
             {{u"image"_s, b64(m_back.value(ahmed.id))}, {u"transaction_id"_s, tx}}, token);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.errorCode(), 0);
    const QJsonObject back = r.data().value("idBackData"_L1).toObject();
    QCOMPARE(back.value("idNumber"_L1).toString(), ahmed.idNumber);
    QCOMPARE(back.value("idExpiry"_L1).toString(), u"2031-03-01"_s);
    QCOMPARE(back.value("jobTitle"_L1).toString(), ahmed.jobTitle);

    QJsonObject liveness = faces();
    liveness.insert(u"transaction_id"_s, tx);
    liveness.insert(u"image"_s, b64(m_front.value(ahmed.id)));
    liveness.insert(u"getExtractedData"_s, true);
    r = post(u"/api/DigitalIdentity/verify/liveness/multi"_s, liveness, token);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.errorCode(), 0);
    QVERIFY(r.data().value("isVerificationProcessCompleted"_L1).toBool());
    QVERIFY(r.data().value("isDigitalIdentityVerified"_L1).toBool());
    QVERIFY(r.services().value("liveness"_L1).toBool());
    QCOMPARE(r.data().value("user"_L1).toObject().value("idNumber"_L1).toString(), ahmed.idNumber);

    // Audit by phone and by email: file names, then the bytes back.
    for (const QString &key : {phone, u"flow@example.com"_s}) {
        QUrlQuery query;
        query.addQueryItem(u"emailOrPhoneNumber"_s,
                           QString::fromLatin1(QUrl::toPercentEncoding(key)));
        r = get(u"/api/DigitalIdentity/GetUserDigitalIdentityImages?"_s + query.toString(),
                m_admin);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value("error_code"_L1), QJsonValue());
        for (const char *field :
             {"idFrontImage", "idBackImage", "livenessImage", "livenessFace01Image",
              "livenessFace02Image", "livenessFace03Image"})
            QVERIFY2(!r.data().value(QLatin1StringView(field)).toString().isEmpty(), field);
    }
    QCOMPARE(r.data().value("transactionId"_L1).toString(), tx);
    const QString frontName = r.data().value("idFrontImage"_L1).toString();
    const QString face2Name = r.data().value("livenessFace02Image"_L1).toString();
    r = get(
        u"/api/DigitalIdentity/GetStepImage?TransactionId=%1&FileName=%2&ImpersonatedTenantId=1&LogId=log-1"_s
            .arg(tx, frontName),
        m_admin);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value("error_code"_L1), QJsonValue(0));
    QCOMPARE(QByteArray::fromBase64(r.data().value("image"_L1).toString().toLatin1()),
             m_front.value(ahmed.id));
    r = get(u"/api/DigitalIdentity/GetStepImage?TransactionId=%1&FileName=%2"_s.arg(tx, face2Name),
            m_admin);
    QCOMPARE(QByteArray::fromBase64(r.data().value("image"_L1).toString().toLatin1()),
             m_faces.at(1));

    // The end user can log in with the password and is now verified.
    r = post(u"/api/DigitalIdentity/Login"_s,
             {{u"phoneNumber"_s, phone}, {u"password"_s, u"pw-flow"_s}, {u"imei"_s, u"x"_s}});
    QCOMPARE(r.status, 200);
    QVERIFY(r.data().value("isDigitalIdentityVerified"_L1).toBool());
}

void tst_SandboxServer::apiKeyOnlyCaptureAndLink()
{
    const Persona &mona = persona(u"mona"_s);
    // Back first: either order is allowed.
    Response r = post(u"/v1/ocr/id/back"_s, {{u"image"_s, b64(m_back.value(mona.id))}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.errorCode(), 0);
    QCOMPARE(r.data().value("user"_L1), QJsonValue());
    const QString tx = r.data().value("transaction_id"_L1).toString();
    QCOMPARE(r.data().value("idBackData"_L1).toObject().value("husbandName"_L1).toString(),
             mona.husbandName);
    r = post(u"/v1/ocr/id/front"_s,
             {{u"image"_s, b64(m_front.value(mona.id))}, {u"transaction_id"_s, tx}});
    QCOMPARE(r.errorCode(), 0);
    QCOMPARE(r.data().value("idFrontData"_L1).toObject().value("gender"_L1).toString(), u"F"_s);
    QJsonObject liveness = faces();
    liveness.insert(u"transaction_id"_s, tx);
    r = post(u"/v1/ocr/liveness/multi"_s, liveness);
    QCOMPARE(r.errorCode(), 0);
    QVERIFY(r.data().value("isVerificationProcessCompleted"_L1).toBool());

    const QString token = registerUser(u"+201000000301"_s);
    r = post(u"/api/DigitalIdentity/LinkUserWithExistingTransaction"_s,
             {{u"transactionId"_s, tx}, {u"getExtractedData"_s, true}}, token);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.errorCode(), 0);
    QCOMPARE(r.data().value("idFrontData"_L1).toObject().value("idNumber"_L1).toString(),
             mona.idNumber);
    QVERIFY(r.data().value("isDigitalIdentityVerified"_L1).toBool());
    QCOMPARE(r.data().value("user"_L1).toObject().value("phoneNumber"_L1).toString(),
             u"+201000000301"_s);
    // Linking again is idempotent; another user cannot take it; the key-only path is closed.
    r = post(u"/api/DigitalIdentity/LinkUserWithExistingTransaction"_s, {{u"transactionId"_s, tx}},
             token);
    QCOMPARE(r.errorCode(), 0);
    r = post(u"/api/DigitalIdentity/LinkUserWithExistingTransaction"_s, {{u"transactionId"_s, tx}},
             m_userB);
    QCOMPARE(r.errorCode(), 5004);
    r = post(u"/v1/ocr/liveness/multi"_s, liveness);
    QCOMPARE(r.errorCode(), 5004);
}

void tst_SandboxServer::recognisesPhotographedCards_data()
{
    QTest::addColumn<QString>("personaId");
    QTest::addColumn<bool>("front");
    QTest::addColumn<int>("errorCode");
    QTest::addColumn<double>("zoom");
    // A webcam-sized frame: 640x480 with the card about 420 px wide.
    QTest::newRow("ahmed front, webcam frame") << u"ahmed"_s << true << 0 << 0.5;
    QTest::newRow("mona back, webcam frame") << u"mona"_s << false << 0 << 0.5;
    for (const Persona &p : std::as_const(m_personas)) {
        const int frontCode = p.spoofed ? 5005 : 0;
        const int backCode = p.spoofed ? 5005 : (p.isExpired(QDate::currentDate()) ? 3010 : 0);
        QTest::addRow("%s front", qPrintable(p.id)) << p.id << true << frontCode << 1.0;
        QTest::addRow("%s back", qPrintable(p.id)) << p.id << false << backCode << 1.0;
    }
}

void tst_SandboxServer::recognisesPhotographedCards()
{
    QFETCH(QString, personaId);
    QFETCH(bool, front);
    QFETCH(int, errorCode);
    QFETCH(double, zoom);
    const QImage card = front ? m_frontImage.value(personaId) : m_backImage.value(personaId);
    const QByteArray photo = photographed(card, quint32(qHash(personaId) + (front ? 1 : 2)), zoom);
    const Response r =
        post(front ? u"/v1/ocr/id/front"_s : u"/v1/ocr/id/back"_s, {{u"image"_s, b64(photo)}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.errorCode(), errorCode);
    const QJsonObject data = r.data().value(front ? "idFrontData"_L1 : "idBackData"_L1).toObject();
    QCOMPARE(data.value("idNumber"_L1).toString(), persona(personaId).idNumber);
    QCOMPARE(r.services().value("spoofing"_L1).toObject().value("fake"_L1).toBool(),
             persona(personaId).spoofed);
}

void tst_SandboxServer::amlPersonaIsReported()
{
    const QString token = registerUser(u"+201000000401"_s);
    const QString tx = capture(token, m_front.value(u"khaled"_s), m_back.value(u"khaled"_s));
    QVERIFY(!tx.isEmpty());
    QJsonObject liveness = faces();
    liveness.insert(u"transaction_id"_s, tx);
    const Response r = post(u"/api/DigitalIdentity/verify/liveness/multi"_s, liveness, token);
    QCOMPARE(r.errorCode(), 0);
    const QJsonObject aml = r.services().value("AML"_L1).toObject();
    QVERIFY(aml.value("AML_matched"_L1).toBool());
    QCOMPARE(aml.value("data"_L1).toArray().size(), 1);
    QVERIFY(r.data().value("isVerificationProcessCompleted"_L1).toBool());
    QCOMPARE(r.data().value("isDigitalIdentityVerified"_L1).toBool(true), false);
}

void tst_SandboxServer::tokensRefreshAndUserLogin()
{
    Response r =
        call("POST", u"/api/credentials/Login"_s,
             json({{u"userNameOrEmailAddress"_s, u"admin"_s}, {u"password"_s, u"sandbox-admin"_s}}),
             {{"ApiKey", "sandbox-api-key"}, {"TenancyName", "sandbox"}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.data().value("expireInSeconds"_L1).toInt(), 86400);
    const QString access = r.data().value("accessToken"_L1).toString();
    QCOMPARE(access.count(u'.'), 2); // JWT-shaped
    const QJsonObject claims =
        QJsonDocument::fromJson(QByteArray::fromBase64(access.section(u'.', 1, 1).toLatin1(),
                                                       QByteArray::Base64UrlEncoding))
            .object();
    QVERIFY(claims.value("exp"_L1).toInteger() > QDateTime::currentSecsSinceEpoch());
    const QString refresh = r.data().value("refreshToken"_L1).toString();
    QVERIFY(r.data().value("refreshTokenExpireInSeconds"_L1).toInt() > 0);

    r = post(u"/api/credentials/RefreshToken"_s, {{u"refreshToken"_s, refresh}});
    QCOMPARE(r.status, 200);
    const QString renewed = r.data().value("accessToken"_L1).toString();
    QVERIFY(!renewed.isEmpty() && renewed != access);
    r = get(
        u"/api/DigitalIdentity/GetUserDigitalIdentityImages?emailOrPhoneNumber=%2B201000000101"_s,
        renewed);
    QCOMPARE(r.status, 200);
    // A refresh token works once.
    r = post(u"/api/credentials/RefreshToken"_s, {{u"refreshToken"_s, refresh}});
    QCOMPARE(r.status, 401);
    QCOMPARE(r.errorCode(), 5004);

    QVERIFY(!registerUser(u"+201000000501"_s, {}, u"pw-501"_s).isEmpty());
    r = post(u"/api/DigitalIdentity/Login"_s,
             {{u"phoneNumber"_s, u"+201000000501"_s}, {u"password"_s, u"pw-501"_s}});
    QCOMPARE(r.status, 200);
    QVERIFY(!r.data().value("accessToken"_L1).toString().isEmpty());
    QCOMPARE(r.data().value("isDigitalIdentityVerified"_L1).toBool(true), false);
    QCOMPARE(r.data().value("user"_L1).toObject().value("phoneNumber"_L1).toString(),
             u"+201000000501"_s);
}

void tst_SandboxServer::boldSignReportAndImage()
{
    const auto docs = kiosk::sandbox::seededBoldSignDocuments();
    QVERIFY(docs.size() >= 3);
    // Email signer, camelCase keys.
    Response r = call("POST", u"/v1/identityVerification/report?documentId="_s + docs[0].documentId,
                      json({{u"emailId"_s, docs[0].emailId}, {u"order"_s, 1}}),
                      {{"X-API-KEY", "sandbox-boldsign-key"}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value("verificationResult"_L1).toString(), u"Passed"_s);
    const QJsonObject document = r.json.value("document"_L1).toObject();
    QCOMPARE(document.value("documentNumber"_L1).toString(), persona(u"ahmed"_s).idNumber);
    QCOMPARE(document.value("dob"_L1).toObject().value("year"_L1).toInt(), 1990);
    const QJsonArray files = document.value("documentFiles"_L1).toArray();
    QCOMPARE(files.size(), 2);
    QVERIFY(!document.value("selfieFile"_L1).toString().isEmpty());

    // SMS signer, PascalCase keys; the image comes back as raw bytes.
    r = call("POST", u"/v1/identityVerification/report?documentId="_s + docs[1].documentId,
             json({{u"CountryCode"_s, docs[1].countryCode},
                   {u"PhoneNumber"_s, docs[1].phoneNumber},
                   {u"Order"_s, 1}}),
             {{"X-API-KEY", "sandbox-boldsign-key"}});
    QCOMPARE(r.status, 200);
    const QString fileId =
        r.json.value("document"_L1).toObject().value("documentFiles"_L1).toArray().at(0).toString();
    r = call("POST", u"/v1/identityVerification/image?documentId="_s + docs[1].documentId,
             json({{u"CountryCode"_s, docs[1].countryCode},
                   {u"PhoneNumber"_s, docs[1].phoneNumber},
                   {u"Order"_s, 1},
                   {u"FileId"_s, fileId}}),
             {{"X-API-KEY", "sandbox-boldsign-key"}});
    QCOMPARE(r.status, 200);
    QVERIFY(r.body.startsWith("\xff\xd8")); // JPEG
    const QImage image = QImage::fromData(r.body);
    QCOMPARE(image.width(), 1000);

    // A failed verification still has a report.
    r = call("POST", u"/v1/identityVerification/report?documentId="_s + docs[2].documentId,
             json({{u"EmailId"_s, docs[2].emailId}, {u"Order"_s, docs[2].order}}),
             {{"X-API-KEY", "sandbox-boldsign-key"}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value("verificationResult"_L1).toString(), u"Failed"_s);
    QVERIFY(r.json.value("error"_L1).isObject());
}

void tst_SandboxServer::requestIdEchoed()
{
    Response r = call("POST", u"/api/DigitalIdentity/Register"_s, "{}",
                      {{"ApiKey", "sandbox-api-key"}, {"X-Request-Id", "req-42-abc"}});
    QCOMPARE(r.requestId, "req-42-abc"_ba);
    QCOMPARE(m_server->lastRequestId(), "req-42-abc"_ba);
    r = call("POST", u"/api/DigitalIdentity/Register"_s, "{}", {{"ApiKey", "sandbox-api-key"}});
    QVERIFY(!QUuid::fromString(QString::fromLatin1(r.requestId)).isNull());
    QVERIFY(m_server->requestCount(u"/Register"_s) >= 2);
}

void tst_SandboxServer::databaseFileHoldsNoPersonalData()
{
    SandboxOptions options;
    options.databasePath = m_tempDir.filePath(u"sandbox.db"_s);
    options.personasFile = m_tempDir.filePath(u"one.json"_s);
    QString error;
    {
        SandboxServer server(options);
        QVERIFY2(server.start(&error), qPrintable(error));
        const QString token =
            registerUser(u"+201234500077"_s, u"private.person@example.com"_s, u"pw"_s, &server);
        QVERIFY(!token.isEmpty());
        const Response r =
            call("POST", u"/api/DigitalIdentity/verify/id/front"_s,
                 json({{u"image"_s, b64(m_front.value(u"ahmed"_s))}}),
                 {{"ApiKey", "sandbox-api-key"}, {"Authorization", "Bearer " + token.toLatin1()}},
                 &server);
        QCOMPARE(r.errorCode(), 0);
    }
    QFile file(options.databasePath);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(bytes.startsWith("SQLite format 3"));
    for (const QByteArray &secret :
         {"201234500077"_ba, "private.person"_ba, persona(u"ahmed"_s).idNumber.toLatin1(),
          "sandbox-api-key"_ba, "sandbox-admin"_ba, "\xff\xd8\xff"_ba})
        QVERIFY2(!bytes.contains(secret), secret.constData());
    // Restarting on the same file works (seeding is idempotent).
    SandboxServer again(options);
    QVERIFY2(again.start(&error), qPrintable(error));
}

// ---- bad requests --------------------------------------------------------------------

void tst_SandboxServer::badRequests_data()
{
    QTest::addColumn<QString>("server");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("token");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("errorCode");

    const QString front = u"/api/DigitalIdentity/verify/id/front"_s;
    const QString back = u"/api/DigitalIdentity/verify/id/back"_s;
    const QString liveness = u"/api/DigitalIdentity/verify/liveness/multi"_s;
    const QString link = u"/api/DigitalIdentity/LinkUserWithExistingTransaction"_s;
    const QString audit = u"/api/DigitalIdentity/GetUserDigitalIdentityImages"_s;
    const QString step = u"/api/DigitalIdentity/GetStepImage"_s;
    const QByteArray ahmedFront = json({{u"image"_s, b64(m_front.value(u"ahmed"_s))}});
    const auto image = [](const QByteArray &bytes, const QString &tx = {}) {
        QJsonObject o{{u"image"_s, b64(bytes)}};
        if (!tx.isEmpty())
            o.insert(u"transaction_id"_s, tx);
        return json(o);
    };
    const auto live = [](const QString &tx, const QByteArray &f1, const QByteArray &f2,
                         const QByteArray &f3) {
        return json({{u"transaction_id"_s, tx},
                     {u"face_1"_s, b64(f1)},
                     {u"face_2"_s, b64(f2)},
                     {u"face_3"_s, b64(f3)}});
    };
    const QByteArray &f1 = m_faces.at(0);
    const QByteArray &f2 = m_faces.at(1);
    const QByteArray &f3 = m_faces.at(2);
    const QString main = u"main"_s;
    const QString ok = u"ok"_s;

    // clang-format off
    QTest::newRow("missing ApiKey") << main << "POST"_ba << front << u"none"_s << u"userA"_s << ahmedFront << 401 << 4001;
    QTest::newRow("wrong ApiKey") << main << "POST"_ba << front << u"wrong"_s << u"userA"_s << ahmedFront << 401 << 4001;
    QTest::newRow("wrong ApiKey on OCR") << main << "POST"_ba << u"/v1/ocr/id/front"_s << u"wrong"_s << u""_s << ahmedFront << 401 << 4001;
    QTest::newRow("no token") << main << "POST"_ba << front << ok << u""_s << ahmedFront << 401 << 5004;
    QTest::newRow("garbage token") << main << "POST"_ba << front << ok << u"garbage"_s << ahmedFront << 401 << 5004;
    QTest::newRow("expired token") << u"short"_s << "POST"_ba << front << ok << u"expired"_s << ahmedFront << 401 << 5004;
    QTest::newRow("admin token on user endpoint") << main << "POST"_ba << front << ok << u"admin"_s << ahmedFront << 403 << 5004;
    QTest::newRow("bad JSON") << main << "POST"_ba << front << ok << u"userA"_s << "{\"image\": "_ba << 400 << 5000;
    QTest::newRow("JSON array") << main << "POST"_ba << front << ok << u"userA"_s << "[1,2]"_ba << 400 << 5000;
    QTest::newRow("missing image") << main << "POST"_ba << front << ok << u"userA"_s << "{}"_ba << 400 << 5008;
    QTest::newRow("image not a string") << main << "POST"_ba << front << ok << u"userA"_s << "{\"image\": 12}"_ba << 400 << 5008;
    QTest::newRow("bad base64") << main << "POST"_ba << front << ok << u"userA"_s << "{\"image\": \"@@not base64!!\"}"_ba << 400 << 5001;
    QTest::newRow("data: prefix") << main << "POST"_ba << front << ok << u"userA"_s << json({{u"image"_s, QString(u"data:image/jpeg;base64,"_s + b64(m_front.value(u"ahmed"_s)))}}) << 400 << 5001;
    QTest::newRow("not an image") << main << "POST"_ba << front << ok << u"userA"_s << image("hello, this is text"_ba) << 200 << 5001;
    QTest::newRow("document over 3 MB") << main << "POST"_ba << front << ok << u"userA"_s << image(m_over3Mb) << 200 << 5002;
    QTest::newRow("document over 5 MB") << main << "POST"_ba << front << ok << u"userA"_s << image(m_over5Mb) << 413 << 5002;
    QTest::newRow("over 25 MP") << main << "POST"_ba << front << ok << u"userA"_s << image(m_over25Mp) << 200 << 5003;
    QTest::newRow("unknown card") << main << "POST"_ba << front << ok << u"userA"_s << image(m_unrelatedPhoto) << 200 << 3011;
    QTest::newRow("back sent to front") << main << "POST"_ba << front << ok << u"userA"_s << image(m_back.value(u"ahmed"_s)) << 200 << 5007;
    QTest::newRow("front sent to back") << main << "POST"_ba << back << ok << u"userA"_s << image(m_front.value(u"ahmed"_s), m_txAFrontOnly) << 200 << 5007;
    QTest::newRow("ID numbers differ") << main << "POST"_ba << back << ok << u"userA"_s << image(m_back.value(u"mona"_s), m_txAFrontOnly) << 200 << 3101;
    QTest::newRow("spoofed document") << main << "POST"_ba << u"/v1/ocr/id/front"_s << ok << u""_s << image(m_front.value(u"youssef"_s)) << 200 << 5005;
    QTest::newRow("expired card") << main << "POST"_ba << u"/v1/ocr/id/back"_s << ok << u""_s << image(m_back.value(u"fatma"_s)) << 200 << 3010;
    QTest::newRow("malformed transaction id") << main << "POST"_ba << back << ok << u"userA"_s << image(m_back.value(u"ahmed"_s), u"not-a-uuid"_s) << 200 << 5004;
    QTest::newRow("unknown transaction id") << main << "POST"_ba << back << ok << u"userA"_s << image(m_back.value(u"ahmed"_s), QUuid::createUuid().toString(QUuid::WithoutBraces)) << 200 << 5004;
    QTest::newRow("transaction of another user") << main << "POST"_ba << back << ok << u"userA"_s << image(m_back.value(u"mona"_s), m_txB) << 200 << 5004;
    QTest::newRow("key-only transaction on user endpoint") << main << "POST"_ba << liveness << ok << u"userA"_s << live(m_txOcr, f1, f2, f3) << 200 << 5004;
    QTest::newRow("user transaction on key-only endpoint") << main << "POST"_ba << u"/v1/ocr/id/back"_s << ok << u""_s << image(m_back.value(u"ahmed"_s), m_txAFrontOnly) << 200 << 5004;
    QTest::newRow("liveness before back") << main << "POST"_ba << liveness << ok << u"userA"_s << live(m_txAFrontOnly, f1, f2, f3) << 200 << 5004;
    QTest::newRow("liveness without transaction") << main << "POST"_ba << liveness << ok << u"userA"_s << live(QString(), f1, f2, f3) << 200 << 5004;
    QTest::newRow("liveness missing face_3") << main << "POST"_ba << liveness << ok << u"userA"_s << json({{u"transaction_id"_s, m_txAComplete}, {u"face_1"_s, b64(f1)}, {u"face_2"_s, b64(f2)}}) << 400 << 5008;
    QTest::newRow("identical faces (bytes)") << main << "POST"_ba << liveness << ok << u"userA"_s << live(m_txAComplete, f1, f2, f1) << 200 << 4209;
    QTest::newRow("identical faces (pixels)") << main << "POST"_ba << liveness << ok << u"userA"_s << live(m_txAComplete, f1, m_facePixelTwin, f3) << 200 << 4210;
    QTest::newRow("face of 500 KB or more") << main << "POST"_ba << liveness << ok << u"userA"_s << live(m_txAComplete, f1, f2, m_bigFace) << 200 << 5002;
    QTest::newRow("face not an image") << main << "POST"_ba << liveness << ok << u"userA"_s << live(m_txAComplete, f1, "garbage bytes"_ba, f3) << 200 << 5001;
    QTest::newRow("link without id") << main << "POST"_ba << link << ok << u"userA"_s << "{}"_ba << 400 << 5008;
    QTest::newRow("link unknown transaction") << main << "POST"_ba << link << ok << u"userA"_s << json({{u"transactionId"_s, QUuid::createUuid().toString(QUuid::WithoutBraces)}}) << 200 << 5004;
    QTest::newRow("link a user transaction") << main << "POST"_ba << link << ok << u"userA"_s << json({{u"transactionId"_s, m_txB}}) << 200 << 5004;
    QTest::newRow("link without token") << main << "POST"_ba << link << ok << u""_s << json({{u"transactionId"_s, m_txOcr}}) << 401 << 5004;
    QTest::newRow("register without phone") << main << "POST"_ba << u"/api/DigitalIdentity/Register"_s << ok << u""_s << "{}"_ba << 400 << 5008;
    QTest::newRow("register bad phone") << main << "POST"_ba << u"/api/DigitalIdentity/Register"_s << ok << u""_s << "{\"phoneNumber\": \"01000\"}"_ba << 400 << 5008;
    QTest::newRow("register twice") << main << "POST"_ba << u"/api/DigitalIdentity/Register"_s << ok << u""_s << "{\"phoneNumber\": \"+201000000101\"}"_ba << 200 << 5000;
    QTest::newRow("register without ApiKey") << main << "POST"_ba << u"/api/DigitalIdentity/Register"_s << u"none"_s << u""_s << "{\"phoneNumber\": \"+201000000999\"}"_ba << 401 << 4001;
    QTest::newRow("admin wrong password") << main << "POST"_ba << u"/api/credentials/Login"_s << ok << u""_s << "{\"tenancyName\":\"sandbox\",\"userNameOrEmailAddress\":\"admin\",\"password\":\"nope\"}"_ba << 401 << 5000;
    QTest::newRow("admin unknown tenant") << main << "POST"_ba << u"/api/credentials/Login"_s << ok << u""_s << "{\"tenancyName\":\"other\",\"userNameOrEmailAddress\":\"admin\",\"password\":\"sandbox-admin\"}"_ba << 401 << 5000;
    QTest::newRow("admin missing password") << main << "POST"_ba << u"/api/credentials/Login"_s << ok << u""_s << "{\"tenancyName\":\"sandbox\",\"userNameOrEmailAddress\":\"admin\"}"_ba << 400 << 5008;
    QTest::newRow("user wrong password") << main << "POST"_ba << u"/api/DigitalIdentity/Login"_s << ok << u""_s << "{\"phoneNumber\":\"+201000000101\",\"password\":\"nope\"}"_ba << 401 << 5000;
    QTest::newRow("refresh with garbage") << main << "POST"_ba << u"/api/credentials/RefreshToken"_s << ok << u""_s << "{\"refreshToken\":\"nope\"}"_ba << 401 << 5004;
    QTest::newRow("clerk without Requests") << main << "GET"_ba << audit + u"?emailOrPhoneNumber=%2B201000000101"_s << ok << u"clerk"_s << QByteArray() << 403 << 5000;
    QTest::newRow("user token on audit") << main << "GET"_ba << audit + u"?emailOrPhoneNumber=%2B201000000101"_s << ok << u"userA"_s << QByteArray() << 403 << 5004;
    QTest::newRow("audit without token") << main << "GET"_ba << audit + u"?emailOrPhoneNumber=%2B201000000101"_s << ok << u""_s << QByteArray() << 401 << 5004;
    QTest::newRow("unknown user in audit") << main << "GET"_ba << audit + u"?emailOrPhoneNumber=%2B209999999999"_s << ok << u"admin"_s << QByteArray() << 404 << 5000;
    QTest::newRow("audit without key") << main << "GET"_ba << audit << ok << u"admin"_s << QByteArray() << 400 << 5008;
    QTest::newRow("step image bad id") << main << "GET"_ba << step + u"?TransactionId=xyz&FileName=a.jpg"_s << ok << u"admin"_s << QByteArray() << 400 << 5008;
    QTest::newRow("step image unknown file") << main << "GET"_ba << step + u"?TransactionId=%1&FileName=nope.jpg"_s.arg(m_txAComplete) << ok << u"admin"_s << QByteArray() << 404 << 5000;
    QTest::newRow("step image bad tenant id") << main << "GET"_ba << step + u"?TransactionId=%1&FileName=a.jpg&ImpersonatedTenantId=x"_s.arg(m_txAComplete) << ok << u"admin"_s << QByteArray() << 400 << 5008;
    QTest::newRow("step image by clerk") << main << "GET"_ba << step + u"?TransactionId=%1&FileName=a.jpg"_s.arg(m_txAComplete) << ok << u"clerk"_s << QByteArray() << 403 << 5000;
    QTest::newRow("wrong method") << main << "GET"_ba << front << ok << u"userA"_s << QByteArray() << 405 << 5000;
    QTest::newRow("unknown path") << main << "POST"_ba << u"/api/DigitalIdentity/verify/id/side"_s << ok << u"userA"_s << ahmedFront << 404 << 5000;
    // clang-format on
}

void tst_SandboxServer::badRequests()
{
    QFETCH(QString, server);
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QString, key);
    QFETCH(QString, token);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(int, errorCode);
    const Response r = call(method, path, body, auth(key, token),
                            server == u"short"_s ? m_shortServer.get() : nullptr);
    QCOMPARE(r.status, status);
    QVERIFY2(r.jsonValid, r.body.left(200).constData());
    QCOMPARE(r.errorCode(), errorCode);
    QVERIFY(!r.json.value("error_message"_L1).toString().isEmpty());
    QVERIFY(r.json.contains("error_descriptions"_L1));
    QVERIFY(r.json.contains("data"_L1));
}

void tst_SandboxServer::boldSignErrors_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    const auto docs = kiosk::sandbox::seededBoldSignDocuments();
    const QString report = u"/v1/identityVerification/report?documentId="_s;
    const QString image = u"/v1/identityVerification/image?documentId="_s;
    const QByteArray ahmed = json({{u"EmailId"_s, docs[0].emailId}, {u"Order"_s, 1}});
    const QByteArray good = "sandbox-boldsign-key";
    // clang-format off
    QTest::newRow("no key") << report + docs[0].documentId << QByteArray() << ahmed << 401;
    QTest::newRow("wrong key") << report + docs[0].documentId << "nope"_ba << ahmed << 401;
    QTest::newRow("no document id") << u"/v1/identityVerification/report"_s << good << ahmed << 400;
    QTest::newRow("unknown document") << report + QUuid::createUuid().toString(QUuid::WithoutBraces) << good << ahmed << 400;
    QTest::newRow("no signer") << report + docs[0].documentId << good << "{\"Order\":1}"_ba << 400;
    QTest::newRow("wrong signer") << report + docs[0].documentId << good << json({{u"EmailId"_s, u"someone@example.com"_s}, {u"Order"_s, 1}}) << 400;
    QTest::newRow("malformed JSON") << report + docs[0].documentId << good << "{\"EmailId\":"_ba << 400;
    QTest::newRow("unverified signer") << report + docs[3].documentId << good << json({{u"EmailId"_s, docs[3].emailId}, {u"Order"_s, 1}}) << 403;
    QTest::newRow("unverified signer image") << image + docs[3].documentId << good << json({{u"EmailId"_s, docs[3].emailId}, {u"Order"_s, 1}, {u"FileId"_s, docs[3].fileIds.value(0)}}) << 403;
    QTest::newRow("image without FileId") << image + docs[0].documentId << good << ahmed << 400;
    QTest::newRow("image unknown FileId") << image + docs[0].documentId << good << json({{u"EmailId"_s, docs[0].emailId}, {u"Order"_s, 1}, {u"FileId"_s, docs[1].fileIds.value(0)}}) << 400;
    // clang-format on
}

void tst_SandboxServer::boldSignErrors()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QList<std::pair<QByteArray, QByteArray>> headers;
    if (!key.isEmpty())
        headers.append(Header("X-API-KEY", key));
    const Response r = call("POST", path, body, headers);
    QCOMPARE(r.status, status);
    QVERIFY(r.jsonValid);
    QVERIFY(!r.json.value("error"_L1).toString().isEmpty());
}

// ---- faults --------------------------------------------------------------------------

void tst_SandboxServer::faultSpecs_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("value");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("count");
    using K = Fault::Kind;
    QTest::newRow("latency") << u"latency=250"_s << true << int(K::Latency) << 250 << u""_s << 1;
    QTest::newRow("http with path") << u"http=503,path=/verify/id/front,count=1"_s << true
                                    << int(K::HttpStatus) << 503 << u"/verify/id/front"_s << 1;
    QTest::newRow("error_code forever")
        << u"error_code=4003,count=-1"_s << true << int(K::ErrorCode) << 4003 << u""_s << -1;
    QTest::newRow("expired_token")
        << u"expired_token"_s << true << int(K::ExpiredToken) << 0 << u""_s << 1;
    QTest::newRow("aml") << u"aml_match,count=3"_s << true << int(K::AmlMatch) << 0 << u""_s << 3;
    QTest::newRow("spoof") << u"spoof"_s << true << int(K::Spoof) << 0 << u""_s << 1;
    QTest::newRow("liveness_fail")
        << u"liveness_fail"_s << true << int(K::LivenessFail) << 0 << u""_s << 1;
    QTest::newRow("malformed_json")
        << u"malformed_json"_s << true << int(K::MalformedJson) << 0 << u""_s << 1;
    QTest::newRow("truncate") << u"truncate"_s << true << int(K::Truncate) << 0 << u""_s << 1;
    QTest::newRow("close") << u"close"_s << true << int(K::CloseConnection) << 0 << u""_s << 1;
    QTest::newRow("drip") << u"drip=64,path=/Register"_s << true << int(K::Drip) << 64
                          << u"/Register"_s << 1;
    QTest::newRow("gateway") << u"gateway=504,path=/Register"_s << true << int(K::Gateway) << 504
                             << u"/Register"_s << 1;
    QTest::newRow("gateway 404") << u"gateway=404"_s << false << 0 << 0 << u""_s << 0;
    QTest::newRow("gateway without value") << u"gateway"_s << false << 0 << 0 << u""_s << 0;
    QTest::newRow("drip without value") << u"drip"_s << false << 0 << 0 << u""_s << 0;
    QTest::newRow("drip of 0") << u"drip=0"_s << false << 0 << 0 << u""_s << 0;
    QTest::newRow("unknown kind") << u"explode"_s << false << 0 << 0 << u""_s << 0;
    QTest::newRow("http without value") << u"http"_s << false << 0 << 0 << u""_s << 0;
    QTest::newRow("http 200") << u"http=200"_s << false << 0 << 0 << u""_s << 0;
    QTest::newRow("bad count") << u"close,count=zero"_s << false << 0 << 0 << u""_s << 0;
    QTest::newRow("bad option") << u"close,when=now"_s << false << 0 << 0 << u""_s << 0;
    QTest::newRow("empty") << u""_s << false << 0 << 0 << u""_s << 0;
}

void tst_SandboxServer::faultSpecs()
{
    QFETCH(QString, spec);
    QFETCH(bool, valid);
    QString error;
    const std::optional<Fault> fault = Fault::parse(spec, &error);
    QCOMPARE(bool(fault), valid);
    if (!valid) {
        QVERIFY(!error.isEmpty());
        return;
    }
    QFETCH(int, kind);
    QFETCH(int, value);
    QFETCH(QString, path);
    QFETCH(int, count);
    QCOMPARE(int(fault->kind), kind);
    QCOMPARE(fault->value, value);
    QCOMPARE(fault->path, path);
    QCOMPARE(fault->count, count);
    QCOMPARE(Fault::parse(fault->toString())->kind, fault->kind);
}

void tst_SandboxServer::faultLatency()
{
    m_server->injectFault(*Fault::parse(u"latency=400,path=/Register"_s));
    QElapsedTimer timer;
    timer.start();
    const Response r =
        post(u"/api/DigitalIdentity/Register"_s, {{u"phoneNumber"_s, u"+201000000601"_s}});
    QVERIFY(timer.elapsed() >= 400);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.errorCode(), 0);
    // The fault holds one request only: with a request held for a minute, the next one is
    // answered while the first still waits.
    m_server->injectFault(*Fault::parse(u"latency=60000,path=/Register"_s));
    QUrl url = m_server->baseUrl();
    url.setPath(u"/api/DigitalIdentity/Register"_s);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
    request.setRawHeader("ApiKey", "sandbox-api-key");
    const int before = m_server->requestCount(u"/Register"_s);
    std::unique_ptr<QNetworkReply> held(
        m_nam.post(request, R"({"phoneNumber":"+201000000602"})"_ba));
    QTRY_VERIFY(m_server->requestCount(u"/Register"_s) > before);
    const Response next =
        post(u"/api/DigitalIdentity/Register"_s, {{u"phoneNumber"_s, u"+201000000603"_s}});
    QCOMPARE(next.status, 200);
    QVERIFY2(!held->isFinished(), "the held request was answered before the next one");
    held->abort();
}

void tst_SandboxServer::faultLatencyClientGivesUp()
{
    // The client times out and leaves while the answer is held back: no crash, no answer.
    m_server->injectFault(*Fault::parse(u"latency=600,path=/Register"_s));
    QSignalSpy logged(m_server.get(), &SandboxServer::requestLogged);
    QUrl url = m_server->baseUrl();
    url.setPath(u"/api/DigitalIdentity/Register"_s);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
    request.setRawHeader("ApiKey", "sandbox-api-key");
    request.setTransferTimeout(150);
    QNetworkReply *reply = m_nam.post(request, R"({"phoneNumber":"+201000001401"})"_ba);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(5000));
    QCOMPARE(reply->error(), QNetworkReply::OperationCanceledError);
    reply->deleteLater();
    const auto clientLeft = [&logged] {
        return std::any_of(logged.cbegin(), logged.cend(), [](const QList<QVariant> &args) {
            return args.value(0).toString().contains(u"client left"_s);
        });
    };
    QTRY_VERIFY_WITH_TIMEOUT(clientLeft(), 5000);
    const Response r =
        post(u"/api/DigitalIdentity/Register"_s, {{u"phoneNumber"_s, u"+201000001402"_s}});
    QCOMPARE(r.status, 200);
}

void tst_SandboxServer::faultHttpStatus_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("retryAfter");
    QTest::newRow("500") << 500 << false;
    QTest::newRow("503") << 503 << true;
    QTest::newRow("429") << 429 << true;
}

void tst_SandboxServer::faultHttpStatus()
{
    QFETCH(int, status);
    QFETCH(bool, retryAfter);
    m_server->injectFault(*Fault::parse(u"http=%1,path=/verify/id/front"_s.arg(status)));
    Response r = post(u"/api/DigitalIdentity/verify/id/front"_s,
                      {{u"image"_s, b64(m_front.value(u"ahmed"_s))}}, m_userA);
    QCOMPARE(r.status, status);
    QCOMPARE(r.errorCode(), 5000);
    QCOMPARE(!r.retryAfter.isEmpty(), retryAfter);
    // Consumed: the next request is served normally.
    r = post(u"/api/DigitalIdentity/verify/id/front"_s,
             {{u"image"_s, b64(m_front.value(u"ahmed"_s))}}, m_userA);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.errorCode(), 0);
}

void tst_SandboxServer::faultErrorCode()
{
    m_server->injectFault(*Fault::parse(u"error_code=4003"_s));
    const Response r =
        post(u"/api/DigitalIdentity/Register"_s, {{u"phoneNumber"_s, u"+201000000701"_s}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.errorCode(), 4003);
    QCOMPARE(r.json.value("data"_L1), QJsonValue());
}

void tst_SandboxServer::faultExpiredToken()
{
    m_server->injectFault(*Fault::parse(u"expired_token,path=/verify/"_s));
    Response r = post(u"/api/DigitalIdentity/verify/id/front"_s,
                      {{u"image"_s, b64(m_front.value(u"ahmed"_s))}}, m_userA);
    QCOMPARE(r.status, 401);
    QCOMPARE(r.errorCode(), 5004);
    r = post(u"/api/DigitalIdentity/verify/id/front"_s,
             {{u"image"_s, b64(m_front.value(u"ahmed"_s))}}, m_userA);
    QCOMPARE(r.status, 200);
}

void tst_SandboxServer::faultAmlMatch()
{
    m_server->injectFault(*Fault::parse(u"aml_match,path=/liveness/"_s));
    const QString tx = capture({}, m_front.value(u"ahmed"_s), m_back.value(u"ahmed"_s));
    QVERIFY(!tx.isEmpty());
    QJsonObject body = faces();
    body.insert(u"transaction_id"_s, tx);
    const Response r = post(u"/v1/ocr/liveness/multi"_s, body);
    QCOMPARE(r.errorCode(), 0);
    QVERIFY(r.services().value("AML"_L1).toObject().value("AML_matched"_L1).toBool());
    QCOMPARE(r.data().value("isDigitalIdentityVerified"_L1).toBool(true), false);
}

void tst_SandboxServer::faultSpoof()
{
    m_server->injectFault(*Fault::parse(u"spoof,path=/id/front"_s));
    const Response r = post(u"/v1/ocr/id/front"_s, {{u"image"_s, b64(m_front.value(u"ahmed"_s))}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.errorCode(), 5005);
    QVERIFY(r.services().value("spoofing"_L1).toObject().value("fake"_L1).toBool());
}

void tst_SandboxServer::faultLivenessFail()
{
    m_server->injectFault(*Fault::parse(u"liveness_fail,path=/liveness/"_s));
    const QString token = registerUser(u"+201000000801"_s);
    const QString tx = capture(token, m_front.value(u"mona"_s), m_back.value(u"mona"_s));
    QVERIFY(!tx.isEmpty());
    QJsonObject body = faces();
    body.insert(u"transaction_id"_s, tx);
    Response r = post(u"/api/DigitalIdentity/verify/liveness/multi"_s, body, token);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.services().value("liveness"_L1), QJsonValue(false));
    QCOMPARE(r.data().value("isVerificationProcessCompleted"_L1).toBool(true), false);
    QCOMPARE(r.data().value("isDigitalIdentityVerified"_L1).toBool(true), false);
    // A retry passes.
    r = post(u"/api/DigitalIdentity/verify/liveness/multi"_s, body, token);
    QCOMPARE(r.services().value("liveness"_L1), QJsonValue(true));
}

void tst_SandboxServer::faultMalformedJson()
{
    m_server->injectFault(*Fault::parse(u"malformed_json,path=/Register"_s));
    const Response r =
        post(u"/api/DigitalIdentity/Register"_s, {{u"phoneNumber"_s, u"+201000000901"_s}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.error, QNetworkReply::NoError);
    QVERIFY(!r.body.isEmpty());
    QVERIFY(!r.jsonValid);
}

void tst_SandboxServer::faultTruncate()
{
    m_server->injectFault(*Fault::parse(u"truncate,path=/Register"_s));
    const Response r =
        post(u"/api/DigitalIdentity/Register"_s, {{u"phoneNumber"_s, u"+201000001001"_s}});
    QVERIFY2(r.error != QNetworkReply::NoError, qPrintable(QString::number(r.error)));
    QVERIFY(!r.jsonValid);
}

void tst_SandboxServer::faultCloseConnection()
{
    // Forever: QNetworkAccessManager silently resends once on a dropped keep-alive connection.
    m_server->injectFault(*Fault::parse(u"close,path=/Register,count=-1"_s));
    const int before = m_server->requestCount(u"/Register"_s);
    const Response r =
        post(u"/api/DigitalIdentity/Register"_s, {{u"phoneNumber"_s, u"+201000001101"_s}});
    QVERIFY2(r.error != QNetworkReply::NoError, qPrintable(QString::number(r.error)));
    QCOMPARE(r.status, 0);
    QVERIFY(m_server->requestCount(u"/Register"_s) > before);
    m_server->clearFaults();
    const Response again =
        post(u"/api/DigitalIdentity/Register"_s, {{u"phoneNumber"_s, u"+201000001102"_s}});
    QCOMPARE(again.status, 200);
}

// Slow drip: the status line and headers at once, the body at the given rate, ten times a
// second, whole in the end (a client without a total deadline would wait for all of it).
void tst_SandboxServer::faultDripSendsTheBodySlowly()
{
    m_server->injectFault(*Fault::parse(u"drip=400,path=/Register"_s));
    QNetworkRequest request(m_server->baseUrl().resolved(QUrl(u"/api/DigitalIdentity/Register"_s)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
    request.setRawHeader("ApiKey", "sandbox-api-key");
    request.setRawHeader("Tenant", "sandbox");
    std::unique_ptr<QNetworkReply> reply(m_nam.post(
        request, QJsonDocument(QJsonObject{{u"phoneNumber"_s, u"+201000001201"_s}}).toJson()));
    QList<qsizetype> pieces;
    QByteArray body;
    connect(reply.get(), &QNetworkReply::readyRead, this, [&] {
        const QByteArray piece = reply->readAll();
        pieces.append(piece.size());
        body += piece;
    });
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    QVERIFY(finished.wait(20000));
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QVERIFY2(body.size() > 80, body.constData());
    QVERIFY(!QJsonDocument::fromJson(body).isNull()); // all of it, in the end
    // 40 bytes a tick: the body came in many pieces, none much larger than a tick's worth
    // (two ticks may arrive together on a loaded machine).
    QVERIFY2(pieces.size() >= body.size() / 40 / 2, qPrintable(QString::number(pieces.size())));
    QVERIFY(*std::max_element(pieces.cbegin(), pieces.cend()) <= 80);
}

// A gateway that lost the service's answer: the user was registered, the client got the
// gateway's own 502 page; registering the number again is refused.
void tst_SandboxServer::faultGatewayAnswersAfterTheServiceActed()
{
    m_server->injectFault(*Fault::parse(u"gateway=502,path=/Register"_s));
    const Response r =
        post(u"/api/DigitalIdentity/Register"_s, {{u"phoneNumber"_s, u"+201000001301"_s}});
    QCOMPARE(r.status, 502);
    QVERIFY(!r.jsonValid);
    QVERIFY2(r.body.contains("502"), r.body.constData());
    const Response again =
        post(u"/api/DigitalIdentity/Register"_s, {{u"phoneNumber"_s, u"+201000001301"_s}});
    QCOMPARE(again.status, 200);
    QCOMPARE(again.errorCode(), 5000); // already registered: the first request was acted on
}

void tst_SandboxServer::faultCountAndPath()
{
    m_server->injectFault(*Fault::parse(u"http=500,path=/id/back,count=2"_s));
    // Another path is not affected.
    Response r = post(u"/api/DigitalIdentity/Register"_s, {{u"phoneNumber"_s, u"+201000001201"_s}});
    QCOMPARE(r.status, 200);
    const QJsonObject body{{u"image"_s, b64(m_back.value(u"ahmed"_s))}};
    QCOMPARE(post(u"/v1/ocr/id/back"_s, body).status, 500);
    QCOMPARE(post(u"/v1/ocr/id/back"_s, body).status, 500);
    QCOMPARE(post(u"/v1/ocr/id/back"_s, body).status, 200);
}

void tst_SandboxServer::faultsOverHttp()
{
    Response r = call("POST", u"/_sandbox/faults"_s,
                      json({{u"spec"_s, u"http=503,path=/verify/id/front,count=1"_s}}), {});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.data().value("faults"_L1).toArray().size(), 1);
    r = post(u"/api/DigitalIdentity/verify/id/front"_s,
             {{u"image"_s, b64(m_front.value(u"ahmed"_s))}}, m_userA);
    QCOMPARE(r.status, 503);
    r = call("POST", u"/_sandbox/faults"_s, json({{u"spec"_s, u"nonsense"_s}}), {});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), 5008);
    r = call("POST", u"/_sandbox/faults"_s, json({{u"spec"_s, u"http=500"_s}}), {});
    QCOMPARE(r.status, 200);
    r = call("DELETE", u"/_sandbox/faults"_s, {}, {});
    QCOMPARE(r.status, 200);
    r = post(u"/api/DigitalIdentity/Register"_s, {{u"phoneNumber"_s, u"+201000001301"_s}});
    QCOMPARE(r.status, 200);
}

// ---- the executable ------------------------------------------------------------------

void tst_SandboxServer::executableListensAndLogs()
{
    QProcess process;
    process.setProgram(QStringLiteral(KIOSK_BINARY_DIR "/bin/vlens-sandbox"));
    process.setArguments({u"--port"_s, u"0"_s, u"--fault"_s, u"error_code=4002,path=/Register"_s});
    process.start();
    QVERIFY(process.waitForStarted(10000));
    QByteArray out;
    while (!out.contains('\n') && process.waitForReadyRead(30000))
        out += process.readAllStandardOutput();
    const QByteArray first = out.left(out.indexOf('\n'));
    QVERIFY2(first.startsWith("vlens-sandbox listening on http://127.0.0.1:"), first.constData());
    const QUrl base(QString::fromLatin1(first.mid(first.lastIndexOf(' ') + 1)));
    QVERIFY(base.port() > 0);

    QNetworkRequest request(base.resolved(QUrl(u"/api/DigitalIdentity/Register"_s)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
    request.setRawHeader("ApiKey", "sandbox-api-key");
    request.setRawHeader("X-Request-Id", "proc-test-1");
    // The --fault is always on: two registrations both get it.
    for (int i = 0; i < 2; ++i) {
        QNetworkReply *reply = m_nam.post(request, R"({"phoneNumber":"+201000009999"})"_ba);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait(10000));
        const QJsonObject body = QJsonDocument::fromJson(reply->readAll()).object();
        QCOMPARE(body.value("error_code"_L1).toInt(), 4002);
        reply->deleteLater();
    }
    // One log line per request, without the body (no phone number).
    QTRY_VERIFY_WITH_TIMEOUT(
        (out += process.readAllStandardOutput()).count("/api/DigitalIdentity/Register 200") == 2,
        10000);
    QVERIFY(out.contains("id=proc-test-1"));
    QVERIFY(out.contains("error_code=4002"));
    QVERIFY(!out.contains("201000009999"));
    process.terminate();
    if (!process.waitForFinished(5000)) {
        process.kill();
        process.waitForFinished(5000);
    }
}

void tst_SandboxServer::executableNeedsNoOpencvDoc()
{
    // Debian's opencv-doc is test media only. The sandbox runs in a private mount namespace
    // where an empty folder hides /usr/share/doc/opencv-doc, starts, and still recognises a
    // specimen card rendered here (same synthetic portrait, same pixels).
    QVERIFY(QFileInfo(u"/usr/share/doc/opencv-doc"_s).isDir());
    QTemporaryDir empty;
    QVERIFY(empty.isValid());
    QProcess process;
    process.setProgram(u"unshare"_s);
    process.setArguments(
        {u"--mount"_s, u"--map-root-user"_s, u"sh"_s, u"-c"_s,
         u"mount --bind \"$1\" /usr/share/doc/opencv-doc && "
         u"[ -z \"$(ls -A /usr/share/doc/opencv-doc)\" ] && exec \"$2\" --port 0"_s,
         u"sh"_s, empty.path(), QStringLiteral(KIOSK_BINARY_DIR "/bin/vlens-sandbox")});
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start();
    QVERIFY(process.waitForStarted(10000));
    // stdout's "vlens-sandbox listening on URL" line, whole (the log on stderr says "listening"
    // too).
    QByteArray out;
    const auto urlLine = [&out] {
        const qsizetype line = out.indexOf("vlens-sandbox listening on ");
        return line < 0 || out.indexOf('\n', line) < 0 ? qsizetype(-1) : line;
    };
    while (urlLine() < 0 && process.waitForReadyRead(30000))
        out += process.readAll();
    QVERIFY2(urlLine() >= 0, out.constData());
    const qsizetype at = out.indexOf("http://127.0.0.1:", urlLine());
    QVERIFY2(at >= 0, out.constData());
    const QUrl base(QString::fromLatin1(out.mid(at, out.indexOf('\n', at) - at).trimmed()));
    QVERIFY(base.port() > 0);

    QNetworkRequest request(base.resolved(QUrl(u"/v1/ocr/id/front"_s)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
    request.setRawHeader("ApiKey", "sandbox-api-key");
    QNetworkReply *reply = m_nam.post(request, json({{u"image"_s, b64(m_front.value(u"mona"_s))}}));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(20000));
    const QJsonObject body = QJsonDocument::fromJson(reply->readAll()).object();
    reply->deleteLater();
    QVERIFY2(body.value("error_code"_L1).isNull(), QJsonDocument(body).toJson().constData());
    QCOMPARE(body.value("data"_L1)
                 .toObject()
                 .value("idFrontData"_L1)
                 .toObject()
                 .value("first_name"_L1)
                 .toString(),
             persona(u"mona"_s).firstName);
    process.terminate();
    if (!process.waitForFinished(5000)) {
        process.kill();
        process.waitForFinished(5000);
    }
}

namespace {

// Sends raw bytes and collects what comes back until the server closes the connection
// (or `seconds` pass). The answer's status line and whether the server hung up.
struct RawExchange
{
    QByteArray answer;
    bool closedByServer = false;
    qint64 bytesWritten = 0;
};

RawExchange rawExchange(quint16 port, const QByteArray &head, qint64 bodyBytes)
{
    RawExchange result;
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000))
        return result;
    socket.write(head);
    // Feed the body as the kernel takes it, as a client uploading 400 MB would.
    qint64 left = bodyBytes;
    const QByteArray chunk(64 * 1024, 'x');
    const auto feed = [&] {
        while (left > 0 && socket.bytesToWrite() < 4 * chunk.size() &&
               socket.state() == QAbstractSocket::ConnectedState) {
            const qint64 n = std::min<qint64>(left, chunk.size());
            socket.write(chunk.constData(), n);
            left -= n;
        }
    };
    // Like curl, the client stops uploading once an answer came back early.
    QObject::connect(&socket, &QTcpSocket::bytesWritten, &socket, [&](qint64 n) {
        result.bytesWritten += n;
        if (result.answer.isEmpty())
            feed();
    });
    QObject::connect(&socket, &QTcpSocket::readyRead, &socket,
                     [&] { result.answer += socket.readAll(); });
    feed();
    QSignalSpy closed(&socket, &QTcpSocket::disconnected);
    if (socket.state() == QAbstractSocket::ConnectedState)
        result.closedByServer = closed.wait(15000);
    result.answer += socket.readAll();
    return result;
}

} // namespace

void tst_SandboxServer::oversizedBodyRefusedBeforeReading_data()
{
    QTest::addColumn<QByteArray>("headers");
    QTest::addColumn<qint64>("offered"); // body bytes the client tries to send
    QTest::addColumn<QByteArray>("status");
    const QByteArray front = "POST /api/DigitalIdentity/verify/id/front HTTP/1.1\r\n"
                             "Host: 127.0.0.1\r\nContent-Type: application/json\r\n";
    QTest::newRow("400 MB without a key")
        << (front + "Content-Length: 419430400\r\n\r\n") << qint64(419430400) << "413"_ba;
    QTest::newRow("2 MB with a wrong key")
        << (front + "ApiKey: not-the-key\r\nContent-Length: 2097152\r\n\r\n") << qint64(2097152)
        << "413"_ba;
    QTest::newRow("400 MB with the key")
        << (front + "ApiKey: sandbox-api-key\r\nContent-Length: 419430400\r\n\r\n")
        << qint64(419430400) << "413"_ba;
    QTest::newRow("unreadable length")
        << (front + "Content-Length: 99999999999999999999999\r\n\r\n") << qint64(419430400)
        << "413"_ba;
    QTest::newRow("chunked without a length")
        << (front + "Transfer-Encoding: chunked\r\n\r\n") << qint64(419430400) << "411"_ba;
    QTest::newRow("second request on the connection")
        << ("GET /nope HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n" + front +
            "Content-Length: 419430400\r\n\r\n")
        << qint64(419430400) << "413"_ba;
}

void tst_SandboxServer::oversizedBodyRefusedBeforeReading()
{
    QFETCH(QByteArray, headers);
    QFETCH(qint64, offered);
    QFETCH(QByteArray, status);
    const RawExchange r = rawExchange(m_server->port(), headers, offered);
    // The last answer on the connection is the refusal, and the server hung up without
    // taking the body: far less than it was offered went through.
    const qsizetype last = r.answer.lastIndexOf("HTTP/1.1 ");
    QVERIFY2(last >= 0, r.answer.constData());
    QVERIFY2(r.answer.mid(last + 9, 3) == status, r.answer.constData());
    QVERIFY(r.answer.contains("\"error_code\":5000"));
    QVERIFY(r.closedByServer);
    QVERIFY2(r.bytesWritten < offered / 2, QByteArray::number(r.bytesWritten).constData());
}

void tst_SandboxServer::bodyUnderTheLimitStillServed()
{
    // 1.5 MB with the key: over the unauthenticated limit, well under the other one.
    const QByteArray body = json(QJsonObject{{u"image"_s, QString(1500 * 1024, u'A')}});
    const Response r =
        call("POST", u"/api/DigitalIdentity/verify/id/front"_s, body, auth(u"ok"_s, u"userA"_s));
    QVERIFY2(r.status != 413 && r.status != 0, r.body.constData());
    QVERIFY(r.jsonValid);
}

void tst_SandboxServer::requestPathMemoryIsBounded()
{
    SandboxServer server(SandboxOptions{});
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    QNetworkAccessManager nam;
    constexpr int kRequests = 600;
    int done = 0;
    for (int i = 0; i < kRequests; ++i) {
        QUrl url = server.baseUrl();
        url.setPath(u"/probe/%1"_s.arg(i));
        QNetworkReply *reply = nam.get(QNetworkRequest(url));
        connect(reply, &QNetworkReply::finished, reply, [reply, &done] {
            ++done;
            reply->deleteLater();
        });
    }
    QTRY_COMPARE_WITH_TIMEOUT(done, kRequests, 60000);
    QCOMPARE(server.requestCount(), kRequests);
    QVERIFY2(server.trackedPathCount() <= 300,
             QByteArray::number(server.trackedPathCount()).constData());
    // Endpoints are still counted once the bound is reached.
    Response r = call("POST", u"/api/DigitalIdentity/Register"_s, "{}",
                      {{"ApiKey", "sandbox-api-key"}}, &server);
    QVERIFY(r.status != 0);
    QCOMPARE(server.requestCount(u"/Register"_s), 1);
}

void tst_SandboxServer::signatureCompareReadsEveryByte()
{
    // Records which bytes the compare reads: an early exit at the first difference (what
    // == and memcmp do) reads one byte of a forgery that is wrong from its start.
    struct Probe
    {
        QByteArray bytes;
        QList<qsizetype> *reads;
        qsizetype size() const { return bytes.size(); }
        char operator[](qsizetype i) const
        {
            reads->append(i);
            return bytes.at(i);
        }
    };
    const QByteArray genuine = "kH3vQ0Zx9yLmN2pR5sT8uW1aB4cD7eF0gJ6hK9iL2mO";
    for (const qsizetype at : {qsizetype(0), qsizetype(10), genuine.size() - 1}) {
        QByteArray forged = genuine;
        forged[at] = forged.at(at) == 'A' ? 'B' : 'A';
        QList<qsizetype> readsA, readsB;
        QVERIFY(
            !kiosk::sandbox::constantTimeEquals(Probe{genuine, &readsA}, Probe{forged, &readsB}));
        QCOMPARE(readsA.size(), genuine.size());
        QCOMPARE(readsB.size(), genuine.size());
    }
    QList<qsizetype> readsA, readsB;
    QVERIFY(kiosk::sandbox::constantTimeEquals(Probe{genuine, &readsA}, Probe{genuine, &readsB}));
    QVERIFY(!kiosk::sandbox::constantTimeEquals(QByteArrayView(genuine),
                                                QByteArrayView(genuine).first(10)));
    QVERIFY(!kiosk::sandbox::constantTimeEquals(QByteArrayView(genuine), QByteArrayView()));
    QVERIFY(kiosk::sandbox::constantTimeEquals(QByteArrayView(), QByteArrayView()));
}

void tst_SandboxServer::tamperedSignatureRejected()
{
    using kiosk::sandbox::TokenIssuer;
    const TokenIssuer issuer(TokenIssuer::randomSecret());
    const QString token = issuer.issue(QJsonObject{{u"sub"_s, u"1"_s}}, 1000, 60);
    QCOMPARE(issuer.verify(token, 1001), TokenIssuer::Check::Valid);
    for (const qsizetype from : {qsizetype(1), qsizetype(2)}) {
        QString forged = token;
        const qsizetype at = forged.size() - from;
        forged[at] = forged.at(at) == u'A' ? u'B' : u'A';
        QCOMPARE(issuer.verify(forged, 1001), TokenIssuer::Check::BadSignature);
    }
    QCOMPARE(issuer.verify(token + u'A', 1001), TokenIssuer::Check::BadSignature);
}

QTEST_MAIN(tst_SandboxServer)
#include "tst_sandboxserver.moc"
