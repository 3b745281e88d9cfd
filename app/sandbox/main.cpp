// vlens-sandbox: wires command-line flags to kiosk::sandbox::SandboxServer.
#include "sandboxserver.h"
#include "specimen/persona.h"

#include <QCommandLineParser>
#include <QGuiApplication>
#include <QTextStream>

#include <cstdio>
#include <optional>

using namespace Qt::StringLiterals;
using kiosk::sandbox::SandboxOptions;
using kiosk::sandbox::SandboxServer;

namespace {

// The demo credentials and documents, for --help and --demo.
QString description(const SandboxOptions &defaults)
{
    QString documents;
    for (const auto &doc : kiosk::sandbox::seededBoldSignDocuments())
        documents +=
            u"\n    %1  signer order %2, %3"_s.arg(doc.documentId).arg(doc.order).arg(doc.status);
    return u"Local Vlens Digital Identity + BoldSign sandbox (loopback only).\n\n"
           "Demo credentials (not secrets):\n"
           "  tenant %1, ApiKey %2\n"
           "  admin %3 / %4 (permission Requests), clerk %5 / %6 (no permission)\n"
           "  BoldSign X-API-KEY %7\n"
           "  BoldSign documents:%8\n\n"
           "Fault spec: kind[=value][,path=/x/y][,count=N]; kinds: latency, http, error_code,\n"
           "  expired_token, aml_match, spoof, liveness_fail, malformed_json, truncate, close,\n"
           "  drip, gateway.\n"
           "  --fault specs stay on unless they give a count. At run time:\n"
           "  POST /_sandbox/faults {\"spec\": \"...\"}, DELETE /_sandbox/faults.\n"
           "End users, tokens, transactions, OCR results and images stay in memory, even with "
           "--db."_s.arg(defaults.tenancyName, defaults.apiKey, defaults.adminUser,
                         defaults.adminPassword, defaults.clerkUser, defaults.clerkPassword,
                         defaults.boldSignApiKey, documents);
}

// The command line's options, registered on a parser by their constructor.
struct CommandLine
{
    explicit CommandLine(const SandboxOptions &defaults);

    QCommandLineParser parser;
    const QCommandLineOption port{u"port"_s, u"TCP port (0 = pick a free one)."_s, u"N"_s, u"0"_s};
    const QCommandLineOption db{u"db"_s, u"SQLite database file (default: in memory)."_s, u"FILE"_s,
                                u":memory:"_s};
    const QCommandLineOption personas{
        u"personas"_s, u"Personas JSON file (default: the built-in specimen personas)."_s,
        u"FILE"_s};
    const QCommandLineOption fault{u"fault"_s, u"Inject a fault (repeatable)."_s, u"SPEC"_s};
    const QCommandLineOption lifetime;
    const QCommandLineOption demo{
        u"demo"_s, u"Print the demo credentials, personas and documents to stderr at start."_s};
    const QCommandLineOption tenancy;
    const QCommandLineOption bindAny{u"bind-any"_s,
                                     u"Listen on all interfaces (default: 127.0.0.1 only)."_s};
};

CommandLine::CommandLine(const SandboxOptions &defaults)
    : lifetime(u"token-lifetime"_s, u"Access token lifetime in seconds."_s, u"SEC"_s,
               QString::number(defaults.accessTokenLifetimeSec))
    , tenancy(u"tenancy"_s, u"The demo tenant's name (default %1)."_s.arg(defaults.tenancyName),
              u"name"_s, defaults.tenancyName)
{
    parser.setApplicationDescription(description(defaults));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({port, db, personas, fault, lifetime, demo, tenancy, bindAny});
}

// The server's options from a processed command line; nullopt and *error when a value is off.
std::optional<SandboxOptions> optionsFrom(const CommandLine &cl, QString *error)
{
    SandboxOptions options;
    bool ok = false;
    const uint port = cl.parser.value(cl.port).toUInt(&ok);
    if (!ok || port > 65535) {
        *error = u"--port must be 0..65535"_s;
        return std::nullopt;
    }
    options.port = quint16(port);
    options.databasePath = cl.parser.value(cl.db);
    options.personasFile = cl.parser.value(cl.personas);
    options.faults = cl.parser.values(cl.fault);
    options.accessTokenLifetimeSec = cl.parser.value(cl.lifetime).toInt(&ok);
    if (!ok || options.accessTokenLifetimeSec < 0) {
        *error = u"--token-lifetime must be a number of seconds"_s;
        return std::nullopt;
    }
    options.tenancyName = cl.parser.value(cl.tenancy).trimmed();
    if (options.tenancyName.isEmpty()) {
        *error = u"--tenancy must not be empty"_s;
        return std::nullopt;
    }
    if (cl.parser.isSet(cl.bindAny)) {
        options.address = QHostAddress::Any;
        options.allowNonLoopback = true;
    }
    return options;
}

// --demo: the credentials and the (invented) personas with their behaviour flags.
void printDemo(const QString &description, const SandboxOptions &options)
{
    QTextStream err(stderr);
    err << description << Qt::endl << "Personas (invented):" << Qt::endl;
    const QList<kiosk::specimen::Persona> personas = kiosk::specimen::loadPersonasFile(
        options.personasFile.isEmpty() ? kiosk::specimen::builtInPersonasPath()
                                       : options.personasFile);
    for (const auto &p : personas) {
        err << "  " << p.id << ": " << p.fullNameEnglish() << (p.amlMatch ? " [AML match]" : "")
            << (p.spoofed ? " [spoofed document]" : "")
            << (p.isExpired(QDate::currentDate()) ? " [expired card]" : "") << Qt::endl;
    }
}

} // namespace

int main(int argc, char *argv[])
{
    // The specimen cards are drawn with fonts: a GUI application, but never a window.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(u"vlens-sandbox"_s);
    QGuiApplication::setApplicationVersion(QStringLiteral(KIOSK_VERSION));

    CommandLine commandLine{SandboxOptions()};
    commandLine.parser.process(app);
    QString error;
    const std::optional<SandboxOptions> options = optionsFrom(commandLine, &error);
    if (!options) {
        std::fprintf(stderr, "vlens-sandbox: %s\n", qPrintable(error));
        return 2;
    }

    SandboxServer server(*options);
    if (!server.start(&error)) {
        std::fprintf(stderr, "vlens-sandbox: %s\n", qPrintable(error));
        return 1;
    }
    QTextStream out(stdout);
    QObject::connect(&server, &SandboxServer::requestLogged, &app,
                     [&out](const QString &line) { out << line << Qt::endl; });
    if (commandLine.parser.isSet(commandLine.demo))
        printDemo(commandLine.parser.applicationDescription(), *options);
    out << "vlens-sandbox listening on " << server.baseUrl().toString() << Qt::endl;
    return app.exec();
}
