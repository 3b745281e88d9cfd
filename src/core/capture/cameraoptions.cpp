#include "cameraoptions.h"

#include "settings/settings.h"

#include <tuple>

namespace kiosk {

CameraOptions CameraOptions::fromSettings(const Settings &settings)
{
    using K = Settings::Key;
    CameraOptions o;
    o.camera = settings.string(K::CameraId).trimmed();
    const QSize preferred = parseSize(settings.string(K::CameraPreferredSize));
    if (preferred.isValid())
        o.preferredSize = preferred;
    const QSize minDocument = parseSize(settings.string(K::CameraMinDocumentSize));
    if (minDocument.isValid())
        o.minDocumentSize = minDocument;
    o.restartLimit = qMax(1, settings.integer(K::CameraRestartLimit));
    o.watchdog.startTimeoutMs = qMax(100, settings.integer(K::CameraStartTimeoutMs));
    o.watchdog.stallTimeoutMs = qMax(100, settings.integer(K::CameraWatchdogMs));
    o.watchdog.blackLuma = settings.value(K::CameraBlackLuma).toDouble();
    o.watchdog.blackMs = qMax(0, settings.integer(K::CameraBlackMs));
    return o;
}

int chooseCameraFormat(const QList<CameraFormatInfo> &formats, QSize preferred)
{
    // Ranks: (reaches preferred, fluent >= 25 fps, -area if reaching else area, fps,
    // uncompressed); the highest rank wins.
    auto rank = [&](const CameraFormatInfo &f) {
        const bool reaches =
            f.size.width() >= preferred.width() && f.size.height() >= preferred.height();
        const qint64 area = qint64(f.size.width()) * f.size.height();
        return std::make_tuple(reaches, f.maxFps >= 25, reaches ? -area : area, f.maxFps,
                               !f.compressed);
    };
    int best = -1;
    for (int i = 0; i < formats.size(); ++i) {
        if (best < 0 || rank(formats.at(i)) > rank(formats.at(best)))
            best = i;
    }
    return best;
}

QSize parseSize(const QString &text)
{
    const auto parts = text.trimmed().split(u'x');
    if (parts.size() != 2)
        return {};
    bool okW = false;
    bool okH = false;
    const QSize size(parts.at(0).toInt(&okW), parts.at(1).toInt(&okH));
    return okW && okH && size.width() > 0 && size.height() > 0 ? size : QSize();
}

QList<int> parseOffsets(const QString &text)
{
    QList<int> offsets;
    const auto parts = text.split(u',', Qt::SkipEmptyParts);
    for (const QString &p : parts) {
        bool ok = false;
        const int v = p.trimmed().toInt(&ok);
        if (!ok || v < 0 || (!offsets.isEmpty() && v <= offsets.constLast()))
            return {};
        offsets.append(v);
    }
    return offsets;
}

} // namespace kiosk
