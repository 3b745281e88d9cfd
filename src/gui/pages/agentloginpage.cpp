#include "agentloginpage.h"

#include "api/vlensclient.h"
#include "guilogging.h"
#include "settings/agentpin.h"
#include "settings/settings.h"
#include "ui_agentloginpage.h"

#include <QStyle>

namespace kiosk {

AgentLoginPage::AgentLoginPage(Settings *settings, api::VlensClient *client, QWidget *parent)
    : WizardPage(parent)
    , m_ui(std::make_unique<Ui::AgentLoginPage>())
    , m_settings(settings)
    , m_client(client)
{
    m_ui->setupUi(this);
    connect(m_ui->signInButton, &QPushButton::clicked, this, &AgentLoginPage::signIn);
    reset();
}

AgentLoginPage::~AgentLoginPage()
{
    if (m_call)
        m_call->cancel();
}

void AgentLoginPage::reset()
{
    m_ui->userLineEdit->setText(m_settings->string(Settings::Key::AgentUserName));
    m_ui->passwordLineEdit->clear();
    m_ui->newPinLineEdit->clear();
    m_ui->newPinLabel->setVisible(needsPin());
    m_ui->newPinLineEdit->setVisible(needsPin());
    m_ui->signInButton->setEnabled(true);
    setStatus(QString(), false);
    retranslate();
}

bool AgentLoginPage::needsPin() const
{
    return m_settings->string(Settings::Key::AgentPinHash).isEmpty();
}

QPushButton *AgentLoginPage::defaultButton() const
{
    return m_ui->signInButton;
}

QWidget *AgentLoginPage::firstFocus() const
{
    return m_ui->userLineEdit->text().isEmpty() ? m_ui->userLineEdit : m_ui->passwordLineEdit;
}

void AgentLoginPage::setStatus(const QString &text, bool error)
{
    m_ui->signInStatusLabel->setText(text);
    m_ui->signInStatusLabel->setProperty("error", error);
    m_ui->signInStatusLabel->style()->unpolish(m_ui->signInStatusLabel);
    m_ui->signInStatusLabel->style()->polish(m_ui->signInStatusLabel);
}

void AgentLoginPage::signIn()
{
    if (m_call)
        return;
    if (m_ui->userLineEdit->text().trimmed().isEmpty() ||
        m_ui->passwordLineEdit->text().isEmpty()) {
        setStatus(tr("Enter your user name and password."), true);
        return;
    }
    if (needsPin() && !agentpin::isAcceptable(m_ui->newPinLineEdit->text())) {
        setStatus(tr("Choose a PIN of 4 to 12 digits: it unlocks the settings and the exit."),
                  true);
        return;
    }
    setStatus(tr("Signing in…"), false);
    m_ui->signInButton->setEnabled(false);
    m_call =
        m_client->loginAdmin(m_ui->userLineEdit->text().trimmed(), m_ui->passwordLineEdit->text());
    connect(m_call, &api::ApiCall::finished, this, &AgentLoginPage::onFinished);
}

void AgentLoginPage::onFinished()
{
    api::ApiCall *call = m_call;
    m_call = nullptr;
    if (!call)
        return;
    call->deleteLater();
    m_ui->signInButton->setEnabled(true);
    m_ui->passwordLineEdit->clear();
    if (!call->isSuccess()) {
        qCInfo(lcGui) << "agent sign-in failed:" << call->error().logSummary();
        setStatus(call->error().message(), true);
        return;
    }
    if (needsPin()) {
        QString error;
        if (!m_settings->setValue(Settings::Key::AgentPinHash,
                                  agentpin::hash(m_ui->newPinLineEdit->text()), &error)) {
            // Keep it for this run so that the kiosk can still be unlocked.
            qCWarning(lcGui) << "agent PIN not stored:" << error;
            m_settings->setOverride(Settings::Key::AgentPinHash,
                                    agentpin::hash(m_ui->newPinLineEdit->text()));
        }
        m_ui->newPinLineEdit->clear();
    }
    qCInfo(lcGui) << "agent signed in";
    setStatus(QString(), false);
    Q_EMIT signedIn();
}

void AgentLoginPage::retranslate()
{
    m_ui->retranslateUi(this);
    const QString tenancy = m_settings->string(Settings::Key::TenancyName);
    m_ui->tenancyLabel->setText(tenancy.isEmpty() ? tr("Tenancy: not configured")
                                                  : tr("Tenancy: %1").arg(tenancy));
}

} // namespace kiosk
