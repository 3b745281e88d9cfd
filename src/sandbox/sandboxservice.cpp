#include "sandboxservice.h"

#include "sandboxlogging.h"
#include "specimen/idcardrenderer.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDateTime>
#include <QImage>
#include <QImageReader>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUuid>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

using namespace Qt::StringLiterals;

namespace kiosk::sandbox {

namespace {

constexpr qint64 DocumentSoftLimit = 3 * 1024 * 1024; // documented maximum
constexpr qint64 HardLimit = 5 * 1024 * 1024;         // 5002 over this, HTTP 413
constexpr qint64 FaceLimit = 500 * 1024;              // faces must be under 500 KB
constexpr qint64 MaxPixels = 25'000'000;              // 5003 over this
constexpr int RefreshLifetimeSec = 30 * 86400;

QByteArray tokenHash(const QString &token)
{
    return QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256);
}

QString isoDate(const QDate &date)
{
    return date.toString(Qt::ISODate);
}

QString imageExtension(const QByteArray &bytes)
{
    return bytes.startsWith("\x89PNG") ? u"png"_s : u"jpg"_s;
}

QJsonObject validationError(const QString &field, int code, const QString &message)
{
    return QJsonObject{
        {u"field"_s, field},
        {u"value"_s, QJsonValue()},
        {u"errors"_s, QJsonArray{QJsonObject{{u"code"_s, code}, {u"message"_s, message}}}},
    };
}

SandboxReply fieldError(const QString &field, const QString &message)
{
    return envelopeError(400, 5008, message,
                         QJsonArray{QJsonObject{{u"field"_s, field}, {u"message"_s, message}}});
}

bool truthy(const QJsonValue &value, bool fallback)
{
    if (value.isBool())
        return value.toBool();
    if (value.isString())
        return value.toString().compare("true"_L1, Qt::CaseInsensitive) == 0;
    return fallback;
}

} // namespace

const QList<EndpointInfo> &endpointTable()
{
    static const QList<EndpointInfo> table = {
        {Endpoint::CredentialsLogin, "/api/credentials/Login"_L1, "POST"_L1},
        {Endpoint::RefreshToken, "/api/credentials/RefreshToken"_L1, "POST"_L1},
        {Endpoint::Register, "/api/DigitalIdentity/Register"_L1, "POST"_L1},
        {Endpoint::UserLogin, "/api/DigitalIdentity/Login"_L1, "POST"_L1},
        {Endpoint::VerifyFront, "/api/DigitalIdentity/verify/id/front"_L1, "POST"_L1},
        {Endpoint::VerifyBack, "/api/DigitalIdentity/verify/id/back"_L1, "POST"_L1},
        {Endpoint::VerifyLiveness, "/api/DigitalIdentity/verify/liveness/multi"_L1, "POST"_L1},
        {Endpoint::OcrFront, "/v1/ocr/id/front"_L1, "POST"_L1},
        {Endpoint::OcrBack, "/v1/ocr/id/back"_L1, "POST"_L1},
        {Endpoint::OcrLiveness, "/v1/ocr/liveness/multi"_L1, "POST"_L1},
        {Endpoint::LinkTransaction, "/api/DigitalIdentity/LinkUserWithExistingTransaction"_L1,
         "POST"_L1},
        {Endpoint::UserImages, "/api/DigitalIdentity/GetUserDigitalIdentityImages"_L1, "GET"_L1},
        {Endpoint::StepImage, "/api/DigitalIdentity/GetStepImage"_L1, "GET"_L1},
        {Endpoint::BoldSignReport, "/v1/identityVerification/report"_L1, "POST"_L1},
        {Endpoint::BoldSignImage, "/v1/identityVerification/image"_L1, "POST"_L1},
        {Endpoint::SandboxFaults, "/_sandbox/faults"_L1, "POST"_L1},
    };
    return table;
}

QString messageForErrorCode(int code)
{
    static const QHash<int, QString> messages = {
        {3001, u"Invalid ID number, please recapture the ID with better light and focus"_s},
        {3002, u"Invalid birth date, please recapture the ID"_s},
        {3003, u"Invalid governorate, please recapture the ID"_s},
        {3004, u"Invalid ID key, please recapture the ID"_s},
        {3005, u"Invalid gender, please recapture the ID"_s},
        {3006, u"Invalid release date, please recapture the ID"_s},
        {3010, u"The ID card has expired"_s},
        {3011, u"Card not detected, please capture the whole card"_s},
        {3014, u"No face detected in the ID image"_s},
        {3101, u"The ID number on the back does not match the front"_s},
        {4001, u"Invalid API key"_s},
        {4002, u"Please recharge your bundle"_s},
        {4003, u"Number of trials exceeded"_s},
        {4206, u"More than one face detected"_s},
        {4207, u"No face detected"_s},
        {4208, u"No face detected"_s},
        {4209, u"Please recapture the face clearly"_s},
        {4210, u"Please recapture the face clearly"_s},
        {5000, u"General error"_s},
        {5001, u"Unsupported document"_s},
        {5002, u"Image size exceeds the limit"_s},
        {5003, u"Image resolution exceeds 25 megapixels"_s},
        {5004, u"Please check the transaction id and the token"_s},
        {5005, u"Not a real document"_s},
        {5006, u"Image is not focused, please recapture"_s},
        {5007, u"Wrong endpoint for this document side"_s},
        {5008, u"Field assignment issue"_s},
    };
    return messages.value(code, u"Sandbox error %1"_s.arg(code));
}

SandboxService::SandboxService(const SandboxOptions &options, SandboxStore &store)
    : m_options(options)
    , m_store(store)
    , m_tokens(TokenIssuer::randomSecret())
{}

