#include "sandboxboldsign.h"

#include "specimen/syntheticface.h"

#include <QBuffer>
#include <QDateTime>
#include <QImage>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace kiosk::sandbox {

BoldSignHandlers::BoldSignHandlers(SandboxContext &context)
    : m_context(context)
{}

void BoldSignHandlers::seedDocuments(const CaptureHandlers::CardJpegs &cards)
{
    // The selfie is the persona's own synthetic face.
    for (const BoldSignDocument &document : seededBoldSignDocuments()) {
        const specimen::Persona *owner = m_context.persona(document.personaId);
        if (!owner || !cards.contains(document.personaId))
            continue;
        QByteArray selfie;
        QBuffer buffer(&selfie);
        buffer.open(QIODevice::WriteOnly);
        specimen::SyntheticFace::render(*owner).save(&buffer, "JPG", 90);
        m_context.store.storeBoldSignDocument(document);
        const auto &jpegs = cards.value(document.personaId);
        m_context.store.storeBoldSignFile(document.documentId, document.fileIds.value(0),
                                          jpegs.first);
        m_context.store.storeBoldSignFile(document.documentId, document.fileIds.value(1),
                                          jpegs.second);
        m_context.store.storeBoldSignFile(document.documentId, document.fileIds.value(2), selfie);
    }
}

SandboxReply BoldSignHandlers::handle(const SandboxRequest &request, bool image)
{
    const QByteArray key = request.header("x-api-key");
    if (key.isEmpty())
        return boldSignError(401, u"Unauthorized: the X-API-KEY header is missing"_s);
    if (QString::fromUtf8(key) != m_context.options.boldSignApiKey)
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
    const std::optional<BoldSignDocument> document = m_context.store.boldSignDocument(documentId);
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
        const std::optional<QByteArray> bytes = m_context.store.boldSignFile(documentId, fileId);
        if (!bytes)
            return boldSignError(400, u"Invalid file ID"_s);
        SandboxReply reply;
        reply.contentType = "application/octet-stream";
        reply.body = *bytes;
        return reply;
    }

    const specimen::Persona *p = m_context.persona(document->personaId);
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
