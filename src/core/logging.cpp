#include "logging.h"

Q_LOGGING_CATEGORY(lcApi, "kiosk.api", QtInfoMsg)
Q_LOGGING_CATEGORY(lcImaging, "kiosk.imaging", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCamera, "kiosk.camera", QtInfoMsg)
Q_LOGGING_CATEGORY(lcFlow, "kiosk.flow", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSettings, "kiosk.settings", QtInfoMsg)
Q_LOGGING_CATEGORY(lcI18n, "kiosk.i18n", QtInfoMsg)
