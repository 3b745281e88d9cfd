#include "vlenstypes.h"

#include "apienvelope.h"
#include "imageformat.h"
#include "saturating.h"

#include <QJsonArray>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace kiosk::api {

namespace {

using json::get;
using json::str;

bool flag(const QJsonObject &o, QStringView key)
{
    return ApiEnvelope::boolean(get(o, key)).value_or(false);
}

qint64 integer(const QJsonObject &o, QStringView key)
{
    const QJsonValue v = get(o, key);
    if (v.isDouble())
        return saturating::toInt64(v.toDouble()); // 1e300 or NaN: no undefined cast
    return v.toString().toLongLong();
}

VlensUser parseUser(const QJsonObject &o)
{
    VlensUser user;
    user.id = str(o, u"id");
    user.emailAddress = str(o, u"emailAddress");
    user.phoneNumber = str(o, u"phoneNumber");
    user.idNumber = str(o, u"idNumber");
    user.raw = o;
    return user;
}

} // namespace

QString Services::firstValidationMessage() const
{
    for (const ValidationError &v : validationErrors) {
        for (const FieldError &e : v.errors) {
            if (!e.message.isEmpty())
                return e.message;
        }
    }
    return {};
}

bool parseTokens(const QJsonObject &data, TokenResult *out, QString *why)
{
    out->accessToken = str(data, u"accessToken");
    out->refreshToken = str(data, u"refreshToken");
    out->expireInSeconds = integer(data, u"expireInSeconds");
    out->refreshTokenExpireInSeconds = integer(data, u"refreshTokenExpireInSeconds");
    // A lifetime past a century is as good as "never expires"; capping it keeps addSecs()
    // from overflowing its millisecond arithmetic.
    constexpr qint64 maxLifetimeSecs = 100LL * 366 * 24 * 3600;
    out->expireInSeconds = std::min(out->expireInSeconds, maxLifetimeSecs);
    out->refreshTokenExpireInSeconds = std::min(out->refreshTokenExpireInSeconds, maxLifetimeSecs);
    out->expiresAt = out->expireInSeconds > 0
                         ? QDateTime::currentDateTimeUtc().addSecs(out->expireInSeconds)
                         : QDateTime();
    if (out->accessToken.isEmpty()) {
        *why = u"no accessToken in data"_s;
        return false;
    }
    return true;
}

bool parseSession(const QJsonObject &data, SessionResult *out, QString *why)
{
    if (!parseTokens(data, &out->tokens, why))
        return false;
    out->isDigitalIdentityVerified = flag(data, u"isDigitalIdentityVerified");
    out->user = parseUser(get(data, u"user").toObject());
    out->data = data;
    return true;
}

IdFrontData parseIdFront(const QJsonObject &o)
{
    IdFrontData f;
    f.firstName = str(o, u"first_name");
    f.lastNames = str(o, u"last_names");
    f.firstNameEnglish = str(o, u"first_name_english");
    f.lastNamesEnglish = str(o, u"last_names_english");
    f.name = str(o, u"name");
    f.nameEnglish = str(o, u"name_english");
    f.idNumber = str(o, u"idNumber");
    f.dateOfBirth = str(o, u"dateOfBirth");
    f.govern = str(o, u"govern");
    f.city = str(o, u"city");
    f.district = str(o, u"district");
    f.address = str(o, u"address");
    f.gender = str(o, u"gender");
    f.idKey = str(o, u"idKey");
    f.transactionId = str(o, u"transaction_id");
    f.raw = o;
    return f;
}

IdBackData parseIdBack(const QJsonObject &o)
{
    IdBackData b;
    b.maritalStatus = str(o, u"maritalStatus");
    b.job = str(o, u"job");
    b.jobTitle = str(o, u"jobTitle");
    b.religion = str(o, u"religion");
    b.husbandName = str(o, u"husbandName");
    b.releaseDate = str(o, u"releaseDate");
    b.idExpiry = str(o, u"idExpiry");
    b.idNumber = str(o, u"idNumber");
    b.gender = str(o, u"gender");
    b.raw = o;
    return b;
}

