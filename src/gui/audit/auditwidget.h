#pragma once

#include "imageexporter.h"

#include <QPointer>
#include <QWidget>

#include <array>
#include <memory>

namespace Ui {
class AuditWidget;
}

namespace kiosk::api {
class BoldSignClient;
class VlensClient;
} // namespace kiosk::api

namespace kiosk {

class AuditTab;
class BoldSignAuditTab;
class ImageThumbnail;
class ImageViewerDialog;
class VlensAuditTab;

// The agent's audit screen: two tabs, the images a customer's verification stored at Vlens
// (VlensAuditTab) and a BoldSign signer's identity-verification report with its images
// (BoldSignAuditTab). This widget hosts them and what they share: the progress bar and
// Cancel, the large image viewer and the export. Failures are shown in the tabs, never in
// a modal box.
//
// The host owns the clients: the VlensClient must already hold the agent's admin token
// (loginAdmin); either client may be null, which disables its tab. Images and reports live
// in memory only: call clear() at sign-out (closing the widget does it too).
//
// AuditPage hosts it in the kiosk: signInRequired ends the agent's shift
// (MainWindow::endShift), and the page clears it when the shift ends.
class AuditWidget : public QWidget
{
    Q_OBJECT

public:
    AuditWidget(api::VlensClient *vlens, api::BoldSignClient *boldSign, QWidget *parent = nullptr);
    ~AuditWidget() override;

    // How the export asks for the folder and the confirmations (tests inject answers).
    void setExportPrompts(ExportPrompts prompts);
    bool isBusy() const { return m_busy; }

public Q_SLOTS:
    // Cancels every request, drops every image and report from memory, closes the viewer
    // and empties the inputs.
    void clear();
    // Cancels the requests in flight; what was already fetched stays.
    void cancel();

Q_SIGNALS:
    void busyChanged(bool busy);
    // The service rejected the agent's token (expired, or signed out elsewhere): the host
    // should show its sign-in again.
    void signInRequired();
    // An image was written to disk by the agent's choice (for the host's audit trail).
    void imageExported(const QString &filePath);

protected:
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void retranslate();
    void openViewer(ImageThumbnail *thumbnail, const QString &exportName);
    void releaseViewer(const QWidget *tab);
    void exportViewedImage();
    void updateBusy();
    std::array<AuditTab *, 2> tabs() const;

    std::unique_ptr<Ui::AuditWidget> m_ui;
    bool m_hasBoldSign;
    VlensAuditTab *m_vlensTab;
    BoldSignAuditTab *m_boldSignTab;
    ImageExporter m_exporter;
    ImageViewerDialog *m_viewer;
    QPointer<ImageThumbnail> m_viewed;
    QString m_viewedFileName;
    bool m_busy = false;
    quint64 m_clears = 0; // an export started before clear() is abandoned
};

} // namespace kiosk
