#include "sandboxcapture.h"

#include "sandboxlogging.h"
#include "sandboxservice.h"
#include "specimen/idcardrenderer.h"

#include <QImage>
#include <QJsonDocument>
#include <QUuid>

#include <opencv2/imgcodecs.hpp>

using namespace Qt::StringLiterals;

namespace kiosk::sandbox {

namespace {

QString isoDate(const QDate &date)
{
    return date.toString(Qt::ISODate);
}

// The transaction id of a capture request, under either spelling.
QJsonValue transactionIdOf(const QJsonObject &body)
{
    const QJsonValue value = valueIgnoringCase(body, "transaction_id"_L1);
    return value.isUndefined() ? valueIgnoringCase(body, "transactionId"_L1) : value;
}

} // namespace

CaptureHandlers::CaptureHandlers(SandboxContext &context)
    : m_context(context)
{}

bool CaptureHandlers::learnCards(CardJpegs *cards, QString *error)
{
    const specimen::IdCardRenderer renderer;
    for (const specimen::Persona &p : std::as_const(m_context.personas)) {
        for (const auto side :
             {specimen::IdCardRenderer::Side::Front, specimen::IdCardRenderer::Side::Back}) {
            const QImage card =
                renderer.render(p, side).convertToFormat(QImage::Format_RGB888).rgbSwapped();
            const cv::Mat mat(card.height(), card.width(), CV_8UC3,
                              const_cast<uchar *>(card.constBits()), size_t(card.bytesPerLine()));
            m_context.recognizer.addTemplate(mat);
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
                                   ? (*cards)[p.id].first
                                   : (*cards)[p.id].second;
            slot = QByteArray(reinterpret_cast<const char *>(jpeg.data()), qsizetype(jpeg.size()));
        }
    }
    m_context.recognizer.train();
    return true;
}

std::optional<SandboxReply> CaptureHandlers::openTransaction(const QJsonValue &id,
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
        *transaction = m_context.store.createTransaction(
            caller.tenantId, caller.user ? caller.user->id : 0, apiKeyOnly);
        return std::nullopt;
    }
    const QUuid uuid = QUuid::fromString(text);
    const std::optional<SandboxStore::Transaction> found =
        uuid.isNull() ? std::nullopt : m_context.store.transaction(text);
    if (!found || found->tenantId != caller.tenantId)
        return envelopeError(200, 5004, u"Unknown transaction id"_s);
    const bool owned = apiKeyOnly ? (found->apiKeyOnly && found->userId == 0)
                                  : (caller.user && found->userId == caller.user->id);
    if (!owned)
        return envelopeError(200, 5004, u"The transaction does not belong to this caller"_s);
    *transaction = *found;
    return std::nullopt;
}

