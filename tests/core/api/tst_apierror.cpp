#include "api/apierror.h"
#include "i18n.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using kiosk::api::ApiError;
using Kind = ApiError::Kind;

namespace {

// The code table of vlens-api.md, written out independently of the implementation.
QList<int> referenceCodes()
{
    QList<int> codes;
    for (int c = 3001; c <= 3011; ++c)
        codes << c;
    codes << 3013 << 3014 << 3101;
    for (int c = 4001; c <= 4007; ++c)
        codes << c;
    for (int c = 4206; c <= 4210; ++c)
        codes << c;
    for (int c = 5000; c <= 5008; ++c)
        codes << c;
    for (int c = 7000; c <= 7008; ++c)
        codes << c;
    return codes;
}

const QList<Kind> kAllKinds = {
    Kind::None,
    Kind::Service,
    Kind::BadRequest,
    Kind::Unauthorized,
    Kind::Forbidden,
    Kind::SignerNotVerified,
    Kind::NotFound,
    Kind::RateLimited,
    Kind::ServerError,
    Kind::HttpStatus,
    Kind::Timeout,
    Kind::ConnectionRefused,
    Kind::HostNotFound,
    Kind::Tls,
    Kind::Network,
    Kind::Cancelled,
    Kind::BadResponse,
    Kind::InsecureUrl,
    Kind::InvalidRequest,
    Kind::NotAuthenticated,
    Kind::ResponseTooLarge,
    Kind::RedirectRefused,
};

bool hasArabic(const QString &text)
{
    static const QRegularExpression arabic(u"[\\x{0600}-\\x{06FF}]"_s);
    return text.contains(arabic);
}

} // namespace

// Typed errors: every documented code and every transport/HTTP kind has an actionable
// English message, an Arabic translation and a remedy.
class tst_ApiError : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void documentedCodesMatchReference();
    void everyCodeHasMessageAndRemedy_data();
    void everyCodeHasMessageAndRemedy();
    void unknownCodeKeepsNumber();
    void httpStatusMapping_data();
    void httpStatusMapping();
    void fullMessageAddsServerDetail();
    void logSummaryHasNoPersonalText();
    void arabicCatalogueCoversEveryCode();
    void arabicCatalogueCoversEveryKind();
};

void tst_ApiError::documentedCodesMatchReference()
{
    QCOMPARE(ApiError::documentedCodes(), referenceCodes());
    QVERIFY(!ApiError::isDocumentedCode(3012));
    QVERIFY(!ApiError::isDocumentedCode(0));
}

void tst_ApiError::everyCodeHasMessageAndRemedy_data()
{
    QTest::addColumn<int>("code");
    for (int code : referenceCodes())
        QTest::addRow("%d", code) << code;
}

void tst_ApiError::everyCodeHasMessageAndRemedy()
{
    QFETCH(int, code);
    const ApiError e = ApiError::service(code, u"server text"_s);
    QCOMPARE(e.kind(), Kind::Service);
    QCOMPARE(e.serviceCode(), code);
    QVERIFY(e.isError());
    QVERIFY(!e.isTransport());
    const QString message = e.message();
    QCOMPARE(message, QString::fromUtf8(ApiError::codeSourceText(code)));
    QVERIFY2(message.size() > 30, qPrintable(message));
    // Actionable: a second sentence says what to do.
    QVERIFY2(message.count(u'.') >= 2, qPrintable(message));
    QVERIFY(!message.contains(u"%1"_s));
    QVERIFY(e.remedy() != ApiError::Remedy::None);
}

void tst_ApiError::unknownCodeKeepsNumber()
{
    const ApiError e = ApiError::service(9123);
    QVERIFY(e.message().contains(u"9123"_s));
    QCOMPARE(e.remedy(), ApiError::Remedy::Retry);
    // Each documented code has its own text, distinct from the generic one.
    QSet<QString> texts;
    for (int code : referenceCodes())
        texts.insert(ApiError::service(code).message());
    QCOMPARE(texts.size(), referenceCodes().size());
}

