#pragma once

#include "api/apicall.h"
#include "privatefile.h" // writePrivateImageFile: every file kioskctl saves

#include <QJsonObject>
#include <QString>

class QTextStream;

namespace kiosk::cli {

// The exit code for a failed call: 3 for transport failures, 2 for requests refused
// before sending (configuration), 1 when the service said no.
int exitCodeFor(const api::ApiError &error);

// "ID front failed: [3011] No ID card was found ... (HTTP 200, request 1a2b...)"
QString describeFailure(const QString &step, const api::ApiError &error);

// The same, as JSON: {step, kind, code, http_status, message, server_message, request_id}.
QJsonObject failureJson(const QString &step, const api::ApiError &error);

} // namespace kiosk::cli
