#pragma once

#include "wizardpage.h"

#include <memory>

namespace Ui {
class CustomerPage;
}

namespace kiosk {

class TouchKeyboard;

// The customer's mobile number (local, international or in Arabic-Indic digits: it is
// normalised to E.164) and an optional email.
class CustomerPage : public WizardPage
{
    Q_OBJECT

public:
    explicit CustomerPage(QWidget *parent = nullptr);
    ~CustomerPage() override;

    void clear();
    bool isEmpty() const;
    QPushButton *defaultButton() const override;
    QWidget *firstFocus() const override;
    TouchKeyboard *keyboard() const { return m_keyboard; }

Q_SIGNALS:
    void submitted(const QString &phoneE164, const QString &email);

protected:
    void retranslate() override;

private:
    void submit();
    void showPhoneHint(bool error);

    std::unique_ptr<Ui::CustomerPage> m_ui;
    TouchKeyboard *m_keyboard;
    bool m_phoneError = false;
    bool m_emailError = false;
};

} // namespace kiosk
