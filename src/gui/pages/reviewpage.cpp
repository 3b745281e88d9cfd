#include "reviewpage.h"

#include "flow/customersession.h"
#include "ui_reviewpage.h"

#include <QGuiApplication>

using namespace Qt::StringLiterals;

namespace kiosk {

namespace {
Gender genderOf(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t == u"m"_s || t == u"male"_s || t == u"ذكر"_s)
        return Gender::Male;
    if (t == u"f"_s || t == u"female"_s || t == u"أنثى"_s || t == u"انثى"_s)
        return Gender::Female;
    return Gender::Unknown;
}

QString joined(const QStringList &parts)
{
    QStringList kept;
    for (const QString &part : parts) {
        if (!part.trimmed().isEmpty())
            kept << part.trimmed();
    }
    return kept.join(u"، "_s);
}
} // namespace

ReviewPage::ReviewPage(QWidget *parent)
    : WizardPage(parent)
    , m_ui(std::make_unique<Ui::ReviewPage>())
{
    m_ui->setupUi(this);
    connect(m_ui->confirmButton, &QPushButton::clicked, this, &ReviewPage::confirmed);
    connect(m_ui->reviewReferButton, &QPushButton::clicked, this, &ReviewPage::referred);
}

ReviewPage::~ReviewPage() = default;

QPushButton *ReviewPage::defaultButton() const
{
    return m_ui->confirmButton;
}

QString ReviewPage::issueText(NationalIdIssue issue)
{
    switch (issue) {
    case NationalIdIssue::WrongLength:
        return tr("The ID number does not have 14 digits.");
    case NationalIdIssue::NotDigits:
        return tr("The ID number contains characters that are not digits.");
    case NationalIdIssue::BadCentury:
        return tr("The ID number's century digit is not valid.");
    case NationalIdIssue::BadBirthDate:
        return tr("The birth date in the ID number is not a real date.");
    case NationalIdIssue::FutureBirthDate:
        return tr("The birth date in the ID number is in the future.");
    case NationalIdIssue::UnknownGovernorate:
        return tr("The governorate code in the ID number is unknown.");
    case NationalIdIssue::CheckDigitMismatch:
        return tr("The ID number's check digit differs from the usual rule: compare it with "
                  "the card.");
    case NationalIdIssue::FrontBackMismatch:
        return tr("The numbers read on the front and the back differ.");
    case NationalIdIssue::BirthDateMismatch:
        return tr("The birth date read differs from the one in the ID number.");
    case NationalIdIssue::GenderMismatch:
        return tr("The gender read differs from the one in the ID number.");
    case NationalIdIssue::Expired:
        return tr("The card has expired.");
    case NationalIdIssue::BadExpiry:
        return tr("The card's expiry date could not be read correctly.");
    }
    return {};
}

void ReviewPage::showSession(const flow::CustomerSession &session)
{
    m_session = &session;
    render();
}

void ReviewPage::render()
{
    if (!m_session || !m_session->frontData) {
        clear();
        return;
    }
    const api::IdFrontData &front = *m_session->frontData;
    const api::IdBackData back = m_session->backData.value_or(api::IdBackData());
    const QString arabicName =
        front.name.isEmpty() ? joined({front.firstName, front.lastNames}) : front.name;
    const QString englishName = front.nameEnglish.isEmpty()
                                    ? joined({front.firstNameEnglish, front.lastNamesEnglish})
                                    : front.nameEnglish;
    m_ui->nameArabicValueLabel->setText(arabicName);
    m_ui->nameEnglishValueLabel->setText(englishName);
    m_ui->idNumberValueLabel->setText(front.idNumber);
    const QDate birth = QDate::fromString(front.dateOfBirth, Qt::ISODate);
    const QDate expiry = QDate::fromString(back.idExpiry, Qt::ISODate);
    const QLocale locale;
    m_ui->birthDateValueLabel->setText(birth.isValid() ? locale.toString(birth, QLocale::LongFormat)
                                                       : front.dateOfBirth);
    const Gender gender = genderOf(front.gender);
    m_ui->genderValueLabel->setText(gender == Gender::Male     ? tr("Male")
                                    : gender == Gender::Female ? tr("Female")
                                                               : front.gender);
    m_ui->addressValueLabel->setText(
        joined({front.address, front.district, front.city, front.govern}));
    m_ui->expiryValueLabel->setText(expiry.isValid() ? locale.toString(expiry, QLocale::LongFormat)
                                                     : back.idExpiry);
    m_ui->jobValueLabel->setText(joined({back.job, back.jobTitle}));
    // One edge for every value whatever its script: Arabic and Latin values would otherwise
    // each align to their own reading direction.
    const Qt::Alignment edge =
        Qt::AlignAbsolute | Qt::AlignVCenter |
        (QGuiApplication::layoutDirection() == Qt::RightToLeft ? Qt::AlignRight : Qt::AlignLeft);
    for (QLabel *label :
         {m_ui->nameArabicValueLabel, m_ui->nameEnglishValueLabel, m_ui->idNumberValueLabel,
          m_ui->birthDateValueLabel, m_ui->genderValueLabel, m_ui->addressValueLabel,
          m_ui->expiryValueLabel, m_ui->jobValueLabel})
        label->setAlignment(edge);

    NationalIdCard card;
    card.frontNumber = front.idNumber;
    card.backNumber = back.idNumber;
    card.birthDate = birth;
    card.gender = gender;
    card.expiry = expiry;
    const NationalIdCheck check = checkNationalIdCard(card, QDate::currentDate());
    QStringList lines;
    for (NationalIdIssue issue : check.errors)
        lines << u"<span style=\"color:#b00020\">✖ %1</span>"_s.arg(
            issueText(issue).toHtmlEscaped());
    for (NationalIdIssue issue : check.warnings)
        lines << u"<span style=\"color:#8a5a00\">⚠ %1</span>"_s.arg(
            issueText(issue).toHtmlEscaped());
    if (lines.isEmpty())
        lines << u"<span style=\"color:#1b5e20\">✔ %1</span>"_s.arg(
            tr("The ID number agrees with the birth date, gender and expiry read from the card.")
                .toHtmlEscaped());
    m_ui->checksLabel->setText(lines.join(u"<br>"_s));
    m_ui->checksLabel->setProperty("issues", check.errors.size() + check.warnings.size());
}

void ReviewPage::clear()
{
    m_session = nullptr;
    const QList<QLabel *> values{
        m_ui->nameArabicValueLabel, m_ui->nameEnglishValueLabel, m_ui->idNumberValueLabel,
        m_ui->birthDateValueLabel,  m_ui->genderValueLabel,      m_ui->addressValueLabel,
        m_ui->expiryValueLabel,     m_ui->jobValueLabel,         m_ui->checksLabel};
    for (QLabel *label : values)
        label->clear();
}

bool ReviewPage::isEmpty() const
{
    return m_ui->nameArabicValueLabel->text().isEmpty() &&
           m_ui->idNumberValueLabel->text().isEmpty() && m_ui->addressValueLabel->text().isEmpty();
}

void ReviewPage::retranslate()
{
    m_ui->retranslateUi(this);
    if (m_session)
        render();
}

} // namespace kiosk
