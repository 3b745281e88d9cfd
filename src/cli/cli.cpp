#include "cli.h"

#include <QTextStream>

using namespace Qt::StringLiterals;

namespace kiosk::cli {

namespace {

void printUsage(QTextStream &out)
{
    out << "Usage: kioskctl COMMAND [options]\n\n"
           "The branch IT tool of the Onboarding Kiosk.\n\nCommands:\n";
    for (const Command &command : commands())
        out << "  " << QString::fromLatin1(command.synopsis).leftJustified(44) << ' '
            << command.summary << '\n';
    out << "\n"
           "Settings come from --config FILE (INI), the environment (KIOSK_API_BASE_URL,\n"
           "KIOSK_API_KEY, KIOSK_TENANCY, ...) and flags. Secrets (API keys, passwords) are\n"
           "read from the environment or from a file only its owner can read (chmod 600).\n"
           "Run 'kioskctl COMMAND --help' for a command's options.\n\n"
           "Exit codes: 0 ok, 1 the service or a check said no, 2 usage, 3 network, 4 input.\n";
}

// Longest match of the command words ("audit images" before "audit").
const Command *find(const QStringList &arguments, qsizetype *consumed)
{
    const Command *best = nullptr;
    for (const Command &command : commands()) {
        const QStringList words = QString::fromLatin1(command.words).split(u' ');
        if (words.size() > arguments.size())
            continue;
        if (arguments.mid(0, words.size()) == words && (!best || words.size() > *consumed)) {
            best = &command;
            *consumed = words.size();
        }
    }
    return best;
}

} // namespace

int run(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    const QString first = arguments.value(0);
    if (first.isEmpty() || first == u"help"_s || first == u"--help"_s || first == u"-h"_s) {
        printUsage(out);
        return first.isEmpty() ? ExitUsage : ExitOk;
    }
    if (first == u"--version"_s) {
        out << "kioskctl " << KIOSK_VERSION << '\n';
        return ExitOk;
    }
    qsizetype consumed = 0;
    const Command *command = find(arguments, &consumed);
    if (!command) {
        err << "kioskctl: unknown command '" << first << "' (try: kioskctl help)\n";
        return ExitUsage;
    }
    CommandContext context{arguments.mid(consumed), out, err};
    const int code = command->run(context);
    out.flush();
    err.flush();
    return code;
}

} // namespace kiosk::cli
