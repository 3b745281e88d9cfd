#include "commands.h"
#include "command.h"

namespace kiosk::cli {

const QList<Command> &commands()
{
    static const QList<Command> table = {
        {"doctor", "doctor [--json]", "check configuration, cameras, service, TLS and clock",
         &runDoctor},
        {"version", "version", "print the version", &runVersion},
    };
    return table;
}

} // namespace kiosk::cli
