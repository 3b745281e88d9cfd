#include "httptestserver.h"
#include "kioskctlrun.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using kiosk::test::HttpRequest;
using kiosk::test::HttpResponse;
using kiosk::test::HttpTestServer;

// Runs the real kioskctl binary and checks what IT staff would see: output and exit code.
class tst_Kioskctl : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void help();
    void unknownCommand();
    void doctorReportsUnreachableService();
    void doctorJson();
    void refusesWorldReadableKeyFile();
    void refusesPlainHttpToRemoteHost();
    void doctorShowsFilesAndSources();
    void doctorWithoutConfiguration();
    void pinSetWritesOnlyTheStateFile();
    void invalidEnvironmentIsAUsageError();

    // Issue 11: flags, secrets and output files.
    void timeoutFlagRefusesBadValues_data();
    void timeoutFlagRefusesBadValues();
    void apiKeyFlagNeedsInsecureCliSecret();
    void malformedSecretsLineNeverEchoed_data();
    void malformedSecretsLineNeverEchoed();
    void auditImageSavedOwnerOnly();
    void auditImageRefusesNonImage();
    void auditImageRefusesOversizedAnswer();
    void auditImageRefusesSymlinkOutput_data();
    void auditImageRefusesSymlinkOutput();

private:
    using Result = kiosk::test::KioskctlResult;
    Result kioskctl(const QStringList &arguments, const QProcessEnvironment &env = {},
                    const QByteArray &input = {});
    // The system environment with the system configuration, state and secrets moved under
    // dir, so that a kiosk installed on this machine does not change the results.
    static QProcessEnvironment isolated(const QTemporaryDir &dir);
    static void write(const QString &path, const QByteArray &text);
    static quint16 unusedPort();
    // Runs kioskctl while this process's event loop serves a local test server.
    Result kioskctlAgainst(const HttpTestServer &server, const QStringList &arguments);
    // A Vlens test server: admin sign-in succeeds, GetStepImage answers with `image`.
    void serveStepImage(HttpTestServer *server, const HttpResponse &image);
};

tst_Kioskctl::Result tst_Kioskctl::kioskctlAgainst(const HttpTestServer &server,
                                                   const QStringList &arguments)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"KIOSK_API_KEY"_s, u"test-api-key"_s);
    env.insert(u"KIOSK_TENANCY"_s, u"t"_s);
    env.insert(u"KIOSK_API_BASE_URL"_s, server.url().toString());
    env.insert(u"KIOSK_AGENT_USER"_s, u"admin"_s);
    env.insert(u"KIOSK_AGENT_PASSWORD"_s, u"pw"_s);
    env.remove(u"KIOSK_SECRETS_FILE"_s);
    process.setProcessEnvironment(env);
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(QStringLiteral(KIOSK_BINARY_DIR "/bin/kioskctl"), arguments);
    const bool done = finished.wait(60000);
    if (!done) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

void tst_Kioskctl::serveStepImage(HttpTestServer *server, const HttpResponse &image)
{
    server->setHandler([image](const HttpRequest &r, HttpResponse *out) {
        if (r.path == "/api/credentials/Login") {
            *out = HttpResponse::json(QJsonObject{
                {u"data"_s, QJsonObject{{u"accessToken"_s, u"a"_s}, {u"expireInSeconds"_s, 60}}},
                {u"error_code"_s, QJsonValue::Null}});
            return;
        }
        *out = image;
    });
}

namespace {

HttpResponse stepImageAnswer(const QByteArray &bytes)
{
    return HttpResponse::json(
        QJsonObject{{u"data"_s, QJsonObject{{u"image"_s, QString::fromLatin1(bytes.toBase64())}}},
                    {u"error_code"_s, QJsonValue::Null}});
}

const QByteArray kJpeg = QByteArray("\xFF\xD8\xFF\xE0", 4) + QByteArray(2000, 'j');
const QString kTx = u"3fa85f64-5717-4562-b3fc-2c963f66afa6"_s;

} // namespace

