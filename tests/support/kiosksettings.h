#pragma once

#include "flow/onboardingflow.h"
#include "settings/agentpin.h"
#include "settings/settings.h"

#include <QString>
#include <QUrl>

#include <memory>

namespace kiosk::test {

// The agent PIN of the kiosks the GUI suites and the soak build.
inline const QString kSandboxAgentPin = QStringLiteral("246813");

// The kiosk's settings over the sandbox at sandbox, as the GUI suites and the soak run it:
// the sandbox's demo credentials, the registration mode, the agent PIN kSandboxAgentPin, a
// 300 ms face countdown, the manual capture offered after a minute, no idle timeout within
// a test, and a speech engine that needs no daemon (spoken prompts are off unless a test
// turns them on). Callers override what they need beyond that.
inline std::unique_ptr<Settings> sandboxKioskSettings(const QUrl &sandbox,
                                                      flow::Mode mode = flow::Mode::RegisterFirst)
{
    auto settings = std::make_unique<Settings>();
    using K = Settings::Key;
    settings->setOverride(K::ApiBaseUrl, sandbox.toString());
    settings->setOverride(K::ApiKey, QStringLiteral("sandbox-api-key"));
    settings->setOverride(K::TenancyName, QStringLiteral("sandbox"));
    settings->setOverride(K::RegistrationMode, mode == flow::Mode::CaptureFirst
                                                   ? QStringLiteral("capture-first")
                                                   : QStringLiteral("register"));
    settings->setOverride(K::AgentPinHash, agentpin::hash(kSandboxAgentPin, 1000));
    settings->setOverride(K::FaceCountdownMs, 300);
    settings->setOverride(K::ManualCaptureAfterMs, 60000);
    settings->setOverride(K::IdleTimeoutMs, 600000);
    settings->setOverride(K::SpeechEngine, QStringLiteral("flite"));
    return settings;
}

} // namespace kiosk::test
