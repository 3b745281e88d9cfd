#include "api/boldsignclient.h"
#include "httptestserver.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace kiosk::api;
using kiosk::test::HttpRequest;
using kiosk::test::HttpResponse;
using kiosk::test::HttpTestServer;
using Kind = ApiError::Kind;

namespace {

const QByteArray kReport = R"({
  "verificationResult": "Passed",
  "verifiedDate": "2024-06-01T10:20:30Z",
  "error": null,
  "document": {
    "type": "NationalId",
    "firstName": "Ahmed",
    "lastName": "Mohamed",
    "country": "EG",
    "documentNumber": "29901011234567",
    "address": {"line1": "15 Abbas El Akkad", "city": "Cairo", "country": "EG"},
    "dob": {"day": 1, "month": 1, "year": 1999},
    "issuedDate": {"day": 1, "month": 5, "year": 2021},
    "expirationDate": {"day": 1, "month": 5, "year": 2028},
    "documentFiles": ["2e96f9ad-0000-0000-0000-3063e73f04f8", "2e96f9ad-0000-0000-0000-3063e73f04f9"],
    "selfieFile": "5a0c1d2e-0000-0000-0000-000000000001",
    "unknownField": [1, 2]
  }
})";

} // namespace

// The invalid inputs invalidInputNotSent tries, each handled by its switch (no default:
// the compiler reports a row the switch forgets).
enum class BadInput
{
    EmailAndPhone,
    NeitherEmailNorPhone,
    PhoneWithoutCountryCode,
    ImageWithoutFileId,
    NoDocumentId,
    PlainHttpToARemoteHost,
};

Q_DECLARE_METATYPE(BadInput)

// BoldSignClient against a real HTTP server on 127.0.0.1: request shapes, typed report,
// image format detection and the {"error": ...} answers.
class tst_BoldSignClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void reportRequestShape();
    void baseUrlPathIsKept();
    void reportBySmsAndOnBehalfOf();
    void reportParsesEveryField();
    void failedVerificationReport();
    void imageFormats_data();
    void imageFormats();
    void imageRequestShape();
    void oversizedImageAbortedWhileStreaming_data();
    void oversizedImageAbortedWhileStreaming();
    void errors_data();
    void errors();
    void transportFailures();
    void invalidInputNotSent_data();
    void invalidInputNotSent();

private:
    std::unique_ptr<BoldSignClient> makeClient(const QUrl &url = {});

    std::unique_ptr<HttpTestServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_nam;
};

void tst_BoldSignClient::init()
{
    m_server = std::make_unique<HttpTestServer>();
    QVERIFY(m_server->listen());
    m_server->setHandler([](const HttpRequest &r, HttpResponse *out) {
        if (r.path == "/v1/identityVerification/report")
            *out = HttpResponse::raw(200, kReport);
        else
            *out = HttpResponse::raw(200, "\xFF\xD8\xFF\xE0 jpeg bytes", "image/jpeg");
    });
    m_nam = std::make_unique<QNetworkAccessManager>();
}

void tst_BoldSignClient::cleanup()
{
    m_nam.reset();
    m_server.reset();
}

std::unique_ptr<BoldSignClient> tst_BoldSignClient::makeClient(const QUrl &url)
{
    BoldSignConfig c;
    c.baseUrl = url.isEmpty() ? m_server->url() : url;
    c.apiKey = u"bs-key"_s;
    c.requestTimeoutMs = 2000;
    return std::make_unique<BoldSignClient>(m_nam.get(), c);
}

void tst_BoldSignClient::reportRequestShape()
{
    auto client = makeClient();
    std::unique_ptr<ApiReply<BoldSignReport>> report(
        client->report(u"55a6f0cf-0000-0000-0000-796d02cb0977"_s, {u"alex@example.com"_s}));
    QVERIFY2(report->waitForFinished(5000), qPrintable(report->error().fullMessage()));
    const HttpRequest r = m_server->lastRequest();
    QCOMPARE(r.method, QByteArray("POST"));
    QCOMPARE(r.path, QByteArray("/v1/identityVerification/report"));
    QCOMPARE(r.queryItem(u"documentId"_s), u"55a6f0cf-0000-0000-0000-796d02cb0977"_s);
    QCOMPARE(r.header("X-API-KEY"), QByteArray("bs-key"));
    QCOMPARE(r.header("Content-Type"), QByteArray("application/json"));
    QVERIFY(!r.hasHeader("Authorization"));
    QVERIFY(!r.hasHeader("ApiKey"));
    QCOMPARE(QString::fromLatin1(r.header("X-Request-Id")), report->requestId());
    QStringList keys = r.json().keys();
    keys.sort();
    QCOMPARE(keys, (QStringList{u"emailId"_s, u"order"_s}));
    QCOMPARE(r.json().value(u"emailId"_s).toString(), u"alex@example.com"_s);
    QCOMPARE(r.json().value(u"order"_s).toInt(), 1);
}

