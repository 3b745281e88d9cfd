#pragma once

#include "api/boldsignclient.h"
#include "imageexporter.h"

#include <QList>
#include <QPointer>
#include <QWidget>

#include <functional>
#include <memory>
#include <optional>

class QLabel;

namespace Ui {
class AuditWidget;
}

namespace kiosk::api {
class ApiCall;
class ApiError;
class VlensClient;
template<typename T>
class ApiReply;
} // namespace kiosk::api

namespace kiosk {

class ImageThumbnail;
class ImageViewerDialog;

// The agent's audit screen: the images a customer's verification stored at Vlens (search
// by phone or email) and a BoldSign signer's identity-verification report with its images.
// Each image is fetched on its own and can be opened large and, after confirmation,
// exported. Failures are shown in the screen itself, never in a modal box.
//
// The host (the wizard, behind agent sign-in) owns the clients: the VlensClient must already
// hold the agent's admin token (loginAdmin); either client may be null, which disables its
// tab. Images and reports live in memory only: call clear() at sign-out (closing the widget
// does it too).
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
    using Calls = QList<QPointer<api::ApiCall>>;
    using Text = std::function<QString()>;
    enum class Severity
    {
        Info,
        Error
    };

    void retranslate();
    void search();
    void fetchVlensImage(ImageThumbnail *thumbnail);
    void requestReport();
    void fetchBoldSignImage(ImageThumbnail *thumbnail);
    void showReport();
    void clearReport();
    void updateSignerInputs();
    void openViewer(ImageThumbnail *thumbnail);
    void exportViewedImage();

    template<typename T, typename Handler>
    void watch(Calls *calls, api::ApiReply<T> *reply, Handler handler);
    void dropCalls(Calls *calls);
    void updateBusy();
    void setMessage(QLabel *label, Text *slot, Severity severity, Text text);
    QString failureText(const QString &headline, const api::ApiError &error) const;
    bool needsSignIn(const api::ApiError &error) const;

    std::unique_ptr<Ui::AuditWidget> m_ui;
    api::VlensClient *m_vlens;
    api::BoldSignClient *m_boldSign;
    ImageExporter m_exporter;
    ImageViewerDialog *m_viewer;
    QPointer<ImageThumbnail> m_viewed;
    QString m_viewedFileName;

    QList<ImageThumbnail *> m_vlensThumbnails; // fixed: the six roles
    QString m_transactionId;
    Calls m_vlensCalls;
    Text m_vlensMessage;

    QList<ImageThumbnail *> m_boldSignThumbnails; // per report
    QString m_documentId;
    api::BoldSignSigner m_signer;
    std::optional<api::BoldSignReport> m_report;
    Calls m_boldSignCalls;
    Text m_boldSignMessage;

    bool m_busy = false;
    quint64 m_clears = 0; // an export started before clear() is abandoned
};

} // namespace kiosk
