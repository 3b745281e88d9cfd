#include "boldsignaudittab.h"

#include "auditfetcher.h"
#include "guilogging.h"
#include "imagethumbnail.h"
#include "ui_boldsignaudittab.h"

using namespace Qt::StringLiterals;

namespace kiosk {

BoldSignAuditTab::BoldSignAuditTab(api::BoldSignClient *boldSign, QWidget *parent)
    : AuditTab(parent)
    , m_ui(std::make_unique<Ui::BoldSignAuditTab>())
    , m_boldSign(boldSign)
{
    m_ui->setupUi(this);
    setMessageLabel(m_ui->boldSignMessageLabel);
    m_ui->reportGroupBox->setVisible(false);
    m_ui->boldSignImagesGridLayout->setRowStretch(2, 1);

    connect(m_ui->reportPushButton, &QPushButton::clicked, this, &BoldSignAuditTab::requestReport);
    for (QLineEdit *edit : {m_ui->documentIdLineEdit, m_ui->signerEmailLineEdit,
                            m_ui->countryCodeLineEdit, m_ui->signerPhoneLineEdit})
        connect(edit, &QLineEdit::returnPressed, this, &BoldSignAuditTab::requestReport);
    connect(m_ui->emailRadioButton, &QRadioButton::toggled, this,
            &BoldSignAuditTab::updateSignerInputs);
    updateSignerInputs();
}

BoldSignAuditTab::~BoldSignAuditTab() = default;

void BoldSignAuditTab::clear()
{
    clearReport();
    m_ui->documentIdLineEdit->clear();
    m_ui->signerEmailLineEdit->clear();
    m_ui->countryCodeLineEdit->clear();
    m_ui->signerPhoneLineEdit->clear();
    m_ui->orderSpinBox->setValue(1);
    m_ui->emailRadioButton->setChecked(true);
    fetcher()->clearMessage();
}

void BoldSignAuditTab::retranslate()
{
    m_ui->retranslateUi(this);
    for (int i = 0; i < m_thumbnails.size(); ++i) {
        ImageThumbnail *thumbnail = m_thumbnails.at(i);
        thumbnail->setCaption(
            thumbnail->role() == u"selfie"_s ? tr("Selfie") : tr("Document image %1").arg(i + 1));
    }
    fetcher()->retranslate();
    if (m_report)
        showReport();
}

void BoldSignAuditTab::updateSignerInputs()
{
    const bool byEmail = m_ui->emailRadioButton->isChecked();
    m_ui->signerEmailLineEdit->setEnabled(byEmail);
    m_ui->countryCodeLineEdit->setEnabled(!byEmail);
    m_ui->signerPhoneLineEdit->setEnabled(!byEmail);
}

void BoldSignAuditTab::clearReport()
{
    fetcher()->drop();
    Q_EMIT imagesReleased();
    qDeleteAll(m_thumbnails);
    m_thumbnails.clear();
    m_report.reset();
    m_documentId.clear();
    m_signer = {};
    m_ui->reportGroupBox->setVisible(false);
    for (QLabel *label :
         {m_ui->resultValueLabel, m_ui->verifiedDateValueLabel, m_ui->documentTypeValueLabel,
          m_ui->countryValueLabel, m_ui->expiryValueLabel, m_ui->fileIdsValueLabel,
          m_ui->selfieIdValueLabel})
        label->clear();
}

void BoldSignAuditTab::requestReport()
{
    if (!m_boldSign)
        return;
    clearReport();
    const bool byEmail = m_ui->emailRadioButton->isChecked();
    api::BoldSignSigner signer;
    const QString documentId = m_ui->documentIdLineEdit->text().trimmed();
    if (byEmail) {
        signer.emailId = m_ui->signerEmailLineEdit->text().trimmed();
    } else {
        signer.countryCode = m_ui->countryCodeLineEdit->text().trimmed();
        signer.phoneNumber = m_ui->signerPhoneLineEdit->text().trimmed();
    }
    signer.order = m_ui->orderSpinBox->value();
    QLineEdit *missing = nullptr;
    if (documentId.isEmpty())
        missing = m_ui->documentIdLineEdit;
    else if (byEmail && signer.emailId.isEmpty())
        missing = m_ui->signerEmailLineEdit;
    else if (!byEmail && signer.countryCode.isEmpty())
        missing = m_ui->countryCodeLineEdit;
    else if (!byEmail && signer.phoneNumber.isEmpty())
        missing = m_ui->signerPhoneLineEdit;
    if (missing) {
        fetcher()->setMessage(AuditFetcher::Severity::Error, [] {
            return tr("Enter the document ID and the signer's email, or country code and "
                      "phone number.");
        });
        missing->setFocus();
        return;
    }
    m_documentId = documentId;
    m_signer = signer;
    fetcher()->setMessage(AuditFetcher::Severity::Info,
                          [] { return tr("Fetching the verification report…"); });
    fetcher()->start(m_boldSign->report(documentId, signer), [this](const auto &reply) {
        if (!reply.isSuccess()) {
            fetcher()->showFailure(
                reply.error(),
                [](const api::ApiError &error) {
                    switch (error.kind()) {
                    case api::ApiError::Kind::SignerNotVerified:
                        return tr("This signer has not verified their identity yet, or this "
                                  "BoldSign account did not send the document.");
                    case api::ApiError::Kind::BadRequest:
                        return tr("BoldSign did not accept the document ID or the signer. "
                                  "Check both.");
                    case api::ApiError::Kind::Unauthorized:
                        return tr("BoldSign rejected this kiosk's API key. Ask an "
                                  "administrator to check the settings.");
                    default:
                        return tr("The verification report could not be fetched.");
                    }
                },
                [] { return tr("Report request cancelled."); });
            return;
        }
        m_report = reply.result();
        showReport();
        showImages();
        const qsizetype count = m_thumbnails.size();
        fetcher()->setMessage(AuditFetcher::Severity::Info,
                              [count] { return tr("Images in the report: %1").arg(count); });
        qCInfo(lcGui) << "audit: BoldSign report shown," << count << "files";
    });
}

void BoldSignAuditTab::showImages()
{
    QStringList files = m_report->document.documentFiles;
    const bool hasSelfie = !m_report->document.selfieFile.isEmpty();
    if (hasSelfie)
        files.append(m_report->document.selfieFile);
    for (int i = 0; i < files.size(); ++i) {
        auto *thumbnail = new ImageThumbnail(m_ui->boldSignImagesWidget);
        const bool selfie = hasSelfie && i == files.size() - 1;
        thumbnail->setObjectName((selfie ? u"selfie"_s : u"documentFile%1"_s.arg(i + 1)) +
                                 ImageThumbnail::kNameSuffix);
        thumbnail->setFileId(files.at(i));
        m_ui->boldSignImagesGridLayout->addWidget(thumbnail, i / ImageThumbnail::kGridColumns,
                                                  i % ImageThumbnail::kGridColumns);
        connect(thumbnail, &QToolButton::clicked, this, [this, thumbnail] {
            if (thumbnail->state() == ImageThumbnail::State::Failed)
                fetchImage(thumbnail);
            else
                Q_EMIT viewRequested(thumbnail,
                                     u"boldsign-%1-%2"_s.arg(m_documentId, thumbnail->role()));
        });
        m_thumbnails.append(thumbnail);
        fetchImage(thumbnail);
    }
    retranslate();
}

void BoldSignAuditTab::showReport()
{
    if (!m_report)
        return;
    const api::BoldSignReport &r = *m_report;
    QString result = r.verificationResult;
    if (result == u"Passed"_s)
        result = tr("Passed");
    else if (result == u"Failed"_s)
        result = tr("Failed");
    if (!r.errorCode.isEmpty() || !r.errorMessage.isEmpty())
        result = tr("%1 (%2: %3)").arg(result, r.errorCode, r.errorMessage);
    m_ui->resultValueLabel->setText(result);
    m_ui->verifiedDateValueLabel->setText(
        r.verifiedAt.isValid() ? locale().toString(r.verifiedAt.toLocalTime(), QLocale::LongFormat)
                               : r.verifiedDate);
    m_ui->documentTypeValueLabel->setText(r.document.type);
    m_ui->countryValueLabel->setText(r.document.country);
    const QDate expiry = r.document.expirationDate.toDate();
    m_ui->expiryValueLabel->setText(
        expiry.isValid() ? locale().toString(expiry, QLocale::LongFormat) : tr("not given"));
    m_ui->fileIdsValueLabel->setText(
        r.document.documentFiles.isEmpty() ? tr("none") : r.document.documentFiles.join(u'\n'));
    m_ui->selfieIdValueLabel->setText(r.document.selfieFile.isEmpty() ? tr("none")
                                                                      : r.document.selfieFile);
    m_ui->reportGroupBox->setVisible(true);
}

void BoldSignAuditTab::fetchImage(ImageThumbnail *thumbnail)
{
    if (!m_boldSign || m_documentId.isEmpty())
        return;
    thumbnail->setLoading();
    fetcher()->start(m_boldSign->image(m_documentId, m_signer, thumbnail->fileId()),
                     [thumbnail](const auto &reply) {
                         if (reply.isSuccess())
                             thumbnail->setImageBytes(reply.result().bytes);
                         else
                             thumbnail->setFailed(AuditFetcher::imageFailureText(reply.error()));
                     });
}

} // namespace kiosk