// A base URL with a path of its own (a gateway) keeps it: one slash between it and the
// endpoint's path, however many the setting ends with; the document id is the query.
void tst_BoldSignClient::baseUrlPathIsKept()
{
    for (const QString &base : {u"/gateway"_s, u"/gateway/"_s, u"/gateway//"_s}) {
        QUrl url = m_server->url();
        url.setPath(base);
        auto client = makeClient(url);
        std::unique_ptr<ApiReply<BoldSignReport>> report(client->report(u"d1"_s, {u"a@b.c"_s}));
        report->waitForFinished(5000);
        QVERIFY(report->isFinished());
        const HttpRequest r = m_server->lastRequest();
        QCOMPARE(r.method, QByteArray("POST"));
        QCOMPARE(r.path, QByteArray("/gateway/v1/identityVerification/report"));
        QCOMPARE(r.queryItem(u"documentId"_s), u"d1"_s);
    }
}

void tst_BoldSignClient::reportBySmsAndOnBehalfOf()
{
    auto client = makeClient();
    BoldSignSigner signer;
    signer.countryCode = u"+20"_s;
    signer.phoneNumber = u"1234567890"_s;
    signer.order = 2;
    signer.onBehalfOf = u"sender@bank.eg"_s;
    std::unique_ptr<ApiReply<BoldSignReport>> report(client->report(u"doc 1&x"_s, signer));
    QVERIFY(report->waitForFinished(5000));
    const HttpRequest r = m_server->lastRequest();
    QCOMPARE(r.queryItem(u"documentId"_s), u"doc 1&x"_s);
    QStringList keys = r.json().keys();
    keys.sort();
    QCOMPARE(keys, (QStringList{u"countryCode"_s, u"onBehalfOf"_s, u"order"_s, u"phoneNumber"_s}));
    QCOMPARE(r.json().value(u"countryCode"_s).toString(), u"+20"_s);
    QCOMPARE(r.json().value(u"order"_s).toInt(), 2);
}

void tst_BoldSignClient::reportParsesEveryField()
{
    auto client = makeClient();
    std::unique_ptr<ApiReply<BoldSignReport>> report(client->report(u"d"_s, {u"a@b.c"_s}));
    QVERIFY(report->waitForFinished(5000));
    const BoldSignReport &rep = report->result();
    QCOMPARE(rep.verificationResult, u"Passed"_s);
    QCOMPARE(rep.verifiedDate, u"2024-06-01T10:20:30Z"_s);
    QCOMPARE(rep.verifiedAt, QDateTime(QDate(2024, 6, 1), QTime(10, 20, 30), Qt::UTC));
    QVERIFY(rep.errorCode.isEmpty());
    const BoldSignDocument &d = rep.document;
    QCOMPARE(d.type, u"NationalId"_s);
    QCOMPARE(d.firstName, u"Ahmed"_s);
    QCOMPARE(d.lastName, u"Mohamed"_s);
    QCOMPARE(d.country, u"EG"_s);
    QCOMPARE(d.documentNumber, u"29901011234567"_s);
    QCOMPARE(d.address.value(u"city"_s).toString(), u"Cairo"_s);
    QCOMPARE(d.dob.toDate(), QDate(1999, 1, 1));
    QCOMPARE(d.issuedDate.toDate(), QDate(2021, 5, 1));
    QCOMPARE(d.expirationDate.toDate(), QDate(2028, 5, 1));
    QCOMPARE(d.documentFiles.size(), 2);
    QCOMPARE(d.documentFiles.first(), u"2e96f9ad-0000-0000-0000-3063e73f04f8"_s);
    QCOMPARE(d.selfieFile, u"5a0c1d2e-0000-0000-0000-000000000001"_s);
}

