#include "clilogging.h"

Q_LOGGING_CATEGORY(lcCli, "kiosk.cli", QtInfoMsg)
