#include "sandboxlogging.h"

Q_LOGGING_CATEGORY(lcSandbox, "kiosk.sandbox", QtInfoMsg)
