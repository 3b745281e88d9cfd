#pragma once

#include "sandboxcontext.h"

#include <QHash>

#include <utility>

namespace kiosk::sandbox {

// The Vlens capture contract: ID front and back (with and without a user), the liveness
// burst, and linking an ApiKey-only transaction to a user. Recognises the persona's card
// in the photo by feature matching against the cards rendered at start.
class CaptureHandlers
{
public:
    enum class Side
    {
        Front,
        Back
    };
    // Front and back JPEG of each persona's card, by persona id.
    using CardJpegs = QHash<QString, std::pair<QByteArray, QByteArray>>;

    explicit CaptureHandlers(SandboxContext &context);

    // Renders every persona's card, trains the recogniser on them and returns the JPEGs.
    bool learnCards(CardJpegs *cards, QString *error);

    SandboxReply verifyCard(const SandboxRequest &request, const FaultEffects &effects, Side side,
                            bool apiKeyOnly);
    SandboxReply verifyLiveness(const SandboxRequest &request, const FaultEffects &effects,
                                bool apiKeyOnly);
    SandboxReply linkTransaction(const SandboxRequest &request, const FaultEffects &effects);

private:
    std::optional<SandboxReply> openTransaction(const QJsonValue &id, const Caller &caller,
                                                bool apiKeyOnly, bool createIfMissing,
                                                SandboxStore::Transaction *transaction);
    QJsonObject frontData(const specimen::Persona &p, const QString &transactionId) const;
    QJsonObject backData(const specimen::Persona &p, const QString &transactionId) const;
    QJsonObject stepData(const SandboxStore::Transaction &t, const Caller &caller,
                         bool extracted) const;
    QJsonObject services(const specimen::Persona *p, const FaultEffects &effects,
                         const QJsonValue &liveness, const QString &docType,
                         const QJsonArray &validationErrors = {}, bool fake = false) const;

    SandboxContext &m_context;
};

} // namespace kiosk::sandbox
