#pragma once

#include "sandboxaudit.h"
#include "sandboxauth.h"
#include "sandboxboldsign.h"
#include "sandboxcapture.h"
#include "sandboxcontext.h"
#include "sandboxserver.h"
#include "sandboxtypes.h"
#include "specimen/persona.h"

#include <QList>

namespace kiosk::sandbox {

enum class Endpoint
{
    CredentialsLogin,
    RefreshToken,
    Register,
    UserLogin,
    VerifyFront,
    VerifyBack,
    VerifyLiveness,
    OcrFront,
    OcrBack,
    OcrLiveness,
    LinkTransaction,
    UserImages,
    StepImage,
    BoldSignReport,
    BoldSignImage,
    SandboxFaults,
};

struct EndpointInfo
{
    Endpoint endpoint;
    QLatin1StringView path;
    QLatin1StringView method; // "POST" or "GET"; SandboxFaults takes POST, GET and DELETE
};
const QList<EndpointInfo> &endpointTable();

// Text of a Vlens error code (used by the error_code fault and by the service).
QString messageForErrorCode(int code);

// The Vlens and BoldSign contracts behind one entry point: hands each endpoint to the
// handlers of its contract (accounts, capture, audit, BoldSign), which share one
// SandboxContext. Knows nothing about sockets or transport faults.
class SandboxService
{
public:
    SandboxService(const SandboxOptions &options, SandboxStore &store);

    // Loads personas, renders their cards, trains the recogniser, seeds the store.
    bool prepare(QString *error = nullptr);

    SandboxReply handle(Endpoint endpoint, const SandboxRequest &request,
                        const FaultEffects &effects);

    const QList<specimen::Persona> &personas() const { return m_context.personas; }

private:
    SandboxContext m_context;
    VlensAuthHandlers m_auth;
    CaptureHandlers m_capture;
    AuditHandlers m_audit;
    BoldSignHandlers m_boldSign;
};

} // namespace kiosk::sandbox
