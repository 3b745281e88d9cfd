#pragma once

#include "apicall.h"
#include "imageformat.h"

#include <QDate>
#include <QJsonObject>
#include <QObject>
#include <QStringList>
#include <QUrl>

class QNetworkAccessManager;

namespace kiosk {
class Settings;
}

namespace kiosk::api {

struct BoldSignConfig
{
    QUrl baseUrl = QUrl(QStringLiteral("https://api.boldsign.com")); // or eu./ca./au.
    QString apiKey = {};
    int requestTimeoutMs = 30000;

    static BoldSignConfig fromSettings(const Settings &settings);
};

// Who the report is about: emailId (email delivery) OR countryCode + phoneNumber (SMS).
struct BoldSignSigner
{
    QString emailId = {};
    QString countryCode = {};
    QString phoneNumber = {};
    int order = 1;
    QString onBehalfOf = {}; // optional: the sender identity fetched on behalf of
};

struct BoldSignDate
{
    int day = 0;
    int month = 0;
    int year = 0;
    QDate toDate() const { return QDate(year, month, day); } // invalid if incomplete
};

struct BoldSignDocument
{
    QString type = {};
    QString firstName = {};
    QString lastName = {};
    QString country = {};
    QString documentNumber = {};
    QJsonObject address = {}; // shape not documented beyond {...}: kept as sent
    BoldSignDate dob;
    BoldSignDate issuedDate;
    BoldSignDate expirationDate;
    QStringList documentFiles = {}; // file ids for image()
    QString selfieFile = {};        // file id for image()
};

struct BoldSignReport
{
    QString verificationResult = {}; // e.g. "Passed", "Failed"
    QString verifiedDate = {};       // as sent
    QDateTime verifiedAt = {};       // parsed ISO 8601, invalid if not
    QString errorCode = {};          // error{code,message} of a failed verification
    QString errorMessage = {};
    BoldSignDocument document;
    QJsonObject raw = {};
};

struct BoldSignImage
{
    QByteArray bytes = {};
    ImageFormat format = ImageFormat::Unknown; // from the leading bytes
    QByteArray contentType = {};               // as sent (undocumented, informative only)
};

bool parseBoldSignReport(const QJsonObject &object, BoldSignReport *out);

// Client of BoldSign's identity-verification API: the report of a signer's verification
// and the images the signer uploaded (seed 003). Same call model as VlensClient
// (ApiReply<T>, finished(), waitForFinished()). Authentication is the X-API-KEY header.
// Errors 400/401/403 carry {"error": "..."}: 403 maps to Kind::SignerNotVerified
// (not verified yet, or the caller is not the document's sender). Nothing is retried:
// both calls are POSTs.
class BoldSignClient : public QObject
{
    Q_OBJECT

public:
    BoldSignClient(QNetworkAccessManager *nam, BoldSignConfig config, QObject *parent = nullptr);

    const BoldSignConfig &config() const { return m_config; }

    // POST /v1/identityVerification/report?documentId=
    ApiReply<BoldSignReport> *report(const QString &documentId, const BoldSignSigner &signer);
    // POST /v1/identityVerification/image?documentId= with the fileId of the report.
    ApiReply<BoldSignImage> *image(const QString &documentId, const BoldSignSigner &signer,
                                   const QString &fileId);

private:
    template<typename T>
    ApiReply<T> *makeCall(const QString &path, const QString &documentId, QJsonObject body,
                          QString invalid,
                          std::function<bool(const HttpAnswer &, T *, QString *)> parser);

    QNetworkAccessManager *m_nam;
    BoldSignConfig m_config;
};

} // namespace kiosk::api
