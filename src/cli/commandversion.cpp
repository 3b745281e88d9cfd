#include "commands.h"

#include <QSysInfo>
#include <QTextStream>

namespace kiosk::cli {

int runVersion(CommandContext &context)
{
    context.out << "kioskctl " << KIOSK_VERSION << " (Qt " << qVersion() << ", "
                << QSysInfo::prettyProductName() << ")\n";
    return ExitOk;
}

} // namespace kiosk::cli