bool SandboxService::prepare(QString *error)
{
    m_personas = m_options.personasFile.isEmpty()
                     ? specimen::loadPersonasFile(specimen::builtInPersonasPath(), error)
                     : specimen::loadPersonasFile(m_options.personasFile, error);
    if (m_personas.isEmpty())
        return false;
    const QImage portrait = specimen::IdCardRenderer::loadPortrait(error);
    if (portrait.isNull())
        return false;
    const specimen::IdCardRenderer renderer(portrait);

    const qint64 tenant = m_store.ensureTenant(m_options.tenancyName, m_options.apiKey);
    m_store.ensureAdmin(tenant, m_options.adminUser, m_options.adminPassword, {u"Requests"_s});
    m_store.ensureAdmin(tenant, m_options.clerkUser, m_options.clerkPassword, {});

    QHash<QString, std::pair<QByteArray, QByteArray>> cardJpegs;
    for (const specimen::Persona &p : std::as_const(m_personas)) {
        for (const auto side :
             {specimen::IdCardRenderer::Side::Front, specimen::IdCardRenderer::Side::Back}) {
            const QImage card =
                renderer.render(p, side).convertToFormat(QImage::Format_RGB888).rgbSwapped();
            const cv::Mat mat(card.height(), card.width(), CV_8UC3,
                              const_cast<uchar *>(card.constBits()), size_t(card.bytesPerLine()));
            m_recognizer.addTemplate(mat);
            std::vector<uchar> jpeg;
            try {
                cv::imencode(".jpg", mat, jpeg, {cv::IMWRITE_JPEG_QUALITY, 88});
            } catch (const cv::Exception &e) {
                if (error)
                    *error =
                        u"cannot encode a specimen card: %1"_s.arg(QString::fromUtf8(e.what()));
                return false;
            }
            QByteArray &slot = side == specimen::IdCardRenderer::Side::Front
                                   ? cardJpegs[p.id].first
                                   : cardJpegs[p.id].second;
            slot = QByteArray(reinterpret_cast<const char *>(jpeg.data()), qsizetype(jpeg.size()));
        }
    }

    m_recognizer.train();

    // BoldSign documents whose personas exist in this set.
    QByteArray selfie;
    {
        QBuffer buffer(&selfie);
        buffer.open(QIODevice::WriteOnly);
        portrait.save(&buffer, "JPG", 90);
    }
    for (const BoldSignDocument &document : seededBoldSignDocuments()) {
        if (!persona(document.personaId) || !cardJpegs.contains(document.personaId))
            continue;
        m_store.storeBoldSignDocument(document);
        const auto &jpegs = cardJpegs.value(document.personaId);
        m_store.storeBoldSignFile(document.documentId, document.fileIds.value(0), jpegs.first);
        m_store.storeBoldSignFile(document.documentId, document.fileIds.value(1), jpegs.second);
        m_store.storeBoldSignFile(document.documentId, document.fileIds.value(2), selfie);
    }
    return true;
}

const specimen::Persona *SandboxService::persona(const QString &id) const
{
    for (const specimen::Persona &p : m_personas) {
        if (p.id == id)
            return &p;
    }
    return nullptr;
}

SandboxReply SandboxService::handle(Endpoint endpoint, const SandboxRequest &request,
                                    const FaultEffects &effects)
{
    switch (endpoint) {
    case Endpoint::CredentialsLogin:
        return credentialsLogin(request);
    case Endpoint::RefreshToken:
        return refreshToken(request);
    case Endpoint::Register:
        return registerUser(request);
    case Endpoint::UserLogin:
        return userLogin(request);
    case Endpoint::VerifyFront:
        return verifyCard(request, effects, Side::Front, false);
    case Endpoint::VerifyBack:
        return verifyCard(request, effects, Side::Back, false);
    case Endpoint::VerifyLiveness:
        return verifyLiveness(request, effects, false);
    case Endpoint::OcrFront:
        return verifyCard(request, effects, Side::Front, true);
    case Endpoint::OcrBack:
        return verifyCard(request, effects, Side::Back, true);
    case Endpoint::OcrLiveness:
        return verifyLiveness(request, effects, true);
    case Endpoint::LinkTransaction:
        return linkTransaction(request, effects);
    case Endpoint::UserImages:
        return userImages(request, effects);
    case Endpoint::StepImage:
        return stepImage(request, effects);
    case Endpoint::BoldSignReport:
        return boldSign(request, false);
    case Endpoint::BoldSignImage:
        return boldSign(request, true);
    case Endpoint::SandboxFaults:
        break;
    }
    return envelopeError(404, 5000, u"Not found"_s);
}

// ---- common checks -------------------------------------------------------------------

std::optional<SandboxReply> SandboxService::checkApiKey(const SandboxRequest &request,
                                                        Caller *caller) const
{
    const QByteArray key = request.header("apikey");
    if (key.isEmpty())
        return envelopeError(401, 4001, u"ApiKey header is missing"_s);
    const std::optional<qint64> tenant = m_store.tenantForApiKey(QString::fromUtf8(key));
    if (!tenant)
        return envelopeError(401, 4001, messageForErrorCode(4001));
    caller->tenantId = *tenant;
    return std::nullopt;
}

std::optional<SandboxReply> SandboxService::checkBearer(const SandboxRequest &request,
                                                        const FaultEffects &effects,
                                                        const QString &kind, Caller *caller) const
{
    const QByteArray authorization = request.header("authorization");
    if (!authorization.startsWith("Bearer ") || authorization.size() <= 7)
        return envelopeError(401, 5004, u"Authorization bearer token is missing"_s);
    const QString token = QString::fromLatin1(authorization.mid(7).trimmed());
    QJsonObject claims;
    const TokenIssuer::Check check =
        m_tokens.verify(token, QDateTime::currentSecsSinceEpoch(), &claims);
    if (check == TokenIssuer::Check::Expired ||
        (check == TokenIssuer::Check::Valid && effects.expiredToken))
        return envelopeError(401, 5004, u"The access token has expired"_s);
    if (check != TokenIssuer::Check::Valid)
        return envelopeError(401, 5004, u"Invalid access token"_s);
    const std::optional<SandboxStore::Token> row = m_store.token(tokenHash(token));
    if (!row || row->refresh)
        return envelopeError(401, 5004, u"Invalid access token"_s);
    if (row->kind != kind) {
        return envelopeError(403, 5004,
                             kind == u"admin"_s ? u"This endpoint needs an admin token"_s
                                                : u"This endpoint needs a user token"_s);
    }
    if (kind == u"user"_s) {
        caller->user = m_store.user(row->subject);
        if (!caller->user || caller->user->tenantId != caller->tenantId)
            return envelopeError(401, 5004, u"Invalid access token"_s);
    } else {
        caller->admin = m_store.admin(row->subject);
        if (!caller->admin || caller->admin->tenantId != caller->tenantId)
            return envelopeError(401, 5004, u"Invalid access token"_s);
    }
    return std::nullopt;
}

