#include "api/boldsignclient.h"
#include "api/vlensclient.h"
#include "sandboxserver.h"
#include "specimen/idcardrenderer.h"
#include "specimen/persona.h"
#include "specimen/syntheticface.h"

#include <QBuffer>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QPainter>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

#include <array>
#include <memory>

using namespace Qt::StringLiterals;
using namespace kiosk::api;
using kiosk::sandbox::Fault;
using kiosk::sandbox::SandboxOptions;
using kiosk::sandbox::SandboxServer;
using kiosk::specimen::IdCardRenderer;
using kiosk::specimen::Persona;
using Kind = ApiError::Kind;

namespace {

template<typename T>
using Reply = std::unique_ptr<ApiReply<T>>;

QByteArray encode(const QImage &image, const char *format, int quality = 90)
{
    QByteArray out;
    QBuffer buffer(&out);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, format, quality);
    return out;
}

Fault fault(Fault::Kind kind, int value = 0, const QString &path = {}, int count = 1)
{
    Fault f;
    f.kind = kind;
    f.value = value;
    f.path = path;
    f.count = count;
    return f;
}

} // namespace

Q_DECLARE_METATYPE(kiosk::sandbox::Fault)

// Every VlensClient and BoldSignClient endpoint against an in-process SandboxServer over
// loopback, with specimen cards from the IdCardRenderer: the happy paths (register-first,
// capture-first + link, admin audit, BoldSign) and each fault the sandbox can inject.
class tst_VlensClientSandbox : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanupTestCase();

    void registerFirstHappyPath();
    void captureFirstThenLink();
    void adminAuditImagesAndStepImage();
    void adminErrors();
    void boldSignReportAndImages();
    void boldSignErrors();
    void documentOutcomes_data();
    void documentOutcomes();
    void faultsOnPost_data();
    void faultsOnPost();
    void faultsOnGetAreRetried_data();
    void faultsOnGetAreRetried();
    void expiredTokenIsRefreshedOnce();
    void expiredTokenForever();
    void livenessFaults_data();
    void livenessFaults();

private:
    const Persona &persona(const QString &id) const;
    QByteArray card(const QString &personaId, IdCardRenderer::Side side) const;
    std::unique_ptr<VlensClient> makeClient() const;
    QString registerNew(VlensClient &client);
    // A registered user whose ahmed card and faces went through, shared by the tests that
    // only need "some finished transaction" (card recognition costs ~1 s a side).
    struct Ready
    {
        std::unique_ptr<VlensClient> client;
        QString phone;
        QString transactionId;
    };
    Ready &readyAhmed();
    QByteArray blankImage() const { return encode(QImage(64, 40, QImage::Format_RGB32), "PNG"); }
    // Front and back of a persona with the user token; returns the transaction id.
    QString captureCard(VlensClient &client, const QString &personaId);
    LivenessRequest faces(const QString &transactionId) const;

    QList<Persona> m_personas;
    QHash<QString, QByteArray> m_cards; // "<persona>/front" -> JPEG
    std::array<QByteArray, 3> m_faces;
    std::unique_ptr<SandboxServer> m_sandbox;
    Ready m_ready;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    int m_phoneSerial = 0;
};

void tst_VlensClientSandbox::initTestCase()
{
    QString error;
    m_personas = kiosk::specimen::loadPersonasFile(kiosk::specimen::builtInPersonasPath(), &error);
    QVERIFY2(!m_personas.isEmpty(), qPrintable(error));
    const IdCardRenderer renderer(800);
    for (const Persona &p : std::as_const(m_personas)) {
        m_cards.insert(p.id + u"/front"_s,
                       encode(renderer.render(p, IdCardRenderer::Side::Front), "JPG"));
        m_cards.insert(p.id + u"/back"_s,
                       encode(renderer.render(p, IdCardRenderer::Side::Back), "JPG"));
    }
    QVERIFY(m_cards.value(u"ahmed/front"_s).startsWith("\xFF\xD8\xFF"));
    // Three frames of the same face, a little different each (as a burst would be): the
    // card holder's synthetic portrait.
    const QImage face = kiosk::specimen::SyntheticFace::render(m_personas.first(), QSize(320, 400));
    for (int i = 0; i < 3; ++i) {
        QImage frame = face.convertToFormat(QImage::Format_RGB32);
        QPainter painter(&frame);
        painter.fillRect(QRect(i * 4, 0, 2, 2), Qt::black);
        painter.end();
        m_faces[size_t(i)] = encode(frame, "JPG", 85);
        QVERIFY(m_faces[size_t(i)].size() < 500 * 1024);
    }
    // One sandbox for the suite (it renders and indexes every persona card at start);
    // tests use their own users and count requests as differences.
    m_sandbox = std::make_unique<SandboxServer>(SandboxOptions());
    QVERIFY2(m_sandbox->start(&error), qPrintable(error));
    m_nam = std::make_unique<QNetworkAccessManager>();
}

