#pragma once

#include <QLoggingCategory>

// The logging category of vlens-sandbox (core declares only its own, in logging.h). Nothing logged
// under it may contain image data, tokens, API keys or personal fields.
Q_DECLARE_LOGGING_CATEGORY(lcSandbox)