Services parseServices(const QJsonObject &o)
{
    Services s;
    s.raw = o;
    const QJsonValue validations = get(o, u"validations");
    const QJsonArray list = validations.isArray()
                                ? validations.toArray()
                                : get(validations.toObject(), u"validation_errors").toArray();
    for (const QJsonValue &entry : list) {
        const QJsonObject e = entry.toObject();
        ValidationError v;
        v.field = str(e, u"field");
        v.value = str(e, u"value");
        const QJsonArray errors = get(e, u"errors").toArray();
        for (const QJsonValue &err : errors) {
            const QJsonObject eo = err.toObject();
            v.errors.append({str(eo, u"code"), str(eo, u"message")});
        }
        s.validationErrors.append(v);
    }
    s.spoofingFake = ApiEnvelope::boolean(get(get(o, u"spoofing").toObject(), u"fake"));
    s.docType = str(get(o, u"classification").toObject(), u"doc_type");
    const QJsonValue liveness = get(o, u"liveness");
    s.liveness = liveness.isObject() ? ApiEnvelope::boolean(get(liveness.toObject(), u"liveness"))
                                     : ApiEnvelope::boolean(liveness);
    const QJsonObject aml = get(o, u"AML").toObject();
    s.amlMatched = ApiEnvelope::boolean(get(aml, u"AML_matched"));
    s.amlData = get(aml, u"data");
    const QJsonObject src = get(o, u"SRC").toObject();
    s.src.isValid = ApiEnvelope::boolean(get(src, u"isValid"));
    s.src.errorCode = str(src, u"errorCode");
    s.src.errorKey = str(src, u"errorKey");
    s.src.errorMessage = str(src, u"errorMessage");
    return s;
}

bool parseVerify(const ApiEnvelope &envelope, VerifyResult *out, QString *why)
{
    const QJsonValue dataValue = envelope.data();
    if (!dataValue.isObject()) {
        *why = u"data is not an object"_s;
        return false;
    }
    const QJsonObject data = dataValue.toObject();
    out->isVerificationProcessCompleted = flag(data, u"isVerificationProcessCompleted");
    out->isDigitalIdentityVerified = flag(data, u"isDigitalIdentityVerified");
    out->user = parseUser(get(data, u"user").toObject());
    const QJsonValue front = get(data, u"idFrontData");
    if (front.isObject())
        out->front = parseIdFront(front.toObject());
    const QJsonValue back = get(data, u"idBackData");
    if (back.isObject())
        out->back = parseIdBack(back.toObject());
    out->services = parseServices(envelope.services());
    QString tx = out->front ? out->front->transactionId : QString();
    if (tx.isEmpty())
        tx = str(data, u"transaction_id");
    if (tx.isEmpty())
        tx = str(data, u"transactionId");
    if (!tx.isEmpty())
        out->transactionId = tx;
    return true;
}

bool parseIdentityImages(const QJsonObject &data, IdentityImages *out, QString *why)
{
    Q_UNUSED(why)
    out->idFrontImage = str(data, u"idFrontImage");
    out->idBackImage = str(data, u"idBackImage");
    out->livenessImage = str(data, u"livenessImage");
    out->livenessFace01Image = str(data, u"livenessFace01Image");
    out->livenessFace02Image = str(data, u"livenessFace02Image");
    out->livenessFace03Image = str(data, u"livenessFace03Image");
    out->transactionId = str(data, u"transactionId");
    if (out->transactionId.isEmpty())
        out->transactionId = str(data, u"transaction_id");
    return true;
}

bool parseStepImage(const QJsonObject &data, StepImage *out, QString *why)
{
    const QJsonValue image = get(data, u"image");
    if (!image.isString()) {
        *why = u"no image in data"_s;
        return false;
    }
    QByteArray encoded = image.toString().toLatin1().trimmed();
    // Tolerate a data: URL prefix even though the API documents bare base64.
    const qsizetype comma = encoded.startsWith("data:") ? encoded.indexOf(',') : -1;
    if (comma >= 0)
        encoded = encoded.mid(comma + 1);
    const auto decoded = QByteArray::fromBase64Encoding(
        encoded, QByteArray::Base64Encoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.isEmpty()) {
        *why = u"image is not base64"_s;
        return false;
    }
    // The service stores JPEG and PNG only: anything else is not shown, not saved.
    const ImageFormat format = detectImageFormat(decoded.decoded);
    if (format != ImageFormat::Jpeg && format != ImageFormat::Png) {
        *why = u"the image is not JPEG or PNG (its first bytes match neither)"_s;
        return false;
    }
    out->bytes = decoded.decoded;
    return true;
}

} // namespace kiosk::api
