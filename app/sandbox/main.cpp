// vlens-sandbox: wires command-line flags to kiosk::sandbox::SandboxServer.
#include "sandboxserver.h"
#include "specimen/persona.h"

#include <QCommandLineParser>
#include <QGuiApplication>
#include <QTextStream>

#include <cstdio>

using namespace Qt::StringLiterals;
using kiosk::sandbox::SandboxOptions;
using kiosk::sandbox::SandboxServer;

int main(int argc, char *argv[])
{
    // The specimen cards are drawn with fonts: a GUI application, but never a window.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(u"vlens-sandbox"_s);
    QGuiApplication::setApplicationVersion(QStringLiteral(KIOSK_VERSION));

    const SandboxOptions defaults;
    QString documents;
    for (const auto &doc : kiosk::sandbox::seededBoldSignDocuments())
        documents +=
            u"\n    %1  signer order %2, %3"_s.arg(doc.documentId).arg(doc.order).arg(doc.status);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Local Vlens Digital Identity + BoldSign sandbox (loopback only).\n\n"
        "Demo credentials (not secrets):\n"
        "  tenant %1, ApiKey %2\n"
        "  admin %3 / %4 (permission Requests), clerk %5 / %6 (no permission)\n"
        "  BoldSign X-API-KEY %7\n"
        "  BoldSign documents:%8\n\n"
        "Fault spec: kind[=value][,path=/x/y][,count=N]; kinds: latency, http, error_code,\n"
        "  expired_token, aml_match, spoof, liveness_fail, malformed_json, truncate, close.\n"
        "  --fault specs stay on unless they give a count. At run time:\n"
        "  POST /_sandbox/faults {\"spec\": \"...\"}, DELETE /_sandbox/faults.\n"
        "End users, tokens, transactions, OCR results and images stay in memory, even with --db."_s
            .arg(defaults.tenancyName, defaults.apiKey, defaults.adminUser, defaults.adminPassword,
                 defaults.clerkUser, defaults.clerkPassword, defaults.boldSignApiKey, documents));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption portOption(u"port"_s, u"TCP port (0 = pick a free one)."_s, u"N"_s,
                                        u"0"_s);
    const QCommandLineOption dbOption(u"db"_s, u"SQLite database file (default: in memory)."_s,
                                      u"FILE"_s, u":memory:"_s);
    const QCommandLineOption personasOption(
        u"personas"_s, u"Personas JSON file (default: the built-in specimen personas)."_s,
        u"FILE"_s);
    const QCommandLineOption faultOption(u"fault"_s, u"Inject a fault (repeatable)."_s, u"SPEC"_s);
    const QCommandLineOption lifetimeOption(u"token-lifetime"_s,
                                            u"Access token lifetime in seconds."_s, u"SEC"_s,
                                            QString::number(defaults.accessTokenLifetimeSec));
    const QCommandLineOption demoOption(
        u"demo"_s, u"Print the demo credentials, personas and documents to stderr at start."_s);
    const QCommandLineOption tenancyOption(
        u"tenancy"_s, u"The demo tenant's name (default %1)."_s.arg(defaults.tenancyName),
        u"name"_s, defaults.tenancyName);
    const QCommandLineOption bindAnyOption(
        u"bind-any"_s, u"Listen on all interfaces (default: 127.0.0.1 only)."_s);
    parser.addOptions({portOption, dbOption, personasOption, faultOption, lifetimeOption,
                       demoOption, tenancyOption, bindAnyOption});
    parser.process(app);

    SandboxOptions options;
    bool ok = false;
    const uint port = parser.value(portOption).toUInt(&ok);
    if (!ok || port > 65535) {
        std::fprintf(stderr, "vlens-sandbox: --port must be 0..65535\n");
        return 2;
    }
    options.port = quint16(port);
    options.databasePath = parser.value(dbOption);
    options.personasFile = parser.value(personasOption);
    options.faults = parser.values(faultOption);
    options.accessTokenLifetimeSec = parser.value(lifetimeOption).toInt(&ok);
    if (!ok || options.accessTokenLifetimeSec < 0) {
        std::fprintf(stderr, "vlens-sandbox: --token-lifetime must be a number of seconds\n");
        return 2;
    }
    options.tenancyName = parser.value(tenancyOption).trimmed();
    if (options.tenancyName.isEmpty()) {
        std::fprintf(stderr, "vlens-sandbox: --tenancy must not be empty\n");
        return 2;
    }
    if (parser.isSet(bindAnyOption)) {
        options.address = QHostAddress::Any;
        options.allowNonLoopback = true;
    }

    SandboxServer server(options);
    QString error;
    if (!server.start(&error)) {
        std::fprintf(stderr, "vlens-sandbox: %s\n", qPrintable(error));
        return 1;
    }
    QTextStream out(stdout);
    QObject::connect(&server, &SandboxServer::requestLogged, &app,
                     [&out](const QString &line) { out << line << Qt::endl; });
    if (parser.isSet(demoOption)) {
        QTextStream err(stderr);
        err << parser.applicationDescription() << Qt::endl << "Personas (invented):" << Qt::endl;
        const QList<kiosk::specimen::Persona> personas = kiosk::specimen::loadPersonasFile(
            options.personasFile.isEmpty() ? kiosk::specimen::builtInPersonasPath()
                                           : options.personasFile);
        for (const auto &p : personas) {
            err << "  " << p.id << ": " << p.fullNameEnglish() << (p.amlMatch ? " [AML match]" : "")
                << (p.spoofed ? " [spoofed document]" : "")
                << (p.isExpired(QDate::currentDate()) ? " [expired card]" : "") << Qt::endl;
        }
    }
    out << "vlens-sandbox listening on " << server.baseUrl().toString() << Qt::endl;
    return app.exec();
}