std::optional<SandboxReply> SandboxService::parseObject(const SandboxRequest &request,
                                                        QJsonObject *object) const
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
    if (doc.isNull())
        return envelopeError(
            400, 5000, u"The request body is not valid JSON (offset %1)"_s.arg(parseError.offset));
    if (!doc.isObject())
        return envelopeError(400, 5000, u"The request body must be a JSON object"_s);
    *object = doc.object();
    return std::nullopt;
}

std::optional<SandboxReply> SandboxService::decodeImage(const QJsonValue &value,
                                                        const QString &field, qint64 softLimit,
                                                        Image *image, bool decodePixels) const
{
    if (value.isUndefined() || value.isNull() || (value.isString() && value.toString().isEmpty()))
        return fieldError(field, u"The field %1 is required"_s.arg(field));
    if (!value.isString())
        return fieldError(field, u"The field %1 must be a base64 string"_s.arg(field));
    const auto decoded = QByteArray::fromBase64Encoding(
        value.toString().toLatin1(),
        QByteArray::Base64Encoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.isEmpty())
        return envelopeError(400, 5001, u"The field %1 is not valid base64"_s.arg(field),
                             QJsonArray{QJsonObject{{u"field"_s, field}}});
    image->bytes = decoded.decoded;
    const qint64 size = image->bytes.size();
    const bool face = softLimit == FaceLimit;
    if (size > HardLimit)
        return envelopeError(413, 5002, u"%1: image over 5 MB"_s.arg(field),
                             QJsonArray{QJsonObject{{u"field"_s, field}, {u"bytes"_s, size}}});
    if (size >= softLimit + (face ? 0 : 1))
        return envelopeError(200, 5002,
                             face ? u"%1: face images must be under 500 KB"_s.arg(field)
                                  : u"%1: documents must not exceed 3 MB"_s.arg(field),
                             QJsonArray{QJsonObject{{u"field"_s, field}, {u"bytes"_s, size}}});
    // Header-only look at the dimensions, before any decoding.
    {
        QBuffer buffer(&image->bytes);
        buffer.open(QIODevice::ReadOnly);
        QImageReader reader(&buffer);
        const QSize dims = reader.size();
        if (dims.isValid() && qint64(dims.width()) * dims.height() > MaxPixels)
            return envelopeError(200, 5003, messageForErrorCode(5003),
                                 QJsonArray{QJsonObject{{u"field"_s, field}}});
    }
    if (!decodePixels)
        return std::nullopt;
    try {
        const cv::Mat raw(1, int(image->bytes.size()), CV_8UC1,
                          const_cast<char *>(image->bytes.constData()));
        image->mat = cv::imdecode(raw, cv::IMREAD_COLOR);
    } catch (const cv::Exception &) {
        image->mat.release();
    }
    if (image->mat.empty())
        return envelopeError(200, 5001, u"%1: the data is not a JPEG or PNG image"_s.arg(field),
                             QJsonArray{QJsonObject{{u"field"_s, field}}});
    if (qint64(image->mat.cols) * image->mat.rows > MaxPixels)
        return envelopeError(200, 5003, messageForErrorCode(5003),
                             QJsonArray{QJsonObject{{u"field"_s, field}}});
    return std::nullopt;
}

QJsonObject SandboxService::tokenData(const QString &kind, qint64 subject)
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QString access = m_tokens.issue(QJsonObject{{u"sub"_s, QString::number(subject)},
                                                      {u"kind"_s, kind},
                                                      {u"tenant"_s, m_options.tenancyName}},
                                          now, m_options.accessTokenLifetimeSec);
    m_store.storeToken(tokenHash(access),
                       {kind, subject, now + m_options.accessTokenLifetimeSec, false});
    const QString refresh =
        QUuid::createUuid().toString(QUuid::Id128) + QUuid::createUuid().toString(QUuid::Id128);
    m_store.storeToken(tokenHash(refresh), {kind, subject, now + RefreshLifetimeSec, true});
    return QJsonObject{
        {u"accessToken"_s, access},
        {u"encryptedAccessToken"_s, access},
        {u"expireInSeconds"_s, m_options.accessTokenLifetimeSec},
        {u"refreshToken"_s, refresh},
        {u"refreshTokenExpireInSeconds"_s, RefreshLifetimeSec},
    };
}

QJsonObject SandboxService::userJson(const SandboxStore::EndUser &user) const
{
    return QJsonObject{
        {u"id"_s, user.id},
        {u"emailAddress"_s, user.email.isEmpty() ? QJsonValue() : QJsonValue(user.email)},
        {u"phoneNumber"_s, user.phoneNumber},
        {u"isDigitalIdentityVerified"_s, user.verified},
    };
}

// ---- tokens --------------------------------------------------------------------------

SandboxReply SandboxService::credentialsLogin(const SandboxRequest &request)
{
    Caller caller;
    if (auto failure = checkApiKey(request, &caller))
        return *failure;
    QJsonObject body;
    if (auto failure = parseObject(request, &body))
        return *failure;
    QString tenancy = QString::fromUtf8(request.header("tenancyname"));
    if (tenancy.isEmpty())
        tenancy = valueIgnoringCase(body, "tenancyName"_L1).toString();
    const QString user = valueIgnoringCase(body, "userNameOrEmailAddress"_L1).toString();
    const QString password = valueIgnoringCase(body, "password"_L1).toString();
    if (tenancy.isEmpty())
        return fieldError(u"tenancyName"_s, u"The TenancyName header is required"_s);
    if (user.isEmpty())
        return fieldError(u"userNameOrEmailAddress"_s, u"The user name is required"_s);
    if (password.isEmpty())
        return fieldError(u"password"_s, u"The password is required"_s);
    const std::optional<qint64> tenant = m_store.tenantByName(tenancy);
    if (!tenant || *tenant != caller.tenantId)
        return envelopeError(401, 5000, u"There is no such tenant for this ApiKey"_s);
    const std::optional<SandboxStore::Admin> admin = m_store.checkAdmin(*tenant, user, password);
    if (!admin)
        return envelopeError(401, 5000, u"Invalid user name or password"_s);
    QJsonObject data = tokenData(u"admin"_s, admin->id);
    data.insert(u"userId"_s, admin->id);
    return envelope(200, data);
}

