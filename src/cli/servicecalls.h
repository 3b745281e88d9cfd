#pragma once

#include "api/apicall.h"

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

// Saves an image IT staff asked for (kiosk::writePrivateImageFile: 0600 from creation, no
// symbolic link followed, images only); an existing file is kept unless `force`, and the
// error then says how to replace it.
bool saveImageFile(const QString &path, const QByteArray &bytes, bool force, QString *error);

} // namespace kiosk::cli
