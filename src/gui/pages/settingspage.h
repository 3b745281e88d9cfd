#pragma once

#include "wizardpage.h"

#include <memory>

namespace Ui {
class SettingsPage;
}

namespace kiosk {

class Settings;

// The agent's settings behind the PIN: service, registration mode, camera, capture
// thresholds and timeouts are written to the settings file; the API key only to the
// secrets file. Also the ways out: end the shift, leave kiosk mode.
class SettingsPage : public WizardPage
{
    Q_OBJECT

public:
    explicit SettingsPage(Settings *settings, QWidget *parent = nullptr);
    ~SettingsPage() override;

    // Reads the current values into the form.
    void load();
    QPushButton *defaultButton() const override;

Q_SIGNALS:
    // Emitted after a save: the host applies what takes effect without a restart.
    void saved();
    void backRequested();
    void endShiftRequested();
    void auditRequested();
    void exitRequested();

protected:
    void retranslate() override;

private:
    void save();
    void showProblems();

    std::unique_ptr<Ui::SettingsPage> m_ui;
    Settings *m_settings;
};

} // namespace kiosk
