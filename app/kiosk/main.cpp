#include "api/boldsignclient.h"
#include "api/vlensclient.h"
#include "capture/cameraoptions.h"
#include "capture/clock.h"
#include "flow/onboardingflow.h"
#include "i18n.h"
#include "mainwindow.h"
#include "mediabackend.h"
#include "qtcamerasource.h"
#include "scenefollower.h"
#include "settings/settings.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QNetworkAccessManager>
#include <QTimer>
#include <QUrl>

#include <memory>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"onboarding-kiosk"_s);
    QApplication::setOrganizationName(u"onboarding-kiosk"_s);
    QApplication::setApplicationVersion(QStringLiteral(KIOSK_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(u"Identity onboarding kiosk"_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption configOption(u"config"_s, u"INI settings file."_s, u"file"_s);
    const QCommandLineOption apiUrlOption(u"api-url"_s, u"Vlens API base URL."_s, u"url"_s);
    const QCommandLineOption langOption(u"lang"_s, u"Start in this language (en, ar)."_s,
                                        u"lang"_s);
    const QCommandLineOption quitOption(
        u"quit-after"_s, u"Quit after this many milliseconds (smoke tests)."_s, u"ms"_s);
    const QCommandLineOption kioskOption(u"kiosk"_s,
                                         u"Kiosk mode: full screen, no window frame."_s);
    parser.addOptions({configOption, apiUrlOption, langOption, quitOption, kioskOption});
    parser.process(app);

    kiosk::Settings settings(parser.value(configOption));
    if (parser.isSet(apiUrlOption))
        settings.setOverride(kiosk::Settings::Key::ApiBaseUrl, parser.value(apiUrlOption));
    if (parser.isSet(langOption))
        settings.setOverride(kiosk::Settings::Key::UiLanguage, parser.value(langOption));
    // Before anything touches Qt Multimedia (camera/backend; docs/camera-benchmark.md).
    kiosk::applyMediaBackend(settings);

    kiosk::Translations translations({u"core"_s, u"kiosk"_s});
    translations.install(QLocale(settings.string(kiosk::Settings::Key::UiLanguage)));

    QNetworkAccessManager nam;
    kiosk::api::VlensClient client(&nam, kiosk::api::VlensConfig::fromSettings(settings));
    kiosk::flow::OnboardingFlow flow(&client, kiosk::flow::FlowOptions::fromSettings(settings));
    kiosk::api::BoldSignClient boldSign(&nam, kiosk::api::BoldSignConfig::fromSettings(settings));
    const kiosk::Clock clock;
    kiosk::QtCameraSource camera(kiosk::CameraOptions::fromSettings(settings), clock);
    // Demo only (packaging/dev.sh run with the fake camera): the camera shows what the
    // step asks for.
    std::unique_ptr<kiosk::demo::SceneFollower> demoScene;
    if (const QString control = qEnvironmentVariable("KIOSK_DEMO_SCENE_CONTROL");
        !control.isEmpty()) {
        demoScene = std::make_unique<kiosk::demo::SceneFollower>(control);
        QObject::connect(&flow, &kiosk::flow::OnboardingFlow::stepChanged, demoScene.get(),
                         &kiosk::demo::SceneFollower::follow);
    }
    kiosk::MainWindow window(&settings, &translations, &client, &flow, &camera, clock, &boldSign);
    window.setApiDescription(
        QUrl(settings.string(kiosk::Settings::Key::ApiBaseUrl)).toDisplayString());
    QObject::connect(&window, &kiosk::MainWindow::exitRequested, &app, &QCoreApplication::quit);
    if (parser.isSet(kioskOption)) {
        window.setKioskMode(true);
        window.setWindowFlag(Qt::FramelessWindowHint);
        window.showFullScreen();
    } else {
        window.show();
    }

    if (parser.isSet(quitOption))
        QTimer::singleShot(parser.value(quitOption).toInt(), &app, &QCoreApplication::quit);
    return app.exec();
}