void tst_VlensClientSandbox::init()
{
    m_sandbox->clearFaults();
}

void tst_VlensClientSandbox::cleanupTestCase()
{
    m_ready = {};
    m_nam.reset();
    m_sandbox.reset();
}

tst_VlensClientSandbox::Ready &tst_VlensClientSandbox::readyAhmed()
{
    if (!m_ready.transactionId.isEmpty())
        return m_ready;
    m_ready.client = makeClient();
    m_ready.phone = registerNew(*m_ready.client);
    m_ready.transactionId = captureCard(*m_ready.client, u"ahmed"_s);
    Reply<VerifyResult> live(m_ready.client->verifyLiveness(faces(m_ready.transactionId)));
    if (!live->waitForFinished(15000))
        m_ready.transactionId.clear();
    return m_ready;
}

const Persona &tst_VlensClientSandbox::persona(const QString &id) const
{
    for (const Persona &p : m_personas) {
        if (p.id == id)
            return p;
    }
    qFatal("no persona %s", qPrintable(id));
}

QByteArray tst_VlensClientSandbox::card(const QString &personaId, IdCardRenderer::Side side) const
{
    return m_cards.value(personaId +
                         (side == IdCardRenderer::Side::Front ? u"/front"_s : u"/back"_s));
}

std::unique_ptr<VlensClient> tst_VlensClientSandbox::makeClient() const
{
    VlensConfig c;
    c.baseUrl = m_sandbox->baseUrl();
    c.apiKey = u"sandbox-api-key"_s;
    c.tenancyName = u"sandbox"_s;
    c.requestTimeoutMs = 5000;
    c.uploadTimeoutMs = 10000;
    c.getRetry.baseDelayMs = 10;
    c.getRetry.maxDelayMs = 50; // the sandbox's Retry-After: 1 is capped to keep this fast
    return std::make_unique<VlensClient>(m_nam.get(), c);
}

QString tst_VlensClientSandbox::registerNew(VlensClient &client)
{
    const QString phone = u"+2010%1"_s.arg(7000000 + ++m_phoneSerial);
    Reply<SessionResult> reg(client.registerUser({phone}));
    if (!reg->waitForFinished(10000))
        qWarning() << "register failed" << reg->error().logSummary();
    return reg->isSuccess() ? phone : QString();
}

QString tst_VlensClientSandbox::captureCard(VlensClient &client, const QString &personaId)
{
    Reply<VerifyResult> front(client.verifyIdFront({card(personaId, IdCardRenderer::Side::Front)}));
    if (!front->waitForFinished(15000))
        return {};
    Reply<VerifyResult> back(client.verifyIdBack(
        {card(personaId, IdCardRenderer::Side::Back), front->result().transactionId}));
    if (!back->waitForFinished(15000))
        return {};
    return back->result().transactionId;
}

LivenessRequest tst_VlensClientSandbox::faces(const QString &transactionId) const
{
    return {m_faces[0], m_faces[1], m_faces[2], card(u"ahmed"_s, IdCardRenderer::Side::Front),
            transactionId};
}

