#pragma once

#include <QLoggingCategory>

// Logging categories of core (gui, cli and sandbox declare their own). Nothing logged
// under them may contain image data, tokens, API keys or personal fields (names, ID
// numbers, phones, emails).
Q_DECLARE_LOGGING_CATEGORY(lcApi)
Q_DECLARE_LOGGING_CATEGORY(lcImaging)
Q_DECLARE_LOGGING_CATEGORY(lcCamera)
Q_DECLARE_LOGGING_CATEGORY(lcFlow)
Q_DECLARE_LOGGING_CATEGORY(lcSettings)
Q_DECLARE_LOGGING_CATEGORY(lcI18n)
