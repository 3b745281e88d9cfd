#pragma once

#include "wizardpage.h"

#include <QPointer>
#include <QTimer>

#include <memory>

namespace Ui {
class AgentLoginPage;
}

namespace kiosk {

class Clock;
class Settings;
namespace api {
class ApiCall;
class VlensClient;
} // namespace api

// The agent signs in with their Vlens account at the start of a shift (admin tokens,
// tenancy from the settings). On the very first shift it also asks for the kiosk PIN,
// which is stored only as a salted hash. The user name is never pre-filled, and sign-ins
// the service refused slow the next try down (a doubling wait, shown with the time left).
class AgentLoginPage : public WizardPage
{
    Q_OBJECT

public:
    AgentLoginPage(Settings *settings, api::VlensClient *client, const Clock &clock,
                   QWidget *parent = nullptr);
    ~AgentLoginPage() override;

    // Fresh form for a new shift.
    void reset();
    QPushButton *defaultButton() const override;
    QWidget *firstFocus() const override;

Q_SIGNALS:
    void signedIn();
    void signInFailed();

protected:
    void retranslate() override;

private:
    void signIn();
    void onFinished();
    bool needsPin() const;
    void setStatus(const QString &text, bool error);
    qint64 waitMs() const;
    // Shows the wait and keeps the button off while it lasts.
    void updateThrottle();

    std::unique_ptr<Ui::AgentLoginPage> m_ui;
    Settings *m_settings;
    api::VlensClient *m_client;
    const Clock &m_clock;
    QPointer<api::ApiCall> m_call;
    int m_refusals = 0;          // sign-ins refused by the service since the last success
    qint64 m_blockedUntilUs = 0; // the clock's monotonic time
    QTimer m_throttleTick;
};

} // namespace kiosk
