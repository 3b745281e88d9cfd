#include "auditwidget.h"

#include "api/vlensclient.h"
#include "guilogging.h"
#include "imagethumbnail.h"
#include "imageviewerdialog.h"
#include "ui_auditwidget.h"

#include <QCloseEvent>
#include <QEvent>

using namespace Qt::StringLiterals;

namespace kiosk {

namespace {

// The six files GetUserDigitalIdentityImages names, in the order the customer gave them.
struct VlensRole
{
    const char *key; // object name prefix and export file name part
    const char *caption;
    QString api::IdentityImages::*file;
};

const VlensRole kVlensRoles[] = {
    {"idFront", QT_TRANSLATE_NOOP("kiosk::AuditWidget", "ID card, front"),
     &api::IdentityImages::idFrontImage},
    {"idBack", QT_TRANSLATE_NOOP("kiosk::AuditWidget", "ID card, back"),
     &api::IdentityImages::idBackImage},
    {"liveness", QT_TRANSLATE_NOOP("kiosk::AuditWidget", "Liveness"),
     &api::IdentityImages::livenessImage},
    {"livenessFace01", QT_TRANSLATE_NOOP("kiosk::AuditWidget", "Face 1"),
     &api::IdentityImages::livenessFace01Image},
    {"livenessFace02", QT_TRANSLATE_NOOP("kiosk::AuditWidget", "Face 2"),
     &api::IdentityImages::livenessFace02Image},
    {"livenessFace03", QT_TRANSLATE_NOOP("kiosk::AuditWidget", "Face 3"),
     &api::IdentityImages::livenessFace03Image},
};

constexpr int kColumns = 3;
constexpr auto kThumbnailSuffix = "ImageThumbnail"_L1;

QString roleOf(const QObject *thumbnail)
{
    QString name = thumbnail->objectName();
    name.chop(kThumbnailSuffix.size());
    return name;
}

} // namespace

AuditWidget::AuditWidget(api::VlensClient *vlens, api::BoldSignClient *boldSign, QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::AuditWidget>())
    , m_vlens(vlens)
    , m_boldSign(boldSign)
    , m_viewer(new ImageViewerDialog(this))
{
    m_ui->setupUi(this);
    setFocusProxy(m_ui->customerLineEdit);
    // The Cancel button keeps its place and size whether or not a request runs.
    QSizePolicy busyPolicy = m_ui->busyProgressBar->sizePolicy();
    busyPolicy.setRetainSizeWhenHidden(true);
    m_ui->busyProgressBar->setSizePolicy(busyPolicy);
    m_ui->busyProgressBar->setVisible(false);
    m_ui->cancelPushButton->setEnabled(false);
    m_ui->reportGroupBox->setVisible(false);

    for (const VlensRole &role : kVlensRoles) {
        auto *thumbnail = new ImageThumbnail(m_ui->vlensImagesWidget);
        thumbnail->setObjectName(QLatin1StringView(role.key) + kThumbnailSuffix);
        thumbnail->setVisible(false);
        const int index = int(m_vlensThumbnails.size());
        m_ui->vlensImagesGridLayout->addWidget(thumbnail, index / kColumns, index % kColumns);
        connect(thumbnail, &QToolButton::clicked, this, [this, thumbnail] {
            if (thumbnail->state() == ImageThumbnail::State::Failed)
                fetchVlensImage(thumbnail);
            else
                openViewer(thumbnail);
        });
        m_vlensThumbnails.append(thumbnail);
    }
    m_ui->vlensImagesGridLayout->setRowStretch(2, 1);
    m_ui->boldSignImagesGridLayout->setRowStretch(2, 1);

    connect(m_ui->searchPushButton, &QPushButton::clicked, this, &AuditWidget::search);
    connect(m_ui->customerLineEdit, &QLineEdit::returnPressed, this, &AuditWidget::search);
    connect(m_ui->reportPushButton, &QPushButton::clicked, this, &AuditWidget::requestReport);
    for (QLineEdit *edit : {m_ui->documentIdLineEdit, m_ui->signerEmailLineEdit,
                            m_ui->countryCodeLineEdit, m_ui->signerPhoneLineEdit})
        connect(edit, &QLineEdit::returnPressed, this, &AuditWidget::requestReport);
    connect(m_ui->emailRadioButton, &QRadioButton::toggled, this, &AuditWidget::updateSignerInputs);
    connect(m_ui->cancelPushButton, &QPushButton::clicked, this, &AuditWidget::cancel);
    connect(m_viewer, &ImageViewerDialog::exportRequested, this, &AuditWidget::exportViewedImage);
    updateSignerInputs();

    m_ui->sourceTabWidget->setTabEnabled(m_ui->sourceTabWidget->indexOf(m_ui->vlensTab),
                                         m_vlens != nullptr);
    m_ui->sourceTabWidget->setTabEnabled(m_ui->sourceTabWidget->indexOf(m_ui->boldSignTab),
                                         m_boldSign != nullptr);
    if (!m_vlens && m_boldSign)
        m_ui->sourceTabWidget->setCurrentWidget(m_ui->boldSignTab);
    retranslate();
}

AuditWidget::~AuditWidget()
{
    // The replies are children of the clients, which outlive this screen.
    dropCalls(&m_vlensCalls);
    dropCalls(&m_boldSignCalls);
}

void AuditWidget::setExportPrompts(ExportPrompts prompts)
{
    m_exporter.setPrompts(std::move(prompts));
}

void AuditWidget::clear()
{
    ++m_clears;
    dropCalls(&m_vlensCalls);
    dropCalls(&m_boldSignCalls);
    m_viewer->clearImage();
    m_viewed = nullptr;
    m_viewedFileName.clear();

    for (ImageThumbnail *thumbnail : std::as_const(m_vlensThumbnails)) {
        thumbnail->setNotStored();
        thumbnail->setFileId({});
        thumbnail->setVisible(false);
    }
    m_transactionId.clear();
    clearReport();
    m_ui->customerLineEdit->clear();
    m_ui->documentIdLineEdit->clear();
    m_ui->signerEmailLineEdit->clear();
    m_ui->countryCodeLineEdit->clear();
    m_ui->signerPhoneLineEdit->clear();
    m_ui->orderSpinBox->setValue(1);
    m_ui->emailRadioButton->setChecked(true);
    setMessage(m_ui->vlensMessageLabel, &m_vlensMessage, Severity::Info, {});
    setMessage(m_ui->boldSignMessageLabel, &m_boldSignMessage, Severity::Info, {});
    updateBusy();
    qCDebug(lcGui) << "audit screen cleared";
}

void AuditWidget::cancel()
{
    // finished() follows from the event loop with Kind::Cancelled; the handlers show it.
    for (Calls *calls : {&m_vlensCalls, &m_boldSignCalls}) {
        for (const QPointer<api::ApiCall> &call : std::as_const(*calls)) {
            if (call)
                call->cancel();
        }
    }
}

void AuditWidget::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        retranslate();
    }
    QWidget::changeEvent(event);
}

