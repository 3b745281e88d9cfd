#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

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

private:
    struct Result
    {
        int exitCode = -1;
        QString out;
        QString err;
    };
    Result kioskctl(const QStringList &arguments, const QProcessEnvironment &env = {});
    static quint16 unusedPort();
};

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

QTEST_GUILESS_MAIN(tst_Kioskctl)
#include "tst_kioskctl.moc"
