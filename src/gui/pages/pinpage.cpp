#include "pinpage.h"

#include "guilogging.h"
#include "settings/agentpin.h"
#include "settings/settings.h"
#include "ui_pinpage.h"

namespace kiosk {

namespace {
constexpr int MaxFailures = 5;
constexpr int LockMs = 60000;
} // namespace

PinPage::PinPage(const Settings &settings, QWidget *parent)
    : WizardPage(parent)
    , m_ui(std::make_unique<Ui::PinPage>())
    , m_settings(settings)
{
    m_ui->setupUi(this);
    connect(m_ui->unlockButton, &QPushButton::clicked, this, &PinPage::tryUnlock);
    connect(m_ui->pinCancelButton, &QPushButton::clicked, this, &PinPage::cancelled);
}

PinPage::~PinPage() = default;

void PinPage::reset()
{
    m_ui->pinLineEdit->clear();
    m_ui->pinStatusLabel->clear();
}

QPushButton *PinPage::defaultButton() const
{
    return m_ui->unlockButton;
}

QWidget *PinPage::firstFocus() const
{
    return m_ui->pinLineEdit;
}

void PinPage::tryUnlock()
{
    const QString pin = m_ui->pinLineEdit->text();
    m_ui->pinLineEdit->clear();
    if (m_failures >= MaxFailures) {
        if (!m_lockedUntil.hasExpired()) {
            m_ui->pinStatusLabel->setText(tr("Too many wrong PINs. Try again in a minute."));
            return;
        }
        m_failures = 0;
    }
    const QString stored = m_settings.string(Settings::Key::AgentPinHash);
    if (stored.isEmpty()) {
        m_ui->pinStatusLabel->setText(
            tr("No agent PIN is set yet: sign in as the agent to choose one."));
        return;
    }
    if (!agentpin::verify(pin, stored)) {
        ++m_failures;
        qCWarning(lcGui) << "wrong agent PIN, attempt" << m_failures;
        if (m_failures >= MaxFailures)
            m_lockedUntil = QDeadlineTimer(LockMs);
        m_ui->pinStatusLabel->setText(tr("Wrong PIN."));
        return;
    }
    m_failures = 0;
    m_ui->pinStatusLabel->clear();
    Q_EMIT unlocked();
}

void PinPage::retranslate()
{
    m_ui->retranslateUi(this);
}

} // namespace kiosk
