#include "httptestserver.h"

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

private slots:
    void help();
    void unknownCommand();
    void doctorReportsUnreachableService();
    void doctorJson();
    void refusesWorldReadableKeyFile();
    void refusesPlainHttpToRemoteHost();

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
    struct Result
    {
        int exitCode = -1;
        QString out;
        QString err;
    };
    Result kioskctl(const QStringList &arguments, const QProcessEnvironment &env = {});
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
    if (!finished.wait(60000)) {
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
                                            const QProcessEnvironment &env)
{
    QProcess process;
    QProcessEnvironment environment =
        env.isEmpty() ? QProcessEnvironment::systemEnvironment() : env;
    environment.remove(u"KIOSK_API_KEY"_s);
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(KIOSK_BINARY_DIR "/bin/kioskctl"), arguments);
    if (!process.waitForFinished(60000))
        return {};
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
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
    QVERIFY2(all.contains(u"line 2 of the secrets file"_s), qPrintable(all));
    QVERIFY2(all.contains(u"line 4 of the secrets file"_s), qPrintable(all));
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

QTEST_GUILESS_MAIN(tst_Kioskctl)
#include "tst_kioskctl.moc"
