#pragma once

#include "api/boldsignclient.h"

#include "audittab.h"

#include <QList>

#include <memory>
#include <optional>

namespace Ui {
class BoldSignAuditTab;
}

namespace kiosk {

class ImageThumbnail;

// The audit screen's BoldSign tab: a signer's identity-verification report for a document,
// with its images, each fetched on its own. A null client disables the tab's requests.
class BoldSignAuditTab : public AuditTab
{
    Q_OBJECT

public:
    explicit BoldSignAuditTab(api::BoldSignClient *boldSign, QWidget *parent = nullptr);
    ~BoldSignAuditTab() override;

    // Also drops the report.
    void clear() override;

private:
    void retranslate() override;
    void requestReport();
    void showReport();
    void showImages();
    void clearReport();
    void updateSignerInputs();
    void fetchImage(ImageThumbnail *thumbnail);

    std::unique_ptr<Ui::BoldSignAuditTab> m_ui;
    api::BoldSignClient *m_boldSign;
    QList<ImageThumbnail *> m_thumbnails; // per report
    QString m_documentId;
    api::BoldSignSigner m_signer;
    std::optional<api::BoldSignReport> m_report;
};

} // namespace kiosk
