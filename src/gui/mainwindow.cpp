#include "mainwindow.h"

#include "i18n.h"
#include "ui_mainwindow.h"

#include <QEvent>

namespace kiosk {

// Makes lupdate carry the layout direction: the Arabic catalogue translates it to "RTL",
// and QGuiApplication mirrors every layout from that translation.
[[maybe_unused]] static const char *const kLayoutDirection =
    QT_TRANSLATE_NOOP("QGuiApplication", "QT_LAYOUT_DIRECTION");

MainWindow::MainWindow(Translations *translations, QWidget *parent)
    : QMainWindow(parent)
    , m_ui(std::make_unique<Ui::MainWindow>())
    , m_translations(translations)
{
    m_ui->setupUi(this);
    connect(m_ui->languagePushButton, &QPushButton::clicked, this, &MainWindow::switchLanguage);
    retranslate();
}

MainWindow::~MainWindow() = default;

void MainWindow::setApiDescription(const QString &description)
{
    m_apiDescription = description;
    retranslate();
}

void MainWindow::switchLanguage()
{
    const bool arabic = m_translations->current().language() == QLocale::Arabic;
    m_translations->install(arabic ? QLocale(QLocale::English)
                                   : QLocale(QLocale::Arabic, QLocale::Egypt));
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        retranslate();
    }
    QMainWindow::changeEvent(event);
}

void MainWindow::retranslate()
{
    m_ui->serviceLabel->setText(m_apiDescription.isEmpty()
                                    ? tr("Identity service: not configured")
                                    : tr("Identity service: %1").arg(m_apiDescription));
}

} // namespace kiosk