void tst_BoldSignClient::failedVerificationReport()
{
    m_server->setHandler([](const HttpRequest &, HttpResponse *out) {
        *out = HttpResponse::raw(
            200, R"({"verificationResult":"Failed","verifiedDate":"2024-06-02T08:00:00Z",
                     "error":{"code":"DocumentExpired","message":"The document has expired."},
                     "document":{"type":"Passport","documentFiles":[{"fileId":"f-1"}],
                                 "dob":{"day":null,"month":2,"year":1990}}})");
    });
    auto client = makeClient();
    std::unique_ptr<ApiReply<BoldSignReport>> report(client->report(u"d"_s, {u"a@b.c"_s}));
    QVERIFY(report->waitForFinished(5000));
    QCOMPARE(report->result().verificationResult, u"Failed"_s);
    QCOMPARE(report->result().errorCode, u"DocumentExpired"_s);
    QCOMPARE(report->result().errorMessage, u"The document has expired."_s);
    QCOMPARE(report->result().document.documentFiles, QStringList{u"f-1"_s});
    QVERIFY(!report->result().document.dob.toDate().isValid()); // day missing
}

void tst_BoldSignClient::imageFormats_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<ImageFormat>("format");
    QTest::addColumn<QString>("mime");
    QTest::newRow("jpeg") << QByteArray("\xFF\xD8\xFF\xDB....") << ImageFormat::Jpeg
                          << u"image/jpeg"_s;
    QTest::newRow("png") << QByteArray("\x89PNG\r\n\x1A\n....") << ImageFormat::Png
                         << u"image/png"_s;
    QTest::newRow("webp") << QByteArray("RIFF\x24\x00\x00\x00WEBPVP8 ", 16) << ImageFormat::WebP
                          << u"image/webp"_s;
    QTest::newRow("gif87") << QByteArray("GIF87a....") << ImageFormat::Gif << u"image/gif"_s;
    QTest::newRow("gif89") << QByteArray("GIF89a....") << ImageFormat::Gif << u"image/gif"_s;
    QTest::newRow("bmp") << QByteArray("BM\x36\x00\x0c\x00\x00\x00\x00\x00\x36\x00\x00\x00", 14)
                         << ImageFormat::Bmp << u"image/bmp"_s;
    QTest::newRow("tiff le") << QByteArray("II*\x00\x08\x00\x00\x00", 8) << ImageFormat::Tiff
                             << u"image/tiff"_s;
    QTest::newRow("tiff be") << QByteArray("MM\x00*\x00\x00\x00\x08", 8) << ImageFormat::Tiff
                             << u"image/tiff"_s;
    QTest::newRow("pdf") << QByteArray("%PDF-1.7\n") << ImageFormat::Pdf << u"application/pdf"_s;
    QTest::newRow("heic") << QByteArray("\x00\x00\x00\x18"
                                        "ftypheic\x00\x00\x00\x00",
                                        16)
                          << ImageFormat::Heic << u"image/heic"_s;
    QTest::newRow("heif mif1") << QByteArray("\x00\x00\x00\x1c"
                                             "ftypmif1\x00\x00\x00\x00",
                                             16)
                               << ImageFormat::Heic << u"image/heic"_s;
    QTest::newRow("avif") << QByteArray("\x00\x00\x00\x20"
                                        "ftypavif\x00\x00\x00\x00",
                                        16)
                          << ImageFormat::Avif << u"image/avif"_s;
    QTest::newRow("mp4 is not an image") << QByteArray("\x00\x00\x00\x20"
                                                       "ftypisom\x00\x00",
                                                       14)
                                         << ImageFormat::Unknown << QString();
    QTest::newRow("json error in a 200")
        << QByteArray(R"({"error":"x"})") << ImageFormat::Unknown << QString();
    QTest::newRow("empty") << QByteArray() << ImageFormat::Unknown << QString();
}

void tst_BoldSignClient::imageFormats()
{
    QFETCH(QByteArray, bytes);
    QFETCH(ImageFormat, format);
    QFETCH(QString, mime);
    QCOMPARE(detectImageFormat(bytes), format);

    m_server->setHandler([&](const HttpRequest &, HttpResponse *out) {
        *out = HttpResponse::raw(200, bytes, "application/octet-stream");
    });
    auto client = makeClient();
    std::unique_ptr<ApiReply<BoldSignImage>> image(
        client->image(u"d"_s, {u"a@b.c"_s}, u"file-1"_s));
    const bool known = format != ImageFormat::Unknown;
    QCOMPARE(image->waitForFinished(5000), known);
    if (known) {
        QCOMPARE(image->result().format, format);
        QCOMPARE(image->result().bytes, bytes);
        QCOMPARE(mimeType(image->result().format), mime);
        QCOMPARE(image->result().contentType, QByteArray("application/octet-stream"));
    } else {
        QCOMPARE(image->error().kind(), Kind::BadResponse);
    }
}

void tst_BoldSignClient::oversizedImageAbortedWhileStreaming_data()
{
    QTest::addColumn<bool>("announceLength");
    QTest::newRow("length announced") << true;
    QTest::newRow("streamed to the close") << false;
}

