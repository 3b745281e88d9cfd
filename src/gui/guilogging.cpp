#include "guilogging.h"

Q_LOGGING_CATEGORY(lcGui, "kiosk.gui", QtInfoMsg)