void tst_VlensClientSandbox::registerFirstHappyPath()
{
    auto client = makeClient();
    const QString phone = registerNew(*client);
    QVERIFY(!phone.isEmpty());
    QVERIFY(!client->userTokens().accessToken.isEmpty());

    const Persona &p = persona(u"ahmed"_s);
    Reply<VerifyResult> front(
        client->verifyIdFront({card(u"ahmed"_s, IdCardRenderer::Side::Front)}));
    QSignalSpy progress(front.get(), &ApiCall::uploadProgress);
    QVERIFY2(front->waitForFinished(15000), qPrintable(front->error().fullMessage()));
    QVERIFY(progress.count() > 0);
    QCOMPARE(QString::fromLatin1(m_sandbox->lastRequestId()), front->requestId());
    const VerifyResult &f = front->result();
    QVERIFY(f.front.has_value());
    QCOMPARE(f.front->idNumber, p.idNumber);
    QCOMPARE(f.front->firstName, p.firstName);
    QCOMPARE(f.front->lastNamesEnglish, p.lastNamesEnglish);
    QCOMPARE(f.front->dateOfBirth, p.birthDate.toString(Qt::ISODate));
    QCOMPARE(f.front->gender, p.gender);
    QCOMPARE(f.front->idKey, p.idKey);
    QVERIFY(!f.transactionId.isEmpty());
    QCOMPARE(f.services.docType, u"egyptian_national_id_front"_s);
    QCOMPARE(f.services.spoofingFake, std::optional<bool>(false));
    QVERIFY(!f.isVerificationProcessCompleted);

    Reply<VerifyResult> back(
        client->verifyIdBack({card(u"ahmed"_s, IdCardRenderer::Side::Back), f.transactionId}));
    QVERIFY2(back->waitForFinished(15000), qPrintable(back->error().fullMessage()));
    QVERIFY(back->result().back.has_value());
    QCOMPARE(back->result().back->idExpiry, p.expiryDate.toString(Qt::ISODate));
    QCOMPARE(back->result().back->idNumber, p.idNumber);
    QCOMPARE(back->result().transactionId, f.transactionId);

    Reply<VerifyResult> live(client->verifyLiveness(faces(f.transactionId)));
    QVERIFY2(live->waitForFinished(15000), qPrintable(live->error().fullMessage()));
    const VerifyResult &l = live->result();
    QVERIFY(l.isVerificationProcessCompleted);
    QVERIFY(l.isDigitalIdentityVerified);
    QCOMPARE(l.services.liveness, std::optional<bool>(true));
    QCOMPARE(l.services.amlMatched, std::optional<bool>(false));
    QCOMPARE(l.services.src.isValid, std::optional<bool>(true));
    QCOMPARE(l.user.idNumber, p.idNumber);
    QCOMPARE(l.transactionId, f.transactionId);
}

void tst_VlensClientSandbox::captureFirstThenLink()
{
    auto client = makeClient();
    client->clearUserSession();
    Reply<VerifyResult> front(client->ocrIdFront({card(u"mona"_s, IdCardRenderer::Side::Front)}));
    QVERIFY2(front->waitForFinished(15000), qPrintable(front->error().fullMessage()));
    const QString tx = front->result().transactionId;
    QCOMPARE(front->result().front->idNumber, persona(u"mona"_s).idNumber);
    Reply<VerifyResult> back(client->ocrIdBack({card(u"mona"_s, IdCardRenderer::Side::Back), tx}));
    QVERIFY2(back->waitForFinished(15000), qPrintable(back->error().fullMessage()));
    Reply<VerifyResult> live(client->ocrLiveness(faces(tx)));
    QVERIFY2(live->waitForFinished(15000), qPrintable(live->error().fullMessage()));
    QVERIFY(live->result().isVerificationProcessCompleted);
    QCOMPARE(m_sandbox->requestCount(u"/v1/ocr/"_s), 3);

    QVERIFY(!registerNew(*client).isEmpty());
    Reply<VerifyResult> link(client->linkUserWithExistingTransaction(tx));
    QVERIFY2(link->waitForFinished(15000), qPrintable(link->error().fullMessage()));
    QVERIFY(link->result().isDigitalIdentityVerified);
    QCOMPARE(link->result().front->idNumber, persona(u"mona"_s).idNumber);
    QCOMPARE(link->result().transactionId, tx);

    // A second user cannot take the same transaction.
    auto other = makeClient();
    QVERIFY(!registerNew(*other).isEmpty());
    Reply<VerifyResult> again(other->linkUserWithExistingTransaction(tx));
    QVERIFY(!again->waitForFinished(15000));
    QCOMPARE(again->error().kind(), Kind::Service);
    QCOMPARE(again->error().serviceCode(), 5004);
    QCOMPARE(again->error().remedy(), ApiError::Remedy::RestartSession);
}