void tst_BoldSignClient::oversizedImageAbortedWhileStreaming()
{
    // A JPEG header and then 1 GiB: a cap on the format alone would keep all of it.
    QFETCH(bool, announceLength);
    m_server->setHandler([&](const HttpRequest &, HttpResponse *out) {
        *out = HttpResponse::raw(200, QByteArray("\xFF\xD8\xFF\xE0", 4), "image/jpeg");
        out->action = HttpResponse::Action::Stream;
        out->streamBytes = qint64(1) << 30;
        out->announceLength = announceLength;
    });
    auto client = makeClient();
    std::unique_ptr<ApiReply<BoldSignImage>> image(
        client->image(u"d"_s, {u"a@b.c"_s}, u"file-1"_s));
    QVERIFY(!image->waitForFinished(20000));
    QCOMPARE(image->error().kind(), Kind::ResponseTooLarge);
    QVERIFY2(image->error().fullMessage().contains(u"at most 15.0 MB"_s),
             qPrintable(image->error().fullMessage()));
    QVERIFY(image->result().bytes.isEmpty());

    // The report is JSON: its cap is the smaller one.
    m_server->setHandler([&](const HttpRequest &, HttpResponse *out) {
        *out = HttpResponse::raw(200, R"({"verificationResult":")");
        out->action = HttpResponse::Action::Stream;
        out->streamBytes = qint64(1) << 30;
        out->announceLength = announceLength;
    });
    std::unique_ptr<ApiReply<BoldSignReport>> report(client->report(u"d"_s, {u"a@b.c"_s}));
    QVERIFY(!report->waitForFinished(20000));
    QCOMPARE(report->error().kind(), Kind::ResponseTooLarge);
    QVERIFY2(report->error().fullMessage().contains(u"at most 4.0 MB"_s),
             qPrintable(report->error().fullMessage()));
}

void tst_BoldSignClient::imageRequestShape()
{
    auto client = makeClient();
    std::unique_ptr<ApiReply<BoldSignImage>> image(
        client->image(u"doc-9"_s, {u"alex@example.com"_s}, u"2e96f9ad-xxxx"_s));
    QVERIFY(image->waitForFinished(5000));
    const HttpRequest r = m_server->lastRequest();
    QCOMPARE(r.path, QByteArray("/v1/identityVerification/image"));
    QCOMPARE(r.queryItem(u"documentId"_s), u"doc-9"_s);
    QCOMPARE(r.header("X-API-KEY"), QByteArray("bs-key"));
    QStringList keys = r.json().keys();
    keys.sort();
    QCOMPARE(keys, (QStringList{u"emailId"_s, u"fileId"_s, u"order"_s}));
    QCOMPARE(r.json().value(u"fileId"_s).toString(), u"2e96f9ad-xxxx"_s);
    QCOMPARE(image->result().format, ImageFormat::Jpeg);
}

void tst_BoldSignClient::errors_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("serverMessage");
    QTest::newRow("400") << 400 << QByteArray(R"({"error":"Invalid document id."})")
                         << Kind::BadRequest << u"Invalid document id."_s;
    QTest::newRow("401") << 401 << QByteArray(R"({"error":"Invalid API key."})")
                         << Kind::Unauthorized << u"Invalid API key."_s;
    QTest::newRow("403 not verified")
        << 403 << QByteArray(R"({"error":"The signer has not completed verification."})")
        << Kind::SignerNotVerified << u"The signer has not completed verification."_s;
    QTest::newRow("403 empty") << 403 << QByteArray() << Kind::SignerNotVerified << QString();
    QTest::newRow("404") << 404 << QByteArray() << Kind::NotFound << QString();
    QTest::newRow("500 html") << 500 << QByteArray("<html>oops</html>") << Kind::ServerError
                              << QString();
    QTest::newRow("503 not retried") << 503 << QByteArray() << Kind::ServerError << QString();
    QTest::newRow("200 malformed")
        << 200 << QByteArray(R"({"verificationResult":)") << Kind::BadResponse << QString();
    QTest::newRow("200 unrelated object")
        << 200 << QByteArray(R"({"foo":1})") << Kind::BadResponse << QString();
}

