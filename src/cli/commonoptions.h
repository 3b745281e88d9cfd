#pragma once

#include "settings/settings.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

#include <memory>

class QTextStream;

namespace kiosk::cli {

// The options every service command shares (--config, --api-url, --api-key-file, ...)
// and how they fold into Settings. A secret given as a flag value would be readable by
// every local user in /proc/PID/cmdline (and stays in the shell history): --api-key is
// refused unless --insecure-cli-secret says the operator accepts that.
class CommonOptions
{
public:
    explicit CommonOptions(QCommandLineParser &parser);

    // Parses `arguments`; on --help prints usage to `out` and returns nullptr with
    // *exitCode = 0; on bad input prints a clear error to `err` and returns nullptr.
    std::unique_ptr<Settings> parse(const QString &synopsis, const QStringList &arguments,
                                    QTextStream &out, QTextStream &err, int *exitCode);

    bool json() const { return m_parser.isSet(m_json); }

private:
    QCommandLineParser &m_parser;
    QCommandLineOption m_config;
    QCommandLineOption m_apiUrl;
    QCommandLineOption m_apiKey;
    QCommandLineOption m_apiKeyFile;
    QCommandLineOption m_insecureCliSecret;
    QCommandLineOption m_tenancy;
    QCommandLineOption m_timeout;
    QCommandLineOption m_json;
    QCommandLineOption m_verbose;
    QCommandLineOption m_help;
};

// Reads a secret from a file that only its owner may read; empty with *error set otherwise.
QString readSecretFile(const QString &path, QString *error);

// A --timeout value: decimal seconds from 0.001 to 3600 ("2", "0.5"). Anything else
// (units, nan, inf, 1e12, 0.0001) is refused: no value may silently disable the timeout
// or reach a timer out of range. Returns milliseconds, or -1 with *error naming the value.
int parseTimeoutSeconds(const QString &value, QString *error);

} // namespace kiosk::cli
