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

constexpr qint64 DocumentSoftLimit = 3 * 1024 * 1024; // documented maximum
constexpr qint64 HardLimit = 5 * 1024 * 1024;         // 5002 over this, HTTP 413
constexpr qint64 FaceLimit = 500 * 1024;              // faces must be under 500 KB
constexpr qint64 MaxPixels = 25'000'000;              // 5003 over this

// Who called, after the ApiKey and bearer checks.
struct Caller
{
    qint64 tenantId = 0;
    std::optional<SandboxStore::EndUser> user;
    std::optional<SandboxStore::Admin> admin;
};

// A decoded request image: the bytes as sent and, when asked for, the pixels (BGR).
struct Image
{
    QByteArray bytes;
    cv::Mat mat;
};

// What the contract handlers share: the options, the store, the token issuer, the personas
// and their card recogniser, and the checks every Vlens request goes through. Each check
// returns a reply on failure, nullopt when the request may go on.
struct SandboxContext
{
    SandboxContext(const SandboxOptions &sandboxOptions, SandboxStore &sandboxStore);

    // The way into a Vlens endpoint with a JSON body: the ApiKey, then (bearerKind "user" or
    // "admin") the bearer token of that kind, then the body as a JSON object.
    std::optional<SandboxReply> admit(const SandboxRequest &request, Caller *caller,
                                      QJsonObject *body, const QString &bearerKind = {},
                                      const FaultEffects &effects = {}) const;
    std::optional<SandboxReply> checkApiKey(const SandboxRequest &request, Caller *caller) const;
    std::optional<SandboxReply> checkBearer(const SandboxRequest &request,
                                            const FaultEffects &effects, const QString &kind,
                                            Caller *caller) const;
    std::optional<SandboxReply> parseObject(const SandboxRequest &request,
                                            QJsonObject *object) const;
    std::optional<SandboxReply> decodeImage(const QJsonValue &value, const QString &field,
                                            qint64 softLimit, Image *image,
                                            bool decodePixels = true) const;
    const specimen::Persona *persona(const QString &id) const;
    QJsonObject userJson(const SandboxStore::EndUser &user) const;

    SandboxOptions options;
    SandboxStore &store;
    TokenIssuer tokens;
    QList<specimen::Persona> personas;
    CardRecognizer recognizer; // template index = persona index * 2 + side
};

// Small pieces of the Vlens envelope shared by the handlers.
QByteArray tokenHash(const QString &token);
QString imageExtension(const QByteArray &bytes);
QJsonObject validationError(const QString &field, int code, const QString &message);
SandboxReply fieldError(const QString &field, const QString &message);
bool truthy(const QJsonValue &value, bool fallback);

} // namespace kiosk::sandbox
