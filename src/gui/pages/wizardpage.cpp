#include "wizardpage.h"

#include <QEvent>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace kiosk {

QString WizardPage::waitText(qint64 ms)
{
    const qint64 seconds = (qMax<qint64>(0, ms) + 999) / 1000;
    const QLocale locale;
    return u"%1:%2"_s.arg(
        locale.toString(seconds / 60),
        locale.toString(seconds % 60).rightJustified(2, locale.zeroDigit().at(0)));
}

void WizardPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace kiosk
