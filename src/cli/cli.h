#pragma once

#include "command.h"

namespace kiosk::cli {

// Runs kioskctl with its arguments (without the program name); needs a running
// QCoreApplication and returns the process exit code.
int run(const QStringList &arguments, QTextStream &out, QTextStream &err);

} // namespace kiosk::cli
