#pragma once

#include "settings/agentpin.h"
#include "wizardpage.h"

#include <QTimer>

#include <memory>

namespace Ui {
class PinPage;
}

namespace kiosk {

class Clock;
class Settings;

// The agent PIN in front of the settings and the way out of kiosk mode. Wrong PINs lock it
// for longer and longer (agentpin::Guard, kept across restarts); the lock and the time left
// are shown while it lasts.
class PinPage : public WizardPage
{
    Q_OBJECT

public:
    PinPage(Settings *settings, const Clock &clock, QWidget *parent = nullptr);
    ~PinPage() override;

    void reset();
    QPushButton *defaultButton() const override;
    QWidget *firstFocus() const override;

Q_SIGNALS:
    void unlocked();
    void cancelled();
    void lockedOut();

protected:
    void retranslate() override;

private:
    void tryUnlock();
    // Shows the lock with the time left (or hides it) and refreshes it while it lasts.
    void updateLock();

    std::unique_ptr<Ui::PinPage> m_ui;
    const Settings &m_settings;
    agentpin::Guard m_guard;
    QTimer m_lockTick;
};

} // namespace kiosk
