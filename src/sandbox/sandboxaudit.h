#pragma once

#include "sandboxcontext.h"

namespace kiosk::sandbox {

// The Vlens audit contract, for admins with the Requests permission: the image names of a
// user's latest transaction, and one stored step image.
class AuditHandlers
{
public:
    explicit AuditHandlers(SandboxContext &context);

    SandboxReply userImages(const SandboxRequest &request, const FaultEffects &effects);
    SandboxReply stepImage(const SandboxRequest &request, const FaultEffects &effects);

private:
    std::optional<SandboxReply> adminWithRequests(const SandboxRequest &request,
                                                  const FaultEffects &effects, Caller *caller);

    SandboxContext &m_context;
};

} // namespace kiosk::sandbox
