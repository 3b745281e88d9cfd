#include "agentloginpage.h"

#include "api/vlensclient.h"
#include "capture/clock.h"
#include "guilogging.h"
#include "settings/agentpin.h"
#include "settings/settings.h"
#include "touchkeyboard.h"
#include "ui_agentloginpage.h"

#include <QLocale>
#include <QStyle>

using namespace Qt::StringLiterals;

namespace kiosk {

namespace {
// Two refused sign-ins cost nothing (a typo); the third waits 15 s, doubling up to 15 min.
constexpr int LockAfterRefusals = 3;
constexpr qint64 FirstWaitMs = 15'000;
constexpr qint64 MaxWaitMs = 15 * 60'000;

bool refusedByService(const api::ApiError &error)
{
    // The service answered and said no (wrong name or password): a guess. A transport
    // failure or an overloaded service is not the agent's doing.
    const int status = error.httpStatus();
    return error.kind() == api::ApiError::Kind::Service ||
           error.kind() == api::ApiError::Kind::Unauthorized ||
           error.kind() == api::ApiError::Kind::BadRequest ||
           error.kind() == api::ApiError::Kind::Forbidden ||
           (status >= 400 && status < 500 && status != 408 && status != 429);
}
} // namespace

AgentLoginPage::AgentLoginPage(Settings *settings, api::VlensClient *client, const Clock &clock,
                               QWidget *parent)
    : WizardPage(parent)
    , m_ui(std::make_unique<Ui::AgentLoginPage>())
    , m_settings(settings)
    , m_client(client)
    , m_clock(clock)
{
    m_ui->setupUi(this);
    m_throttleTick.setInterval(250);
    connect(&m_throttleTick, &QTimer::timeout, this, &AgentLoginPage::updateThrottle);
    // Beside the form: the agent signs in by touch too (a keypad for the new PIN).
    auto *keyboard = new TouchKeyboard(this, this);
    keyboard->setObjectName(u"agentLoginTouchKeyboard"_s);
    m_ui->agentLoginKeyboardVBoxLayout->addWidget(keyboard, 0, Qt::AlignTop);
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
    // Never pre-filled: a name on the screen is half of what a guesser needs.
    m_ui->userLineEdit->clear();
    m_ui->passwordLineEdit->clear();
    m_ui->newPinLineEdit->clear();
    m_ui->newPinLabel->setVisible(needsPin());
    m_ui->newPinLineEdit->setVisible(needsPin());
    m_ui->signInButton->setEnabled(!m_call);
    setStatus(QString(), false);
    retranslate();
    updateThrottle();
}

qint64 AgentLoginPage::waitMs() const
{
    return qMax<qint64>(0, (m_blockedUntilUs - m_clock.monotonicUs() + 999) / 1000);
}

void AgentLoginPage::updateThrottle()
{
    const qint64 left = waitMs();
    if (left > 0) {
        setStatus(tr("Sign-in refused %1 times. Try again in %2.")
                      .arg(QLocale().toString(m_refusals), waitText(left)),
                  true);
        const bool hadFocus = m_ui->signInButton->hasFocus();
        m_ui->signInButton->setEnabled(false);
        if (hadFocus)
            m_ui->passwordLineEdit->setFocus();
        if (!m_throttleTick.isActive())
            m_throttleTick.start();
        return;
    }
    if (m_throttleTick.isActive()) {
        m_throttleTick.stop();
        setStatus(QString(), false);
    }
    m_ui->signInButton->setEnabled(!m_call);
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
    return m_ui->userLineEdit;
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
    if (waitMs() > 0) {
        updateThrottle(); // Enter while waiting: nothing is sent
        return;
    }
    if (m_ui->userLineEdit->text().trimmed().isEmpty() ||
        m_ui->passwordLineEdit->text().isEmpty()) {
        setStatus(tr("Enter your user name and password."), true);
        return;
    }
    if (needsPin() && !agentpin::isAcceptable(m_ui->newPinLineEdit->text())) {
        setStatus(tr("Choose a PIN of 6 to 12 digits: it unlocks the settings and the exit."),
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
        if (refusedByService(call->error())) {
            ++m_refusals;
            const qint64 wait =
                agentpin::backoffMs(m_refusals, LockAfterRefusals, FirstWaitMs, MaxWaitMs);
            m_blockedUntilUs = m_clock.monotonicUs() + wait * 1000;
            if (wait > 0) {
                qCWarning(lcGui) << "agent sign-in refused" << m_refusals << "times: waiting"
                                 << wait << "ms";
                updateThrottle();
            }
        }
        Q_EMIT signInFailed();
        return;
    }
    m_refusals = 0;
    m_blockedUntilUs = 0;
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
