#include "settings/settings.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using kiosk::Settings;

class tst_Settings : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        qunsetenv("KIOSK_API_KEY");
        qunsetenv("KIOSK_API_BASE_URL");
    }
    void everyKeyHasOneEntry();
    void precedence();
    void secretsNeverGoToIni();
    void refusesWorldReadableSecrets();
    void secretsFileFromSystemdCredentials();
};

void tst_Settings::everyKeyHasOneEntry()
{
    QSet<int> seen;
    for (const auto &e : Settings::table()) {
        QVERIFY2(!seen.contains(int(e.key)), e.name);
        seen.insert(int(e.key));
        QVERIFY(QByteArray(e.envName).startsWith("KIOSK_"));
    }
    QCOMPARE(seen.size(), int(Settings::Key::KeyCount));
}

void tst_Settings::precedence()
{
    QTemporaryDir dir;
    const QString ini = dir.filePath(u"kiosk.ini"_s);
    {
        QFile f(ini);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("[api]\nbaseUrl=http://127.0.0.1:1234\n");
    }
    Settings settings(ini);
    QCOMPARE(settings.string(Settings::Key::ApiBaseUrl), u"http://127.0.0.1:1234"_s);
    qputenv("KIOSK_API_BASE_URL", "http://127.0.0.1:5678");
    QCOMPARE(settings.string(Settings::Key::ApiBaseUrl), u"http://127.0.0.1:5678"_s);
    settings.setOverride(Settings::Key::ApiBaseUrl, u"http://127.0.0.1:9"_s);
    QCOMPARE(settings.string(Settings::Key::ApiBaseUrl), u"http://127.0.0.1:9"_s);
    qunsetenv("KIOSK_API_BASE_URL");
    QCOMPARE(settings.integer(Settings::Key::RequestTimeoutMs), 30000);
}

void tst_Settings::secretsNeverGoToIni()
{
    QTemporaryDir dir;
    const QString ini = dir.filePath(u"kiosk.ini"_s);
    const QString secrets = dir.filePath(u"secrets"_s);
    Settings settings(ini);
    QString error;
    QVERIFY(!settings.setValue(Settings::Key::ApiKey, u"k-123"_s, &error));
    QVERIFY(error.contains(u"secrets file"_s));
    settings.setOverride(Settings::Key::SecretsFile, secrets);
    QVERIFY2(settings.setValue(Settings::Key::ApiKey, u"k-123"_s, &error), qPrintable(error));
    QCOMPARE(settings.string(Settings::Key::ApiKey), u"k-123"_s);
    QCOMPARE(QFileInfo(secrets).permissions() & (QFile::ReadOther | QFile::ReadGroup),
             QFile::Permissions());
    QFile iniFile(ini);
    if (iniFile.open(QIODevice::ReadOnly))
        QVERIFY(!iniFile.readAll().contains("k-123"));

    Settings reread(ini);
    QVERIFY(reread.loadSecretsFile(secrets, &error));
    QCOMPARE(reread.string(Settings::Key::ApiKey), u"k-123"_s);
}

void tst_Settings::refusesWorldReadableSecrets()
{
    QTemporaryDir dir;
    const QString secrets = dir.filePath(u"secrets"_s);
    QFile f(secrets);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("api/apiKey=abc\n");
    f.close();
    f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther);
    Settings settings;
    QString error;
    QVERIFY(!settings.loadSecretsFile(secrets, &error));
    QVERIFY(error.contains(u"chmod 600"_s));
    QVERIFY(settings.string(Settings::Key::ApiKey).isEmpty());
}

void tst_Settings::secretsFileFromSystemdCredentials()
{
    QTemporaryDir dir;
    const QString ini = dir.filePath(u"kiosk.ini"_s);
    {
        QFile f(ini);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("[security]\nsecretsFile=${CREDENTIALS_DIRECTORY}/kiosk-secrets\n");
    }
    qunsetenv("CREDENTIALS_DIRECTORY");
    {
        Settings settings(ini);
        QVERIFY(settings.string(Settings::Key::ApiKey).isEmpty());
        QCOMPARE(settings.problems().size(), 1);
        QVERIFY(settings.problems().first().contains(u"CREDENTIALS_DIRECTORY"_s));
    }
    QFile secrets(dir.filePath(u"kiosk-secrets"_s));
    QVERIFY(secrets.open(QIODevice::WriteOnly));
    secrets.write("# comment\napi/apiKey=from-credentials\n");
    secrets.close();
    QVERIFY(secrets.setPermissions(QFile::ReadOwner));
    qputenv("CREDENTIALS_DIRECTORY", dir.path().toLocal8Bit());
    Settings settings(ini);
    qunsetenv("CREDENTIALS_DIRECTORY");
    QVERIFY2(settings.problems().isEmpty(), qPrintable(settings.problems().join(u"; "_s)));
    QCOMPARE(settings.string(Settings::Key::ApiKey), u"from-credentials"_s);
}

QTEST_GUILESS_MAIN(tst_Settings)
#include "tst_settings.moc"