SandboxReply SandboxService::refreshToken(const SandboxRequest &request)
{
    Caller caller;
    if (auto failure = checkApiKey(request, &caller))
        return *failure;
    QJsonObject body;
    if (auto failure = parseObject(request, &body))
        return *failure;
    const QString refresh = valueIgnoringCase(body, "refreshToken"_L1).toString();
    if (refresh.isEmpty())
        return fieldError(u"refreshToken"_s, u"The refreshToken is required"_s);
    const std::optional<SandboxStore::Token> row = m_store.token(tokenHash(refresh));
    if (!row || !row->refresh || row->expiresAt <= QDateTime::currentSecsSinceEpoch())
        return envelopeError(401, 5004, u"Invalid or expired refresh token"_s);
    // Rotate: the old refresh token stops working.
    m_store.storeToken(tokenHash(refresh), {row->kind, row->subject, 0, true});
    return envelope(200, tokenData(row->kind, row->subject));
}

SandboxReply SandboxService::registerUser(const SandboxRequest &request)
{
    Caller caller;
    if (auto failure = checkApiKey(request, &caller))
        return *failure;
    QJsonObject body;
    if (auto failure = parseObject(request, &body))
        return *failure;
    const QString phone = valueIgnoringCase(body, "phoneNumber"_L1).toString().trimmed();
    const QString email = valueIgnoringCase(body, "email"_L1).toString().trimmed();
    QString password = valueIgnoringCase(body, "password"_L1).toString();
    if (phone.isEmpty())
        return fieldError(u"phoneNumber"_s, u"The phoneNumber is required"_s);
    static const QRegularExpression e164(u"^\\+[1-9][0-9]{7,14}$"_s);
    if (!e164.match(phone).hasMatch())
        return fieldError(u"phoneNumber"_s, u"The phoneNumber must be in E.164 form (+20...)"_s);
    if (!email.isEmpty() && !email.contains(u'@'))
        return fieldError(u"email"_s, u"The email is not valid"_s);
    if (password.isEmpty())
        password = QUuid::createUuid().toString(); // OTP-only user: no usable password
    const std::optional<SandboxStore::EndUser> user =
        m_store.createUser(caller.tenantId, phone, email, password);
    if (!user)
        return envelopeError(200, 5000, u"The phone number is already registered"_s);
    QJsonObject data = tokenData(u"user"_s, user->id);
    data.insert(u"isDigitalIdentityVerified"_s, false);
    data.insert(u"user"_s, userJson(*user));
    return envelope(200, data);
}

SandboxReply SandboxService::userLogin(const SandboxRequest &request)
{
    Caller caller;
    if (auto failure = checkApiKey(request, &caller))
        return *failure;
    QJsonObject body;
    if (auto failure = parseObject(request, &body))
        return *failure;
    const QString phone = valueIgnoringCase(body, "phoneNumber"_L1).toString().trimmed();
    const QString password = valueIgnoringCase(body, "password"_L1).toString();
    if (phone.isEmpty())
        return fieldError(u"phoneNumber"_s, u"The phoneNumber is required"_s);
    if (password.isEmpty())
        return fieldError(u"password"_s, u"The password is required"_s);
    const std::optional<SandboxStore::EndUser> user =
        m_store.checkUser(caller.tenantId, phone, password);
    if (!user)
        return envelopeError(401, 5000, u"Invalid phone number or password"_s);
    QJsonObject data = tokenData(u"user"_s, user->id);
    data.insert(u"isDigitalIdentityVerified"_s, user->verified);
    data.insert(u"user"_s, userJson(*user));
    data.insert(u"isPhoneNumberConfirmed"_s, true);
    data.insert(u"shouldVerifyPhoneNumberOtp"_s, false);
    data.insert(u"shouldVerifyEmailOtp"_s, false);
    return envelope(200, data);
}

// ---- verification --------------------------------------------------------------------

std::optional<SandboxReply> SandboxService::openTransaction(const QJsonValue &id,
                                                            const Caller &caller, bool apiKeyOnly,
                                                            bool createIfMissing,
                                                            SandboxStore::Transaction *transaction)
{
    const QString text = id.isString() ? id.toString().trimmed() : QString();
    if (text.isEmpty()) {
        if (!id.isUndefined() && !id.isNull() && !id.isString())
            return fieldError(u"transaction_id"_s, u"The transaction_id must be a string"_s);
        if (!createIfMissing)
            return envelopeError(200, 5004, u"The transaction_id is required"_s);
        *transaction = m_store.createTransaction(caller.tenantId, caller.user ? caller.user->id : 0,
                                                 apiKeyOnly);
        return std::nullopt;
    }
    const QUuid uuid = QUuid::fromString(text);
    const std::optional<SandboxStore::Transaction> found =
        uuid.isNull() ? std::nullopt : m_store.transaction(text);
    if (!found || found->tenantId != caller.tenantId)
        return envelopeError(200, 5004, u"Unknown transaction id"_s);
    const bool owned = apiKeyOnly ? (found->apiKeyOnly && found->userId == 0)
                                  : (caller.user && found->userId == caller.user->id);
    if (!owned)
        return envelopeError(200, 5004, u"The transaction does not belong to this caller"_s);
    *transaction = *found;
    return std::nullopt;
}

QJsonObject SandboxService::frontData(const specimen::Persona &p,
                                      const QString &transactionId) const
{
    return QJsonObject{
        {u"first_name"_s, p.firstName},
        {u"last_names"_s, p.lastNames},
        {u"first_name_english"_s, p.firstNameEnglish},
        {u"last_names_english"_s, p.lastNamesEnglish},
        {u"name"_s, p.fullName()},
        {u"name_english"_s, p.fullNameEnglish()},
        {u"idNumber"_s, p.idNumber},
        {u"dateOfBirth"_s, isoDate(p.birthDate)},
        {u"govern"_s, p.governorate},
        {u"city"_s, p.city},
        {u"district"_s, p.district},
        {u"address"_s, p.address},
        {u"gender"_s, p.gender},
        {u"idKey"_s, p.idKey},
        {u"transaction_id"_s, transactionId},
    };
}

