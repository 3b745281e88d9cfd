#pragma once

#include <QStringList>

class QTextStream;

namespace kiosk::cli {

// Exit codes of kioskctl, documented in its help.
enum ExitCode
{
    ExitOk = 0,
    ExitFailure = 1, // the service answered with an error (its code is printed)
    ExitUsage = 2,   // bad arguments
    ExitNetwork = 3, // transport: refused, timeout, TLS
    ExitInput = 4,   // an input file is missing or unreadable
};

// Runs kioskctl with its arguments (without the program name); needs a running
// QCoreApplication and returns the process exit code.
int run(const QStringList &arguments, QTextStream &out, QTextStream &err);

} // namespace kiosk::cli
