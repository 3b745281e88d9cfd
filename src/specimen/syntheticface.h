#pragma once

#include "persona.h"

#include <QImage>

namespace kiosk::specimen {

// An invented head-and-shoulders portrait for a specimen card, drawn with QPainter: never
// a photo of a real person, and nothing to load at run time. Deterministic per persona
// (skin tone, face shape, hair or headscarf, eyes, brows, nose, mouth all follow from the
// ID number), shaded enough that OpenCV's frontal-face Haar cascade finds the face.
class SyntheticFace
{
public:
    // The card's photo box is 4:5; any size works, the drawing scales.
    static QImage render(const Persona &persona, QSize size = QSize(460, 576));
};

} // namespace kiosk::specimen
