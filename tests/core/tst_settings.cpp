#include "settings/settings.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using kiosk::Settings;
using K = Settings::Key;

class tst_Settings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void everyKeyHasOneEntry();
    void precedence();
    void systemSourcesFollowXdgAndDropIns();
    void systemSourcesFromSystemd();
    void stateFileIsPrivateAndSurvivesRestart();
    void stateFileTightenedWhenReadable();
    void secretsAreNeverWritten();
    void problemsNameFileAndLine();
    void missingConfigFile();
    void unwritableStateDirectory();
    void invalidNumbersAreRefused_data();
    void invalidNumbersAreRefused();
    void invalidEnvironmentIsIgnored();
    void refusesWorldReadableSecrets();
    void secretsLinesAreNeverEchoed();
    void secretsFileFromSystemdCredentials();
    void sourceOfEachKey();

private:
    static void write(const QString &path, const QByteArray &text);
    std::unique_ptr<QTemporaryDir> m_dir;
};

void tst_Settings::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    for (const char *name : {"KIOSK_API_KEY", "KIOSK_API_BASE_URL", "KIOSK_REQUEST_TIMEOUT_MS",
                             "XDG_CONFIG_DIRS", "STATE_DIRECTORY", "CREDENTIALS_DIRECTORY",
                             "KIOSK_STATE_FILE", "KIOSK_SECRETS_FILE", "KIOSK_TENANCY"})
        qunsetenv(name);
    qputenv("XDG_STATE_HOME", m_dir->filePath(u"state-home"_s).toLocal8Bit());
}

void tst_Settings::cleanup()
{
    qunsetenv("XDG_STATE_HOME");
    qunsetenv("XDG_CONFIG_DIRS");
}

void tst_Settings::write(const QString &path, const QByteArray &text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(text);
}

void tst_Settings::everyKeyHasOneEntry()
{
    QSet<int> seen;
    for (const auto &e : Settings::table()) {
        QVERIFY2(!seen.contains(int(e.key)), e.name);
        seen.insert(int(e.key));
        QVERIFY(QByteArray(e.envName).startsWith("KIOSK_"));
        QCOMPARE(Settings::entry(QString::fromLatin1(e.name)), &e);
    }
    QCOMPARE(seen.size(), int(Settings::Key::KeyCount));
}

void tst_Settings::precedence()
{
    const QString ini = m_dir->filePath(u"kiosk.ini"_s);
    write(ini, "[api]\nbaseUrl=http://127.0.0.1:1234\ntenancyName=from-etc\n");
    Settings::Sources sources;
    sources.configFiles = {ini};
    sources.stateFile = m_dir->filePath(u"state.ini"_s);
    Settings settings(sources);
    QCOMPARE(settings.string(K::ApiBaseUrl), u"http://127.0.0.1:1234"_s);
    QCOMPARE(settings.string(K::TenancyName), u"from-etc"_s);
    QVERIFY(settings.setValue(K::TenancyName, u"from-agent"_s));
    QCOMPARE(settings.string(K::TenancyName), u"from-agent"_s);
    qputenv("KIOSK_API_BASE_URL", "http://127.0.0.1:5678");
    QCOMPARE(settings.string(K::ApiBaseUrl), u"http://127.0.0.1:5678"_s);
    settings.setOverride(K::ApiBaseUrl, u"http://127.0.0.1:9"_s);
    QCOMPARE(settings.string(K::ApiBaseUrl), u"http://127.0.0.1:9"_s);
    qunsetenv("KIOSK_API_BASE_URL");
    QCOMPARE(settings.integer(K::RequestTimeoutMs), 30000);
    QVERIFY2(settings.problems().isEmpty(), qPrintable(settings.problems().join(u"; "_s)));
}