void tst_VlensClientSandbox::adminAuditImagesAndStepImage()
{
    Ready &ready = readyAhmed();
    QVERIFY(!ready.transactionId.isEmpty());
    VlensClient *client = ready.client.get();
    const QString phone = ready.phone;
    const QString tx = ready.transactionId;

    Reply<TokenResult> login(client->loginAdmin(u"admin"_s, u"sandbox-admin"_s));
    QVERIFY2(login->waitForFinished(10000), qPrintable(login->error().fullMessage()));
    QVERIFY(!login->result().refreshToken.isEmpty());
    QCOMPARE(client->adminTokens().accessToken, login->result().accessToken);

    Reply<IdentityImages> images(client->getUserDigitalIdentityImages(phone));
    QVERIFY2(images->waitForFinished(10000), qPrintable(images->error().fullMessage()));
    const IdentityImages &i = images->result();
    QVERIFY(!i.idFrontImage.isEmpty());
    QVERIFY(!i.idBackImage.isEmpty());
    QVERIFY(!i.livenessImage.isEmpty());
    QVERIFY(!i.livenessFace01Image.isEmpty());
    QVERIFY(!i.livenessFace03Image.isEmpty());
    QCOMPARE(i.transactionId, tx);

    Reply<StepImage> step(client->getStepImage({tx, i.idFrontImage, 1, u"audit-1"_s}));
    QVERIFY2(step->waitForFinished(10000), qPrintable(step->error().fullMessage()));
    QCOMPARE(step->result().bytes, card(u"ahmed"_s, IdCardRenderer::Side::Front));
    Reply<StepImage> face(client->getStepImage({tx, i.livenessFace02Image}));
    QVERIFY(face->waitForFinished(10000));
    QCOMPARE(face->result().bytes, m_faces[1]);
}

void tst_VlensClientSandbox::adminErrors()
{
    auto client = makeClient();
    Reply<TokenResult> wrong(client->loginAdmin(u"admin"_s, u"not-the-password"_s));
    QVERIFY(!wrong->waitForFinished(10000));
    QCOMPARE(wrong->error().kind(), Kind::Unauthorized);
    QVERIFY(!wrong->error().serverMessage().isEmpty());

    Reply<TokenResult> clerk(client->loginAdmin(u"clerk"_s, u"sandbox-clerk"_s));
    QVERIFY(clerk->waitForFinished(10000));
    Reply<IdentityImages> images(client->getUserDigitalIdentityImages(u"+201000000000"_s));
    QVERIFY(!images->waitForFinished(10000));
    QCOMPARE(images->error().kind(), Kind::Forbidden); // no `Requests` permission
    QCOMPARE(images->error().httpStatus(), 403);
    QCOMPARE(images->attempts(), 1);

    Reply<TokenResult> admin(client->loginAdmin(u"admin"_s, u"sandbox-admin"_s));
    QVERIFY(admin->waitForFinished(10000));
    Reply<IdentityImages> nobody(client->getUserDigitalIdentityImages(u"+201099999999"_s));
    QVERIFY(!nobody->waitForFinished(10000));
    QCOMPARE(nobody->error().kind(), Kind::NotFound);
    Reply<StepImage> missing(
        client->getStepImage({QUuid::createUuid().toString(QUuid::WithoutBraces), u"x.jpg"_s}));
    QVERIFY(!missing->waitForFinished(10000));
    QCOMPARE(missing->error().kind(), Kind::NotFound);

    // A user token on an admin endpoint is refused by the server, not by the client.
    auto user = makeClient();
    QVERIFY(!registerNew(*user).isEmpty());
    user->setAdminTokens(user->userTokens());
    Reply<IdentityImages> asUser(user->getUserDigitalIdentityImages(u"+201000000000"_s));
    QVERIFY(!asUser->waitForFinished(10000));
    QCOMPARE(asUser->error().httpStatus(), 403);
    QCOMPARE(asUser->error().serviceCode(), 5004);

    VlensConfig bad = client->config();
    bad.apiKey = u"wrong-key"_s;
    VlensClient badKey(m_nam.get(), bad);
    Reply<SessionResult> reg(badKey.registerUser({u"+201011111111"_s}));
    QVERIFY(!reg->waitForFinished(10000));
    QCOMPARE(reg->error().kind(), Kind::Service);
    QCOMPARE(reg->error().serviceCode(), 4001);
    QCOMPARE(reg->error().remedy(), ApiError::Remedy::CheckConfiguration);
}

