#pragma once

#include <QByteArray>
#include <QString>

namespace kiosk {

// The one writer of files that hold customer data (kioskctl downloads, the audit screen's
// export). The file is created readable only by its owner from the start (O_CREAT|O_EXCL,
// mode 0600; no chmod afterwards), a symbolic link at the path is refused, never followed,
// and a replaced file is swapped in by an atomic rename of a 0600 file written next to it.
// On failure nothing is left behind and *error says why (translated, context "PrivateFile").
bool writePrivateFile(const QString &path, const QByteArray &bytes, bool replace, QString *error);

// The same for an image: bytes whose leading bytes are no known image format are refused.
bool writePrivateImageFile(const QString &path, const QByteArray &bytes, bool replace,
                           QString *error);

} // namespace kiosk