tst_Kioskctl::Result tst_Kioskctl::kioskctl(const QStringList &arguments,
                                            const QProcessEnvironment &env, const QByteArray &input)
{
    QProcessEnvironment environment =
        env.isEmpty() ? QProcessEnvironment::systemEnvironment() : env;
    environment.remove(u"KIOSK_API_KEY"_s);
    return kiosk::test::runKioskctl(arguments, environment, input);
}

QProcessEnvironment tst_Kioskctl::isolated(const QTemporaryDir &dir)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"XDG_CONFIG_DIRS"_s, dir.filePath(u"xdg"_s));
    env.insert(u"XDG_STATE_HOME"_s, dir.filePath(u"state"_s));
    env.insert(u"KIOSK_STATE_FILE"_s, dir.filePath(u"state/onboarding-kiosk/state.ini"_s));
    for (const QString &name : {u"STATE_DIRECTORY"_s, u"CREDENTIALS_DIRECTORY"_s,
                                u"KIOSK_SECRETS_FILE"_s, u"KIOSK_TENANCY"_s})
        env.remove(name);
    return env;
}

void tst_Kioskctl::write(const QString &path, const QByteArray &text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(text);
}

quint16 tst_Kioskctl::unusedPort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost);
    return server.serverPort(); // closed again when `server` goes: nothing listens there
}

void tst_Kioskctl::help()
{
    const Result r = kioskctl({u"help"_s});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains(u"doctor"_s));
    QVERIFY(r.out.contains(u"Exit codes"_s));
    QCOMPARE(kioskctl({}).exitCode, 2);
}

void tst_Kioskctl::unknownCommand()
{
    const Result r = kioskctl({u"frobnicate"_s, u"--now"_s});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains(u"unknown command 'frobnicate'"_s));
}

void tst_Kioskctl::doctorReportsUnreachableService()
{
    const QString url = u"http://127.0.0.1:%1"_s.arg(unusedPort());
    const Result r = kioskctl({u"doctor"_s, u"--api-url"_s, url, u"--tenancy"_s, u"t"_s});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.out.contains(u"[FAIL] api"_s), qPrintable(r.out));
    QVERIFY(r.out.contains(u"is the service (or sandbox) running?"_s));
    QVERIFY(r.out.contains(u"no Vlens API key"_s));
}

void tst_Kioskctl::doctorJson()
{
    auto env = QProcessEnvironment::systemEnvironment();
    const QString url = u"http://127.0.0.1:%1"_s.arg(unusedPort());
    const Result r = kioskctl({u"doctor"_s, u"--json"_s, u"--api-url"_s, url}, env);
    QCOMPARE(r.exitCode, 1);
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8(), &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(doc.object().value(u"ok"_s).toBool(true), false);
    QStringList names;
    for (const auto &check : doc.object().value(u"checks"_s).toArray())
        names << check.toObject().value(u"check"_s).toString();
    QVERIFY(names.contains(u"config"_s));
    QVERIFY(names.contains(u"camera"_s));
    QVERIFY(names.contains(u"api"_s));
}

void tst_Kioskctl::refusesWorldReadableKeyFile()
{
    QTemporaryDir dir;
    const QString keyFile = dir.filePath(u"key"_s);
    QFile f(keyFile);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("secret-key\n");
    f.close();
    QVERIFY(f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther));
    const Result r = kioskctl({u"doctor"_s, u"--api-key-file"_s, keyFile});
    QCOMPARE(r.exitCode, 4);
    QVERIFY2(r.err.contains(u"chmod 600"_s), qPrintable(r.err));
    QVERIFY(!r.out.contains(u"secret-key"_s) && !r.err.contains(u"secret-key"_s));
}

void tst_Kioskctl::refusesPlainHttpToRemoteHost()
{
    const Result r = kioskctl({u"doctor"_s, u"--api-url"_s, u"http://api.example.com"_s});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.out.contains(u"[FAIL] tls"_s), qPrintable(r.out));
}

void tst_Kioskctl::timeoutFlagRefusesBadValues_data()
{
    QTest::addColumn<QString>("value");
    for (const char *v :
         {"0.0001", "nan", "NaN", "inf", "-inf", "1e12", "abc", "30s", "0", "-1", "2147484", ""})
        QTest::newRow(v[0] ? v : "empty") << QString::fromLatin1(v);
}

