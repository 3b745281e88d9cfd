#include "welcomepage.h"

#include "ui_welcomepage.h"

namespace kiosk {

WelcomePage::WelcomePage(QWidget *parent)
    : WizardPage(parent)
    , m_ui(std::make_unique<Ui::WelcomePage>())
{
    m_ui->setupUi(this);
    // Each button names its language in that language, so both read the same way in
    // either direction.
    m_ui->englishButton->setLayoutDirection(Qt::LeftToRight);
    m_ui->arabicButton->setLayoutDirection(Qt::RightToLeft);
    connect(m_ui->englishButton, &QPushButton::clicked, this,
            [this] { Q_EMIT languageChosen(QLocale(QLocale::English)); });
    connect(m_ui->arabicButton, &QPushButton::clicked, this,
            [this] { Q_EMIT languageChosen(QLocale(QLocale::Arabic, QLocale::Egypt)); });
    connect(m_ui->startButton, &QPushButton::clicked, this, &WelcomePage::startRequested);
    connect(m_ui->speechButton, &QPushButton::toggled, this, &WelcomePage::speechToggled);
    setLanguage(QLocale(QLocale::English));
}

WelcomePage::~WelcomePage() = default;

void WelcomePage::clearSpeech()
{
    m_ui->speechButton->setChecked(false);
}

void WelcomePage::setLanguage(const QLocale &language)
{
    const bool arabic = language.language() == QLocale::Arabic;
    m_ui->arabicButton->setChecked(arabic);
    m_ui->englishButton->setChecked(!arabic);
}

QPushButton *WelcomePage::defaultButton() const
{
    return m_ui->startButton;
}

void WelcomePage::retranslate()
{
    m_ui->retranslateUi(this);
}

} // namespace kiosk
