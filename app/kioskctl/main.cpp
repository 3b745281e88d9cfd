#include "cli.h"

#include <QGuiApplication>
#include <QTextStream>

#include <cstdio>

int main(int argc, char *argv[])
{
    // A QGuiApplication for fonts (specimen cards) and Qt Multimedia (camera checks), on the
    // offscreen platform: kioskctl runs over SSH and never opens a window.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("kioskctl"));
    QCoreApplication::setOrganizationName(QStringLiteral("onboarding-kiosk"));
    QTextStream out(stdout);
    QTextStream err(stderr);
    QStringList arguments = QCoreApplication::arguments();
    arguments.removeFirst();
    return kiosk::cli::run(arguments, out, err);
}