void tst_Settings::systemSourcesFollowXdgAndDropIns()
{
    // Two XDG dirs: the first one is the more important, so it is read last.
    const QString local = m_dir->filePath(u"local-xdg"_s);
    const QString vendor = m_dir->filePath(u"etc-xdg"_s);
    qputenv("XDG_CONFIG_DIRS", (local + u':' + vendor).toLocal8Bit());
    write(vendor + u"/onboarding-kiosk/kiosk.ini"_s,
          "[api]\ntenancyName=vendor\nacceptLanguage=ar\n[ui]\nlanguage=ar\n");
    write(vendor + u"/onboarding-kiosk/kiosk.ini.d/20-branch.ini"_s, "[api]\ntenancyName=branch\n");
    write(vendor + u"/onboarding-kiosk/conf.d/10-camera.ini"_s,
          "[camera]\nid=usb-1\n[api]\ntenancyName=camera-file\n");
    write(vendor + u"/onboarding-kiosk/kiosk.ini.d/README"_s, "not an ini: ignored\n");
    write(local + u"/onboarding-kiosk/kiosk.ini"_s, "[ui]\nlanguage=en\n");

    const Settings::Sources sources = Settings::Sources::system();
    QVERIFY(sources.fromSystem);
    QCOMPARE(sources.configFiles,
             QStringList({vendor + u"/onboarding-kiosk/kiosk.ini"_s,
                          vendor + u"/onboarding-kiosk/conf.d/10-camera.ini"_s,
                          vendor + u"/onboarding-kiosk/kiosk.ini.d/20-branch.ini"_s,
                          local + u"/onboarding-kiosk/kiosk.ini"_s}));
    Settings settings(sources);
    QVERIFY2(settings.problems().isEmpty(), qPrintable(settings.problems().join(u"; "_s)));
    // The configuration files first, in that order (then the installed package's secrets file
    // when this runs as root on a machine where the kiosk is installed).
    QCOMPARE(settings.filesRead().mid(0, sources.configFiles.size()), sources.configFiles);
    QCOMPARE(settings.string(K::TenancyName), u"branch"_s); // 20- after 10-
    QCOMPARE(settings.string(K::CameraId), u"usb-1"_s);
    QCOMPARE(settings.string(K::AcceptLanguage), u"ar"_s);
    QCOMPARE(settings.string(K::UiLanguage), u"en"_s); // the more important dir wins

    // Without XDG_CONFIG_DIRS: /etc/xdg.
    qunsetenv("XDG_CONFIG_DIRS");
    QCOMPARE(Settings::Sources::system().configFiles.value(0),
             u"/etc/xdg/onboarding-kiosk/kiosk.ini"_s);
    // --config replaces the configuration files, not the state or the secrets.
    const Settings::Sources explicitFile = Settings::Sources::withConfigFile(u"/x/k.ini"_s);
    QCOMPARE(explicitFile.configFiles, QStringList{u"/x/k.ini"_s});
    QVERIFY(!explicitFile.fromSystem);
    QCOMPARE(explicitFile.stateFile, Settings::Sources::system().stateFile);
}

void tst_Settings::systemSourcesFromSystemd()
{
    // Without systemd: the user's state home (a desktop or development run), or, for root
    // (kioskctl run by IT) on a machine where the package made it, the kiosk's own state.
    const bool installedAsRoot =
        ::geteuid() == 0 && QFileInfo(u"/var/lib/onboarding-kiosk"_s).isDir();
    QCOMPARE(Settings::Sources::system().stateFile,
             installedAsRoot ? u"/var/lib/onboarding-kiosk/state.ini"_s
                             : m_dir->filePath(u"state-home/onboarding-kiosk/state.ini"_s));
    // Under the service: StateDirectory= and LoadCredential= tell where.
    const QString credentials = m_dir->filePath(u"credentials"_s);
    write(credentials + u"/kiosk-secrets"_s, "api/apiKey=k\n");
    qputenv("STATE_DIRECTORY", m_dir->filePath(u"var-lib"_s).toLocal8Bit());
    qputenv("CREDENTIALS_DIRECTORY", credentials.toLocal8Bit());
    const Settings::Sources sources = Settings::Sources::system();
    qunsetenv("STATE_DIRECTORY");
    qunsetenv("CREDENTIALS_DIRECTORY");
    QCOMPARE(sources.stateFile, m_dir->filePath(u"var-lib/state.ini"_s));
    QCOMPARE(sources.secretsFile, credentials + u"/kiosk-secrets"_s);
}