void tst_ApiError::httpStatusMapping_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<ApiError::Remedy>("remedy");
    QTest::newRow("400") << 400 << Kind::BadRequest << ApiError::Remedy::ContactSupport;
    QTest::newRow("401") << 401 << Kind::Unauthorized << ApiError::Remedy::SignIn;
    QTest::newRow("403") << 403 << Kind::Forbidden << ApiError::Remedy::CheckConfiguration;
    QTest::newRow("404") << 404 << Kind::NotFound << ApiError::Remedy::CheckConfiguration;
    QTest::newRow("415") << 415 << Kind::HttpStatus << ApiError::Remedy::Retry;
    QTest::newRow("429") << 429 << Kind::RateLimited << ApiError::Remedy::RetryLater;
    QTest::newRow("500") << 500 << Kind::ServerError << ApiError::Remedy::RetryLater;
    QTest::newRow("503") << 503 << Kind::ServerError << ApiError::Remedy::RetryLater;
}

void tst_ApiError::httpStatusMapping()
{
    QFETCH(int, status);
    QFETCH(Kind, kind);
    QFETCH(ApiError::Remedy, remedy);
    const ApiError e = ApiError::http(status);
    QCOMPARE(e.kind(), kind);
    QCOMPARE(e.httpStatus(), status);
    QCOMPARE(e.remedy(), remedy);
    if (kind == Kind::ServerError || kind == Kind::HttpStatus)
        QVERIFY(e.message().contains(QString::number(status)));
}

void tst_ApiError::fullMessageAddsServerDetail()
{
    ApiError e = ApiError::service(3011, u"Card not detected"_s);
    QVERIFY(e.fullMessage().endsWith(u"(Card not detected)"_s));
    e.setDetail(u"Please capture the front side"_s);
    QVERIFY(e.fullMessage().endsWith(u"(Please capture the front side)"_s));
    QCOMPARE(ApiError(Kind::Timeout).fullMessage(), ApiError(Kind::Timeout).message());
}

void tst_ApiError::logSummaryHasNoPersonalText()
{
    ApiError e = ApiError::service(3101, u"ID 29901234567890 differs"_s);
    e.setDetail(u"29901234567890"_s);
    QCOMPARE(e.logSummary(), u"service 3101"_s);
    QVERIFY(!e.logSummary().contains(u"2990"_s));
    QCOMPARE(ApiError::http(503).logSummary(), u"server-error http 503"_s);
}

void tst_ApiError::arabicCatalogueCoversEveryCode()
{
    kiosk::Translations translations({u"core"_s});
    QVERIFY(translations.install(QLocale(QLocale::Arabic, QLocale::Egypt)));
    const QList<int> codes = referenceCodes();
    for (int code : codes) {
        const QString english = QString::fromUtf8(ApiError::codeSourceText(code));
        const QString arabic = ApiError::service(code).message();
        QVERIFY2(arabic != english, qPrintable(u"code %1 not translated"_s.arg(code)));
        QVERIFY2(hasArabic(arabic), qPrintable(u"code %1 has no Arabic text"_s.arg(code)));
    }
    const QString unknown = ApiError::service(9123).message();
    QVERIFY(hasArabic(unknown));
    QVERIFY(unknown.contains(u"9123"_s));

    QVERIFY(translations.install(QLocale(QLocale::English)));
    QCOMPARE(ApiError::service(3011).message(), QString::fromUtf8(ApiError::codeSourceText(3011)));
}

void tst_ApiError::arabicCatalogueCoversEveryKind()
{
    kiosk::Translations translations({u"core"_s});
    QVERIFY(translations.install(QLocale(QLocale::Arabic, QLocale::Egypt)));
    for (Kind kind : kAllKinds) {
        ApiError e(kind);
        e.setHttpStatus(503);
        if (kind == Kind::Service)
            e = ApiError::service(7777);
        const QString arabic = e.message();
        const QString english = QString::fromUtf8(ApiError::kindSourceText(kind));
        QVERIFY2(arabic != english && hasArabic(arabic), qPrintable(ApiError::kindName(kind)));
        if (kind == Kind::ServerError)
            QVERIFY(arabic.contains(u"503"_s));
    }
}

QTEST_GUILESS_MAIN(tst_ApiError)
#include "tst_apierror.moc"
