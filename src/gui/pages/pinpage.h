#pragma once

#include "wizardpage.h"

#include <QDeadlineTimer>

#include <memory>

namespace Ui {
class PinPage;
}

namespace kiosk {

class Settings;

// The agent PIN in front of the settings and the way out of kiosk mode. Five wrong PINs
// lock it for a minute.
class PinPage : public WizardPage
{
    Q_OBJECT

public:
    explicit PinPage(const Settings &settings, QWidget *parent = nullptr);
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

    std::unique_ptr<Ui::PinPage> m_ui;
    const Settings &m_settings;
    int m_failures = 0;
    QDeadlineTimer m_lockedUntil;
};

} // namespace kiosk