void tst_Settings::stateFileIsPrivateAndSurvivesRestart()
{
    const QString ini = m_dir->filePath(u"etc/kiosk.ini"_s);
    write(ini, "[ui]\nidleTimeoutMs=60000\n");
    const QByteArray before = [&] {
        QFile f(ini);
        f.open(QIODevice::ReadOnly);
        return f.readAll();
    }();
    Settings::Sources sources;
    sources.configFiles = {ini};
    sources.stateFile = m_dir->filePath(u"var/lib/onboarding-kiosk/state.ini"_s);
    {
        Settings settings(sources);
        QString error;
        QVERIFY2(settings.setValue(K::AgentPinHash, u"pbkdf2-sha256$1$c2FsdA==$a2V5"_s, &error),
                 qPrintable(error));
        QVERIFY2(settings.setValue(K::IdleTimeoutMs, 120000, &error), qPrintable(error));
        QVERIFY(settings.filesRead().contains(sources.stateFile));
    }
    QFileInfo state(sources.stateFile);
    QVERIFY(state.exists());
    struct stat st = {};
    QCOMPARE(::stat(QFile::encodeName(sources.stateFile).constData(), &st), 0);
    QCOMPARE(st.st_mode & 0777, mode_t(0600));
    QVERIFY(!QFileInfo::exists(sources.stateFile + u".new"_s));
    QFile etc(ini);
    QVERIFY(etc.open(QIODevice::ReadOnly));
    QCOMPARE(etc.readAll(), before); // nothing written to the configuration

    Settings restarted(sources);
    QCOMPARE(restarted.string(K::AgentPinHash), u"pbkdf2-sha256$1$c2FsdA==$a2V5"_s);
    QCOMPARE(restarted.integer(K::IdleTimeoutMs), 120000);
    QVERIFY(restarted.sourceOf(K::IdleTimeoutMs).startsWith(sources.stateFile + u':'));
    QVERIFY2(restarted.problems().isEmpty(), qPrintable(restarted.problems().join(u"; "_s)));
}

void tst_Settings::stateFileTightenedWhenReadable()
{
    Settings::Sources sources;
    sources.stateFile = m_dir->filePath(u"state.ini"_s);
    write(sources.stateFile, "[security]\nagentPinHash=pbkdf2-sha256$1$c2FsdA==$a2V5\n");
    QVERIFY(QFile::setPermissions(sources.stateFile, QFileDevice::ReadOwner |
                                                         QFileDevice::WriteOwner |
                                                         QFileDevice::ReadOther));
    Settings settings(sources);
    QCOMPARE(QFileInfo(sources.stateFile).permissions() & QFileDevice::ReadOther,
             QFileDevice::Permissions());
    QCOMPARE(settings.problems().size(), 1);
    QVERIFY(settings.problems().first().contains(u"now 0600"_s));
}

void tst_Settings::secretsAreNeverWritten()
{
    Settings::Sources sources;
    sources.stateFile = m_dir->filePath(u"state.ini"_s);
    Settings settings(sources);
    QString error;
    QVERIFY(!settings.setValue(K::ApiKey, u"k-123"_s, &error));
    QVERIFY2(error.contains(u"/etc/onboarding-kiosk/secrets"_s), qPrintable(error));
    QVERIFY(!error.contains(u"k-123"_s));
    QVERIFY(!QFileInfo::exists(sources.stateFile));
    QVERIFY(settings.string(K::ApiKey).isEmpty());
    // Nor a value that would break the file's lines.
    QVERIFY(!settings.setValue(K::TenancyName, u"a\n[security]\nagentPinHash=x"_s, &error));
}

