#include "cli.h"

#include <QTextStream>

using namespace Qt::StringLiterals;

namespace kiosk::cli {

namespace {

void printUsage(QTextStream &out)
{
    out << "Usage: kioskctl COMMAND [options]\n"
           "\n"
           "The branch IT tool of the Onboarding Kiosk.\n"
           "\n"
           "Commands:\n"
           "  help                 this text\n"
           "  version              print the version\n"
           "\n"
           "Exit codes: 0 ok, 1 the service refused, 2 usage, 3 network, 4 input file.\n";
}

} // namespace

int run(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    const QString command = arguments.value(0);
    if (command.isEmpty() || command == u"help"_s || command == u"--help"_s || command == u"-h"_s) {
        printUsage(out);
        return command.isEmpty() ? ExitUsage : ExitOk;
    }
    if (command == u"version"_s || command == u"--version"_s) {
        out << "kioskctl " << KIOSK_VERSION << '\n';
        return ExitOk;
    }
    err << "kioskctl: unknown command '" << command << "' (try: kioskctl help)\n";
    return ExitUsage;
}

} // namespace kiosk::cli
