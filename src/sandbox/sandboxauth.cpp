#include "sandboxauth.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace kiosk::sandbox {

namespace {

constexpr int RefreshLifetimeSec = 30 * 86400;

} // namespace

VlensAuthHandlers::VlensAuthHandlers(SandboxContext &context)
    : m_context(context)
{}

void VlensAuthHandlers::seedAccounts()
{
    const SandboxOptions &options = m_context.options;
    const qint64 tenant = m_context.store.ensureTenant(options.tenancyName, options.apiKey);
    m_context.store.ensureAdmin(tenant, options.adminUser, options.adminPassword, {u"Requests"_s});
    m_context.store.ensureAdmin(tenant, options.clerkUser, options.clerkPassword, {});
}

QJsonObject VlensAuthHandlers::tokenData(const QString &kind, qint64 subject)
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QString access =
        m_context.tokens.issue(QJsonObject{{u"sub"_s, QString::number(subject)},
                                           {u"kind"_s, kind},
                                           {u"tenant"_s, m_context.options.tenancyName}},
                               now, m_context.options.accessTokenLifetimeSec);
    m_context.store.storeToken(
        tokenHash(access), {kind, subject, now + m_context.options.accessTokenLifetimeSec, false});
    const QString refresh =
        QUuid::createUuid().toString(QUuid::Id128) + QUuid::createUuid().toString(QUuid::Id128);
    m_context.store.storeToken(tokenHash(refresh), {kind, subject, now + RefreshLifetimeSec, true});
    return QJsonObject{
        {u"accessToken"_s, access},
        {u"encryptedAccessToken"_s, access},
        {u"expireInSeconds"_s, m_context.options.accessTokenLifetimeSec},
        {u"refreshToken"_s, refresh},
        {u"refreshTokenExpireInSeconds"_s, RefreshLifetimeSec},
    };
}

SandboxReply VlensAuthHandlers::credentialsLogin(const SandboxRequest &request)
{
    Caller caller;
    QJsonObject body;
    if (auto failure = m_context.admit(request, &caller, &body))
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
    const std::optional<qint64> tenant = m_context.store.tenantByName(tenancy);
    if (!tenant || *tenant != caller.tenantId)
        return envelopeError(401, 5000, u"There is no such tenant for this ApiKey"_s);
    const std::optional<SandboxStore::Admin> admin =
        m_context.store.checkAdmin(*tenant, user, password);
    if (!admin)
        return envelopeError(401, 5000, u"Invalid user name or password"_s);
    QJsonObject data = tokenData(u"admin"_s, admin->id);
    data.insert(u"userId"_s, admin->id);
    return envelope(200, data);
}

SandboxReply VlensAuthHandlers::refreshToken(const SandboxRequest &request)
{
    Caller caller;
    QJsonObject body;
    if (auto failure = m_context.admit(request, &caller, &body))
        return *failure;
    const QString refresh = valueIgnoringCase(body, "refreshToken"_L1).toString();
    if (refresh.isEmpty())
        return fieldError(u"refreshToken"_s, u"The refreshToken is required"_s);
    const std::optional<SandboxStore::Token> row = m_context.store.token(tokenHash(refresh));
    if (!row || !row->refresh || row->expiresAt <= QDateTime::currentSecsSinceEpoch())
        return envelopeError(401, 5004, u"Invalid or expired refresh token"_s);
    // Rotate: the old refresh token stops working.
    m_context.store.storeToken(tokenHash(refresh), {row->kind, row->subject, 0, true});
    return envelope(200, tokenData(row->kind, row->subject));
}

SandboxReply VlensAuthHandlers::registerUser(const SandboxRequest &request)
{
    Caller caller;
    QJsonObject body;
    if (auto failure = m_context.admit(request, &caller, &body))
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
        m_context.store.createUser(caller.tenantId, phone, email, password);
    if (!user)
        return envelopeError(200, 5000, u"The phone number is already registered"_s);
    QJsonObject data = tokenData(u"user"_s, user->id);
    data.insert(u"isDigitalIdentityVerified"_s, false);
    data.insert(u"user"_s, m_context.userJson(*user));
    return envelope(200, data);
}

SandboxReply VlensAuthHandlers::userLogin(const SandboxRequest &request)
{
    Caller caller;
    QJsonObject body;
    if (auto failure = m_context.admit(request, &caller, &body))
        return *failure;
    const QString phone = valueIgnoringCase(body, "phoneNumber"_L1).toString().trimmed();
    const QString password = valueIgnoringCase(body, "password"_L1).toString();
    if (phone.isEmpty())
        return fieldError(u"phoneNumber"_s, u"The phoneNumber is required"_s);
    if (password.isEmpty())
        return fieldError(u"password"_s, u"The password is required"_s);
    const std::optional<SandboxStore::EndUser> user =
        m_context.store.checkUser(caller.tenantId, phone, password);
    if (!user)
        return envelopeError(401, 5000, u"Invalid phone number or password"_s);
    QJsonObject data = tokenData(u"user"_s, user->id);
    data.insert(u"isDigitalIdentityVerified"_s, user->verified);
    data.insert(u"user"_s, m_context.userJson(*user));
    data.insert(u"isPhoneNumberConfirmed"_s, true);
    data.insert(u"shouldVerifyPhoneNumberOtp"_s, false);
    data.insert(u"shouldVerifyEmailOtp"_s, false);
    return envelope(200, data);
}

} // namespace kiosk::sandbox
