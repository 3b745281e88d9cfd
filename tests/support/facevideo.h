#pragma once

#include <QString>

namespace kiosk::test {

// Writes a 20-frame MJPEG video (30 fps, 1920x1080) of a face the capture page's face
// guidance calls ready, made from a real photo (Debian's opencv-doc messi5.jpg): the head
// moves a pixel from frame to frame, so the liveness burst's three picks are distinct.
// For the fake camera's face scene (tests and benchmarks). False with *error on failure.
bool writeFaceVideo(const QString &path, QString *error);

} // namespace kiosk::test
