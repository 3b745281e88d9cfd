#pragma once

#include <QImage>
#include <QSize>
#include <QString>

namespace kiosk::test {

// Writes a 20-frame MJPEG video (30 fps) of a face the capture page's face
// guidance calls ready, made from a real photo (Debian's opencv-doc messi5.jpg): the head
// moves a pixel from frame to frame, so the liveness burst's three picks are distinct.
// For the fake camera's face scene (tests and benchmarks). False with *error on failure.
// size: the video's frame size (the camera's, so the fake camera does not scale).
bool writeFaceVideo(const QString &path, QString *error, QSize size = {1920, 1080});
// Frame `variant` (0..19) of that video; null with *error when the photo or the face
// cascade is missing.
QImage faceFrame(int variant, QString *error);

} // namespace kiosk::test
