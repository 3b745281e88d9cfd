#pragma once

#include <QLoggingCategory>

// kiosk.metrics: publishing problems (never a label value of a person: there are none).
Q_DECLARE_LOGGING_CATEGORY(lcMetrics)
