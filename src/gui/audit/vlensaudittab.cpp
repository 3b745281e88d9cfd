#include "vlensaudittab.h"

#include "api/vlensclient.h"
#include "auditfetcher.h"
#include "guilogging.h"
#include "imagethumbnail.h"
#include "ui_vlensaudittab.h"

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
    {"idFront", QT_TRANSLATE_NOOP("kiosk::VlensAuditTab", "ID card, front"),
     &api::IdentityImages::idFrontImage},
    {"idBack", QT_TRANSLATE_NOOP("kiosk::VlensAuditTab", "ID card, back"),
     &api::IdentityImages::idBackImage},
    {"liveness", QT_TRANSLATE_NOOP("kiosk::VlensAuditTab", "Liveness"),
     &api::IdentityImages::livenessImage},
    {"livenessFace01", QT_TRANSLATE_NOOP("kiosk::VlensAuditTab", "Face 1"),
     &api::IdentityImages::livenessFace01Image},
    {"livenessFace02", QT_TRANSLATE_NOOP("kiosk::VlensAuditTab", "Face 2"),
     &api::IdentityImages::livenessFace02Image},
    {"livenessFace03", QT_TRANSLATE_NOOP("kiosk::VlensAuditTab", "Face 3"),
     &api::IdentityImages::livenessFace03Image},
};

} // namespace

VlensAuditTab::VlensAuditTab(api::VlensClient *vlens, QWidget *parent)
    : AuditTab(parent)
    , m_ui(std::make_unique<Ui::VlensAuditTab>())
    , m_vlens(vlens)
{
    m_ui->setupUi(this);
    setFocusProxy(m_ui->customerLineEdit);
    setMessageLabel(m_ui->vlensMessageLabel);

    for (const VlensRole &role : kVlensRoles) {
        auto *thumbnail = new ImageThumbnail(m_ui->vlensImagesWidget);
        thumbnail->setObjectName(QLatin1StringView(role.key) + ImageThumbnail::kNameSuffix);
        thumbnail->setVisible(false);
        const int index = int(m_thumbnails.size());
        m_ui->vlensImagesGridLayout->addWidget(thumbnail, index / ImageThumbnail::kGridColumns,
                                               index % ImageThumbnail::kGridColumns);
        connect(thumbnail, &QToolButton::clicked, this, [this, thumbnail] {
            if (thumbnail->state() == ImageThumbnail::State::Failed)
                fetchImage(thumbnail);
            else
                Q_EMIT viewRequested(thumbnail,
                                     u"vlens-%1-%2"_s.arg(m_transactionId, thumbnail->role()));
        });
        m_thumbnails.append(thumbnail);
    }
    m_ui->vlensImagesGridLayout->setRowStretch(2, 1);

    connect(m_ui->searchPushButton, &QPushButton::clicked, this, &VlensAuditTab::search);
    connect(m_ui->customerLineEdit, &QLineEdit::returnPressed, this, &VlensAuditTab::search);
    retranslate();
}

VlensAuditTab::~VlensAuditTab() = default;

void VlensAuditTab::clear()
{
    resetImages();
    m_ui->customerLineEdit->clear();
    fetcher()->clearMessage();
}

void VlensAuditTab::retranslate()
{
    m_ui->retranslateUi(this);
    for (int i = 0; i < m_thumbnails.size(); ++i)
        m_thumbnails.at(i)->setCaption(tr(kVlensRoles[i].caption));
    fetcher()->retranslate();
}

void VlensAuditTab::resetImages()
{
    fetcher()->drop();
    Q_EMIT imagesReleased();
    m_transactionId.clear();
    for (ImageThumbnail *thumbnail : std::as_const(m_thumbnails)) {
        thumbnail->setNotStored();
        thumbnail->setFileId({});
        thumbnail->setVisible(false);
    }
}

void VlensAuditTab::search()
{
    if (!m_vlens)
        return;
    const QString customer = m_ui->customerLineEdit->text().trimmed();
    resetImages();
    if (customer.isEmpty()) {
        fetcher()->setMessage(AuditFetcher::Severity::Error,
                              [] { return tr("Enter the customer's phone number or email."); });
        m_ui->customerLineEdit->setFocus();
        return;
    }
    fetcher()->setMessage(AuditFetcher::Severity::Info, [] { return tr("Searching…"); });
    fetcher()->start(m_vlens->getUserDigitalIdentityImages(customer), [this](const auto &reply) {
        if (!reply.isSuccess()) {
            fetcher()->showFailure(
                reply.error(),
                [](const api::ApiError &error) {
                    switch (error.kind()) {
                    case api::ApiError::Kind::NotFound:
                        return tr("No customer with this phone number or email is known to "
                                  "the identity service.");
                    case api::ApiError::Kind::Forbidden:
                        return tr("Your agent account may not view customer images: it "
                                  "needs the “Requests” permission.");
                    default:
                        return AuditFetcher::needsSignIn(error)
                                   ? tr("Your agent sign-in is no longer valid. Sign in again.")
                                   : tr("The search failed.");
                    }
                },
                [] { return tr("Search cancelled."); });
            if (AuditFetcher::needsSignIn(reply.error()))
                Q_EMIT signInRequired();
            return;
        }
        const api::IdentityImages &images = reply.result();
        m_transactionId = images.transactionId;
        int stored = 0;
        for (int i = 0; i < m_thumbnails.size(); ++i) {
            ImageThumbnail *thumbnail = m_thumbnails.at(i);
            const QString file = images.*(kVlensRoles[i].file);
            thumbnail->setFileId(file);
            thumbnail->setVisible(true);
            if (file.isEmpty())
                continue;
            ++stored;
            if (m_transactionId.isEmpty())
                thumbnail->setFailed(tr("The service did not say which transaction holds this "
                                        "image, so it cannot be fetched."));
            else
                fetchImage(thumbnail);
        }
        const QString transaction = m_transactionId;
        const int total = int(m_thumbnails.size());
        if (stored == 0) {
            fetcher()->setMessage(AuditFetcher::Severity::Error, [] {
                return tr("This customer has no stored images: no verification step was "
                          "completed.");
            });
        } else if (transaction.isEmpty()) {
            fetcher()->setMessage(AuditFetcher::Severity::Error, [] {
                return tr("The service listed images without their transaction, so they "
                          "cannot be fetched.");
            });
        } else {
            fetcher()->setMessage(AuditFetcher::Severity::Info, [transaction, stored, total] {
                return tr("Transaction %1: %2 of %3 images stored.")
                    .arg(transaction)
                    .arg(stored)
                    .arg(total);
            });
        }
        qCInfo(lcGui) << "audit: images listed," << stored << "stored";
    });
}

void VlensAuditTab::fetchImage(ImageThumbnail *thumbnail)
{
    if (!m_vlens || m_transactionId.isEmpty() || thumbnail->fileId().isEmpty())
        return;
    thumbnail->setLoading();
    api::StepImageRequest request;
    request.transactionId = m_transactionId;
    request.fileName = thumbnail->fileId();
    fetcher()->start(m_vlens->getStepImage(request), [this, thumbnail](const auto &reply) {
        if (reply.isSuccess()) {
            thumbnail->setImageBytes(reply.result().bytes);
            return;
        }
        thumbnail->setFailed(AuditFetcher::imageFailureText(reply.error()));
        if (AuditFetcher::needsSignIn(reply.error()))
            Q_EMIT signInRequired();
    });
}

} // namespace kiosk
