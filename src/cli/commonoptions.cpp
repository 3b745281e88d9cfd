#include "commonoptions.h"

#include "command.h"

#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QTextStream>

#include <cmath>

using namespace Qt::StringLiterals;

namespace kiosk::cli {

CommonOptions::CommonOptions(QCommandLineParser &parser)
    : m_parser(parser)
    , m_config(u"config"_s,
               u"INI settings file, instead of /etc/xdg/onboarding-kiosk/kiosk.ini and its "
               "drop-ins."_s,
               u"file"_s)
    , m_apiUrl(u"api-url"_s, u"Vlens API base URL (https, or http on loopback)."_s, u"url"_s)
    , m_apiKey(u"api-key"_s,
               u"Vlens API key; refused without --insecure-cli-secret (other users can read "
               "it in the process list). Use KIOSK_API_KEY or --api-key-file."_s,
               u"key"_s)
    , m_apiKeyFile(u"api-key-file"_s, u"File holding the API key (chmod 600)."_s, u"file"_s)
    , m_insecureCliSecret(u"insecure-cli-secret"_s,
                          u"Accept --api-key although its value is visible to every local "
                          "user while kioskctl runs."_s)
    , m_tenancy(u"tenancy"_s, u"Tenancy name."_s, u"name"_s)
    , m_timeout(u"timeout"_s,
                u"Time allowed per request (with no data, and in total), in seconds from 0.001 "
                "to 3600."_s,
                u"s"_s)
    , m_json(u"json"_s, u"Print one JSON document instead of text."_s)
    , m_verbose(QStringList{u"v"_s, u"verbose"_s},
                u"Log each request (method, path, status, request id; never data)."_s)
    , m_help(QStringList{u"h"_s, u"help"_s}, u"Show this help."_s)
{
    m_parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    m_parser.addOptions({m_config, m_apiUrl, m_apiKey, m_apiKeyFile, m_insecureCliSecret, m_tenancy,
                         m_timeout, m_json, m_verbose, m_help});
}

QString readSecretFile(const QString &path, QString *error)
{
    const QFileInfo info(path);
    if (!info.isFile()) {
        *error = u"secret file %1 does not exist"_s.arg(path);
        return {};
    }
    if (info.permissions() & (QFile::ReadGroup | QFile::ReadOther)) {
        *error = u"secret file %1 is readable by others: run chmod 600 %1"_s.arg(path);
        return {};
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"cannot read %1: %2"_s.arg(path, file.errorString());
        return {};
    }
    const QString secret = QString::fromUtf8(file.readAll()).trimmed();
    if (secret.isEmpty())
        *error = u"secret file %1 is empty"_s.arg(path);
    return secret;
}

int parseTimeoutSeconds(const QString &value, QString *error)
{
    constexpr double minSeconds = 0.001;
    constexpr double maxSeconds = 3600;
    bool ok = false;
    const double seconds = value.trimmed().toDouble(&ok);
    // The comparisons are false for NaN, so NaN is refused too.
    if (!ok || !(seconds >= minSeconds && seconds <= maxSeconds)) {
        *error = u"--timeout '%1' is not a number of seconds from %2 to %3 (for example 30 or "
                 "2.5)"_s.arg(value)
                     .arg(minSeconds)
                     .arg(maxSeconds);
        return -1;
    }
    return int(std::lround(seconds * 1000));
}

std::unique_ptr<Settings> CommonOptions::parse(const QString &synopsis,
                                               const QStringList &arguments, QTextStream &out,
                                               QTextStream &err, int *exitCode)
{
    QStringList argv = arguments;
    argv.prepend(u"kioskctl"_s);
    if (!m_parser.parse(argv)) {
        err << "kioskctl: " << m_parser.errorText() << '\n';
        *exitCode = ExitUsage;
        return nullptr;
    }
    if (m_parser.isSet(m_help)) {
        out << m_parser.helpText().replace(u"kioskctl [options]"_s, synopsis);
        *exitCode = ExitOk;
        return nullptr;
    }
    if (!m_parser.isSet(m_verbose))
        QLoggingCategory::setFilterRules(u"kiosk.*.info=false\nkiosk.*.debug=false"_s);
    auto settings = std::make_unique<Settings>(
        m_parser.isSet(m_config) ? Settings::Sources::withConfigFile(m_parser.value(m_config))
                                 : Settings::Sources::system());
    if (const QStringList bad = settings->invalidEnvironment(); !bad.isEmpty()) {
        for (const QString &problem : bad)
            err << "kioskctl: " << problem << '\n';
        *exitCode = ExitUsage;
        return nullptr;
    }
    using K = Settings::Key;
    if (m_parser.isSet(m_apiUrl))
        settings->setOverride(K::ApiBaseUrl, m_parser.value(m_apiUrl));
    if (m_parser.isSet(m_tenancy))
        settings->setOverride(K::TenancyName, m_parser.value(m_tenancy));
    if (m_parser.isSet(m_timeout)) {
        QString error;
        const int ms = parseTimeoutSeconds(m_parser.value(m_timeout), &error);
        if (ms < 0) {
            err << "kioskctl: " << error << '\n';
            *exitCode = ExitUsage;
            return nullptr;
        }
        settings->setOverride(K::RequestTimeoutMs, ms);
        settings->setOverride(K::UploadTimeoutMs, ms);
    }
    if (m_parser.isSet(m_apiKey) && !m_parser.isSet(m_insecureCliSecret)) {
        err << "kioskctl: --api-key is refused: its value is visible to every local user in "
               "the process list. Set KIOSK_API_KEY or use --api-key-file FILE (chmod 600); "
               "add --insecure-cli-secret to accept the risk.\n";
        *exitCode = ExitUsage;
        return nullptr;
    }
    if (m_parser.isSet(m_apiKeyFile)) {
        QString error;
        const QString key = readSecretFile(m_parser.value(m_apiKeyFile), &error);
        if (key.isEmpty()) {
            err << "kioskctl: " << error << '\n';
            *exitCode = ExitInput;
            return nullptr;
        }
        settings->setOverride(K::ApiKey, key);
    } else if (m_parser.isSet(m_apiKey)) {
        err << "kioskctl: warning: the API key given on the command line is visible in the "
               "process list and stays in your shell history\n";
        settings->setOverride(K::ApiKey, m_parser.value(m_apiKey));
    }
    for (const QString &problem : settings->problems())
        err << "kioskctl: warning: " << problem << '\n';
    *exitCode = ExitOk;
    return settings;
}

} // namespace kiosk::cli
