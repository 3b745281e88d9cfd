#include "commands.h"
#include "commonoptions.h"

#include "settings/agentpin.h"

#include <QCommandLineParser>
#include <QFile>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace kiosk::cli {

// Sets the agent PIN from IT's side (first installation, a forgotten PIN): the PIN is read
// from standard input, never from the command line, and only its salted hash is written, to
// the kiosk's own state file (readable by the kiosk user only).
int runPinSet(CommandContext &context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Reads the new agent PIN (digits only) from standard input and stores its salted "
        "hash in the kiosk's state file (/var/lib/onboarding-kiosk/state.ini on a branch "
        "machine). Restart the kiosk service for it to take effect."_s);
    CommonOptions options(parser);
    int code = ExitOk;
    const auto settings = options.parse(u"kioskctl pin set [options] < PIN"_s, context.arguments,
                                        context.out, context.err, &code);
    if (!settings)
        return code;
    if (!parser.positionalArguments().isEmpty()) {
        context.err << "kioskctl: pin set reads the PIN from standard input, not from the "
                       "command line\n";
        return ExitUsage;
    }
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly)) {
        context.err << "kioskctl: cannot read standard input\n";
        return ExitInput;
    }
    const QString pin = QString::fromUtf8(in.readLine(64)).trimmed();
    if (!agentpin::isAcceptable(pin)) {
        context.err << "kioskctl: the PIN must be " << agentpin::MinDigits << " to "
                    << agentpin::MaxDigits << " digits\n";
        return ExitInput;
    }
    QString error;
    if (!settings->setValue(Settings::Key::AgentPinHash, agentpin::hash(pin), &error)) {
        context.err << "kioskctl: " << error << '\n';
        return ExitInput;
    }
    context.out << "agent PIN stored in " << settings->sources().stateFile << '\n';
    return ExitOk;
}

} // namespace kiosk::cli