void AuditWidget::closeEvent(QCloseEvent *event)
{
    clear();
    QWidget::closeEvent(event);
}

void AuditWidget::retranslate()
{
    for (int i = 0; i < m_vlensThumbnails.size(); ++i)
        m_vlensThumbnails.at(i)->setCaption(tr(kVlensRoles[i].caption));
    for (int i = 0; i < m_boldSignThumbnails.size(); ++i) {
        ImageThumbnail *thumbnail = m_boldSignThumbnails.at(i);
        thumbnail->setCaption(
            roleOf(thumbnail) == u"selfie"_s ? tr("Selfie") : tr("Document image %1").arg(i + 1));
    }
    if (m_vlensMessage)
        m_ui->vlensMessageLabel->setText(m_vlensMessage());
    if (m_boldSignMessage)
        m_ui->boldSignMessageLabel->setText(m_boldSignMessage());
    const int boldSignIndex = m_ui->sourceTabWidget->indexOf(m_ui->boldSignTab);
    m_ui->sourceTabWidget->setTabToolTip(
        boldSignIndex, m_boldSign ? QString() : tr("BoldSign is not configured on this kiosk."));
    if (m_report)
        showReport();
}

// ---- Vlens -------------------------------------------------------------------------------

void AuditWidget::search()
{
    if (!m_vlens)
        return;
    const QString customer = m_ui->customerLineEdit->text().trimmed();
    dropCalls(&m_vlensCalls);
    m_viewer->clearImage();
    m_transactionId.clear();
    for (ImageThumbnail *thumbnail : std::as_const(m_vlensThumbnails)) {
        thumbnail->setNotStored();
        thumbnail->setFileId({});
        thumbnail->setVisible(false);
    }
    if (customer.isEmpty()) {
        setMessage(m_ui->vlensMessageLabel, &m_vlensMessage, Severity::Error,
                   [] { return tr("Enter the customer's phone number or email."); });
        m_ui->customerLineEdit->setFocus();
        updateBusy();
        return;
    }
    setMessage(m_ui->vlensMessageLabel, &m_vlensMessage, Severity::Info,
               [] { return tr("Searching…"); });
    watch(&m_vlensCalls, m_vlens->getUserDigitalIdentityImages(customer),
          [this](const api::ApiReply<api::IdentityImages> &reply) {
              if (!reply.isSuccess()) {
                  const api::ApiError error = reply.error();
                  setMessage(m_ui->vlensMessageLabel, &m_vlensMessage, Severity::Error,
                             [this, error] {
                                 QString headline;
                                 switch (error.kind()) {
                                 case api::ApiError::Kind::NotFound:
                                     headline = tr("No customer with this phone number or email "
                                                   "is known to the identity service.");
                                     break;
                                 case api::ApiError::Kind::Forbidden:
                                     headline = tr("Your agent account may not view customer "
                                                   "images: it needs the “Requests” permission.");
                                     break;
                                 case api::ApiError::Kind::Cancelled:
                                     return tr("Search cancelled.");
                                 default:
                                     headline = needsSignIn(error)
                                                    ? tr("Your agent sign-in is no longer valid. "
                                                         "Sign in again.")
                                                    : tr("The search failed.");
                                 }
                                 return failureText(headline, error);
                             });
                  if (needsSignIn(error))
                      Q_EMIT signInRequired();
                  return;
              }
              const api::IdentityImages &images = reply.result();
              m_transactionId = images.transactionId;
              int stored = 0;
              for (int i = 0; i < m_vlensThumbnails.size(); ++i) {
                  ImageThumbnail *thumbnail = m_vlensThumbnails.at(i);
                  const QString file = images.*(kVlensRoles[i].file);
                  thumbnail->setFileId(file);
                  thumbnail->setVisible(true);
                  if (file.isEmpty())
                      continue;
                  ++stored;
                  if (m_transactionId.isEmpty())
                      thumbnail->setFailed(tr("The service did not say which transaction "
                                              "holds this image, so it cannot be fetched."));
                  else
                      fetchVlensImage(thumbnail);
              }
              const QString transaction = m_transactionId;
              const int total = int(m_vlensThumbnails.size());
              if (stored == 0) {
                  setMessage(m_ui->vlensMessageLabel, &m_vlensMessage, Severity::Error, [] {
                      return tr("This customer has no stored images: no verification step "
                                "was completed.");
                  });
              } else if (transaction.isEmpty()) {
                  setMessage(m_ui->vlensMessageLabel, &m_vlensMessage, Severity::Error, [] {
                      return tr("The service listed images without their transaction, so "
                                "they cannot be fetched.");
                  });
              } else {
                  setMessage(m_ui->vlensMessageLabel, &m_vlensMessage, Severity::Info,
                             [transaction, stored, total] {
                                 return tr("Transaction %1: %2 of %3 images stored.")
                                     .arg(transaction)
                                     .arg(stored)
                                     .arg(total);
                             });
              }
              qCInfo(lcGui) << "audit: images listed," << stored << "stored";
          });
}