void tst_Settings::problemsNameFileAndLine()
{
    const QString ini = m_dir->filePath(u"kiosk.ini"_s);
    write(ini, "; comment\n"
               "[api]\n"
               "tenancyName=Giza\n"
               "requestTimeoutMs=abc\n"
               "this line is wrong\n"
               "[camera\n"
               "id=ignored-under-a-broken-header\n"
               "[ui]\n"
               "colour=blue\n"
               "[api]\n"
               "apiKey=leaked-key\n"
               "topLevelIsFine=no\n");
    QVERIFY(QFile::setPermissions(ini, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                           QFileDevice::ReadOther));
    Settings settings(ini);
    const QStringList problems = settings.problems();
    const QString all = problems.join(u'\n');
    QVERIFY2(all.contains(ini + u":4: api/requestTimeoutMs: 'abc' is not a whole number"_s),
             qPrintable(all));
    QVERIFY2(all.contains(ini + u":5: expected name=value"_s), qPrintable(all));
    QVERIFY2(all.contains(ini + u":6: a section header"_s), qPrintable(all));
    QVERIFY2(all.contains(ini + u":9: unknown setting ui/colour"_s), qPrintable(all));
    QVERIFY2(all.contains(ini + u":11: the secret api/apiKey must not be in a configuration "
                                "file that others can read"_s),
             qPrintable(all));
    QVERIFY2(all.contains(ini + u":12: unknown setting api/topLevelIsFine"_s), qPrintable(all));
    QCOMPARE(problems.size(), 6);
    QVERIFY(!all.contains(u"leaked-key"_s));
    // What could be read is used; what could not falls back.
    QCOMPARE(settings.string(K::TenancyName), u"Giza"_s);
    QCOMPARE(settings.integer(K::RequestTimeoutMs), 30000);
    QVERIFY(settings.string(K::ApiKey).isEmpty());
    QVERIFY(settings.string(K::CameraId).isEmpty());
}

void tst_Settings::missingConfigFile()
{
    Settings explicitFile(Settings::Sources::withConfigFile(m_dir->filePath(u"nope.ini"_s)));
    QCOMPARE(explicitFile.problems().size(), 1);
    QVERIFY(explicitFile.problems().first().endsWith(u"nope.ini: the file does not exist"_s));

    qputenv("XDG_CONFIG_DIRS", m_dir->filePath(u"empty"_s).toLocal8Bit());
    Settings system(Settings::Sources::system());
    QVERIFY2(system.problems().isEmpty(), qPrintable(system.problems().join(u"; "_s)));
    QCOMPARE(system.missingFiles(),
             QStringList{m_dir->filePath(u"empty/onboarding-kiosk/kiosk.ini"_s)});
}

void tst_Settings::unwritableStateDirectory()
{
    if (::geteuid() == 0) {
        // root writes anywhere; prove it with a directory that cannot be created instead.
        Settings::Sources sources;
        write(m_dir->filePath(u"file"_s), "x");
        sources.stateFile = m_dir->filePath(u"file/state.ini"_s);
        Settings settings(sources);
        QString error;
        QVERIFY(!settings.setValue(K::TenancyName, u"t"_s, &error));
        QVERIFY2(error.contains(u"cannot create the state directory"_s), qPrintable(error));
        QCOMPARE(settings.string(K::TenancyName), QString()); // not kept as if stored
        return;
    }
    const QString dir = m_dir->filePath(u"ro"_s);
    QVERIFY(QDir().mkpath(dir));
    QVERIFY(QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::ExeOwner));
    Settings::Sources sources;
    sources.stateFile = dir + u"/state.ini"_s;
    Settings settings(sources);
    QCOMPARE(settings.problems().size(), 1);
    QVERIFY(settings.problems().first().contains(u"not writable"_s));
    QString error;
    QVERIFY(!settings.setValue(K::TenancyName, u"t"_s, &error));
    QVERIFY(error.contains(u"cannot write the state file"_s));
    QFile::setPermissions(dir,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
}