void tst_Kioskctl::timeoutFlagRefusesBadValues()
{
    QFETCH(QString, value);
    const QString url = u"http://127.0.0.1:%1"_s.arg(unusedPort());
    const Result r = kioskctl({u"doctor"_s, u"--api-url"_s, url, u"--timeout"_s, value});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(u"--timeout '%1'"_s.arg(value)), qPrintable(r.err));
    QVERIFY(r.out.isEmpty()); // nothing was run

    // A good value passes: the doctor runs (and finds nothing listening).
    const Result ok = kioskctl({u"doctor"_s, u"--api-url"_s, url, u"--timeout"_s, u"2.5"_s});
    QCOMPARE(ok.exitCode, 1);
}

void tst_Kioskctl::apiKeyFlagNeedsInsecureCliSecret()
{
    const QString url = u"http://127.0.0.1:%1"_s.arg(unusedPort());
    const Result r = kioskctl({u"doctor"_s, u"--api-url"_s, url, u"--api-key"_s, u"k3y-on-argv"_s});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(u"KIOSK_API_KEY"_s) && r.err.contains(u"--api-key-file"_s),
             qPrintable(r.err));
    QVERIFY(!r.err.contains(u"k3y-on-argv"_s) && !r.out.contains(u"k3y-on-argv"_s));

    const Result accepted = kioskctl({u"doctor"_s, u"--api-url"_s, url, u"--api-key"_s,
                                      u"k3y-on-argv"_s, u"--insecure-cli-secret"_s});
    QCOMPARE(accepted.exitCode, 1); // runs; the service is not there
    QVERIFY(!accepted.out.contains(u"k3y-on-argv"_s));
}

void tst_Kioskctl::malformedSecretsLineNeverEchoed_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("doctor") << QStringList{u"doctor"_s};
    QTest::newRow("doctor --json") << QStringList{u"doctor"_s, u"--json"_s};
    QTest::newRow("audit images") << QStringList{u"audit"_s, u"images"_s, u"+201000000000"_s};
}

void tst_Kioskctl::malformedSecretsLineNeverEchoed()
{
    QFETCH(QStringList, arguments);
    QTemporaryDir dir;
    const QString path = dir.filePath(u"secrets.env"_s);
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    // Line 2: a key pasted without its name. Line 4: an unknown name that is itself secret.
    f.write("# kiosk secrets\nsk_live_PASTEDKEY0123456789\n\nPASTEDNAME42=PASTEDVALUE42\n");
    f.close();
    QVERIFY(f.setPermissions(QFile::ReadOwner | QFile::WriteOwner));
    auto env = QProcessEnvironment::systemEnvironment();
    env.insert(u"KIOSK_SECRETS_FILE"_s, path);
    arguments << u"--api-url"_s << u"http://127.0.0.1:%1"_s.arg(unusedPort());
    const Result r = kioskctl(arguments, env);
    const QString all = r.out + r.err;
    for (const QString &secret : {u"PASTEDKEY"_s, u"PASTEDNAME"_s, u"PASTEDVALUE"_s})
        QVERIFY2(!all.contains(secret), qPrintable(all));
    QVERIFY2(all.contains(path + u":2: expected name=value (the line is not shown)"_s),
             qPrintable(all));
    QVERIFY2(all.contains(path + u":4: not a known secret name (the line is not shown"_s),
             qPrintable(all));
}

void tst_Kioskctl::auditImageSavedOwnerOnly()
{
    HttpTestServer server;
    QVERIFY(server.listen());
    serveStepImage(&server, stepImageAnswer(kJpeg));
    QTemporaryDir dir;
    const QString out = dir.filePath(u"front.jpg"_s);
    const Result r =
        kioskctlAgainst(server, {u"audit"_s, u"image"_s, kTx, u"f.jpg"_s, u"-o"_s, out});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QFile saved(out);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QCOMPARE(saved.readAll(), kJpeg);
    QCOMPARE(saved.permissions() & ~(QFile::ReadUser | QFile::WriteUser),
             QFile::ReadOwner | QFile::WriteOwner);
}

