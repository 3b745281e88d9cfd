#pragma once

#include "sandboxcontext.h"

namespace kiosk::sandbox {

// The Vlens accounts contract: admin sign-in, token refresh, end-user registration and
// sign-in. Issues the access and refresh tokens the other handlers check.
class VlensAuthHandlers
{
public:
    explicit VlensAuthHandlers(SandboxContext &context);

    // The tenant of the configured ApiKey and its admin and clerk accounts.
    void seedAccounts();

    SandboxReply credentialsLogin(const SandboxRequest &request);
    SandboxReply refreshToken(const SandboxRequest &request);
    SandboxReply registerUser(const SandboxRequest &request);
    SandboxReply userLogin(const SandboxRequest &request);

private:
    QJsonObject tokenData(const QString &kind, qint64 subject);

    SandboxContext &m_context;
};

} // namespace kiosk::sandbox
