#include "api/boldsignclient.h"
#include "api/vlensclient.h"
#include "capture/cameraoptions.h"
#include "capture/clock.h"
#include "flow/onboardingflow.h"
#include "guilogging.h"
#include "i18n.h"
#include "logging.h"
#include "mainwindow.h"
#include "malloctuning.h"
#include "mediabackend.h"
#include "metrics/kioskmetrics.h"
#include "metrics/sessionjournal.h"
#include "metrics/sessiontracker.h"
#include "metrics/textfilepublisher.h"
#include "qtcamerasource.h"
#include "scenefollower.h"
#include "securewipe.h"
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
    // Before anything of a customer can be in memory: no core dump of this process, and no
    // reading of its memory by other processes of the kiosk user (docs/privacy.md).
    QString hardeningError;
    const bool hardened = kiosk::disableCoreDumps(&hardeningError);
    // Freed frames go back to the system, and the rest to a few arenas (docs/soak.md).
    const bool mallocTuned = kiosk::tuneMalloc();
    QApplication app(argc, argv);
    if (!mallocTuned)
        qCInfo(lcGui) << "malloc not tuned (not glibc's allocator, e.g. a sanitizer build): "
                         "freed image memory may be kept longer";
    if (!hardened)
        qCCritical(lcGui).noquote() << "core dumps could not be disabled:" << hardeningError;
    QApplication::setApplicationName(u"onboarding-kiosk"_s);
    QApplication::setOrganizationName(u"onboarding-kiosk"_s);
    QApplication::setApplicationVersion(QStringLiteral(KIOSK_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(u"Identity onboarding kiosk"_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption configOption(
        u"config"_s,
        u"INI settings file, instead of /etc/xdg/onboarding-kiosk/kiosk.ini and its drop-ins."_s,
        u"file"_s);
    const QCommandLineOption apiUrlOption(u"api-url"_s, u"Vlens API base URL."_s, u"url"_s);
    const QCommandLineOption langOption(u"lang"_s, u"Start in this language (en, ar)."_s,
                                        u"lang"_s);
    const QCommandLineOption quitOption(
        u"quit-after"_s, u"Quit after this many milliseconds (smoke tests)."_s, u"ms"_s);
    const QCommandLineOption kioskOption(u"kiosk"_s,
                                         u"Kiosk mode: full screen, no window frame."_s);
    parser.addOptions({configOption, apiUrlOption, langOption, quitOption, kioskOption});
    parser.process(app);

    kiosk::Settings settings(parser.isSet(configOption) ? kiosk::Settings::Sources::withConfigFile(
                                                              parser.value(configOption))
                                                        : kiosk::Settings::Sources::system());
    for (const QString &problem : settings.problems())
        qCWarning(lcSettings).noquote() << "configuration problem:" << problem;
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

    // Fleet monitoring: metrics for node_exporter's textfile collector, session events
    // with structured fields for the journal.
    kiosk::metrics::KioskMetrics metrics(kiosk::metrics::FleetIdentity::fromSettings(settings));
    metrics.setConfiguration(settings);
    kiosk::metrics::SessionTracker sessions(&flow, clock);
    metrics.watchSessions(&sessions);
    metrics.watchVlens(&client);
    metrics.watchCamera(&camera);
    QObject::connect(&camera, &kiosk::QtCameraSource::restarting, &metrics,
                     &kiosk::metrics::KioskMetrics::recordCameraRestart);
    QObject::connect(&camera, &kiosk::QtCameraSource::formatChosen, &metrics,
                     &kiosk::metrics::KioskMetrics::setCameraFormat);
    window.setMetrics(&metrics);
    kiosk::metrics::SystemdJournalSink journalSink;
    kiosk::metrics::SessionJournal journal(&sessions, &journalSink);
    kiosk::metrics::TextfilePublisher publisher(
        settings.string(kiosk::Settings::Key::MetricsTextfileDir),
        [&metrics] { return metrics.render(); });
    if (!publisher.directory().isEmpty()) {
        publisher.start(settings.integer(kiosk::Settings::Key::MetricsIntervalMs));
        // The last counts of a shutdown (an upgrade's restart) are not lost.
        QObject::connect(&app, &QCoreApplication::aboutToQuit, &publisher,
                         &kiosk::metrics::TextfilePublisher::publish);
    }
    window.setApiDescription(
        QUrl(settings.string(kiosk::Settings::Key::ApiBaseUrl)).toDisplayString());
    QObject::connect(&window, &kiosk::MainWindow::exitRequested, &app, &QCoreApplication::quit);
    // Kiosk mode makes the window frameless and fit its screen, wherever it runs.
    window.setKioskMode(parser.isSet(kioskOption));
    window.show();
    // The on-screen keyboard follows the keyboard focus, which an X server without a window
    // manager (the Xvfb demo) gives only to a window that asks for it.
    window.activateWindow();

    if (parser.isSet(quitOption))
        QTimer::singleShot(parser.value(quitOption).toInt(), &app, &QCoreApplication::quit);
    return app.exec();
}
