#include "audittab.h"

#include "auditfetcher.h"

#include <QEvent>

namespace kiosk {

AuditTab::AuditTab(QWidget *parent)
    : QWidget(parent)
{}

void AuditTab::setMessageLabel(QLabel *label)
{
    m_fetcher = new AuditFetcher(label, this);
    connect(m_fetcher, &AuditFetcher::busyChanged, this, &AuditTab::busyChanged);
}

bool AuditTab::isBusy() const
{
    return m_fetcher->isBusy();
}

void AuditTab::cancel()
{
    m_fetcher->cancel();
}

void AuditTab::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace kiosk
