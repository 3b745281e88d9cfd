#pragma once

#include "sandboxcapture.h"
#include "sandboxcontext.h"

namespace kiosk::sandbox {

// The BoldSign identity-verification contract (its own API key and error shape): a
// signer's verification report and the document and selfie files behind it.
class BoldSignHandlers
{
public:
    explicit BoldSignHandlers(SandboxContext &context);

    // Stores the seeded documents whose personas exist, with their card and selfie files.
    void seedDocuments(const CaptureHandlers::CardJpegs &cards);

    // image: the file named in the body; otherwise the report.
    SandboxReply handle(const SandboxRequest &request, bool image);

private:
    SandboxContext &m_context;
};

} // namespace kiosk::sandbox
