#include "mediabackend.h"

#include "logging.h"
#include "settings/settings.h"

using namespace Qt::StringLiterals;

namespace kiosk {

QString applyMediaBackend(const Settings &settings)
{
    if (qEnvironmentVariableIsSet("QT_MEDIA_BACKEND"))
        return qEnvironmentVariable("QT_MEDIA_BACKEND");
    QString backend = settings.string(Settings::Key::CameraBackend).trimmed().toLower();
    if (backend != "ffmpeg"_L1)
        backend = u"gstreamer"_s;
    qputenv("QT_MEDIA_BACKEND", backend.toLatin1());
    qCInfo(lcCamera) << "media backend" << backend;
    return backend;
}

} // namespace kiosk