QJsonObject SandboxService::backData(const specimen::Persona &p, const QString &transactionId) const
{
    return QJsonObject{
        {u"maritalStatus"_s, p.maritalStatus},
        {u"job"_s, p.job},
        {u"jobTitle"_s, p.jobTitle},
        {u"religion"_s, p.religion},
        {u"husbandName"_s, p.husbandName.isEmpty() ? QJsonValue() : QJsonValue(p.husbandName)},
        {u"releaseDate"_s, isoDate(p.releaseDate)},
        {u"idExpiry"_s, isoDate(p.expiryDate)},
        {u"idNumber"_s, p.idNumber},
        {u"gender"_s, p.gender},
        {u"transaction_id"_s, transactionId},
    };
}

QJsonObject SandboxService::stepData(const SandboxStore::Transaction &t, const Caller &caller,
                                     bool extracted) const
{
    QJsonObject data;
    const bool completed = t.frontDone && t.backDone && t.livenessDone;
    data.insert(u"isVerificationProcessCompleted"_s, completed);
    const specimen::Persona *p = persona(t.frontPersona.isEmpty() ? t.backPersona : t.frontPersona);
    bool verified = false;
    if (caller.user) {
        const std::optional<SandboxStore::EndUser> fresh = m_store.user(caller.user->id);
        verified = fresh && fresh->verified;
        QJsonObject user = userJson(fresh.value_or(*caller.user));
        if (p && completed)
            user.insert(u"idNumber"_s, p->idNumber);
        data.insert(u"user"_s, user);
    } else {
        verified = completed && p && !p->amlMatch;
        data.insert(u"user"_s, QJsonValue());
    }
    data.insert(u"isDigitalIdentityVerified"_s, verified);
    QJsonObject front{{u"transaction_id"_s, t.id}};
    QJsonObject back{{u"transaction_id"_s, t.id}};
    if (extracted) {
        if (!t.ocrFront.isEmpty())
            front = QJsonDocument::fromJson(t.ocrFront).object();
        if (!t.ocrBack.isEmpty())
            back = QJsonDocument::fromJson(t.ocrBack).object();
    }
    data.insert(u"idFrontData"_s, t.frontDone || !extracted ? QJsonValue(front) : QJsonValue());
    data.insert(u"idBackData"_s, t.backDone || !extracted ? QJsonValue(back) : QJsonValue());
    data.insert(u"transaction_id"_s, t.id);
    return data;
}

QJsonObject SandboxService::services(const specimen::Persona *p, const FaultEffects &effects,
                                     const QJsonValue &liveness, const QString &docType,
                                     const QJsonArray &validationErrors, bool fake) const
{
    const bool aml = (p && p->amlMatch) || effects.amlMatch;
    QJsonArray amlData;
    if (aml) {
        amlData.append(QJsonObject{
            {u"name"_s, p ? p->fullNameEnglish() : u"Unknown"_s},
            {u"list"_s, u"Sandbox specimen watch list"_s},
            {u"score"_s, 0.97},
        });
    }
    return QJsonObject{
        {u"validations"_s, QJsonObject{{u"validation_errors"_s, validationErrors}}},
        {u"spoofing"_s, QJsonObject{{u"fake"_s, fake}}},
        {u"classification"_s,
         QJsonObject{{u"doc_type"_s, docType.isEmpty() ? QJsonValue() : QJsonValue(docType)}}},
        {u"liveness"_s, liveness},
        {u"AML"_s, QJsonObject{{u"AML_matched"_s, aml}, {u"data"_s, amlData}}},
        {u"SRC"_s, QJsonObject{{u"isValid"_s, true},
                               {u"errorCode"_s, QJsonValue()},
                               {u"errorKey"_s, QJsonValue()},
                               {u"errorMessage"_s, QJsonValue()}}},
    };
}