void tst_Settings::invalidNumbersAreRefused_data()
{
    // accepted: as api/requestTimeoutMs (whole ms, 1000..600000); shareAccepted: as
    // face/maxShare (a share, 0..1).
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<bool>("shareAccepted");
    QTest::newRow("abc") << QByteArray("abc") << false << false;
    QTest::newRow("30s") << QByteArray("30s") << false << false;
    QTest::newRow("nan") << QByteArray("nan") << false << false;
    QTest::newRow("inf") << QByteArray("inf") << false << false;
    QTest::newRow("1e12") << QByteArray("1e12") << false << false;
    QTest::newRow("1e300") << QByteArray("1e300") << false << false;
    QTest::newRow("negative") << QByteArray("-5") << false << false;
    QTest::newRow("fraction") << QByteArray("0.0001") << false << true;
    QTest::newRow("too-small") << QByteArray("5") << false << false;
    QTest::newRow("int64-max") << QByteArray("9223372036854775807") << false << false;
    QTest::newRow("ok") << QByteArray("45000") << true << false;
}

void tst_Settings::invalidNumbersAreRefused()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, accepted);
    QFETCH(bool, shareAccepted);
    const QString ini = m_dir->filePath(u"kiosk.ini"_s);
    write(ini, "[api]\nrequestTimeoutMs=" + text + "\n[face]\nmaxShare=" + text + "\n");
    Settings settings(ini);
    QCOMPARE(settings.integer(K::RequestTimeoutMs), accepted ? text.toInt() : 30000);
    QCOMPARE(settings.value(K::FaceMaxShare).toDouble(), shareAccepted ? text.toDouble() : 0.30);
    QCOMPARE(settings.problems().size(), int(!accepted) + int(!shareAccepted));
    if (!accepted)
        QVERIFY(settings.problems().first().contains(ini + u":2: api/requestTimeoutMs"_s));
    if (!shareAccepted)
        QVERIFY(settings.problems().last().contains(ini + u":4: face/maxShare"_s));

    Settings::Sources sources;
    sources.stateFile = m_dir->filePath(u"state.ini"_s);
    Settings writable(sources);
    QString error;
    QCOMPARE(writable.setValue(K::RequestTimeoutMs, QString::fromLatin1(text), &error), accepted);
    if (!accepted)
        QVERIFY2(error.contains(u"api/requestTimeoutMs"_s), qPrintable(error));
}

void tst_Settings::invalidEnvironmentIsIgnored()
{
    qputenv("KIOSK_REQUEST_TIMEOUT_MS", "30s");
    Settings settings;
    QCOMPARE(settings.integer(K::RequestTimeoutMs), 30000);
    QCOMPARE(settings.invalidEnvironment().size(), 1);
    QVERIFY(settings.invalidEnvironment().first().startsWith(u"KIOSK_REQUEST_TIMEOUT_MS: '30s'"_s));
    QCOMPARE(settings.problems().size(), 1);
    qputenv("KIOSK_REQUEST_TIMEOUT_MS", "45000");
    QCOMPARE(settings.integer(K::RequestTimeoutMs), 45000);
    QVERIFY(settings.invalidEnvironment().isEmpty());
    qunsetenv("KIOSK_REQUEST_TIMEOUT_MS");
}

void tst_Settings::refusesWorldReadableSecrets()
{
    const QString secrets = m_dir->filePath(u"secrets"_s);
    write(secrets, "api/apiKey=abc\n");
    QFile::setPermissions(secrets, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther);
    Settings settings;
    QString error;
    QVERIFY(!settings.loadSecretsFile(secrets, &error));
    QVERIFY(error.contains(u"chmod 600"_s));
    QVERIFY(settings.string(K::ApiKey).isEmpty());
}

