#pragma once

#include "audittab.h"

#include <QList>

#include <memory>

namespace Ui {
class VlensAuditTab;
}

namespace kiosk::api {
class VlensClient;
}

namespace kiosk {

class ImageThumbnail;

// The audit screen's Vlens tab: the images a customer's verification stored at Vlens,
// searched by phone or email, each fetched on its own. The client must hold the agent's
// admin token; null disables the tab's requests.
class VlensAuditTab : public AuditTab
{
    Q_OBJECT

public:
    explicit VlensAuditTab(api::VlensClient *vlens, QWidget *parent = nullptr);
    ~VlensAuditTab() override;

    void clear() override;

Q_SIGNALS:
    // The service refused the agent's token: only a new sign-in helps.
    void signInRequired();

private:
    void retranslate() override;
    void search();
    void resetImages();
    void fetchImage(ImageThumbnail *thumbnail);

    std::unique_ptr<Ui::VlensAuditTab> m_ui;
    api::VlensClient *m_vlens;
    QList<ImageThumbnail *> m_thumbnails; // fixed: the six roles
    QString m_transactionId;
};

} // namespace kiosk
