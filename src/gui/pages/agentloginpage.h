#pragma once

#include "wizardpage.h"

#include <QPointer>

#include <memory>

namespace Ui {
class AgentLoginPage;
}

namespace kiosk {

class Settings;
namespace api {
class ApiCall;
class VlensClient;
} // namespace api

// The agent signs in with their Vlens account at the start of a shift (admin tokens,
// tenancy from the settings). On the very first shift it also asks for the kiosk PIN,
// which is stored only as a salted hash.
class AgentLoginPage : public WizardPage
{
    Q_OBJECT

public:
    AgentLoginPage(Settings *settings, api::VlensClient *client, QWidget *parent = nullptr);
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

    std::unique_ptr<Ui::AgentLoginPage> m_ui;
    Settings *m_settings;
    api::VlensClient *m_client;
    QPointer<api::ApiCall> m_call;
};

} // namespace kiosk
