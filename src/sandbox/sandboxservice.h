#pragma once

#include "cardrecognizer.h"
#include "sandboxserver.h"
#include "sandboxstore.h"
#include "sandboxtypes.h"
#include "specimen/persona.h"
#include "tokenissuer.h"

#include <QJsonArray>
#include <QJsonObject>

#include <opencv2/core.hpp>

#include <optional>

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

// The business logic of the Vlens and BoldSign contracts: turns a request into a reply,
// reading and writing the store. Knows nothing about sockets or transport faults.
class SandboxService
{
public:
    SandboxService(const SandboxOptions &options, SandboxStore &store);

    // Loads personas, renders their cards, trains the recogniser, seeds the store.
    bool prepare(QString *error = nullptr);

    SandboxReply handle(Endpoint endpoint, const SandboxRequest &request,
                        const FaultEffects &effects);

    const QList<specimen::Persona> &personas() const { return m_personas; }

private:
    enum class Side
    {
        Front,
        Back
    };
    struct Caller
    {
        qint64 tenantId = 0;
        std::optional<SandboxStore::EndUser> user;
        std::optional<SandboxStore::Admin> admin;
    };
    struct Image
    {
        QByteArray bytes;
        cv::Mat mat;
    };

    // Each returns a reply on failure, nullopt when the request may go on.
    std::optional<SandboxReply> checkApiKey(const SandboxRequest &request, Caller *caller) const;
    std::optional<SandboxReply> checkBearer(const SandboxRequest &request,
                                            const FaultEffects &effects, const QString &kind,
                                            Caller *caller) const;
    std::optional<SandboxReply> parseObject(const SandboxRequest &request,
                                            QJsonObject *object) const;
    std::optional<SandboxReply> decodeImage(const QJsonValue &value, const QString &field,
                                            qint64 softLimit, Image *image,
                                            bool decodePixels = true) const;

    SandboxReply credentialsLogin(const SandboxRequest &request);
    SandboxReply refreshToken(const SandboxRequest &request);
    SandboxReply registerUser(const SandboxRequest &request);
    SandboxReply userLogin(const SandboxRequest &request);
    SandboxReply verifyCard(const SandboxRequest &request, const FaultEffects &effects, Side side,
                            bool apiKeyOnly);
    SandboxReply verifyLiveness(const SandboxRequest &request, const FaultEffects &effects,
                                bool apiKeyOnly);
    SandboxReply linkTransaction(const SandboxRequest &request, const FaultEffects &effects);
    SandboxReply userImages(const SandboxRequest &request, const FaultEffects &effects);
    SandboxReply stepImage(const SandboxRequest &request, const FaultEffects &effects);
    SandboxReply boldSign(const SandboxRequest &request, bool image);

    QJsonObject tokenData(const QString &kind, qint64 subject);
    std::optional<SandboxReply> adminWithRequests(const SandboxRequest &request,
                                                  const FaultEffects &effects, Caller *caller);
    std::optional<SandboxReply> openTransaction(const QJsonValue &id, const Caller &caller,
                                                bool apiKeyOnly, bool createIfMissing,
                                                SandboxStore::Transaction *transaction);
    const specimen::Persona *persona(const QString &id) const;
    QJsonObject frontData(const specimen::Persona &p, const QString &transactionId) const;
    QJsonObject backData(const specimen::Persona &p, const QString &transactionId) const;
    QJsonObject stepData(const SandboxStore::Transaction &t, const Caller &caller,
                         bool extracted) const;
    QJsonObject services(const specimen::Persona *p, const FaultEffects &effects,
                         const QJsonValue &liveness, const QString &docType,
                         const QJsonArray &validationErrors = {}, bool fake = false) const;
    QJsonObject userJson(const SandboxStore::EndUser &user) const;

    SandboxOptions m_options;
    SandboxStore &m_store;
    TokenIssuer m_tokens;
    QList<specimen::Persona> m_personas;
    CardRecognizer m_recognizer; // template index = persona index * 2 + side
};

} // namespace kiosk::sandbox