SandboxReply SandboxService::verifyCard(const SandboxRequest &request, const FaultEffects &effects,
                                        Side side, bool apiKeyOnly)
{
    Caller caller;
    if (auto failure = checkApiKey(request, &caller))
        return *failure;
    if (!apiKeyOnly) {
        if (auto failure = checkBearer(request, effects, u"user"_s, &caller))
            return *failure;
    }
    QJsonObject body;
    if (auto failure = parseObject(request, &body))
        return *failure;
    const QJsonValue imageValue = valueIgnoringCase(body, "image"_L1);
    if (imageValue.isUndefined() || imageValue.isNull())
        return fieldError(u"image"_s, u"The field image is required"_s);
    const bool extracted = truthy(valueIgnoringCase(body, "getExtractedData"_L1), true);

    SandboxStore::Transaction transaction;
    QJsonValue transactionValue = valueIgnoringCase(body, "transaction_id"_L1);
    if (transactionValue.isUndefined())
        transactionValue = valueIgnoringCase(body, "transactionId"_L1);
    // Validate an existing transaction before the (costly) image work; create it after.
    const bool newTransaction =
        !transactionValue.isString() || transactionValue.toString().trimmed().isEmpty();
    if (!newTransaction) {
        if (auto failure =
                openTransaction(transactionValue, caller, apiKeyOnly, false, &transaction))
            return *failure;
    } else if (!transactionValue.isUndefined() && !transactionValue.isNull() &&
               !transactionValue.isString()) {
        return fieldError(u"transaction_id"_s, u"The transaction_id must be a string"_s);
    }

    Image image;
    if (auto failure = decodeImage(imageValue, u"image"_s, DocumentSoftLimit, &image))
        return *failure;

    const CardRecognizer::Match match = m_recognizer.recognize(image.mat);
    if (match.templateIndex < 0)
        return envelope(
            200, QJsonValue(), 3011, messageForErrorCode(3011), QJsonValue(),
            services(nullptr, effects, QJsonValue(), QString(),
                     QJsonArray{validationError(u"image"_s, 3011, messageForErrorCode(3011))}));
    const specimen::Persona &p = m_personas.at(match.templateIndex / 2);
    const Side shown = match.templateIndex % 2 == 0 ? Side::Front : Side::Back;
    const QString docType =
        shown == Side::Front ? u"egyptian_national_id_front"_s : u"egyptian_national_id_back"_s;
    qCDebug(lcSandbox) << "card recognised, inliers" << match.inliers << "runner-up"
                       << match.runnerUpInliers;
    if (shown != side) {
        return envelope(200, QJsonValue(), 5007,
                        side == Side::Front ? u"This is the back of the ID: use /id/back"_s
                                            : u"This is the front of the ID: use /id/front"_s,
                        QJsonValue(), services(&p, effects, QJsonValue(), docType));
    }

    // The other side, when already captured, must show the same ID number.
    const QString otherPersona =
        side == Side::Front ? transaction.backPersona : transaction.frontPersona;
    if (!newTransaction && !otherPersona.isEmpty() && otherPersona != p.id) {
        const QJsonArray errors{validationError(u"idNumber"_s, 3101, messageForErrorCode(3101))};
        return envelope(200, QJsonValue(), 3101, messageForErrorCode(3101), QJsonValue(),
                        services(&p, effects, QJsonValue(), docType, errors));
    }

    if (newTransaction)
        openTransaction(QJsonValue(), caller, apiKeyOnly, true, &transaction);
    const QJsonObject ocr =
        side == Side::Front ? frontData(p, transaction.id) : backData(p, transaction.id);

    // Document-level outcomes: spoofed (either side), expired (printed on the back).
    int errorCode = 0;
    QJsonArray errors;
    const bool fake = p.spoofed || effects.spoof;
    if (fake) {
        errorCode = 5005;
        errors.append(validationError(u"image"_s, 5005, messageForErrorCode(5005)));
    } else if (side == Side::Back && p.isExpired(QDate::currentDate())) {
        errorCode = 3010;
        errors.append(validationError(u"idExpiry"_s, 3010, messageForErrorCode(3010)));
    }

    if (errorCode == 0) {
        const QString stamp = QDate::currentDate().toString(u"yyyyMMdd"_s);
        const QString prefix = caller.user ? QString::number(caller.user->id) : u"ocr"_s;
        if (side == Side::Front) {
            transaction.frontDone = true;
            transaction.frontPersona = p.id;
            transaction.ocrFront = QJsonDocument(ocr).toJson(QJsonDocument::Compact);
            m_store.storeImage(
                transaction.id, u"idFrontImage"_s,
                u"%1_id_front_%2.%3"_s.arg(prefix, stamp, imageExtension(image.bytes)),
                image.bytes);
        } else {
            transaction.backDone = true;
            transaction.backPersona = p.id;
            transaction.ocrBack = QJsonDocument(ocr).toJson(QJsonDocument::Compact);
            m_store.storeImage(
                transaction.id, u"idBackImage"_s,
                u"%1_id_back_%2.%3"_s.arg(prefix, stamp, imageExtension(image.bytes)), image.bytes);
        }
        // A retaken side invalidates an earlier liveness result.
        transaction.livenessDone = false;
        m_store.updateTransaction(transaction);
    }

    QJsonObject data = stepData(transaction, caller, extracted);
    if (errorCode != 0 && extracted) {
        // Show what was read even when the document is refused.
        data.insert(side == Side::Front ? u"idFrontData"_s : u"idBackData"_s, ocr);
    }
    return envelope(200, data, errorCode, errorCode ? messageForErrorCode(errorCode) : QString(),
                    QJsonValue(), services(&p, effects, QJsonValue(), docType, errors, fake));
}

SandboxReply SandboxService::verifyLiveness(const SandboxRequest &request,
                                            const FaultEffects &effects, bool apiKeyOnly)
{
    Caller caller;
    if (auto failure = checkApiKey(request, &caller))
        return *failure;
    if (!apiKeyOnly) {
        if (auto failure = checkBearer(request, effects, u"user"_s, &caller))
            return *failure;
    }
    QJsonObject body;
    if (auto failure = parseObject(request, &body))
        return *failure;
    static constexpr QLatin1StringView faceFields[] = {"face_1"_L1, "face_2"_L1, "face_3"_L1};
    for (const QLatin1StringView field : faceFields) {
        const QJsonValue v = valueIgnoringCase(body, field);
        if (v.isUndefined() || v.isNull())
            return fieldError(field, u"The field %1 is required"_s.arg(field));
    }
    const bool extracted = truthy(valueIgnoringCase(body, "getExtractedData"_L1), true);
    QJsonValue transactionValue = valueIgnoringCase(body, "transaction_id"_L1);
    if (transactionValue.isUndefined())
        transactionValue = valueIgnoringCase(body, "transactionId"_L1);
    SandboxStore::Transaction transaction;
    if (auto failure = openTransaction(transactionValue, caller, apiKeyOnly, false, &transaction))
        return *failure;
    if (!transaction.frontDone || !transaction.backDone) {
        return envelopeError(200, 5004, u"Verify the ID front and back before the liveness check"_s,
                             QJsonArray{QJsonObject{{u"frontDone"_s, transaction.frontDone},
                                                    {u"backDone"_s, transaction.backDone}}});
    }

    QList<Image> faces;
    for (const QLatin1StringView field : faceFields) {
        Image face;
        if (auto failure = decodeImage(valueIgnoringCase(body, field), field, FaceLimit, &face))
            return *failure;
        faces.append(face);
    }
    const QJsonValue idImage = valueIgnoringCase(body, "image"_L1);
    if (!idImage.isUndefined() && !idImage.isNull()) {
        Image ignored;
        if (auto failure = decodeImage(idImage, u"image"_s, DocumentSoftLimit, &ignored, false))
            return *failure;
    }
    for (int i = 0; i < faces.size(); ++i) {
        for (int j = i + 1; j < faces.size(); ++j) {
            if (faces[i].bytes == faces[j].bytes)
                return envelopeError(
                    200, 4209,
                    u"face_%1 and face_%2 are identical: %3"_s.arg(i + 1).arg(j + 1).arg(
                        messageForErrorCode(4209)));
            bool samePixels = false;
            try {
                samePixels = faces[i].mat.size == faces[j].mat.size &&
                             cv::norm(faces[i].mat, faces[j].mat, cv::NORM_INF) == 0;
            } catch (const cv::Exception &) {
                samePixels = false;
            }
            if (samePixels)
                return envelopeError(
                    200, 4210,
                    u"face_%1 and face_%2 show identical pixels: %3"_s.arg(i + 1).arg(j + 1).arg(
                        messageForErrorCode(4210)));
        }
    }

    const specimen::Persona *p = persona(transaction.frontPersona);
    const bool live = !effects.livenessFail;
    QJsonArray errors;
    if (live) {
        const QString stamp = QDate::currentDate().toString(u"yyyyMMdd"_s);
        const QString prefix = caller.user ? QString::number(caller.user->id) : u"ocr"_s;
        for (int i = 0; i < faces.size(); ++i) {
            m_store.storeImage(transaction.id, u"livenessFace0%1Image"_s.arg(i + 1),
                               u"%1_liveness_face%2_%3.%4"_s.arg(prefix).arg(i + 1).arg(
                                   stamp, imageExtension(faces[i].bytes)),
                               faces[i].bytes);
        }
        m_store.storeImage(
            transaction.id, u"livenessImage"_s,
            u"%1_liveness_%2.%3"_s.arg(prefix, stamp, imageExtension(faces[1].bytes)),
            faces[1].bytes);
        transaction.livenessDone = true;
        m_store.updateTransaction(transaction);
        if (caller.user)
            m_store.setUserVerified(caller.user->id, !((p && p->amlMatch) || effects.amlMatch));
    } else {
        errors.append(validationError(u"face"_s, 4208, u"Liveness check failed"_s));
    }
    QJsonObject data = stepData(transaction, caller, extracted);
    const bool aml = (p && p->amlMatch) || effects.amlMatch;
    data.insert(u"isDigitalIdentityVerified"_s, live && !aml);
    return envelope(200, data, 0, QString(), QJsonValue(),
                    services(p, effects, live, u"egyptian_national_id_front"_s, errors));
}