void AuditWidget::fetchVlensImage(ImageThumbnail *thumbnail)
{
    if (!m_vlens || m_transactionId.isEmpty() || thumbnail->fileId().isEmpty())
        return;
    thumbnail->setLoading();
    api::StepImageRequest request;
    request.transactionId = m_transactionId;
    request.fileName = thumbnail->fileId();
    watch(&m_vlensCalls, m_vlens->getStepImage(request),
          [this, thumbnail](const api::ApiReply<api::StepImage> &reply) {
              if (reply.isSuccess()) {
                  thumbnail->setImageBytes(reply.result().bytes);
                  return;
              }
              thumbnail->setFailed(
                  reply.error().kind() == api::ApiError::Kind::Cancelled
                      ? reply.error().message()
                      : failureText(tr("The image could not be fetched."), reply.error()));
              if (needsSignIn(reply.error()))
                  Q_EMIT signInRequired();
          });
}

// ---- BoldSign ----------------------------------------------------------------------------

void AuditWidget::updateSignerInputs()
{
    const bool byEmail = m_ui->emailRadioButton->isChecked();
    m_ui->signerEmailLineEdit->setEnabled(byEmail);
    m_ui->countryCodeLineEdit->setEnabled(!byEmail);
    m_ui->signerPhoneLineEdit->setEnabled(!byEmail);
}