QJsonObject CaptureHandlers::frontData(const specimen::Persona &p,
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

QJsonObject CaptureHandlers::backData(const specimen::Persona &p,
                                      const QString &transactionId) const
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

QJsonObject CaptureHandlers::stepData(const SandboxStore::Transaction &t, const Caller &caller,
                                      bool extracted) const
{
    QJsonObject data;
    const bool completed = t.frontDone && t.backDone && t.livenessDone;
    data.insert(u"isVerificationProcessCompleted"_s, completed);
    const specimen::Persona *p =
        m_context.persona(t.frontPersona.isEmpty() ? t.backPersona : t.frontPersona);
    bool verified = false;
    if (caller.user) {
        const std::optional<SandboxStore::EndUser> fresh = m_context.store.user(caller.user->id);
        verified = fresh && fresh->verified;
        QJsonObject user = m_context.userJson(fresh.value_or(*caller.user));
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

QJsonObject CaptureHandlers::services(const specimen::Persona *p, const FaultEffects &effects,
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

SandboxReply CaptureHandlers::verifyCard(const SandboxRequest &request, const FaultEffects &effects,
                                         Side side, bool apiKeyOnly)
{
    Caller caller;
    QJsonObject body;
    if (auto failure =
            m_context.admit(request, &caller, &body, apiKeyOnly ? QString() : u"user"_s, effects))
        return *failure;
    const QJsonValue imageValue = valueIgnoringCase(body, "image"_L1);
    if (imageValue.isUndefined() || imageValue.isNull())
        return fieldError(u"image"_s, u"The field image is required"_s);
    const bool extracted = truthy(valueIgnoringCase(body, "getExtractedData"_L1), true);

    SandboxStore::Transaction transaction;
    const QJsonValue transactionValue = transactionIdOf(body);
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
    if (auto failure = m_context.decodeImage(imageValue, u"image"_s, DocumentSoftLimit, &image))
        return *failure;

    const CardRecognizer::Match match = m_context.recognizer.recognize(image.mat);
    if (match.templateIndex < 0)
        return envelope(
            200, QJsonValue(), 3011, messageForErrorCode(3011), QJsonValue(),
            services(nullptr, effects, QJsonValue(), QString(),
                     QJsonArray{validationError(u"image"_s, 3011, messageForErrorCode(3011))}));
    const specimen::Persona &p = m_context.personas.at(match.templateIndex / 2);
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
            m_context.store.storeImage(
                transaction.id, u"idFrontImage"_s,
                u"%1_id_front_%2.%3"_s.arg(prefix, stamp, imageExtension(image.bytes)),
                image.bytes);
        } else {
            transaction.backDone = true;
            transaction.backPersona = p.id;
            transaction.ocrBack = QJsonDocument(ocr).toJson(QJsonDocument::Compact);
            m_context.store.storeImage(
                transaction.id, u"idBackImage"_s,
                u"%1_id_back_%2.%3"_s.arg(prefix, stamp, imageExtension(image.bytes)), image.bytes);
        }
        // A retaken side invalidates an earlier liveness result.
        transaction.livenessDone = false;
        m_context.store.updateTransaction(transaction);
    }

    QJsonObject data = stepData(transaction, caller, extracted);
    if (errorCode != 0 && extracted) {
        // Show what was read even when the document is refused.
        data.insert(side == Side::Front ? u"idFrontData"_s : u"idBackData"_s, ocr);
    }
    return envelope(200, data, errorCode, errorCode ? messageForErrorCode(errorCode) : QString(),
                    QJsonValue(), services(&p, effects, QJsonValue(), docType, errors, fake));
}

SandboxReply CaptureHandlers::verifyLiveness(const SandboxRequest &request,
                                             const FaultEffects &effects, bool apiKeyOnly)
{
    Caller caller;
    QJsonObject body;
    if (auto failure =
            m_context.admit(request, &caller, &body, apiKeyOnly ? QString() : u"user"_s, effects))
        return *failure;
    static constexpr QLatin1StringView faceFields[] = {"face_1"_L1, "face_2"_L1, "face_3"_L1};
    for (const QLatin1StringView field : faceFields) {
        const QJsonValue v = valueIgnoringCase(body, field);
        if (v.isUndefined() || v.isNull())
            return fieldError(field, u"The field %1 is required"_s.arg(field));
    }
    const bool extracted = truthy(valueIgnoringCase(body, "getExtractedData"_L1), true);
    const QJsonValue transactionValue = transactionIdOf(body);
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
        if (auto failure =
                m_context.decodeImage(valueIgnoringCase(body, field), field, FaceLimit, &face))
            return *failure;
        faces.append(face);
    }
    const QJsonValue idImage = valueIgnoringCase(body, "image"_L1);
    if (!idImage.isUndefined() && !idImage.isNull()) {
        Image ignored;
        if (auto failure =
                m_context.decodeImage(idImage, u"image"_s, DocumentSoftLimit, &ignored, false))
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

    const specimen::Persona *p = m_context.persona(transaction.frontPersona);
    const bool live = !effects.livenessFail;
    QJsonArray errors;
    if (live) {
        const QString stamp = QDate::currentDate().toString(u"yyyyMMdd"_s);
        const QString prefix = caller.user ? QString::number(caller.user->id) : u"ocr"_s;
        for (int i = 0; i < faces.size(); ++i) {
            m_context.store.storeImage(transaction.id, u"livenessFace0%1Image"_s.arg(i + 1),
                                       u"%1_liveness_face%2_%3.%4"_s.arg(prefix).arg(i + 1).arg(
                                           stamp, imageExtension(faces[i].bytes)),
                                       faces[i].bytes);
        }
        m_context.store.storeImage(
            transaction.id, u"livenessImage"_s,
            u"%1_liveness_%2.%3"_s.arg(prefix, stamp, imageExtension(faces[1].bytes)),
            faces[1].bytes);
        transaction.livenessDone = true;
        m_context.store.updateTransaction(transaction);
        if (caller.user)
            m_context.store.setUserVerified(caller.user->id,
                                            !((p && p->amlMatch) || effects.amlMatch));
    } else {
        errors.append(validationError(u"face"_s, 4208, u"Liveness check failed"_s));
    }
    QJsonObject data = stepData(transaction, caller, extracted);
    const bool aml = (p && p->amlMatch) || effects.amlMatch;
    data.insert(u"isDigitalIdentityVerified"_s, live && !aml);
    return envelope(200, data, 0, QString(), QJsonValue(),
                    services(p, effects, live, u"egyptian_national_id_front"_s, errors));
}

SandboxReply CaptureHandlers::linkTransaction(const SandboxRequest &request,
                                              const FaultEffects &effects)
{
    Caller caller;
    QJsonObject body;
    if (auto failure = m_context.admit(request, &caller, &body, u"user"_s, effects))
        return *failure;
    QJsonValue idValue = valueIgnoringCase(body, "transactionId"_L1);
    if (idValue.isUndefined())
        idValue = valueIgnoringCase(body, "transaction_id"_L1);
    if (!idValue.isString() || idValue.toString().isEmpty())
        return fieldError(u"transactionId"_s, u"The transactionId is required"_s);
    const bool extracted = truthy(valueIgnoringCase(body, "getExtractedData"_L1), true);
    const QString id = idValue.toString().trimmed();
    std::optional<SandboxStore::Transaction> t =
        QUuid::fromString(id).isNull() ? std::nullopt : m_context.store.transaction(id);
    if (!t || t->tenantId != caller.tenantId || !t->apiKeyOnly)
        return envelopeError(200, 5004, u"Unknown transaction id"_s);
    if (t->userId != 0 && t->userId != caller.user->id)
        return envelopeError(200, 5004, u"The transaction is linked to another user"_s);
    if (!t->frontDone || !t->backDone)
        return envelopeError(200, 5004, u"The transaction has no verified ID front and back"_s);
    t->userId = caller.user->id;
    m_context.store.updateTransaction(*t);
    const specimen::Persona *p = m_context.persona(t->frontPersona);
    if (t->livenessDone)
        m_context.store.setUserVerified(caller.user->id, !(p && p->amlMatch) && !effects.amlMatch);
    return envelope(200, stepData(*t, caller, extracted), 0, QString(), QJsonValue(),
                    services(p, effects, t->livenessDone ? QJsonValue(true) : QJsonValue(),
                             u"egyptian_national_id_front"_s));
}

} // namespace kiosk::sandbox
