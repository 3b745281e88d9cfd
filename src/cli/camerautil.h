#pragma once

#include <QString>

#include <functional>

class QCameraFormat;

namespace kiosk {
class Settings;
}

namespace kiosk::cli {

// "1920x1080 30 fps" (" MJPEG" when compressed).
QString cameraFormatText(const QCameraFormat &format);

// Runs the event loop until `done` says so or `timeoutMs` passes; false on timeout.
bool waitFor(const std::function<bool()> &done, int timeoutMs);

// What a short live look at the kiosk's camera showed (kioskctl doctor).
struct CameraMeasurement
{
    QString camera; // the camera's name
    QString format; // the format the kiosk chose
    int frames = 0; // frames that arrived in the window
    double fps = 0; // from the frames' own timestamps
    qint64 firstFrameMs = -1;
    QString problem; // the source's own message for a problem, empty if none
};

// Opens the camera the settings name (as the kiosk does) for about `windowMs`.
CameraMeasurement measureCamera(const Settings &settings, int windowMs);

} // namespace kiosk::cli
