// Renders the stills of the fake camera's demo scene: the first built-in persona's
// specimen ID card (front, then back; src/specimen, so the sandbox recognises it)
// lying on a desk under the webcam, filling the capture guide as a customer would.
#include "specimen/idcardrenderer.h"
#include "specimen/persona.h"

#include <QGuiApplication>
#include <QImage>
#include <QLinearGradient>
#include <QPainter>
#include <QTransform>

#include <cstdio>

using kiosk::specimen::IdCardRenderer;

namespace {

// The card on a dark desk, slightly rotated and in perspective, about 85 % of the
// default guide (80 % of a 1920x1080 frame's width).
QImage onDesk(const QImage &card)
{
    QImage frame(1920, 1080, QImage::Format_RGB32);
    QPainter p(&frame);
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    p.setRenderHint(QPainter::Antialiasing);
    QLinearGradient desk(0, 0, 0, 1080);
    desk.setColorAt(0, QColor(0x3a, 0x2e, 0x26));
    desk.setColorAt(1, QColor(0x24, 0x1c, 0x17));
    p.fillRect(frame.rect(), desk);
    const QPolygonF from = {QPointF(0, 0), QPointF(card.width(), 0),
                            QPointF(card.width(), card.height()), QPointF(0, card.height())};
    const QPolygonF to = {QPointF(262, 100), QPointF(1668, 124), QPointF(1654, 990),
                          QPointF(250, 968)};
    QTransform t;
    QTransform::quadToQuad(from, to, t);
    p.setTransform(t);
    p.drawImage(0, 0, card);
    return frame;
}

} // namespace

int main(int argc, char **argv)
{
    QGuiApplication app(argc, argv);
    if (argc != 3) {
        std::fprintf(stderr, "usage: rendercards FRONT.png BACK.png\n");
        return 2;
    }
    QString error;
    const auto personas =
        kiosk::specimen::loadPersonasFile(kiosk::specimen::builtInPersonasPath(), &error);
    if (personas.isEmpty()) {
        std::fprintf(stderr, "no persona: %s\n", qPrintable(error));
        return 1;
    }
    const IdCardRenderer renderer(1400);
    const bool ok =
        onDesk(renderer.renderFront(personas.constFirst())).save(QString::fromLocal8Bit(argv[1])) &&
        onDesk(renderer.renderBack(personas.constFirst())).save(QString::fromLocal8Bit(argv[2]));
    return ok ? 0 : 1;
}
