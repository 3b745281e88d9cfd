#include "commands.h"
#include "commonoptions.h"

#include "api/apicall.h"
#include "metrics/kioskmetrics.h"
#include "metrics/textfilepublisher.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslCertificate>
#include <QSslCipher>
#include <QSslConfiguration>
#include <QSslError>
#include <QTextStream>
#include <QUrl>

#include <optional>

#ifdef KIOSK_HAVE_MULTIMEDIA
#include "cameras.h"
#include "camerautil.h"
#include "capture/cameraoptions.h"
#include "mediabackend.h"
#include "qtcamerasource.h"

#include <QCameraDevice>
#endif

using namespace Qt::StringLiterals;

namespace kiosk::cli {

namespace {

enum class Verdict
{
    Ok,
    Warn,
    Fail,
    Info
};

struct Check
{
    QString name;
    Verdict verdict;
    QString detail;
    QString fix; // what to do about a Warn or Fail
};

QString verdictText(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Ok:
        return u"ok"_s;
    case Verdict::Warn:
        return u"warn"_s;
    case Verdict::Fail:
        return u"FAIL"_s;
    case Verdict::Info:
        return u"info"_s;
    }
    return {};
}

// Where each setting that is not a default comes from; secrets and the PIN hash as "set".
QList<Check> settingSources(const Settings &settings)
{
    QList<Check> checks;
    for (const Settings::Entry &e : Settings::table()) {
        const QString source = settings.sourceOf(e.key);
        if (source == u"default"_s)
            continue;
        const bool hidden = e.secret || e.key == Settings::Key::AgentPinHash;
        const QString value = hidden ? u"(set)"_s : settings.string(e.key);
        checks.append({u"config"_s,
                       Verdict::Info,
                       u"%1 = %2   from %3"_s.arg(QLatin1String(e.name), value, source),
                       {}});
    }
    return checks;
}

QList<Check> checkConfiguration(const Settings &settings)
{
    using K = Settings::Key;
    QList<Check> checks;
    const QStringList files = settings.filesRead();
    for (int i = 0; i < files.size(); ++i)
        checks.append(
            {u"config"_s, Verdict::Info, u"read %1: %2"_s.arg(i + 1).arg(files.at(i)), {}});
    for (const Settings::Problem &problem : settings.problemList())
        checks.append({u"config"_s, Verdict::Fail, problem.text(),
                       problem.file.isEmpty()
                           ? u"correct the environment variable named above"_s
                           : u"correct %1%2"_s.arg(
                                 problem.file, problem.line > 0 ? u" at line %1"_s.arg(problem.line)
                                                                : QString())});
    const bool configRead = std::any_of(files.cbegin(), files.cend(), [&](const QString &file) {
        return settings.sources().configFiles.contains(file);
    });
    if (settings.sources().fromSystem && !configRead)
        checks.append({u"config"_s, Verdict::Warn,
                       u"no configuration file found (looked for %1)"_s.arg(
                           settings.missingFiles().join(u", "_s)),
                       u"install the package, or write /etc/xdg/onboarding-kiosk/kiosk.ini"_s});
    if (settings.string(K::ApiKey).isEmpty())
        checks.append({u"config"_s, Verdict::Fail, u"no Vlens API key is configured"_s,
                       u"put api/apiKey=... in /etc/onboarding-kiosk/secrets (root, chmod 600), "
                       "or set KIOSK_API_KEY"_s});
    if (settings.string(K::TenancyName).isEmpty())
        checks.append({u"config"_s, Verdict::Warn, u"no tenancy name is configured"_s,
                       u"set api/tenancyName in /etc/xdg/onboarding-kiosk/kiosk.ini (agent "
                       "sign-in needs it)"_s});
    checks += settingSources(settings); // the verdict stays the last "config" line
    if (settings.problemList().isEmpty() && !files.isEmpty())
        checks.append({u"config"_s,
                       Verdict::Ok,
                       u"%1 file(s) read without a problem"_s.arg(files.size()),
                       {}});
    else if (settings.problemList().isEmpty() && !settings.sources().fromSystem)
        checks.append({u"config"_s, Verdict::Ok, u"settings from the environment and flags"_s, {}});
    return checks;
}

// Fleet identity (the branch and kiosk labels) and the metrics file node_exporter reads.
QList<Check> checkFleet(const Settings &settings)
{
    QList<Check> checks;
    const metrics::FleetIdentity identity = metrics::FleetIdentity::fromSettings(settings);
    if (identity.branch.isEmpty())
        checks.append({u"fleet"_s, Verdict::Warn,
                       u"no branch is configured; kiosk \"%1\""_s.arg(identity.kiosk),
                       u"set fleet/branch (and fleet/kiosk) in kiosk.ini: they label this "
                       "kiosk's metrics on the bank's dashboards"_s});
    else
        checks.append({u"fleet"_s,
                       Verdict::Ok,
                       u"branch \"%1\", kiosk \"%2\""_s.arg(identity.branch, identity.kiosk),
                       {}});

    const QString directory = settings.string(Settings::Key::MetricsTextfileDir);
    if (directory.isEmpty()) {
        checks.append(
            {u"metric"_s, Verdict::Info, u"metrics are off (metrics/textfileDir is empty)"_s, {}});
        return checks;
    }
    const QString fix =
        u"install prometheus-node-exporter, then let the kiosk write there: adduser kiosk %1; "
        "setfacl -m u:kiosk:rwx %2 (or set metrics/textfileDir)"_s.arg(
            QLatin1String(metrics::TextfilePublisher::ExporterGroup), directory);
    if (const QString problem = metrics::TextfilePublisher::checkDirectory(directory);
        !problem.isEmpty()) {
        checks.append({u"metric"_s, Verdict::Warn, problem + u" (the kiosk keeps working)"_s, fix});
        return checks;
    }
    const QFileInfo file(
        QDir(directory).filePath(QString::fromLatin1(metrics::TextfilePublisher::DefaultFileName)));
    if (!file.exists()) {
        checks.append({u"metric"_s,
                       Verdict::Info,
                       u"%1 is writable; no metrics file yet (the running kiosk writes %2)"_s.arg(
                           directory, file.fileName()),
                       {}});
        return checks;
    }
    const qint64 age = file.lastModified().secsTo(QDateTime::currentDateTime());
    const int interval = settings.integer(Settings::Key::MetricsIntervalMs) / 1000;
    const bool fresh = age <= 4 * qMax(1, interval);
    checks.append(
        {u"metric"_s, fresh ? Verdict::Ok : Verdict::Warn,
         u"%1 written %2 s ago (group %3)"_s.arg(file.filePath()).arg(age).arg(file.group()),
         fresh ? QString()
               : u"the kiosk has stopped publishing: is onboarding-kiosk.service "
                 "running? (journalctl -u onboarding-kiosk)"_s});
    return checks;
}

// The API URL must be http(s) with a host, and plain HTTP only to loopback.
std::optional<Check> checkServiceUrl(const QUrl &url)
{
    if (!url.isValid() || url.host().isEmpty() ||
        (url.scheme() != u"https"_s && url.scheme() != u"http"_s))
        return Check{u"api"_s, Verdict::Fail,
                     u"the API URL '%1' is not a valid http(s) URL"_s.arg(url.toString()),
                     u"set api/baseUrl, e.g. https://api.vlenseg.com"_s};
    if (!api::isAllowedBaseUrl(url))
        return Check{u"tls"_s, Verdict::Fail,
                     u"plain HTTP to %1: customer data would cross the network unencrypted"_s.arg(
                         url.host()),
                     u"use the https:// URL of the service"_s};
    return std::nullopt;
}

// What one HEAD request to the service showed, copied out of the reply.
struct ServiceProbe
{
    int status = 0; // 0: no HTTP answer
    qint64 elapsedMs = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QString errorString;
    QList<QSslError> sslErrors;
    QSslConfiguration ssl;
    QByteArray date; // the Date header
};

ServiceProbe probeService(const QUrl &url, int timeoutMs)
{
    QNetworkAccessManager network;
    QNetworkRequest request(url);
    request.setTransferTimeout(timeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    QElapsedTimer timer;
    timer.start();
    QNetworkReply *reply = network.head(request);
    ServiceProbe probe;
    QObject::connect(reply, &QNetworkReply::sslErrors, reply,
                     [&probe](const QList<QSslError> &errors) { probe.sslErrors = errors; });
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    probe.elapsedMs = timer.elapsed();
    probe.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    probe.error = reply->error();
    probe.errorString = reply->errorString();
    probe.ssl = reply->sslConfiguration();
    probe.date = reply->rawHeader("Date");
    reply->deleteLater();
    return probe;
}

// No HTTP answer: why, as precisely as the error allows, with the TLS errors if any.
QList<Check> unreachableChecks(const QUrl &url, const ServiceProbe &probe, int timeoutMs)
{
    QList<Check> checks;
    const bool tls = url.scheme() == u"https"_s;
    QString fix = u"check the network cable, DNS and the firewall for %1"_s.arg(url.host());
    if (probe.error == QNetworkReply::HostNotFoundError)
        fix = u"the name %1 does not resolve: check DNS"_s.arg(url.host());
    else if (probe.error == QNetworkReply::ConnectionRefusedError)
        fix = u"nothing listens on %1:%2; is the service (or sandbox) running?"_s.arg(url.host())
                  .arg(url.port(tls ? 443 : 80));
    else if (probe.error == QNetworkReply::OperationCanceledError)
        fix = u"no answer within %1 s: check the proxy and firewall"_s.arg(timeoutMs / 1000);
    if (!probe.sslErrors.isEmpty()) {
        QStringList errors;
        for (const QSslError &e : probe.sslErrors)
            errors << e.errorString();
        checks.append({u"tls"_s, Verdict::Fail, errors.join(u"; "_s),
                       u"check the clock and the CA certificates (ca-certificates), or a "
                       "TLS-intercepting proxy"_s});
    }
    checks.append({u"api"_s, Verdict::Fail,
                   u"%1 unreachable: %2"_s.arg(url.toDisplayString(), probe.errorString), fix});
    return checks;
}

// The service's certificate (https), or a note that loopback HTTP is the sandbox.
Check certificateCheck(const QUrl &url, const ServiceProbe &probe)
{
    if (url.scheme() != u"https"_s)
        return {u"tls"_s,
                Verdict::Info,
                u"plain HTTP on loopback (the local sandbox); real services need https"_s,
                {}};
    const QList<QSslCertificate> chain = probe.ssl.peerCertificateChain();
    if (chain.isEmpty())
        return {u"tls"_s, Verdict::Warn, u"no certificate was seen"_s, {}};
    const QSslCertificate &leaf = chain.first();
    const qint64 days = QDateTime::currentDateTimeUtc().daysTo(leaf.expiryDate());
    const QString subject = leaf.subjectInfo(QSslCertificate::CommonName).join(u", "_s);
    return {u"tls"_s, days < 14 ? Verdict::Warn : Verdict::Ok,
            u"certificate for %1, cipher %2, expires in %3 days"_s.arg(
                subject, probe.ssl.sessionCipher().name(), QString::number(days)),
            days < 14 ? u"the service's certificate is about to expire: tell the provider"_s
                      : QString()};
}

// The local clock against the service's Date header, half the round trip allowed for.
Check clockCheck(const ServiceProbe &probe)
{
    const QDateTime serverTime = QLocale::c().toDateTime(QString::fromLatin1(probe.date),
                                                         u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s);
    if (!serverTime.isValid())
        return {u"clock"_s,
                Verdict::Info,
                u"the service sent no Date header: clock not compared"_s,
                {}};
    QDateTime utc = serverTime;
    utc.setTimeSpec(Qt::UTC);
    const qint64 skew = utc.secsTo(QDateTime::currentDateTimeUtc()) - probe.elapsedMs / 2000;
    const Verdict verdict = std::abs(skew) > 300  ? Verdict::Fail
                            : std::abs(skew) > 60 ? Verdict::Warn
                                                  : Verdict::Ok;
    return {u"clock"_s, verdict,
            u"local clock is %1 s %2 the service's"_s.arg(std::abs(skew))
                .arg(skew >= 0 ? u"ahead of"_s : u"behind"_s),
            verdict == Verdict::Ok ? QString()
                                   : u"enable time sync (timedatectl set-ntp true): tokens and "
                                     "TLS certificates fail with a wrong clock"_s};
}

QList<Check> checkService(const Settings &settings)
{
    const QUrl url(settings.string(Settings::Key::ApiBaseUrl));
    if (const std::optional<Check> bad = checkServiceUrl(url))
        return {*bad};
    const int timeoutMs = settings.integer(Settings::Key::RequestTimeoutMs);
    const ServiceProbe probe = probeService(url, timeoutMs);
    if (probe.status == 0)
        return unreachableChecks(url, probe, timeoutMs);
    return {{u"api"_s,
             Verdict::Ok,
             u"%1 answered HTTP %2 in %3 ms"_s.arg(url.toDisplayString())
                 .arg(probe.status)
                 .arg(probe.elapsedMs),
             {}},
            certificateCheck(url, probe),
            clockCheck(probe)};
}

QList<Check> checkCameras(const Settings &settings, bool live)
{
#ifdef KIOSK_HAVE_MULTIMEDIA
    applyMediaBackend(settings);
    const QList<QCameraDevice> cameras = availableCameras();
    if (cameras.isEmpty())
        return {{u"camera"_s, Verdict::Fail, cameraProblemText(CameraProblem::NoCamera),
                 u"plug in the webcam (USB) and check `ls /dev/video*`, then run "
                 "kioskctl doctor again"_s}};
    QList<Check> checks;
    const QString wanted = settings.string(Settings::Key::CameraId);
    const QCameraDevice chosen = QtCameraSource::findCamera(wanted);
    QStringList names;
    for (const QCameraDevice &camera : cameras)
        names << camera.description();
    if (!wanted.isEmpty() && chosen.isNull()) {
        checks.append({u"camera"_s, Verdict::Fail,
                       u"the configured camera '%1' is not connected"_s.arg(wanted),
                       u"plug it in, or set camera/id to one of: %1"_s.arg(names.join(u", "_s))});
        return checks;
    }
    const CameraOptions options = CameraOptions::fromSettings(settings);
    for (const QCameraDevice &camera : cameras) {
        QList<CameraFormatInfo> infos;
        const auto formats = camera.videoFormats();
        for (const QCameraFormat &f : formats)
            infos.append({f.resolution(), f.maxFrameRate(),
                          f.pixelFormat() == QVideoFrameFormat::Format_Jpeg});
        const int best = chooseCameraFormat(infos, options.preferredSize);
        const bool used = camera == (chosen.isNull() ? defaultCamera() : chosen);
        const QSize size = best < 0 ? QSize() : formats.at(best).resolution();
        const bool enough = size.width() >= options.minDocumentSize.width() &&
                            size.height() >= options.minDocumentSize.height();
        // A camera with nothing usable is said in plain words, the fix included.
        const QString what =
            best < 0 ? u"no usable format"_s
            : enough ? cameraFormatText(formats.at(best))
                     : u"%1 - %2"_s.arg(cameraFormatText(formats.at(best)),
                                        lowResolutionText(size, options.minDocumentSize));
        checks.append(
            {u"camera"_s,
             !used    ? Verdict::Info
             : enough ? Verdict::Ok
                      : Verdict::Fail,
             u"%1%2: %3"_s.arg(camera.description(), used ? u" (used)"_s : QString(), what),
             !used || enough ? QString()
                             : u"connect a webcam that gives %1x%2 or more (a 1080p "
                               "USB webcam) and set camera/id to its name"_s
                                   .arg(options.minDocumentSize.width())
                                   .arg(options.minDocumentSize.height())});
    }
    if (!live)
        return checks;
    const CameraMeasurement m = measureCamera(settings, 2000);
    if (!m.problem.isEmpty()) {
        checks.append({u"camera"_s, Verdict::Fail, u"%1: %2"_s.arg(m.camera, m.problem),
                       u"close other programs using the camera (the kiosk itself, a video "
                       "call), replug it, then run kioskctl doctor again"_s});
    } else {
        const bool smooth = m.fps >= 20;
        checks.append({u"camera"_s, smooth ? Verdict::Ok : Verdict::Warn,
                       u"%1 streams %2 at %3 fps measured (first frame after %4 ms)"_s.arg(
                           m.camera, m.format, QString::number(m.fps, 'f', 1),
                           QString::number(m.firstFrameMs)),
                       smooth ? QString()
                              : u"a slow camera widens the liveness burst: improve the light "
                                "(webcams slow down in the dark) or use another webcam"_s});
    }
    return checks;
#else
    Q_UNUSED(settings)
    Q_UNUSED(live)
    return {{u"camera"_s, Verdict::Info, u"this build of kioskctl has no camera support"_s, {}}};
#endif
}

} // namespace

int runDoctor(CommandContext &context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Checks what the kiosk needs at a branch: configuration, cameras, the service, "
        "TLS and the clock. Each line has a verdict; failures say what to do."_s);
    CommonOptions options(parser);
    const QCommandLineOption noCamera(u"no-camera-test"_s,
                                      u"Do not open the camera (e.g. while the kiosk runs)."_s);
    parser.addOption(noCamera);
    int code = ExitOk;
    const auto settings = options.parse(u"kioskctl doctor [options]"_s, context.arguments,
                                        context.out, context.err, &code);
    if (!settings)
        return code;

    QList<Check> checks = checkConfiguration(*settings);
    checks += checkFleet(*settings);
    checks += checkCameras(*settings, !parser.isSet(noCamera));
    checks += checkService(*settings);

    bool failed = false;
    QJsonArray array;
    for (const Check &check : std::as_const(checks)) {
        failed = failed || check.verdict == Verdict::Fail;
        if (options.json()) {
            QJsonObject object{{u"check"_s, check.name},
                               {u"verdict"_s, verdictText(check.verdict).toLower()},
                               {u"detail"_s, check.detail}};
            if (!check.fix.isEmpty())
                object.insert(u"fix"_s, check.fix);
            array.append(object);
            continue;
        }
        context.out << '[' << verdictText(check.verdict).leftJustified(4) << "] "
                    << check.name.leftJustified(7) << check.detail << '\n';
        if (!check.fix.isEmpty())
            context.out << "              fix: " << check.fix << '\n';
    }
    if (options.json())
        context.out << QJsonDocument(QJsonObject{{u"checks"_s, array}, {u"ok"_s, !failed}})
                           .toJson(QJsonDocument::Indented);
    return failed ? ExitFailure : ExitOk;
}

} // namespace kiosk::cli
