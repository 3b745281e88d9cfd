#include "sandboxaudit.h"

#include "sandboxservice.h"

#include <QUuid>

using namespace Qt::StringLiterals;

namespace kiosk::sandbox {

AuditHandlers::AuditHandlers(SandboxContext &context)
    : m_context(context)
{}

std::optional<SandboxReply> AuditHandlers::adminWithRequests(const SandboxRequest &request,
                                                             const FaultEffects &effects,
                                                             Caller *caller)
{
    if (auto failure = m_context.checkApiKey(request, caller))
        return failure;
    if (auto failure = m_context.checkBearer(request, effects, u"admin"_s, caller))
        return failure;
    if (!caller->admin->permissions.contains(u"Requests"_s))
        return envelopeError(403, 5000,
                             u"Required permissions are not granted. At least one of these "
                             "permissions must be granted: Requests"_s);
    return std::nullopt;
}

SandboxReply AuditHandlers::userImages(const SandboxRequest &request, const FaultEffects &effects)
{
    Caller caller;
    if (auto failure = adminWithRequests(request, effects, &caller))
        return *failure;
    const QString key =
        request.query.queryItemValue(u"emailOrPhoneNumber"_s, QUrl::FullyDecoded).trimmed();
    if (key.isEmpty())
        return fieldError(u"emailOrPhoneNumber"_s, u"The emailOrPhoneNumber is required"_s);
    const std::optional<SandboxStore::EndUser> user =
        m_context.store.userByPhoneOrEmail(caller.tenantId, key);
    if (!user)
        return envelopeError(404, 5000, u"There is no user with this email or phone number"_s);
    const std::optional<SandboxStore::Transaction> t =
        m_context.store.latestTransactionOfUser(user->id);
    const QHash<QString, QString> names =
        t ? m_context.store.imageNamesByRole(t->id) : QHash<QString, QString>();
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

SandboxReply AuditHandlers::stepImage(const SandboxRequest &request, const FaultEffects &effects)
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
    const std::optional<SandboxStore::Transaction> t = m_context.store.transaction(id);
    const std::optional<QByteArray> bytes =
        t && t->tenantId == caller.tenantId ? m_context.store.image(id, fileName) : std::nullopt;
    if (!bytes)
        return envelopeError(404, 5000, u"No such image for this transaction"_s);
    return envelope(200, QJsonObject{{u"image"_s, QString::fromLatin1(bytes->toBase64())}}, 0,
                    QString(), QJsonValue(), {}, true);
}

} // namespace kiosk::sandbox