SandboxReply SandboxService::linkTransaction(const SandboxRequest &request,
                                             const FaultEffects &effects)
{
    Caller caller;
    if (auto failure = checkApiKey(request, &caller))
        return *failure;
    if (auto failure = checkBearer(request, effects, u"user"_s, &caller))
        return *failure;
    QJsonObject body;
    if (auto failure = parseObject(request, &body))
        return *failure;
    QJsonValue idValue = valueIgnoringCase(body, "transactionId"_L1);
    if (idValue.isUndefined())
        idValue = valueIgnoringCase(body, "transaction_id"_L1);
    if (!idValue.isString() || idValue.toString().isEmpty())
        return fieldError(u"transactionId"_s, u"The transactionId is required"_s);
    const bool extracted = truthy(valueIgnoringCase(body, "getExtractedData"_L1), true);
    const QString id = idValue.toString().trimmed();
    std::optional<SandboxStore::Transaction> t =
        QUuid::fromString(id).isNull() ? std::nullopt : m_store.transaction(id);
    if (!t || t->tenantId != caller.tenantId || !t->apiKeyOnly)
        return envelopeError(200, 5004, u"Unknown transaction id"_s);
    if (t->userId != 0 && t->userId != caller.user->id)
        return envelopeError(200, 5004, u"The transaction is linked to another user"_s);
    if (!t->frontDone || !t->backDone)
        return envelopeError(200, 5004, u"The transaction has no verified ID front and back"_s);
    t->userId = caller.user->id;
    m_store.updateTransaction(*t);
    const specimen::Persona *p = persona(t->frontPersona);
    if (t->livenessDone)
        m_store.setUserVerified(caller.user->id, !(p && p->amlMatch) && !effects.amlMatch);
    return envelope(200, stepData(*t, caller, extracted), 0, QString(), QJsonValue(),
                    services(p, effects, t->livenessDone ? QJsonValue(true) : QJsonValue(),
                             u"egyptian_national_id_front"_s));
}

// ---- admin ---------------------------------------------------------------------------

std::optional<SandboxReply> SandboxService::adminWithRequests(const SandboxRequest &request,
                                                              const FaultEffects &effects,
                                                              Caller *caller)
{
    if (auto failure = checkApiKey(request, caller))
        return failure;
    if (auto failure = checkBearer(request, effects, u"admin"_s, caller))
        return failure;
    if (!caller->admin->permissions.contains(u"Requests"_s))
        return envelopeError(403, 5000,
                             u"Required permissions are not granted. At least one of these "
                             "permissions must be granted: Requests"_s);
    return std::nullopt;
}

SandboxReply SandboxService::userImages(const SandboxRequest &request, const FaultEffects &effects)
{
    Caller caller;
    if (auto failure = adminWithRequests(request, effects, &caller))
        return *failure;
    const QString key =
        request.query.queryItemValue(u"emailOrPhoneNumber"_s, QUrl::FullyDecoded).trimmed();
    if (key.isEmpty())
        return fieldError(u"emailOrPhoneNumber"_s, u"The emailOrPhoneNumber is required"_s);
    const std::optional<SandboxStore::EndUser> user =
        m_store.userByPhoneOrEmail(caller.tenantId, key);
    if (!user)
        return envelopeError(404, 5000, u"There is no user with this email or phone number"_s);
    const std::optional<SandboxStore::Transaction> t = m_store.latestTransactionOfUser(user->id);
    const QHash<QString, QString> names =
        t ? m_store.imageNamesByRole(t->id) : QHash<QString, QString>();
    QJsonObject data;
    for (const QString &role :
         {u"idFrontImage"_s, u"idBackImage"_s, u"livenessImage"_s, u"livenessFace01Image"_s,
          u"livenessFace02Image"_s, u"livenessFace03Image"_s}) {
        data.insert(role, names.contains(role) ? QJsonValue(names.value(role)) : QJsonValue());
    }
    // Not in the documented schema: GetStepImage needs it and the admin has no other source.
    data.insert(u"transactionId"_s, t ? QJsonValue(t->id) : QJsonValue());
    return envelope(200, data);
}

