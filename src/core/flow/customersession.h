#pragma once

#include "api/vlenstypes.h"

#include <QByteArray>
#include <QDateTime>
#include <QLocale>
#include <QString>
#include <QStringList>

#include <array>
#include <optional>

namespace kiosk::flow {

// Everything the kiosk holds about the customer at the counter, in memory only: the
// captured images (kept until the session ends, so a failed request is re-sent without
// re-capturing), what the service read from them, and the session's request ids.
// wipe() overwrites the image bytes and the strings read from the card before releasing
// them (securewipe.h; docs/privacy.md).
class CustomerSession
{
public:
    CustomerSession() = default;
    ~CustomerSession() { wipe(); }
    CustomerSession(const CustomerSession &) = delete;
    CustomerSession &operator=(const CustomerSession &) = delete;

    QLocale language{QLocale::English};
    bool consentGiven = false;
    QString phoneNumber;
    QString email;
    // The password sent with Register, made for this session (OnboardingFlow): it lets the
    // flow sign in the user its own Register created when that answer was lost. Memory only:
    // never logged, never shown; zeroed by wipe().
    QString password;

    QByteArray idFront; // encoded JPEG, as sent
    QByteArray idBack;
    std::array<QByteArray, 3> faces;

    QString transactionId;
    std::optional<api::IdFrontData> frontData;
    std::optional<api::IdBackData> backData;
    std::optional<api::VerifyResult> finalResult;
    api::Services lastServices;

    // Not personal: kept for the audit line written when the session ends.
    QStringList requestIds;
    QDateTime startedAt;

    void wipe();
    // A recapture drops one step's pictures (and what was read from them), zeroed.
    void wipeFront();
    void wipeBack();
    void wipeFaces();
    // True when nothing about a customer remains (what the wipe test checks).
    bool isEmpty() const;
};

} // namespace kiosk::flow
