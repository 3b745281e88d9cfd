#pragma once

#include <QCameraDevice>
#include <QList>

namespace kiosk {

// The one place that enumerates cameras (Qt Multimedia's list): the camera source, the
// agent's settings page and kioskctl ask here rather than QMediaDevices themselves.
QList<QCameraDevice> availableCameras();
// The system's default camera; null when there is none.
QCameraDevice defaultCamera();

} // namespace kiosk