void tst_BoldSignClient::errors()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(Kind, kind);
    QFETCH(QString, serverMessage);
    m_server->setHandler(
        [&](const HttpRequest &, HttpResponse *out) { *out = HttpResponse::raw(status, body); });
    auto client = makeClient();
    std::unique_ptr<ApiReply<BoldSignReport>> report(client->report(u"d"_s, {u"a@b.c"_s}));
    QVERIFY(!report->waitForFinished(5000));
    QCOMPARE(report->error().kind(), kind);
    QCOMPARE(report->error().httpStatus(), status);
    QCOMPARE(report->error().serverMessage(), serverMessage);
    QVERIFY(!report->error().message().isEmpty());
    QCOMPARE(m_server->requestCount(), 1);
}

void tst_BoldSignClient::transportFailures()
{
    m_server->setHandler([](const HttpRequest &, HttpResponse *out) {
        *out = HttpResponse::raw(200, kReport);
        out->action = HttpResponse::Action::Truncate;
    });
    auto client = makeClient();
    std::unique_ptr<ApiReply<BoldSignReport>> cut(client->report(u"d"_s, {u"a@b.c"_s}));
    QVERIFY(!cut->waitForFinished(5000));
    QCOMPARE(cut->error().kind(), Kind::BadResponse);

    m_server->setHandler(
        [](const HttpRequest &, HttpResponse *out) { out->action = HttpResponse::Action::Hang; });
    BoldSignConfig c;
    c.baseUrl = m_server->url();
    c.apiKey = u"k"_s;
    c.requestTimeoutMs = 300;
    BoldSignClient slow(m_nam.get(), c);
    std::unique_ptr<ApiReply<BoldSignImage>> timeout(slow.image(u"d"_s, {u"a@b.c"_s}, u"f"_s));
    QVERIFY(!timeout->waitForFinished(5000));
    QCOMPARE(timeout->error().kind(), Kind::Timeout);

    QUrl refusedUrl = m_server->url();
    refusedUrl.setPort(HttpTestServer::unusedPort());
    auto refused = makeClient(refusedUrl);
    std::unique_ptr<ApiReply<BoldSignReport>> r(refused->report(u"d"_s, {u"a@b.c"_s}));
    QVERIFY(!r->waitForFinished(5000));
    QCOMPARE(r->error().kind(), Kind::ConnectionRefused);
    QCOMPARE(r->attempts(), 1);
}

void tst_BoldSignClient::invalidInputNotSent_data()
{
    QTest::addColumn<BadInput>("which");
    QTest::addColumn<Kind>("kind");
    QTest::newRow("email and phone") << BadInput::EmailAndPhone << Kind::InvalidRequest;
    QTest::newRow("neither email nor phone")
        << BadInput::NeitherEmailNorPhone << Kind::InvalidRequest;
    QTest::newRow("phone without country code")
        << BadInput::PhoneWithoutCountryCode << Kind::InvalidRequest;
    QTest::newRow("image without file id") << BadInput::ImageWithoutFileId << Kind::InvalidRequest;
    QTest::newRow("no document id") << BadInput::NoDocumentId << Kind::InvalidRequest;
    QTest::newRow("plain http to a remote host")
        << BadInput::PlainHttpToARemoteHost << Kind::InsecureUrl;
}

void tst_BoldSignClient::invalidInputNotSent()
{
    QFETCH(BadInput, which);
    QFETCH(Kind, kind);
    auto client = makeClient(
        which == BadInput::PlainHttpToARemoteHost ? QUrl(u"http://api.boldsign.com"_s) : QUrl());
    std::unique_ptr<ApiCall> call;
    BoldSignSigner both{u"a@b.c"_s, u"+20"_s, u"123"_s};
    BoldSignSigner phoneOnly;
    phoneOnly.phoneNumber = u"123"_s;
    switch (which) {
    case BadInput::EmailAndPhone:
        call.reset(client->report(u"d"_s, both));
        break;
    case BadInput::NeitherEmailNorPhone:
        call.reset(client->report(u"d"_s, {}));
        break;
    case BadInput::PhoneWithoutCountryCode:
        call.reset(client->report(u"d"_s, phoneOnly));
        break;
    case BadInput::ImageWithoutFileId:
        call.reset(client->image(u"d"_s, {u"a@b.c"_s}, QString()));
        break;
    case BadInput::NoDocumentId:
        call.reset(client->report(QString(), {u"a@b.c"_s}));
        break;
    case BadInput::PlainHttpToARemoteHost:
        call.reset(client->report(u"d"_s, {u"a@b.c"_s}));
        break;
    }
    QVERIFY(call);
    QVERIFY(!call->waitForFinished(2000));
    QCOMPARE(call->error().kind(), kind);
    QCOMPARE(m_server->requestCount(), 0);
}

QTEST_GUILESS_MAIN(tst_BoldSignClient)
#include "tst_boldsignclient.moc"