void tst_VlensClientSandbox::boldSignReportAndImages()
{
    BoldSignConfig c;
    c.baseUrl = m_sandbox->baseUrl();
    c.apiKey = u"sandbox-boldsign-key"_s;
    BoldSignClient client(m_nam.get(), c);
    const Persona &ahmed = persona(u"ahmed"_s);

    const QString doc1 = u"b01d5160-0000-4000-8000-000000000001"_s;
    const BoldSignSigner byEmail{ahmed.email};
    Reply<BoldSignReport> report(client.report(doc1, byEmail));
    QVERIFY2(report->waitForFinished(10000), qPrintable(report->error().fullMessage()));
    const BoldSignReport &r = report->result();
    QCOMPARE(r.verificationResult, u"Passed"_s);
    QVERIFY(r.verifiedAt.isValid());
    QCOMPARE(r.document.documentNumber, ahmed.idNumber);
    QCOMPARE(r.document.firstName, ahmed.firstNameEnglish);
    QCOMPARE(r.document.dob.toDate(), ahmed.birthDate);
    QCOMPARE(r.document.expirationDate.toDate(), ahmed.expiryDate);
    QCOMPARE(r.document.address.value(u"city"_s).toString(), ahmed.city);
    QCOMPARE(r.document.documentFiles.size(), 2);
    QVERIFY(!r.document.selfieFile.isEmpty());

    Reply<BoldSignImage> front(client.image(doc1, byEmail, r.document.documentFiles.first()));
    QVERIFY2(front->waitForFinished(10000), qPrintable(front->error().fullMessage()));
    QCOMPARE(front->result().format, ImageFormat::Jpeg);
    QVERIFY(front->result().bytes.size() > 10000);
    Reply<BoldSignImage> selfie(client.image(doc1, byEmail, r.document.selfieFile));
    QVERIFY(selfie->waitForFinished(10000));
    QCOMPARE(selfie->result().format, ImageFormat::Jpeg);

    // SMS delivery signer.
    BoldSignSigner bySms;
    bySms.countryCode = u"+20"_s;
    bySms.phoneNumber = u"1112345678"_s;
    Reply<BoldSignReport> sms(client.report(u"b01d5160-0000-4000-8000-000000000002"_s, bySms));
    QVERIFY2(sms->waitForFinished(10000), qPrintable(sms->error().fullMessage()));
    QCOMPARE(sms->result().document.documentNumber, persona(u"mona"_s).idNumber);

    // A finished but failed verification is a report, not an error.
    BoldSignSigner second{persona(u"fatma"_s).email};
    second.order = 2;
    Reply<BoldSignReport> failed(client.report(u"b01d5160-0000-4000-8000-000000000003"_s, second));
    QVERIFY(failed->waitForFinished(10000));
    QCOMPARE(failed->result().verificationResult, u"Failed"_s);
    QCOMPARE(failed->result().errorCode, u"DocumentExpired"_s);
}

void tst_VlensClientSandbox::boldSignErrors()
{
    BoldSignConfig c;
    c.baseUrl = m_sandbox->baseUrl();
    c.apiKey = u"sandbox-boldsign-key"_s;
    BoldSignClient client(m_nam.get(), c);

    Reply<BoldSignReport> pending(
        client.report(u"b01d5160-0000-4000-8000-000000000004"_s, {persona(u"khaled"_s).email}));
    QVERIFY(!pending->waitForFinished(10000));
    QCOMPARE(pending->error().kind(), Kind::SignerNotVerified);
    QCOMPARE(pending->error().httpStatus(), 403);
    QVERIFY(!pending->error().serverMessage().isEmpty());

    Reply<BoldSignReport> unknown(client.report(u"no-such-document"_s, {u"a@b.c"_s}));
    QVERIFY(!unknown->waitForFinished(10000));
    QCOMPARE(unknown->error().kind(), Kind::BadRequest);
    QCOMPARE(unknown->error().serverMessage(), u"Invalid Document ID"_s);

    Reply<BoldSignImage> badFile(client.image(u"b01d5160-0000-4000-8000-000000000001"_s,
                                              {persona(u"ahmed"_s).email}, u"nope"_s));
    QVERIFY(!badFile->waitForFinished(10000));
    QCOMPARE(badFile->error().kind(), Kind::BadRequest);

    c.apiKey = u"wrong"_s;
    BoldSignClient wrongKey(m_nam.get(), c);
    Reply<BoldSignReport> unauthorized(
        wrongKey.report(u"b01d5160-0000-4000-8000-000000000001"_s, {persona(u"ahmed"_s).email}));
    QVERIFY(!unauthorized->waitForFinished(10000));
    QCOMPARE(unauthorized->error().kind(), Kind::Unauthorized);
}