SandboxReply SandboxService::stepImage(const SandboxRequest &request, const FaultEffects &effects)
{
    Caller caller;
    if (auto failure = adminWithRequests(request, effects, &caller))
        return *failure;
    const QString id = request.query.queryItemValue(u"TransactionId"_s, QUrl::FullyDecoded);
    const QString fileName = request.query.queryItemValue(u"FileName"_s, QUrl::FullyDecoded);
    if (id.isEmpty() || QUuid::fromString(id).isNull())
        return fieldError(u"TransactionId"_s, u"The TransactionId must be a UUID"_s);
    if (fileName.isEmpty())
        return fieldError(u"FileName"_s, u"The FileName is required"_s);
    if (request.query.hasQueryItem(u"ImpersonatedTenantId"_s)) {
        bool ok = false;
        request.query.queryItemValue(u"ImpersonatedTenantId"_s).toInt(&ok);
        if (!ok)
            return fieldError(u"ImpersonatedTenantId"_s,
                              u"The ImpersonatedTenantId must be an integer"_s);
    }
    const std::optional<SandboxStore::Transaction> t = m_store.transaction(id);
    const std::optional<QByteArray> bytes =
        t && t->tenantId == caller.tenantId ? m_store.image(id, fileName) : std::nullopt;
    if (!bytes)
        return envelopeError(404, 5000, u"No such image for this transaction"_s);
    return envelope(200, QJsonObject{{u"image"_s, QString::fromLatin1(bytes->toBase64())}}, 0,
                    QString(), QJsonValue(), {}, true);
}

// ---- BoldSign ------------------------------------------------------------------------

SandboxReply SandboxService::boldSign(const SandboxRequest &request, bool image)
{
    const QByteArray key = request.header("x-api-key");
    if (key.isEmpty())
        return boldSignError(401, u"Unauthorized: the X-API-KEY header is missing"_s);
    if (QString::fromUtf8(key) != m_options.boldSignApiKey)
        return boldSignError(401, u"Unauthorized: invalid API key"_s);
    const QString documentId = request.query.queryItemValue(u"documentId"_s, QUrl::FullyDecoded);
    if (documentId.isEmpty())
        return boldSignError(400, u"The documentId is required"_s);
    QJsonObject body;
    {
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
        if (!doc.isObject())
            return boldSignError(400, u"The request body is not a valid JSON object"_s);
        body = doc.object();
    }
    const std::optional<BoldSignDocument> document = m_store.boldSignDocument(documentId);
    if (!document)
        return boldSignError(400, u"Invalid Document ID"_s);
    const QString email = valueIgnoringCase(body, "emailId"_L1).toString().trimmed();
    const QString countryCode = valueIgnoringCase(body, "countryCode"_L1).toString().trimmed();
    const QString phone = valueIgnoringCase(body, "phoneNumber"_L1).toString().trimmed();
    const QJsonValue orderValue = valueIgnoringCase(body, "order"_L1);
    if (email.isEmpty() && (countryCode.isEmpty() || phone.isEmpty()))
        return boldSignError(400, u"Either EmailId or CountryCode and PhoneNumber is required"_s);
    const int order = orderValue.isDouble() ? orderValue.toInt() : 1;
    const bool sameSigner =
        order == document->order &&
        (!email.isEmpty()
             ? email.compare(document->emailId, Qt::CaseInsensitive) == 0
             : (countryCode == document->countryCode && phone == document->phoneNumber));
    if (!sameSigner)
        return boldSignError(400, u"Invalid signer: no such signer in this document"_s);
    if (document->status == u"Pending"_s)
        return boldSignError(403, u"The signer has not completed identity verification yet"_s);

    if (image) {
        const QString fileId = valueIgnoringCase(body, "fileId"_L1).toString().trimmed();
        if (fileId.isEmpty())
            return boldSignError(400, u"The FileId is required"_s);
        const std::optional<QByteArray> bytes = m_store.boldSignFile(documentId, fileId);
        if (!bytes)
            return boldSignError(400, u"Invalid file ID"_s);
        SandboxReply reply;
        reply.contentType = "application/octet-stream";
        reply.body = *bytes;
        return reply;
    }

    const specimen::Persona *p = persona(document->personaId);
    if (!p)
        return boldSignError(400, u"Invalid Document ID"_s);
    const auto dateObject = [](const QDate &date) {
        return QJsonObject{
            {u"day"_s, date.day()}, {u"month"_s, date.month()}, {u"year"_s, date.year()}};
    };
    const bool passed = document->status == u"Passed"_s;
    QJsonObject report{
        {u"verificationResult"_s, document->status},
        {u"verifiedDate"_s,
         QDateTime(QDate(2026, 1, 15), QTime(10, 30), Qt::UTC).toString(Qt::ISODateWithMs)},
        {u"error"_s,
         passed ? QJsonValue()
                : QJsonValue(QJsonObject{{u"code"_s, u"DocumentExpired"_s},
                                         {u"message"_s, u"The identity document has expired"_s}})},
        {u"document"_s,
         QJsonObject{
             {u"type"_s, u"NationalId"_s},
             {u"firstName"_s, p->firstNameEnglish},
             {u"lastName"_s, p->lastNamesEnglish},
             {u"country"_s, u"EG"_s},
             {u"documentNumber"_s, p->idNumber},
             {u"address"_s, QJsonObject{{u"line1"_s, p->address},
                                        {u"line2"_s, p->district},
                                        {u"city"_s, p->city},
                                        {u"state"_s, p->governorate},
                                        {u"postalCode"_s, QJsonValue()},
                                        {u"country"_s, u"EG"_s}}},
             {u"dob"_s, dateObject(p->birthDate)},
             {u"issuedDate"_s, dateObject(p->releaseDate)},
             {u"expirationDate"_s, dateObject(p->expiryDate)},
             {u"documentFiles"_s,
              QJsonArray{document->fileIds.value(0), document->fileIds.value(1)}},
             {u"selfieFile"_s, document->fileIds.value(2)},
         }},
    };
    SandboxReply reply;
    reply.body = QJsonDocument(report).toJson(QJsonDocument::Compact);
    return reply;
}

} // namespace kiosk::sandbox