void tst_Settings::secretsLinesAreNeverEchoed()
{
    const QString secrets = m_dir->filePath(u"secrets"_s);
    write(secrets, "# comment\nsk-live-PASTED-ALONE\napi/apiKey=good\napiKey=sk-WRONG-NAME\n");
    QFile::setPermissions(secrets, QFile::ReadOwner | QFile::WriteOwner);
    Settings::Sources sources;
    sources.secretsFile = secrets;
    Settings settings(sources);
    QCOMPARE(settings.string(K::ApiKey), u"good"_s);
    const QString all = settings.problems().join(u'\n');
    QCOMPARE(settings.problems().size(), 2);
    QVERIFY2(all.contains(secrets + u":2: expected name=value"_s), qPrintable(all));
    QVERIFY2(all.contains(secrets + u":4: not a known secret name"_s), qPrintable(all));
    QVERIFY(!all.contains(u"PASTED"_s));
    QVERIFY(!all.contains(u"sk-WRONG"_s));
    QVERIFY(!all.contains(u"apiKey=sk"_s));
}

void tst_Settings::secretsFileFromSystemdCredentials()
{
    const QString ini = m_dir->filePath(u"kiosk.ini"_s);
    // An older configuration still names the credential explicitly: it keeps working.
    write(ini, "[security]\nsecretsFile=${CREDENTIALS_DIRECTORY}/kiosk-secrets\n");
    {
        Settings settings(ini);
        QVERIFY(settings.string(K::ApiKey).isEmpty());
        QCOMPARE(settings.problems().size(), 1);
        QVERIFY(settings.problems().first().contains(u"CREDENTIALS_DIRECTORY"_s));
    }
    const QString secrets = m_dir->filePath(u"kiosk-secrets"_s);
    write(secrets, "# comment\napi/apiKey=from-credentials\n");
    QVERIFY(QFile::setPermissions(secrets, QFile::ReadOwner));
    qputenv("CREDENTIALS_DIRECTORY", m_dir->path().toLocal8Bit());
    Settings settings(ini);
    Settings system(Settings::Sources::system());
    qunsetenv("CREDENTIALS_DIRECTORY");
    QVERIFY2(settings.problems().isEmpty(), qPrintable(settings.problems().join(u"; "_s)));
    QCOMPARE(settings.string(K::ApiKey), u"from-credentials"_s);
    QCOMPARE(system.string(K::ApiKey), u"from-credentials"_s);
    QVERIFY(system.filesRead().contains(secrets));

    // A hostile environment: a value naming itself is used as it is, not expanded forever.
    qputenv("CREDENTIALS_DIRECTORY", "${CREDENTIALS_DIRECTORY}");
    Settings selfReferring(ini);
    qunsetenv("CREDENTIALS_DIRECTORY");
    QCOMPARE(selfReferring.problems().size(), 1);
    QVERIFY2(selfReferring.problems().first().contains(u"${CREDENTIALS_DIRECTORY}/kiosk-secrets"_s),
             qPrintable(selfReferring.problems().first()));
}

void tst_Settings::sourceOfEachKey()
{
    const QString ini = m_dir->filePath(u"kiosk.ini"_s);
    write(ini, "[api]\n\ntenancyName=Giza\n");
    const QString secrets = m_dir->filePath(u"secrets"_s);
    write(secrets, "api/apiKey=very-secret\n");
    QFile::setPermissions(secrets, QFile::ReadOwner | QFile::WriteOwner);
    Settings::Sources sources;
    sources.configFiles = {ini};
    sources.secretsFile = secrets;
    Settings settings(sources);
    qputenv("KIOSK_REQUEST_TIMEOUT_MS", "40000");
    settings.setOverride(K::UiLanguage, u"ar"_s);
    QCOMPARE(settings.sourceOf(K::TenancyName), ini + u":3"_s);
    QCOMPARE(settings.sourceOf(K::ApiKey), secrets);
    QCOMPARE(settings.sourceOf(K::RequestTimeoutMs), u"environment KIOSK_REQUEST_TIMEOUT_MS"_s);
    QCOMPARE(settings.sourceOf(K::UiLanguage), u"command line"_s);
    QCOMPARE(settings.sourceOf(K::CameraId), u"default"_s);
    qunsetenv("KIOSK_REQUEST_TIMEOUT_MS");
    QCOMPARE(settings.filesRead(), QStringList({ini, secrets}));
}

QTEST_GUILESS_MAIN(tst_Settings)
#include "tst_settings.moc"