void tst_VlensClientSandbox::documentOutcomes_data()
{
    QTest::addColumn<QString>("frontPersona");
    QTest::addColumn<QString>("backPersona");
    QTest::addColumn<bool>("backAsFront");
    QTest::addColumn<int>("code");
    QTest::addColumn<ApiError::Remedy>("remedy");
    QTest::newRow("expired card (3010)")
        << u"fatma"_s << u"fatma"_s << false << 3010 << ApiError::Remedy::UseAnotherDocument;
    QTest::newRow("spoofed card (5005)")
        << u"youssef"_s << QString() << false << 5005 << ApiError::Remedy::UseAnotherDocument;
    QTest::newRow("front and back differ (3101)")
        << u"ahmed"_s << u"mona"_s << false << 3101 << ApiError::Remedy::RecaptureDocument;
    QTest::newRow("back sent as front (5007)")
        << u"ahmed"_s << QString() << true << 5007 << ApiError::Remedy::RecaptureDocument;
    QTest::newRow("no card in the image (3011)")
        << QString() << QString() << false << 3011 << ApiError::Remedy::RecaptureDocument;
}

void tst_VlensClientSandbox::documentOutcomes()
{
    QFETCH(QString, frontPersona);
    QFETCH(QString, backPersona);
    QFETCH(bool, backAsFront);
    QFETCH(int, code);
    QFETCH(ApiError::Remedy, remedy);
    auto client = makeClient();
    QVERIFY(!registerNew(*client).isEmpty());

    QByteArray frontImage = frontPersona.isEmpty()
                                ? encode(QImage(640, 400, QImage::Format_RGB32), "PNG")
                                : card(frontPersona, backAsFront ? IdCardRenderer::Side::Back
                                                                 : IdCardRenderer::Side::Front);
    Reply<VerifyResult> front(client->verifyIdFront({frontImage}));
    const bool frontOk = front->waitForFinished(15000);
    std::unique_ptr<ApiCall> failing;
    if (backPersona.isEmpty()) {
        QVERIFY(!frontOk);
        QCOMPARE(front->error().kind(), Kind::Service);
        QCOMPARE(front->error().serviceCode(), code);
        QCOMPARE(front->error().remedy(), remedy);
        QVERIFY(!front->error().detail().isEmpty() || code == 5007);
        return;
    }
    QVERIFY2(frontOk, qPrintable(front->error().fullMessage()));
    Reply<VerifyResult> back(client->verifyIdBack(
        {card(backPersona, IdCardRenderer::Side::Back), front->result().transactionId}));
    QVERIFY(!back->waitForFinished(15000));
    QCOMPARE(back->error().kind(), Kind::Service);
    QCOMPARE(back->error().serviceCode(), code);
    QCOMPARE(back->error().remedy(), remedy);
    QVERIFY(!back->error().detail().isEmpty()); // validation_errors[0].errors[0].message
}

void tst_VlensClientSandbox::faultsOnPost_data()
{
    QTest::addColumn<Fault>("injected");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<int>("code");
    QTest::addColumn<int>("status");
    const QString front = u"/verify/id/front"_s;
    QTest::newRow("latency over the timeout")
        << fault(Fault::Kind::Latency, 1500, front) << Kind::Timeout << 0 << 0;
    QTest::newRow("http 503") << fault(Fault::Kind::HttpStatus, 503, front) << Kind::ServerError
                              << 5000 << 503;
    QTest::newRow("http 429") << fault(Fault::Kind::HttpStatus, 429, front) << Kind::RateLimited
                              << 5000 << 429;
    QTest::newRow("http 500") << fault(Fault::Kind::HttpStatus, 500, front) << Kind::ServerError
                              << 5000 << 500;
    QTest::newRow("error_code 3011")
        << fault(Fault::Kind::ErrorCode, 3011, front) << Kind::Service << 3011 << 200;
    QTest::newRow("error_code 4002")
        << fault(Fault::Kind::ErrorCode, 4002, front) << Kind::Service << 4002 << 200;
    QTest::newRow("spoof") << fault(Fault::Kind::Spoof, 0, front) << Kind::Service << 5005 << 200;
    QTest::newRow("malformed json")
        << fault(Fault::Kind::MalformedJson, 0, front) << Kind::BadResponse << 0 << 200;
    QTest::newRow("truncate") << fault(Fault::Kind::Truncate, 0, front) << Kind::BadResponse << 0
                              << 200;
    QTest::newRow("close") << fault(Fault::Kind::CloseConnection, 0, front) << Kind::Network << 0
                           << 0;
}