void tst_Kioskctl::auditImageRefusesNonImage()
{
    HttpTestServer server;
    QVERIFY(server.listen());
    serveStepImage(&server, stepImageAnswer("<html>not an image</html>"));
    QTemporaryDir dir;
    const QString out = dir.filePath(u"front.jpg"_s);
    const Result r =
        kioskctlAgainst(server, {u"audit"_s, u"image"_s, kTx, u"f.jpg"_s, u"-o"_s, out});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(u"not JPEG or PNG"_s), qPrintable(r.err));
    QVERIFY(!QFileInfo::exists(out));
}

void tst_Kioskctl::auditImageRefusesOversizedAnswer()
{
    // 1 GiB announced and streamed: kioskctl stops at its cap and saves nothing.
    HttpTestServer server;
    QVERIFY(server.listen());
    HttpResponse huge = HttpResponse::raw(200, R"({"data":{"image":"/9j/)");
    huge.action = HttpResponse::Action::Stream;
    huge.streamBytes = qint64(1) << 30;
    huge.announceLength = false;
    serveStepImage(&server, huge);
    QTemporaryDir dir;
    const QString out = dir.filePath(u"front.jpg"_s);
    const Result r =
        kioskctlAgainst(server, {u"audit"_s, u"image"_s, kTx, u"f.jpg"_s, u"-o"_s, out});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(u"at most 15.0 MB"_s), qPrintable(r.err));
    QVERIFY(!QFileInfo::exists(out));
}

void tst_Kioskctl::auditImageRefusesSymlinkOutput_data()
{
    QTest::addColumn<bool>("targetExists");
    QTest::addColumn<bool>("force");
    QTest::newRow("dangling link") << false << false;
    QTest::newRow("dangling link, --force") << false << true;
    QTest::newRow("link to a file, --force") << true << true;
}

void tst_Kioskctl::auditImageRefusesSymlinkOutput()
{
    QFETCH(bool, targetExists);
    QFETCH(bool, force);
    HttpTestServer server;
    QVERIFY(server.listen());
    serveStepImage(&server, stepImageAnswer(kJpeg));
    QTemporaryDir dir;
    const QString victim = dir.filePath(u"victim"_s);
    if (targetExists) {
        QFile f(victim);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("keep me");
    }
    const QString out = dir.filePath(u"front.jpg"_s);
    QVERIFY(QFile::link(victim, out));
    QStringList arguments{u"audit"_s, u"image"_s, kTx, u"f.jpg"_s, u"-o"_s, out};
    if (force)
        arguments << u"--force"_s;
    const Result r = kioskctlAgainst(server, arguments);
    QCOMPARE(r.exitCode, 4);
    QVERIFY2(r.err.contains(u"symbolic link"_s), qPrintable(r.err));
    QVERIFY(QFileInfo(out).isSymLink());
    if (targetExists) {
        QFile f(victim);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("keep me"));
    } else {
        QVERIFY(!QFileInfo::exists(victim));
    }
}

