#include "syntheticface.h"

#include "specimenrandom.h"

#include <QPainter>
#include <QPainterPath>
#include <QRadialGradient>

using namespace Qt::StringLiterals;

namespace kiosk::specimen {

namespace {

// The face is laid out on a 100 x 125 canvas (the card's 4:5 photo box) and scaled.
constexpr double CanvasWidth = 100.0;
constexpr double CanvasHeight = 125.0;

// What varies between personas, drawn from the ID number.
struct Traits
{
    QColor skin;
    QColor hair;
    QColor clothing;
    QColor backdrop;
    double faceHalfWidth;  // of the oval
    double faceHalfHeight; //
    double eyeSpacing;     // half the distance between the pupils
    double eyeY;
    double browLift;
    double mouthHalfWidth;
    bool headscarf;
    bool moustache;
};

Traits traitsFor(const Persona &persona)
{
    Rng rng(fnv1a(persona.idNumber, 0xFACEu));
    // Skin tones seen on Egyptian ID photos, light to dark.
    static const QColor skins[] = {QColor(236, 200, 170), QColor(224, 182, 146),
                                   QColor(205, 160, 122), QColor(184, 136, 100),
                                   QColor(150, 105, 75)};
    static const QColor hairs[] = {QColor(28, 22, 20), QColor(46, 32, 24), QColor(70, 48, 32),
                                   QColor(40, 38, 38)};
    static const QColor scarves[] = {QColor(120, 40, 60), QColor(40, 70, 110), QColor(90, 90, 95),
                                     QColor(60, 95, 70)};
    Traits t;
    t.skin = skins[rng.range(0, 4)];
    t.headscarf = persona.gender == u"F"_s;
    t.moustache = !t.headscarf && rng.range(0, 1) == 1;
    t.hair = t.headscarf ? scarves[rng.range(0, 3)] : hairs[rng.range(0, 3)];
    // One draw per statement (specimenrandom.h), in the order that made the published faces.
    const int clothingValue = rng.range(50, 110);
    const int clothingSaturation = rng.range(30, 90);
    const int clothingHue = rng.range(190, 240);
    t.clothing = QColor::fromHsv(clothingHue, clothingSaturation, clothingValue);
    const int backdropValue = rng.range(225, 245);
    const int backdropSaturation = rng.range(10, 35);
    const int backdropHue = rng.range(190, 215);
    t.backdrop = QColor::fromHsv(backdropHue, backdropSaturation, backdropValue);
    t.faceHalfWidth = rng.uniform(25.0, 28.5);
    t.faceHalfHeight = rng.uniform(33.0, 36.0);
    t.eyeSpacing = rng.uniform(10.5, 12.0);
    t.eyeY = rng.uniform(53.0, 55.0);
    t.browLift = rng.uniform(5.5, 7.0);
    t.mouthHalfWidth = rng.uniform(7.0, 9.0);
    return t;
}

const QPointF FaceCentre(50.0, 58.0);

void drawBackdropAndShoulders(QPainter &p, const Traits &t)
{
    QLinearGradient backdrop(0, 0, 0, CanvasHeight);
    backdrop.setColorAt(0, t.backdrop.lighter(106));
    backdrop.setColorAt(1, t.backdrop.darker(110));
    p.fillRect(QRectF(0, 0, CanvasWidth, CanvasHeight), backdrop);

    p.setPen(Qt::NoPen);
    // Neck, then shoulders and a collar.
    p.setBrush(t.skin.darker(118));
    p.drawRect(QRectF(FaceCentre.x() - 11, FaceCentre.y() + 25, 22, 24));
    QPainterPath shoulders;
    shoulders.moveTo(-5, CanvasHeight);
    shoulders.cubicTo(0, 100, 20, 96, 36, 94);
    shoulders.lineTo(64, 94);
    shoulders.cubicTo(80, 96, 100, 100, 105, CanvasHeight);
    shoulders.closeSubpath();
    p.setBrush(t.clothing);
    p.drawPath(shoulders);
    if (!t.headscarf) {
        QPolygonF collar;
        collar << QPointF(39, 94) << QPointF(50, 108) << QPointF(61, 94) << QPointF(56, 93)
               << QPointF(50, 100) << QPointF(44, 93);
        p.setBrush(QColor(235, 235, 230));
        p.drawPolygon(collar);
    }
}

void drawHairBehind(QPainter &p, const Traits &t)
{
    p.setPen(Qt::NoPen);
    p.setBrush(t.hair);
    if (t.headscarf) {
        // The scarf frames the face and falls over the shoulders.
        QPainterPath scarf;
        scarf.addEllipse(FaceCentre + QPointF(0, -3), t.faceHalfWidth + 9, t.faceHalfHeight + 10);
        QPainterPath drape;
        drape.moveTo(FaceCentre.x() - t.faceHalfWidth - 9, FaceCentre.y());
        drape.cubicTo(15, 100, 10, 110, 12, CanvasHeight);
        drape.lineTo(88, CanvasHeight);
        drape.cubicTo(90, 110, 85, 100, FaceCentre.x() + t.faceHalfWidth + 9, FaceCentre.y());
        drape.closeSubpath();
        p.drawPath(scarf.united(drape));
    } else {
        p.drawEllipse(FaceCentre + QPointF(0, -10), t.faceHalfWidth + 3, t.faceHalfHeight - 4);
    }
}

void drawFaceShape(QPainter &p, const Traits &t)
{
    p.setPen(Qt::NoPen);
    if (!t.headscarf) {
        p.setBrush(t.skin.darker(112));
        for (int side = -1; side <= 1; side += 2)
            p.drawEllipse(FaceCentre + QPointF(side * (t.faceHalfWidth - 0.5), -2), 4.0, 7.5);
    }
    // Light from the front: a bright centre, darker towards the jaw and the temples.
    QRadialGradient skin(FaceCentre + QPointF(0, -4), t.faceHalfHeight * 1.05);
    skin.setColorAt(0.0, t.skin.lighter(110));
    skin.setColorAt(0.65, t.skin);
    skin.setColorAt(1.0, t.skin.darker(135));
    p.setBrush(skin);
    QPainterPath oval;
    // Narrower at the chin than at the cheekbones.
    const double w = t.faceHalfWidth;
    const double h = t.faceHalfHeight;
    const QPointF c = FaceCentre;
    oval.moveTo(c + QPointF(0, -h));
    oval.cubicTo(c + QPointF(w * 0.75, -h), c + QPointF(w, -h * 0.6), c + QPointF(w, -h * 0.05));
    oval.cubicTo(c + QPointF(w, h * 0.45), c + QPointF(w * 0.55, h), c + QPointF(0, h));
    oval.cubicTo(c + QPointF(-w * 0.55, h), c + QPointF(-w, h * 0.45), c + QPointF(-w, -h * 0.05));
    oval.cubicTo(c + QPointF(-w, -h * 0.6), c + QPointF(-w * 0.75, -h), c + QPointF(0, -h));
    p.drawPath(oval);
}

void drawHairFront(QPainter &p, const Traits &t)
{
    p.setPen(Qt::NoPen);
    p.setBrush(t.hair);
    const double w = t.faceHalfWidth;
    const double top = FaceCentre.y() - t.faceHalfHeight;
    QPainterPath fringe;
    if (t.headscarf) {
        // The scarf's edge across the forehead.
        fringe.moveTo(FaceCentre.x() - w - 2, FaceCentre.y() + 2);
        fringe.cubicTo(FaceCentre.x() - w - 1, top + 2, FaceCentre.x() - w * 0.6, top + 11,
                       FaceCentre.x(), top + 11);
        fringe.cubicTo(FaceCentre.x() + w * 0.6, top + 11, FaceCentre.x() + w + 1, top + 2,
                       FaceCentre.x() + w + 2, FaceCentre.y() + 2);
        fringe.cubicTo(FaceCentre.x() + w + 4, top - 9, FaceCentre.x() - w - 4, top - 9,
                       FaceCentre.x() - w - 2, FaceCentre.y() + 2);
    } else {
        fringe.moveTo(FaceCentre.x() - w - 1, FaceCentre.y() - 6);
        fringe.cubicTo(FaceCentre.x() - w, top + 4, FaceCentre.x() - w * 0.4, top + 9,
                       FaceCentre.x() + w * 0.1, top + 8);
        fringe.cubicTo(FaceCentre.x() + w * 0.6, top + 7, FaceCentre.x() + w, top + 6,
                       FaceCentre.x() + w + 1, FaceCentre.y() - 6);
        fringe.cubicTo(FaceCentre.x() + w + 3, top - 8, FaceCentre.x() - w - 3, top - 8,
                       FaceCentre.x() - w - 1, FaceCentre.y() - 6);
    }
    fringe.closeSubpath();
    p.drawPath(fringe);
}

void drawEyes(QPainter &p, const Traits &t)
{
    p.setPen(Qt::NoPen);
    for (int side = -1; side <= 1; side += 2) {
        const QPointF eye(FaceCentre.x() + side * t.eyeSpacing, t.eyeY);
        // The socket's shadow: the dark band the cascade looks for above the cheeks.
        QRadialGradient socket(eye, 8.0);
        socket.setColorAt(0.0, t.skin.darker(150));
        socket.setColorAt(0.6, t.skin.darker(125));
        socket.setColorAt(1.0, QColor(0, 0, 0, 0));
        p.setBrush(socket);
        p.drawEllipse(eye, 8.5, 6.0);

        QPainterPath almond;
        almond.moveTo(eye + QPointF(-5.2, 0.3));
        almond.quadTo(eye + QPointF(0, -4.2), eye + QPointF(5.2, 0.3));
        almond.quadTo(eye + QPointF(0, 3.0), eye + QPointF(-5.2, 0.3));
        p.setBrush(QColor(238, 236, 228));
        p.drawPath(almond);
        p.save();
        p.setClipPath(almond);
        p.setBrush(QColor(70, 45, 30));
        p.drawEllipse(eye + QPointF(0, -0.3), 2.6, 2.6);
        p.setBrush(QColor(12, 10, 10));
        p.drawEllipse(eye + QPointF(0, -0.3), 1.2, 1.2);
        p.restore();
        p.setBrush(QColor(255, 255, 255, 220));
        p.drawEllipse(eye + QPointF(0.8, -1.1), 0.55, 0.55);
        // Upper lid and lashes.
        QPainterPath lid;
        lid.moveTo(eye + QPointF(-5.6, 0.4));
        lid.quadTo(eye + QPointF(0, -4.8), eye + QPointF(5.6, 0.4));
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(QColor(30, 22, 18), 0.9, Qt::SolidLine, Qt::RoundCap));
        p.drawPath(lid);
        p.setPen(Qt::NoPen);

        // Brow.
        QPainterPath brow;
        const QPointF b = eye + QPointF(0, -t.browLift);
        brow.moveTo(b + QPointF(-side * 6.5, 1.2));
        brow.quadTo(b + QPointF(-side * 1.0, -2.6), b + QPointF(side * 6.0, 0.4));
        p.setPen(QPen(t.headscarf ? QColor(45, 32, 26) : t.hair.darker(110), 2.0, Qt::SolidLine,
                      Qt::RoundCap));
        p.drawPath(brow);
        p.setPen(Qt::NoPen);
    }
}

void drawNoseAndMouth(QPainter &p, const Traits &t)
{
    const double x = FaceCentre.x();
    const double tipY = t.eyeY + 14.0;
    // The bridge stays light; its sides and the nostrils are shaded.
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(t.skin.darker(130), 1.1, Qt::SolidLine, Qt::RoundCap));
    for (int side = -1; side <= 1; side += 2) {
        QPainterPath flank;
        flank.moveTo(x + side * 2.6, t.eyeY + 2);
        flank.quadTo(x + side * 3.2, tipY - 4, x + side * 4.2, tipY - 0.5);
        p.drawPath(flank);
    }
    p.setPen(Qt::NoPen);
    p.setBrush(t.skin.darker(160));
    p.drawEllipse(QPointF(x - 2.4, tipY + 0.8), 1.5, 0.9);
    p.drawEllipse(QPointF(x + 2.4, tipY + 0.8), 1.5, 0.9);
    p.setBrush(t.skin.lighter(112));
    p.drawEllipse(QPointF(x, tipY - 1.0), 2.2, 1.6);

