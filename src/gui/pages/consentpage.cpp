#include "consentpage.h"

#include "ui_consentpage.h"

namespace kiosk {

ConsentPage::ConsentPage(QWidget *parent)
    : WizardPage(parent)
    , m_ui(std::make_unique<Ui::ConsentPage>())
{
    m_ui->setupUi(this);
    connect(m_ui->consentCheckBox, &QCheckBox::toggled, m_ui->acceptButton,
            &QPushButton::setEnabled);
    connect(m_ui->acceptButton, &QPushButton::clicked, this, &ConsentPage::consentGiven);
    connect(m_ui->declineButton, &QPushButton::clicked, this, &ConsentPage::consentDeclined);
}

ConsentPage::~ConsentPage() = default;

void ConsentPage::clear()
{
    m_ui->consentCheckBox->setChecked(false);
}

QPushButton *ConsentPage::defaultButton() const
{
    return m_ui->acceptButton;
}

QWidget *ConsentPage::firstFocus() const
{
    return m_ui->consentCheckBox;
}

void ConsentPage::retranslate()
{
    m_ui->retranslateUi(this);
}

} // namespace kiosk
