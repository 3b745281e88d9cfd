#include "pinpage.h"

#include "guilogging.h"
#include "settings/agentpin.h"
#include "settings/settings.h"
#include "touchkeyboard.h"
#include "ui_pinpage.h"

#include <QLocale>
using namespace Qt::StringLiterals;

namespace kiosk {

PinPage::PinPage(Settings *settings, const Clock &clock, QWidget *parent)
    : WizardPage(parent)
    , m_ui(std::make_unique<Ui::PinPage>())
    , m_settings(*settings)
    , m_guard(settings, clock)
{
    m_ui->setupUi(this);
    // The countdown reads the clock on every tick: it never drifts from the stored lock.
    m_lockTick.setInterval(250);
    connect(&m_lockTick, &QTimer::timeout, this, &PinPage::updateLock);
    // The keypad right below the PIN field: an agent at a touch-only kiosk unlocks by touch.
    auto *keypad = new TouchKeyboard(this, this);
    keypad->setObjectName(u"pinTouchKeyboard"_s);
    m_ui->pinVBoxLayout->insertWidget(m_ui->pinVBoxLayout->indexOf(m_ui->pinLineEdit) + 1, keypad,
                                      0, Qt::AlignLeft);
    connect(m_ui->unlockButton, &QPushButton::clicked, this, &PinPage::tryUnlock);
    connect(m_ui->pinCancelButton, &QPushButton::clicked, this, &PinPage::cancelled);
    updateLock();
}

PinPage::~PinPage() = default;

void PinPage::reset()
{
    m_ui->pinLineEdit->clear();
    m_ui->pinStatusLabel->clear();
    updateLock();
}

QPushButton *PinPage::defaultButton() const
{
    return m_ui->unlockButton;
}

QWidget *PinPage::firstFocus() const
{
    return m_ui->pinLineEdit;
}

void PinPage::updateLock()
{
    const qint64 left = m_guard.lockedForMs();
    const bool locked = left > 0;
    if (locked) {
        m_ui->pinLockLabel->setText(
            tr("Locked after %1 wrong PINs. Try again in %2.")
                .arg(QLocale().toString(m_guard.failures()), waitText(left)));
        if (!m_lockTick.isActive())
            m_lockTick.start();
    } else {
        m_ui->pinLockLabel->clear();
        m_lockTick.stop();
    }
    m_ui->pinLockLabel->setVisible(locked);
    // A disabled button hands its focus to the next one, Back: keep Enter harmless.
    const bool hadFocus = m_ui->unlockButton->hasFocus();
    m_ui->unlockButton->setEnabled(!locked);
    if (locked && hadFocus)
        m_ui->pinLineEdit->setFocus();
}

void PinPage::tryUnlock()
{
    const QString pin = m_ui->pinLineEdit->text();
    m_ui->pinLineEdit->clear();
    if (m_guard.lockedForMs() > 0) {
        // Locked: no PIN is checked, whatever the way this was reached.
        updateLock();
        return;
    }
    const QString stored = m_settings.string(Settings::Key::AgentPinHash);
    if (stored.isEmpty()) {
        m_ui->pinStatusLabel->setText(
            tr("No agent PIN is set yet: sign in as the agent to choose one."));
        return;
    }
    if (!agentpin::verify(pin, stored)) {
        if (m_guard.recordFailure() > 0) {
            qCWarning(lcGui) << "agent PIN locked after" << m_guard.failures() << "wrong PINs";
            Q_EMIT lockedOut();
        }
        m_ui->pinStatusLabel->setText(tr("Wrong PIN."));
        updateLock();
        return;
    }
    m_guard.recordSuccess();
    m_ui->pinStatusLabel->clear();
    updateLock();
    Q_EMIT unlocked();
}

void PinPage::retranslate()
{
    m_ui->retranslateUi(this);
    updateLock();
}

} // namespace kiosk
