#pragma once

#include <QStringList>

class QTextStream;

namespace kiosk::cli {

// Exit codes of kioskctl, documented in its help.
enum ExitCode
{
    ExitOk = 0,
    ExitFailure = 1, // the service (or a check) said no: its code and message are printed
    ExitUsage = 2,   // bad arguments
    ExitNetwork = 3, // transport: refused, timeout, TLS
    ExitInput = 4,   // an input file is missing, unreadable or not an image
};

// What every command gets: its arguments (after the command words) and the two streams.
struct CommandContext
{
    QStringList arguments;
    QTextStream &out;
    QTextStream &err;
};

// One entry of kioskctl's command table. `words` is the command as typed ("audit images").
struct Command
{
    const char *words;
    const char *synopsis;
    const char *summary;
    int (*run)(CommandContext &context);
};

// The table, in the order `kioskctl help` prints it. Each command lives in its own
// command<name>.cpp and is listed in commands.cpp.
const QList<Command> &commands();

} // namespace kiosk::cli
