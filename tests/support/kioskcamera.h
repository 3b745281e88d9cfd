#pragma once

#include "capture/cameraoptions.h"
#include "capture/clock.h"
#include "mediabackend.h"
#include "qtcamerasource.h"
#include "settings/settings.h"

#include <QString>

#include <functional>
#include <memory>

namespace kiosk::test {

// The camera as app/kiosk/main.cpp makes it, for WizardDriver::makeWindow: the media backend
// from the settings (the environment's QT_MEDIA_BACKEND wins; *backend says which is in
// use), then a QtCameraSource from the settings' camera options, kept in *camera.
inline std::function<FrameSource *(const Settings &)>
kioskCamera(std::unique_ptr<QtCameraSource> *camera, const Clock &clock, QString *backend)
{
    return [camera, &clock, backend](const Settings &settings) {
        *backend = applyMediaBackend(settings);
        *camera = std::make_unique<QtCameraSource>(CameraOptions::fromSettings(settings), clock);
        return camera->get();
    };
}

} // namespace kiosk::test