    const double mouthY = tipY + 9.0;
    const double mw = t.mouthHalfWidth;
    if (t.moustache) {
        QPainterPath m;
        m.moveTo(x - mw - 0.5, mouthY - 1.2);
        m.quadTo(x, mouthY - 6.5, x + mw + 0.5, mouthY - 1.2);
        m.quadTo(x, mouthY - 3.0, x - mw - 0.5, mouthY - 1.2);
        p.setBrush(t.hair);
        p.drawPath(m);
    }
    QPainterPath lips;
    lips.moveTo(x - mw, mouthY);
    lips.quadTo(x - mw * 0.4, mouthY - 3.0, x, mouthY - 1.8);
    lips.quadTo(x + mw * 0.4, mouthY - 3.0, x + mw, mouthY);
    lips.quadTo(x, mouthY + 4.2, x - mw, mouthY);
    const QColor lip = QColor::fromHsv(t.skin.hsvHue(), std::min(255, t.skin.hsvSaturation() + 60),
                                       t.skin.value() * 78 / 100);
    p.setBrush(lip);
    p.drawPath(lips);
    p.setPen(QPen(lip.darker(160), 0.9, Qt::SolidLine, Qt::RoundCap));
    QPainterPath seam;
    seam.moveTo(x - mw, mouthY);
    seam.quadTo(x, mouthY + 1.0, x + mw, mouthY);
    p.setBrush(Qt::NoBrush);
    p.drawPath(seam);
    p.setPen(Qt::NoPen);
    // The shadow under the lower lip and the chin's.
    p.setBrush(QColor(0, 0, 0, 28));
    p.drawEllipse(QPointF(x, mouthY + 5.5), mw * 0.6, 1.6);
}

} // namespace

QImage SyntheticFace::render(const Persona &persona, QSize size)
{
    const Traits t = traitsFor(persona);
    QImage image(size, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing, true);
    p.scale(size.width() / CanvasWidth, size.height() / CanvasHeight);
    drawBackdropAndShoulders(p, t);
    drawHairBehind(p, t);
    drawFaceShape(p, t);
    drawHairFront(p, t);
    drawEyes(p, t);
    drawNoseAndMouth(p, t);
    p.end();
    return image;
}

} // namespace kiosk::specimen