void AuditWidget::clearReport()
{
    dropCalls(&m_boldSignCalls);
    if (m_viewed && m_boldSignThumbnails.contains(m_viewed.data()))
        m_viewer->clearImage();
    qDeleteAll(m_boldSignThumbnails);
    m_boldSignThumbnails.clear();
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

void AuditWidget::requestReport()
{
    if (!m_boldSign)
        return;
    clearReport();
    api::BoldSignSigner signer;
    const QString documentId = m_ui->documentIdLineEdit->text().trimmed();
    if (m_ui->emailRadioButton->isChecked()) {
        signer.emailId = m_ui->signerEmailLineEdit->text().trimmed();
    } else {
        signer.countryCode = m_ui->countryCodeLineEdit->text().trimmed();
        signer.phoneNumber = m_ui->signerPhoneLineEdit->text().trimmed();
    }
    signer.order = m_ui->orderSpinBox->value();
    QLineEdit *missing = nullptr;
    if (documentId.isEmpty())
        missing = m_ui->documentIdLineEdit;
    else if (m_ui->emailRadioButton->isChecked() && signer.emailId.isEmpty())
        missing = m_ui->signerEmailLineEdit;
    else if (!m_ui->emailRadioButton->isChecked() && signer.countryCode.isEmpty())
        missing = m_ui->countryCodeLineEdit;
    else if (!m_ui->emailRadioButton->isChecked() && signer.phoneNumber.isEmpty())
        missing = m_ui->signerPhoneLineEdit;
    if (missing) {
        setMessage(m_ui->boldSignMessageLabel, &m_boldSignMessage, Severity::Error, [] {
            return tr("Enter the document ID and the signer's email, or country code and "
                      "phone number.");
        });
        missing->setFocus();
        updateBusy();
        return;
    }
    m_documentId = documentId;
    m_signer = signer;
    setMessage(m_ui->boldSignMessageLabel, &m_boldSignMessage, Severity::Info,
               [] { return tr("Fetching the verification report…"); });
    watch(&m_boldSignCalls, m_boldSign->report(documentId, signer),
          [this](const api::ApiReply<api::BoldSignReport> &reply) {
              if (!reply.isSuccess()) {
                  const api::ApiError error = reply.error();
                  setMessage(m_ui->boldSignMessageLabel, &m_boldSignMessage, Severity::Error,
                             [this, error] {
                                 QString headline;
                                 switch (error.kind()) {
                                 case api::ApiError::Kind::SignerNotVerified:
                                     headline = tr("This signer has not verified their identity "
                                                   "yet, or this BoldSign account did not send "
                                                   "the document.");
                                     break;
                                 case api::ApiError::Kind::BadRequest:
                                     headline = tr("BoldSign did not accept the document ID or "
                                                   "the signer. Check both.");
                                     break;
                                 case api::ApiError::Kind::Unauthorized:
                                     headline = tr("BoldSign rejected this kiosk's API key. Ask "
                                                   "an administrator to check the settings.");
                                     break;
                                 case api::ApiError::Kind::Cancelled:
                                     return tr("Report request cancelled.");
                                 default:
                                     headline = tr("The verification report could not be "
                                                   "fetched.");
                                 }
                                 return failureText(headline, error);
                             });
                  return;
              }
              m_report = reply.result();
              showReport();
              QStringList files = m_report->document.documentFiles;
              if (!m_report->document.selfieFile.isEmpty())
                  files.append(m_report->document.selfieFile);
              for (int i = 0; i < files.size(); ++i) {
                  auto *thumbnail = new ImageThumbnail(m_ui->boldSignImagesWidget);
                  const bool selfie =
                      i == files.size() - 1 && !m_report->document.selfieFile.isEmpty();
                  thumbnail->setObjectName((selfie ? u"selfie"_s : u"documentFile%1"_s.arg(i + 1)) +
                                           kThumbnailSuffix);
                  thumbnail->setFileId(files.at(i));
                  m_ui->boldSignImagesGridLayout->addWidget(thumbnail, i / kColumns, i % kColumns);
                  connect(thumbnail, &QToolButton::clicked, this, [this, thumbnail] {
                      if (thumbnail->state() == ImageThumbnail::State::Failed)
                          fetchBoldSignImage(thumbnail);
                      else
                          openViewer(thumbnail);
                  });
                  m_boldSignThumbnails.append(thumbnail);
                  fetchBoldSignImage(thumbnail);
              }
              retranslate();
              const qsizetype count = files.size();
              setMessage(m_ui->boldSignMessageLabel, &m_boldSignMessage, Severity::Info,
                         [count] { return tr("Images in the report: %1").arg(count); });
              qCInfo(lcGui) << "audit: BoldSign report shown," << count << "files";
          });
}

void AuditWidget::showReport()
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

void AuditWidget::fetchBoldSignImage(ImageThumbnail *thumbnail)
{
    if (!m_boldSign || m_documentId.isEmpty())
        return;
    thumbnail->setLoading();
    watch(&m_boldSignCalls, m_boldSign->image(m_documentId, m_signer, thumbnail->fileId()),
          [this, thumbnail](const api::ApiReply<api::BoldSignImage> &reply) {
              if (reply.isSuccess()) {
                  thumbnail->setImageBytes(reply.result().bytes);
                  return;
              }
              thumbnail->setFailed(
                  reply.error().kind() == api::ApiError::Kind::Cancelled
                      ? reply.error().message()
                      : failureText(tr("The image could not be fetched."), reply.error()));
          });
}

// ---- viewer and export --------------------------------------------------------------------

void AuditWidget::openViewer(ImageThumbnail *thumbnail)
{
    if (thumbnail->state() != ImageThumbnail::State::Loaded)
        return;
    m_viewed = thumbnail;
    const bool vlens = m_vlensThumbnails.contains(thumbnail);
    m_viewedFileName = vlens ? u"vlens-%1-%2"_s.arg(m_transactionId, roleOf(thumbnail))
                             : u"boldsign-%1-%2"_s.arg(m_documentId, roleOf(thumbnail));
    m_viewer->setImage(thumbnail->caption(), thumbnail->bytes(), thumbnail->image());
    // open(): window-modal but returns at once, so nothing ever blocks in a nested loop.
    m_viewer->open();
    m_viewer->raise();
    m_viewer->activateWindow();
}

void AuditWidget::exportViewedImage()
{
    // A copy: clear() may run while the folder dialog is open (sign-out), and then the
    // export must not happen.
    const QByteArray bytes = m_viewer->bytes();
    const quint64 clears = m_clears;
    const ExportResult result = m_exporter.exportImage(
        m_viewer, bytes, m_viewedFileName, [this, clears] { return m_clears == clears; });
    m_viewer->setStatus(result.message());
    if (result.saved())
        Q_EMIT imageExported(result.filePath);
}

// ---- plumbing -----------------------------------------------------------------------------

template<typename T, typename Handler>
void AuditWidget::watch(Calls *calls, api::ApiReply<T> *reply, Handler handler)
{
    calls->append(reply);
    connect(reply, &api::ApiCall::finished, this, [this, calls, reply, handler] {
        calls->removeAll(reply);
        reply->deleteLater();
        handler(*reply);
        updateBusy();
    });
    updateBusy();
}

void AuditWidget::dropCalls(Calls *calls)
{
    // Deleting a call aborts its transfer; no finished() is delivered to us any more.
    const Calls dropped = std::exchange(*calls, {});
    for (const QPointer<api::ApiCall> &call : dropped) {
        if (call) {
            call->disconnect(this);
            delete call.data();
        }
    }
}

void AuditWidget::updateBusy()
{
    const auto alive = [](const Calls &calls) {
        return std::any_of(calls.cbegin(), calls.cend(),
                           [](const QPointer<api::ApiCall> &call) { return !call.isNull(); });
    };
    const bool busy = alive(m_vlensCalls) || alive(m_boldSignCalls);
    m_ui->busyProgressBar->setVisible(busy);
    m_ui->cancelPushButton->setEnabled(busy);
    if (busy == m_busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged(busy);
}

void AuditWidget::setMessage(QLabel *label, Text *slot, Severity severity, Text text)
{
    *slot = std::move(text);
    label->setText(*slot ? (*slot)() : QString());
    label->setStyleSheet(severity == Severity::Error ? u"color: #b00020;"_s : QString());
    label->setProperty("severity", severity == Severity::Error ? u"error"_s : u"info"_s);
}

QString AuditWidget::failureText(const QString &headline, const api::ApiError &error) const
{
    QString text = headline + u'\n' + error.fullMessage();
    if (!error.requestId().isEmpty())
        text += u'\n' + tr("Request ID for support: %1").arg(error.requestId());
    return text;
}

bool AuditWidget::needsSignIn(const api::ApiError &error) const
{
    // A 401 that survived the client's one token refresh (Unauthorized, or the sandbox's and
    // Vlens' envelope code 5004 with HTTP 401): only a new sign-in helps.
    return error.kind() == api::ApiError::Kind::Unauthorized ||
           error.kind() == api::ApiError::Kind::NotAuthenticated || error.httpStatus() == 401;
}

} // namespace kiosk
