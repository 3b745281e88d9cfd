#include "commands.h"
#include "command.h"

namespace kiosk::cli {

const QList<Command> &commands()
{
    static const QList<Command> table = {
        {"version", "version", "print the version", &runVersion},
    };
    return table;
}

} // namespace kiosk::cli
