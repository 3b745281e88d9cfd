#include "auditwidget.h"

#include "boldsignaudittab.h"
#include "guilogging.h"
#include "imagethumbnail.h"
#include "imageviewerdialog.h"
#include "ui_auditwidget.h"
#include "vlensaudittab.h"

#include <QCloseEvent>
#include <QEvent>

namespace kiosk {

AuditWidget::AuditWidget(api::VlensClient *vlens, api::BoldSignClient *boldSign, QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::AuditWidget>())
    , m_hasBoldSign(boldSign != nullptr)
    , m_vlensTab(new VlensAuditTab(vlens))
    , m_boldSignTab(new BoldSignAuditTab(boldSign))
    , m_viewer(new ImageViewerDialog(this))
{
    m_ui->setupUi(this);
    m_vlensTab->setObjectName(QStringLiteral("vlensTab"));
    m_boldSignTab->setObjectName(QStringLiteral("boldSignTab"));
    m_ui->sourceTabWidget->addTab(m_vlensTab, QString());
    m_ui->sourceTabWidget->addTab(m_boldSignTab, QString());
    setFocusProxy(m_vlensTab);
    // The Cancel button keeps its place and size whether or not a request runs.
    QSizePolicy busyPolicy = m_ui->busyProgressBar->sizePolicy();
    busyPolicy.setRetainSizeWhenHidden(true);
    m_ui->busyProgressBar->setSizePolicy(busyPolicy);
    updateBusy();

    for (AuditTab *tab : tabs()) {
        connect(tab, &AuditTab::busyChanged, this, &AuditWidget::updateBusy);
        connect(tab, &AuditTab::viewRequested, this, &AuditWidget::openViewer);
        connect(tab, &AuditTab::imagesReleased, this, [this, tab] { releaseViewer(tab); });
    }
    connect(m_vlensTab, &VlensAuditTab::signInRequired, this, &AuditWidget::signInRequired);
    connect(m_ui->cancelPushButton, &QPushButton::clicked, this, &AuditWidget::cancel);
    connect(m_viewer, &ImageViewerDialog::exportRequested, this, &AuditWidget::exportViewedImage);

    m_ui->sourceTabWidget->setTabEnabled(m_ui->sourceTabWidget->indexOf(m_vlensTab),
                                         vlens != nullptr);
    m_ui->sourceTabWidget->setTabEnabled(m_ui->sourceTabWidget->indexOf(m_boldSignTab),
                                         boldSign != nullptr);
    if (!vlens && boldSign)
        m_ui->sourceTabWidget->setCurrentWidget(m_boldSignTab);
    retranslate();
}

AuditWidget::~AuditWidget()
{
    // The tabs die after this object's own part: nothing of theirs may reach it then.
    for (AuditTab *tab : tabs())
        tab->disconnect(this);
}

void AuditWidget::setExportPrompts(ExportPrompts prompts)
{
    m_exporter.setPrompts(std::move(prompts));
}

void AuditWidget::clear()
{
    ++m_clears;
    for (AuditTab *tab : tabs())
        tab->clear();
    m_viewer->clearImage();
    m_viewed = nullptr;
    m_viewedFileName.clear();
    updateBusy();
    qCDebug(lcGui) << "audit screen cleared";
}

void AuditWidget::cancel()
{
    for (AuditTab *tab : tabs())
        tab->cancel();
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
    QTabWidget *tabs = m_ui->sourceTabWidget;
    tabs->setTabText(tabs->indexOf(m_vlensTab), tr("&Vlens verification"));
    tabs->setTabText(tabs->indexOf(m_boldSignTab), tr("&BoldSign verification"));
    tabs->setTabToolTip(tabs->indexOf(m_boldSignTab),
                        m_hasBoldSign ? QString()
                                      : tr("BoldSign is not configured on this kiosk."));
}

void AuditWidget::openViewer(ImageThumbnail *thumbnail, const QString &exportName)
{
    if (thumbnail->state() != ImageThumbnail::State::Loaded)
        return;
    m_viewed = thumbnail;
    m_viewedFileName = exportName;
    m_viewer->setImage(thumbnail->caption(), thumbnail->bytes(), thumbnail->image());
    // open(): window-modal but returns at once, so nothing ever blocks in a nested loop.
    m_viewer->open();
    m_viewer->raise();
    m_viewer->activateWindow();
}

void AuditWidget::releaseViewer(const QWidget *tab)
{
    if (m_viewed && tab->isAncestorOf(m_viewed))
        m_viewer->clearImage();
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

std::array<AuditTab *, 2> AuditWidget::tabs() const
{
    return {m_vlensTab, m_boldSignTab};
}

void AuditWidget::updateBusy()
{
    const auto tabList = tabs();
    const bool busy =
        std::any_of(tabList.begin(), tabList.end(), [](AuditTab *tab) { return tab->isBusy(); });
    m_ui->busyProgressBar->setVisible(busy);
    m_ui->cancelPushButton->setEnabled(busy);
    if (busy == m_busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged(busy);
}

} // namespace kiosk
