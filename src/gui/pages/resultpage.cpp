#include "resultpage.h"

#include "ui_resultpage.h"

using namespace Qt::StringLiterals;

namespace kiosk {

ResultPage::ResultPage(QWidget *parent)
    : WizardPage(parent)
    , m_ui(std::make_unique<Ui::ResultPage>())
{
    m_ui->setupUi(this);
    connect(m_ui->finishButton, &QPushButton::clicked, this, &ResultPage::finished);
}

ResultPage::~ResultPage() = default;

QPushButton *ResultPage::defaultButton() const
{
    return m_ui->finishButton;
}

void ResultPage::showOutcome(flow::Outcome outcome, const flow::CustomerSession &session)
{
    m_outcome = outcome;
    m_session = &session;
    render();
}

void ResultPage::clear()
{
    m_outcome = flow::Outcome::None;
    m_session = nullptr;
    m_ui->resultTitleLabel->clear();
    m_ui->resultSummaryLabel->clear();
    m_ui->servicesLabel->clear();
}

void ResultPage::render()
{
    QString title;
    QString summary;
    QString state = u"bad"_s;
    switch (m_outcome) {
    case flow::Outcome::Verified:
        title = tr("Your identity is verified");
        summary = tr("Thank you. Your card and your face match, and the civil registry "
                     "confirmed your details.");
        state = u"good"_s;
        break;
    case flow::Outcome::Validated:
        title = tr("Your details are validated");
        summary = tr("Your card and your face match. The check with the civil registry is "
                     "not complete yet: the agent will tell you what happens next.");
        state = u"partial"_s;
        break;
    case flow::Outcome::NotVerified:
        title = tr("We could not verify your identity");
        summary = tr("Please speak to the agent, who can help you continue.");
        break;
    case flow::Outcome::ReferredToAgent:
        title = tr("Please see the agent");
        summary = tr("The agent will complete your registration with you at the counter.");
        break;
    case flow::Outcome::None:
        break;
    }
    m_ui->resultTitleLabel->setText(title);
    m_ui->resultTitleLabel->setProperty("outcome", state);
    m_ui->resultSummaryLabel->setText(summary);

    QStringList lines;
    if (m_session && m_session->finalResult && m_outcome != flow::Outcome::ReferredToAgent) {
        const api::Services &s = m_session->finalResult->services;
        const auto line = [&lines](bool good, const QString &text) {
            lines << u"<p style=\"margin:4px\"><span style=\"color:%1\">%2</span> %3</p>"_s.arg(
                good ? u"#1b5e20"_s : u"#b00020"_s, good ? u"✔"_s : u"✖"_s, text.toHtmlEscaped());
        };
        line(true, tr("Your ID card was read."));
        if (s.spoofingFake.has_value())
            line(!*s.spoofingFake, *s.spoofingFake
                                       ? tr("The card could not be confirmed as genuine.")
                                       : tr("The card is genuine."));
        if (s.liveness.has_value())
            line(*s.liveness, *s.liveness ? tr("A live person was in front of the camera.")
                                          : tr("The live-person check did not pass."));
        line(m_session->finalResult->isVerificationProcessCompleted,
             m_session->finalResult->isVerificationProcessCompleted
                 ? tr("Your face matches the photo on your card.")
                 : tr("The comparison of your face with the card is not complete."));
        if (s.src.isValid.has_value())
            line(*s.src.isValid, *s.src.isValid
                                     ? tr("The civil registry confirmed your details.")
                                     : tr("The civil registry did not confirm your details."));
        if (s.amlMatched.has_value())
            line(!*s.amlMatched, *s.amlMatched
                                     ? tr("The screening lists need a review by the bank.")
                                     : tr("No match on the screening lists."));
        if (!s.validationErrors.isEmpty())
            line(false, tr("Some details on the card need checking by the agent."));
    }
    m_ui->servicesLabel->setText(lines.join(QString()));
    m_ui->servicesLabel->setVisible(!lines.isEmpty());
}

void ResultPage::retranslate()
{
    m_ui->retranslateUi(this);
    render();
}

} // namespace kiosk
