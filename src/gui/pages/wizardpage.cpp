#include "wizardpage.h"

#include <QEvent>

namespace kiosk {

void WizardPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace kiosk
