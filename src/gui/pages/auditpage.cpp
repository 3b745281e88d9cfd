#include "auditpage.h"

#include "audit/auditwidget.h"

#include <QHBoxLayout>
#include <QLineEdit>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace kiosk {

AuditPage::AuditPage(api::VlensClient *vlens, api::BoldSignClient *boldSign, QWidget *parent)
    : WizardPage(parent)
    , m_audit(new AuditWidget(vlens, boldSign, this))
    , m_back(new QPushButton(this))
{
    m_audit->setObjectName(u"auditWidget"_s);
    m_back->setObjectName(u"auditBackButton"_s);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_audit, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_back);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    connect(m_back, &QPushButton::clicked, this, &AuditPage::backRequested);
    connect(m_audit, &AuditWidget::signInRequired, this, &AuditPage::signInRequired);
    retranslate();
}

QWidget *AuditPage::firstFocus() const
{
    return m_audit->findChild<QLineEdit *>();
}

void AuditPage::clear()
{
    m_audit->clear();
}

void AuditPage::retranslate()
{
    m_back->setText(tr("Back"));
}

} // namespace kiosk
