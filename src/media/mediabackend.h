#pragma once

#include <QString>

namespace kiosk {

class Settings;

// Chooses Qt Multimedia's backend (QT_MEDIA_BACKEND) from camera/backend before the
// first Qt Multimedia call; an explicit QT_MEDIA_BACKEND in the environment wins.
// Returns the backend in force. Why GStreamer is the default: docs/camera-benchmark.md.
QString applyMediaBackend(const Settings &settings);

} // namespace kiosk
