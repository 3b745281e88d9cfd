#pragma once

#include "wizardpage.h"

namespace kiosk {

namespace api {
class BoldSignClient;
class VlensClient;
} // namespace api

class AuditWidget;

// The agent's audit screen inside the kiosk: reached from the agent pages (behind the
// PIN, with the agent signed in), it hosts the AuditWidget and a way back.
class AuditPage : public WizardPage
{
    Q_OBJECT

public:
    AuditPage(api::VlensClient *vlens, api::BoldSignClient *boldSign, QWidget *parent = nullptr);

    AuditWidget *auditWidget() const { return m_audit; }
    QPushButton *defaultButton() const override { return nullptr; }
    QWidget *firstFocus() const override;
    // Drops every image and report (end of shift, idle reset).
    void clear();

Q_SIGNALS:
    void backRequested();
    void signInRequired();

protected:
    void retranslate() override;

private:
    AuditWidget *m_audit;
    QPushButton *m_back;
};

} // namespace kiosk
