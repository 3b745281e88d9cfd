#include "sandboxservice.h"

using namespace Qt::StringLiterals;

namespace kiosk::sandbox {

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
    : m_context(options, store)
    , m_auth(m_context)
    , m_capture(m_context)
    , m_audit(m_context)
    , m_boldSign(m_context)
{}

bool SandboxService::prepare(QString *error)
{
    const SandboxOptions &options = m_context.options;
    m_context.personas = options.personasFile.isEmpty()
                             ? specimen::loadPersonasFile(specimen::builtInPersonasPath(), error)
                             : specimen::loadPersonasFile(options.personasFile, error);
    if (m_context.personas.isEmpty())
        return false;
    m_auth.seedAccounts();
    CaptureHandlers::CardJpegs cards;
    if (!m_capture.learnCards(&cards, error))
        return false;
    m_boldSign.seedDocuments(cards);
    return true;
}

SandboxReply SandboxService::handle(Endpoint endpoint, const SandboxRequest &request,
                                    const FaultEffects &effects)
{
    switch (endpoint) {
    case Endpoint::CredentialsLogin:
        return m_auth.credentialsLogin(request);
    case Endpoint::RefreshToken:
        return m_auth.refreshToken(request);
    case Endpoint::Register:
        return m_auth.registerUser(request);
    case Endpoint::UserLogin:
        return m_auth.userLogin(request);
    case Endpoint::VerifyFront:
        return m_capture.verifyCard(request, effects, CaptureHandlers::Side::Front, false);
    case Endpoint::VerifyBack:
        return m_capture.verifyCard(request, effects, CaptureHandlers::Side::Back, false);
    case Endpoint::VerifyLiveness:
        return m_capture.verifyLiveness(request, effects, false);
    case Endpoint::OcrFront:
        return m_capture.verifyCard(request, effects, CaptureHandlers::Side::Front, true);
    case Endpoint::OcrBack:
        return m_capture.verifyCard(request, effects, CaptureHandlers::Side::Back, true);
    case Endpoint::OcrLiveness:
        return m_capture.verifyLiveness(request, effects, true);
    case Endpoint::LinkTransaction:
        return m_capture.linkTransaction(request, effects);
    case Endpoint::UserImages:
        return m_audit.userImages(request, effects);
    case Endpoint::StepImage:
        return m_audit.stepImage(request, effects);
    case Endpoint::BoldSignReport:
        return m_boldSign.handle(request, false);
    case Endpoint::BoldSignImage:
        return m_boldSign.handle(request, true);
    case Endpoint::SandboxFaults:
        break;
    }
    return envelopeError(404, 5000, u"Not found"_s);
}

} // namespace kiosk::sandbox
