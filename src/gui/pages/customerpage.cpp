#include "customerpage.h"

#include "flow/phonenumber.h"
#include "touchkeyboard.h"
#include "ui_customerpage.h"

#include <QRegularExpression>
#include <QStyle>

using namespace Qt::StringLiterals;

namespace kiosk {

namespace {
void setErrorState(QWidget *widget, bool error)
{
    widget->setProperty("error", error);
    widget->style()->unpolish(widget);
    widget->style()->polish(widget);
}
} // namespace

CustomerPage::CustomerPage(QWidget *parent)
    : WizardPage(parent)
    , m_ui(std::make_unique<Ui::CustomerPage>())
{
    m_ui->setupUi(this);
    // Beside the fields: a keypad for the phone, a Latin keyboard for the email.
    m_keyboard = new TouchKeyboard(this, this);
    m_keyboard->setObjectName(u"customerTouchKeyboard"_s);
    m_ui->customerKeyboardVBoxLayout->addWidget(m_keyboard, 0, Qt::AlignTop);
    connect(m_ui->continueButton, &QPushButton::clicked, this, &CustomerPage::submit);
    connect(m_ui->phoneLineEdit, &QLineEdit::textEdited, this, [this] {
        if (m_phoneError) {
            m_phoneError = false;
            showPhoneHint(false);
        }
    });
}

CustomerPage::~CustomerPage() = default;

void CustomerPage::clear()
{
    m_ui->phoneLineEdit->clear();
    m_ui->emailLineEdit->clear();
    m_phoneError = m_emailError = false;
    showPhoneHint(false);
    m_ui->emailHintLabel->clear();
}

bool CustomerPage::isEmpty() const
{
    return m_ui->phoneLineEdit->text().isEmpty() && m_ui->emailLineEdit->text().isEmpty();
}

QPushButton *CustomerPage::defaultButton() const
{
    return m_ui->continueButton;
}

QWidget *CustomerPage::firstFocus() const
{
    return m_ui->phoneLineEdit;
}

void CustomerPage::submit()
{
    const flow::PhoneNumber phone = flow::normalizePhoneNumber(m_ui->phoneLineEdit->text());
    const QString email = m_ui->emailLineEdit->text().trimmed();
    static const QRegularExpression emailShape(u"^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"_s);
    m_phoneError = !phone.valid;
    m_emailError = !email.isEmpty() && !emailShape.match(email).hasMatch();
    showPhoneHint(m_phoneError);
    m_ui->emailHintLabel->setText(m_emailError ? tr("Please check the email address, or leave "
                                                    "it empty.")
                                               : QString());
    setErrorState(m_ui->emailHintLabel, m_emailError);
    if (m_phoneError) {
        m_ui->phoneLineEdit->setFocus();
        return;
    }
    if (m_emailError) {
        m_ui->emailLineEdit->setFocus();
        return;
    }
    // Show the customer the number as it will be used.
    m_ui->phoneLineEdit->setText(phone.e164);
    Q_EMIT submitted(phone.e164, email);
}

void CustomerPage::showPhoneHint(bool error)
{
    m_ui->phoneHintLabel->setText(
        error ? tr("Please enter an Egyptian mobile number such as 010 1234 5678, or an "
                   "international number starting with +.")
              : tr("We send the result of the verification to this number."));
    setErrorState(m_ui->phoneHintLabel, error);
}

void CustomerPage::retranslate()
{
    m_ui->retranslateUi(this);
    showPhoneHint(m_phoneError);
    if (m_emailError)
        m_ui->emailHintLabel->setText(tr("Please check the email address, or leave it empty."));
}

} // namespace kiosk
