#pragma once

#include "wizardpage.h"

#include <QLocale>

#include <memory>

namespace Ui {
class WelcomePage;
}

namespace kiosk {

// The first page: the customer picks English or Arabic (the whole UI switches at once)
// and starts.
class WelcomePage : public WizardPage
{
    Q_OBJECT

public:
    explicit WelcomePage(QWidget *parent = nullptr);
    ~WelcomePage() override;

    void setLanguage(const QLocale &language);
    // Turns the read-aloud button off again (a new customer).
    void clearSpeech();
    QPushButton *defaultButton() const override;

Q_SIGNALS:
    void languageChosen(const QLocale &language);
    void startRequested();
    // The customer wants the prompts read aloud (for this session).
    void speechToggled(bool on);

protected:
    void retranslate() override;

private:
    std::unique_ptr<Ui::WelcomePage> m_ui;
};

} // namespace kiosk