void tst_VlensClientSandbox::faultsOnPost()
{
    QFETCH(Fault, injected);
    QFETCH(Kind, kind);
    QFETCH(int, code);
    QFETCH(int, status);
    auto normal = makeClient();
    QVERIFY(!registerNew(*normal).isEmpty());
    VlensConfig c = normal->config();
    c.uploadTimeoutMs = injected.kind == Fault::Kind::Latency ? 700 : 10000;
    VlensClient client(m_nam.get(), c);
    client.setUserTokens(normal->userTokens());
    m_sandbox->injectFault(injected);
    const int before = m_sandbox->requestCount(u"/verify/id/front"_s);
    // Without a card the sandbox answers 3011 quickly: enough for every fault but spoof.
    const QByteArray image = injected.kind == Fault::Kind::Spoof
                                 ? card(u"ahmed"_s, IdCardRenderer::Side::Front)
                                 : blankImage();
    Reply<VerifyResult> front(client.verifyIdFront({image}));
    QVERIFY(!front->waitForFinished(15000));
    QCOMPARE(front->error().kind(), kind);
    QCOMPARE(front->error().serviceCode(), code);
    QCOMPARE(front->error().httpStatus(), status);
    QCOMPARE(front->attempts(), 1); // a POST is never replayed
    QCOMPARE(m_sandbox->requestCount(u"/verify/id/front"_s) - before, 1);
    QVERIFY(!front->error().message().isEmpty());

    // The fault was consumed: the same call now reaches the service (no card: 3011).
    Reply<VerifyResult> again(normal->verifyIdFront({blankImage()}));
    QVERIFY(!again->waitForFinished(15000));
    QCOMPARE(again->error().kind(), Kind::Service);
    QCOMPARE(again->error().serviceCode(), 3011);
}

void tst_VlensClientSandbox::faultsOnGetAreRetried_data()
{
    QTest::addColumn<Fault>("injected");
    QTest::addColumn<int>("attempts");
    QTest::addColumn<int>("served");
    const QString path = u"GetUserDigitalIdentityImages"_s;
    QTest::newRow("503 once") << fault(Fault::Kind::HttpStatus, 503, path, 1) << 2 << 2;
    QTest::newRow("429 twice") << fault(Fault::Kind::HttpStatus, 429, path, 2) << 3 << 3;
    // For a body-less GET Qt's HTTP stack re-opens the connection itself: one attempt of
    // ours, two requests on the wire (POSTs cannot be re-sent that way, see ApiCall).
    QTest::newRow("connection closed") << fault(Fault::Kind::CloseConnection, 0, path, 1) << 1 << 2;
    QTest::newRow("latency within the timeout")
        << fault(Fault::Kind::Latency, 100, path, 1) << 1 << 1;
}

void tst_VlensClientSandbox::faultsOnGetAreRetried()
{
    QFETCH(Fault, injected);
    QFETCH(int, attempts);
    QFETCH(int, served);
    auto client = makeClient();
    const QString phone = registerNew(*client);
    Reply<TokenResult> login(client->loginAdmin(u"admin"_s, u"sandbox-admin"_s));
    QVERIFY(login->waitForFinished(10000));
    m_sandbox->injectFault(injected);
    const QString path = u"GetUserDigitalIdentityImages"_s;
    const int before = m_sandbox->requestCount(path);
    Reply<IdentityImages> images(client->getUserDigitalIdentityImages(phone));
    QVERIFY2(images->waitForFinished(10000), qPrintable(images->error().fullMessage()));
    QCOMPARE(images->attempts(), attempts);
    QCOMPARE(m_sandbox->requestCount(path) - before, served);
    QCOMPARE(images->requestIds().size(), images->attempts());
    QCOMPARE(images->result().idFrontImage, QString()); // a new user: no images yet
}