void tst_Kioskctl::doctorShowsFilesAndSources()
{
    QTemporaryDir dir;
    QProcessEnvironment env = isolated(dir);
    const QString etc = dir.filePath(u"xdg/onboarding-kiosk"_s);
    write(
        etc + u"/kiosk.ini"_s,
        u"[api]\nbaseUrl=http://127.0.0.1:%1\ntenancyName=Giza-07\n"_s.arg(unusedPort()).toUtf8());
    write(etc + u"/kiosk.ini.d/50-branch.ini"_s,
          "[api]\nrequestTimeoutMs=abc\n[ui]\nlanguage=ar\ncolour=blue\n");
    const QString secrets = dir.filePath(u"secrets"_s);
    write(secrets, "api/apiKey=VERY-SECRET-VALUE\nPASTED-KEY-ALONE\n");
    QFile::setPermissions(secrets, QFile::ReadOwner | QFile::WriteOwner);
    env.insert(u"KIOSK_SECRETS_FILE"_s, secrets);

    for (const bool json : {false, true}) {
        QStringList args{u"doctor"_s, u"--no-camera-test"_s};
        if (json)
            args << u"--json"_s;
        const Result r = kioskctl(args, env);
        QCOMPARE(r.exitCode, 1); // the configuration problems and the unreachable service
        const QString out = r.out;
        for (const QString &expected :
             {u"read 1: %1/kiosk.ini"_s.arg(etc),
              u"read 2: %1/kiosk.ini.d/50-branch.ini"_s.arg(etc), u"read 3: %1"_s.arg(secrets),
              u"api/tenancyName = Giza-07   from %1/kiosk.ini:3"_s.arg(etc),
              u"ui/language = ar   from %1/kiosk.ini.d/50-branch.ini:4"_s.arg(etc),
              u"api/apiKey = (set)   from %1"_s.arg(secrets),
              u"%1/kiosk.ini.d/50-branch.ini:2: api/requestTimeoutMs: 'abc'"_s.arg(etc),
              u"%1/kiosk.ini.d/50-branch.ini:5: unknown setting ui/colour"_s.arg(etc),
              u"%1:2: expected name=value (the line is not shown)"_s.arg(secrets)})
            QVERIFY2(out.contains(expected), qPrintable(expected + u"\n---\n"_s + out));
        QVERIFY(!out.contains(u"VERY-SECRET"_s) && !r.err.contains(u"VERY-SECRET"_s));
        QVERIFY(!out.contains(u"PASTED-KEY"_s) && !r.err.contains(u"PASTED-KEY"_s));
        if (json)
            QVERIFY(QJsonDocument::fromJson(out.toUtf8()).isObject());
    }
}

void tst_Kioskctl::doctorWithoutConfiguration()
{
    QTemporaryDir dir;
    const Result r = kioskctl({u"doctor"_s, u"--no-camera-test"_s}, isolated(dir));
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.out.contains(u"[warn] config no configuration file found (looked for %1)"_s.arg(
                 dir.filePath(u"xdg/onboarding-kiosk/kiosk.ini"_s))),
             qPrintable(r.out));
}

void tst_Kioskctl::pinSetWritesOnlyTheStateFile()
{
    QTemporaryDir dir;
    const QProcessEnvironment env = isolated(dir);
    const QString state = env.value(u"KIOSK_STATE_FILE"_s);

    Result r = kioskctl({u"pin"_s, u"set"_s}, env, "12\n");
    QCOMPARE(r.exitCode, 4);
    QVERIFY(r.err.contains(u"digits"_s));
    QVERIFY(!QFileInfo::exists(state));
    r = kioskctl({u"pin"_s, u"set"_s, u"246810"_s}, env);
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains(u"standard input"_s));

    r = kioskctl({u"pin"_s, u"set"_s}, env, "246810\n");
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, u"agent PIN stored in %1\n"_s.arg(state));
    QFile file(state);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    QVERIFY(text.contains("agentPinHash=pbkdf2-sha256$"));
    QVERIFY(!text.contains("246810"));
    QCOMPARE(QFileInfo(state).permissions() & (QFile::ReadGroup | QFile::ReadOther),
             QFile::Permissions());

    // The kiosk (and doctor) read it back from there.
    r = kioskctl({u"doctor"_s, u"--no-camera-test"_s}, env);
    QVERIFY2(r.out.contains(u"security/agentPinHash = (set)   from %1:"_s.arg(state)),
             qPrintable(r.out));
    QVERIFY(!r.out.contains(u"pbkdf2"_s));
}

void tst_Kioskctl::invalidEnvironmentIsAUsageError()
{
    QTemporaryDir dir;
    for (const char *bad : {"abc", "30s", "nan", "inf", "1e12", "-1"}) {
        QProcessEnvironment env = isolated(dir);
        env.insert(u"KIOSK_REQUEST_TIMEOUT_MS"_s, QString::fromLatin1(bad));
        const Result r = kioskctl({u"doctor"_s, u"--no-camera-test"_s}, env);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(u"KIOSK_REQUEST_TIMEOUT_MS: '%1' is not a whole number from 1000 "
                                "to 600000"_s.arg(QLatin1String(bad))),
                 qPrintable(r.err));
    }
}

QTEST_GUILESS_MAIN(tst_Kioskctl)
#include "tst_kioskctl.moc"
