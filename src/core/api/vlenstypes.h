#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <optional>

namespace kiosk::api {

class ApiEnvelope;

// --- requests ---------------------------------------------------------------------------

struct RegisterRequest
{
    QString phoneNumber = {}; // required, E.164 (+20...)
    QString email = {};
    QString password = {};
    QString phoneNumberOtp = {};
    QString phoneNumberOtpRequestId = {};
};

struct UserLoginRequest
{
    QString phoneNumber = {};
    QString password = {};
    QString imei = {};
};

// ID front or back. The image is the encoded file (JPEG or PNG); the client base64s it.
struct VerifyIdRequest
{
    QByteArray image = {};
    QString transactionId = {}; // empty on the first step: sent as null, the server makes one
    bool getExtractedData = true;
    QString clientTransactionId = {}; // optional
    QString requestId = {};           // optional body field "request_id"
    QString country = {};             // optional
};

// Three face frames (same person, within 0.5 s, never identical) and, as seed 004 does,
// the ID front (optional: the SDKs omit it).
struct LivenessRequest
{
    QByteArray face1 = {};
    QByteArray face2 = {};
    QByteArray face3 = {};
    QByteArray idFrontImage = {};
    QString transactionId = {};
    bool getExtractedData = true;
};

struct StepImageRequest
{
    QString transactionId = {};
    QString fileName = {};
    std::optional<int> impersonatedTenantId = {};
    QString logId = {};
};

// --- results ----------------------------------------------------------------------------

struct TokenResult
{
    QString accessToken = {};
    QString refreshToken = {};
    qint64 expireInSeconds = 0;
    qint64 refreshTokenExpireInSeconds = 0;
    QDateTime expiresAt = {}; // UTC, computed when received; invalid if no lifetime was given
    bool isValid() const { return !accessToken.isEmpty(); }
};

struct VlensUser
{
    QString id = {};
    QString emailAddress = {};
    QString phoneNumber = {};
    QString idNumber = {};
    QJsonObject raw = {}; // everything the server sent (in memory only: personal data)
};

// Register and end-user Login.
struct SessionResult
{
    TokenResult tokens;
    bool isDigitalIdentityVerified = false;
    VlensUser user;
    QJsonObject data = {}; // the whole data object (OTP flags...)
};

struct IdFrontData
{
    QString firstName = {};        // first_name (Arabic)
    QString lastNames = {};        // last_names
    QString firstNameEnglish = {}; // first_name_english
    QString lastNamesEnglish = {}; // last_names_english
    QString name = {};
    QString nameEnglish = {};
    QString idNumber = {};
    QString dateOfBirth = {};
    QString govern = {};
    QString city = {};
    QString district = {};
    QString address = {};
    QString gender = {};
    QString idKey = {};
    QString transactionId = {}; // transaction_id
    QJsonObject raw = {};
};

struct IdBackData
{
    QString maritalStatus = {};
    QString job = {};
    QString jobTitle = {};
    QString religion = {};
    QString husbandName = {};
    QString releaseDate = {};
    QString idExpiry = {};
    QString idNumber = {};
    QString gender = {};
    QJsonObject raw = {};
};

struct FieldError
{
    QString code = {};
    QString message = {};
};

struct ValidationError
{
    QString field = {};
    QString value = {};
    QList<FieldError> errors;
};

// The backend checks reported next to data. Optional members are absent when the
// service did not report that check.
struct Services
{
    QList<ValidationError> validationErrors;
    std::optional<bool> spoofingFake;
    QString docType = {};
    std::optional<bool> liveness;
    std::optional<bool> amlMatched;
    QJsonValue amlData = {};
    struct Src
    {
        std::optional<bool> isValid;
        QString errorCode = {};
        QString errorKey = {};
        QString errorMessage = {};
    } src;
    QJsonObject raw = {};

    QString firstValidationMessage() const;
};

// verify/id/front, verify/id/back, verify/liveness/multi, the /v1/ocr variants and
// LinkUserWithExistingTransaction.
struct VerifyResult
{
    bool isVerificationProcessCompleted = false;
    bool isDigitalIdentityVerified = false;
    VlensUser user;
    std::optional<IdFrontData> front;
    std::optional<IdBackData> back;
    Services services;
    // From data.idFrontData.transaction_id (or data.transaction_id), else the one sent.
    QString transactionId = {};
};

struct IdentityImages
{
    QString idFrontImage = {};
    QString idBackImage = {};
    QString livenessImage = {};
    QString livenessFace01Image = {};
    QString livenessFace02Image = {};
    QString livenessFace03Image = {};
    // Not in the documented schema (the sandbox and some tenants send it): the transaction
    // these names belong to, needed by GetStepImage. Empty when absent.
    QString transactionId = {};
};

struct StepImage
{
    QByteArray bytes = {}; // decoded from data.image
};

// --- parsing (exposed for tests) ---------------------------------------------------------
// Each returns false with a developer reason when the data does not have the shape.

bool parseTokens(const QJsonObject &data, TokenResult *out, QString *why);
bool parseSession(const QJsonObject &data, SessionResult *out, QString *why);
IdFrontData parseIdFront(const QJsonObject &object);
IdBackData parseIdBack(const QJsonObject &object);
Services parseServices(const QJsonObject &services);
bool parseVerify(const ApiEnvelope &envelope, VerifyResult *out, QString *why);
bool parseIdentityImages(const QJsonObject &data, IdentityImages *out, QString *why);
bool parseStepImage(const QJsonObject &data, StepImage *out, QString *why);

} // namespace kiosk::api