void tst_VlensClientSandbox::expiredTokenIsRefreshedOnce()
{
    auto client = makeClient();
    QVERIFY(!registerNew(*client).isEmpty());
    const QString oldToken = client->userTokens().accessToken;
    QVERIFY(!client->userTokens().refreshToken.isEmpty()); // the sandbox's Register has one
    const int refreshes = m_sandbox->requestCount(u"/api/credentials/RefreshToken"_s);
    m_sandbox->injectFault(fault(Fault::Kind::ExpiredToken, 0, u"/verify/id/front"_s, 1));
    Reply<VerifyResult> front(client->verifyIdFront({blankImage()}));
    QVERIFY(!front->waitForFinished(15000));
    // Refreshed and re-sent: the second answer is the service's own verdict on the image.
    QCOMPARE(front->error().kind(), Kind::Service);
    QCOMPARE(front->error().serviceCode(), 3011);
    QCOMPARE(front->attempts(), 2);
    QCOMPARE(m_sandbox->requestCount(u"/api/credentials/RefreshToken"_s) - refreshes, 1);
    QVERIFY(client->userTokens().accessToken != oldToken);

    // Admin token too, on a GET.
    Reply<TokenResult> login(client->loginAdmin(u"admin"_s, u"sandbox-admin"_s));
    QVERIFY(login->waitForFinished(10000));
    m_sandbox->injectFault(fault(Fault::Kind::ExpiredToken, 0, u"GetStepImage"_s, 1));
    Reply<StepImage> step(
        client->getStepImage({QUuid::createUuid().toString(QUuid::WithoutBraces), u"none.jpg"_s}));
    QVERIFY(!step->waitForFinished(10000));
    QCOMPARE(step->error().kind(), Kind::NotFound); // refreshed, re-sent, then a real answer
    QCOMPARE(step->attempts(), 2);
    QCOMPARE(m_sandbox->requestCount(u"/api/credentials/RefreshToken"_s) - refreshes, 2);
}

void tst_VlensClientSandbox::expiredTokenForever()
{
    auto client = makeClient();
    QVERIFY(!registerNew(*client).isEmpty());
    const int refreshes = m_sandbox->requestCount(u"/api/credentials/RefreshToken"_s);
    m_sandbox->injectFault(fault(Fault::Kind::ExpiredToken, 0, u"/verify/"_s, -1));
    Reply<VerifyResult> front(client->verifyIdFront({blankImage()}));
    QVERIFY(!front->waitForFinished(15000));
    QCOMPARE(front->error().kind(), Kind::Service);
    QCOMPARE(front->error().serviceCode(), 5004);
    QCOMPARE(front->error().httpStatus(), 401);
    QCOMPARE(front->error().remedy(), ApiError::Remedy::RestartSession);
    QCOMPARE(front->attempts(), 2); // one refresh, one re-send, no loop
    QCOMPARE(m_sandbox->requestCount(u"/api/credentials/RefreshToken"_s) - refreshes, 1);
}

void tst_VlensClientSandbox::livenessFaults_data()
{
    QTest::addColumn<Fault>("injected");
    QTest::addColumn<QString>("personaId");
    QTest::addColumn<bool>("live");
    QTest::addColumn<bool>("aml");
    QTest::newRow("liveness_fail")
        << fault(Fault::Kind::LivenessFail, 0, u"liveness"_s) << u"ahmed"_s << false << false;
    QTest::newRow("aml_match") << fault(Fault::Kind::AmlMatch, 0, u"liveness"_s) << u"ahmed"_s
                               << true << true;
    QTest::newRow("AML persona") << fault(Fault::Kind::Latency, 0, u"liveness"_s) << u"khaled"_s
                                 << true << true;
}

void tst_VlensClientSandbox::livenessFaults()
{
    QFETCH(Fault, injected);
    QFETCH(QString, personaId);
    QFETCH(bool, live);
    QFETCH(bool, aml);
    std::unique_ptr<VlensClient> own;
    VlensClient *client = nullptr;
    QString tx;
    if (personaId == u"ahmed"_s) {
        Ready &ready = readyAhmed();
        client = ready.client.get();
        tx = ready.transactionId;
    } else {
        own = makeClient();
        client = own.get();
        QVERIFY(!registerNew(*client).isEmpty());
        tx = captureCard(*client, personaId);
    }
    QVERIFY(!tx.isEmpty());
    m_sandbox->injectFault(injected);
    LivenessRequest request = faces(tx);
    request.idFrontImage = card(personaId, IdCardRenderer::Side::Front);
    Reply<VerifyResult> result(client->verifyLiveness(request));
    // The service answered: the outcome is in the result, for the flow to judge.
    QVERIFY2(result->waitForFinished(15000), qPrintable(result->error().fullMessage()));
    QCOMPARE(result->result().services.liveness, std::optional<bool>(live));
    QCOMPARE(result->result().services.amlMatched, std::optional<bool>(aml));
    QVERIFY(!result->result().isDigitalIdentityVerified);
    if (aml)
        QVERIFY(result->result().services.amlData.toArray().size() > 0);
    if (!live)
        QVERIFY(!result->result().services.firstValidationMessage().isEmpty());
}

QTEST_MAIN(tst_VlensClientSandbox)
#include "tst_vlensclient_sandbox.moc"
