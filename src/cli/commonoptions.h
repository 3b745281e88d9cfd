#pragma once

#include "settings/settings.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

#include <memory>

class QTextStream;

namespace kiosk::cli {

// The options every service command shares (--config, --api-url, --api-key-file, ...)
// and how they fold into Settings. Secrets given as flag values are accepted with a
// warning: the environment or a 0600 file keeps them out of the shell history.
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
    QCommandLineOption m_tenancy;
    QCommandLineOption m_timeout;
    QCommandLineOption m_json;
    QCommandLineOption m_verbose;
    QCommandLineOption m_help;
};

// Reads a secret from a file that only its owner may read; empty with *error set otherwise.
QString readSecretFile(const QString &path, QString *error);

} // namespace kiosk::cli
