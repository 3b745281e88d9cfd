#include "cameras.h"

#include <QMediaDevices>

namespace kiosk {

QList<QCameraDevice> availableCameras()
{
    return QMediaDevices::videoInputs();
}

QCameraDevice defaultCamera()
{
    return QMediaDevices::videoInputs().isEmpty() ? QCameraDevice()
                                                  : QMediaDevices::defaultVideoInput();
}

} // namespace kiosk
