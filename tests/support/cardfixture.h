#pragma once

#include "specimen/idcardrenderer.h"
#include "specimen/persona.h"

#include <QBuffer>
#include <QByteArray>
#include <QImage>
#include <QPainter>
#include <QPointF>
#include <QPolygonF>
#include <QString>
#include <QTransform>

#include <array>

namespace kiosk::test {

// The pictures the core and GUI suites send to the sandbox, as JPEG: the "ahmed" persona's
// card (front and back) and the first spoofed persona's front, drawn by the specimen
// renderer, and three shifted crops of one real photo (Debian's opencv-doc): the same
// face, never identical frames.
struct CardFixture
{
    QByteArray front, back, spoofFront;
    std::array<QByteArray, 3> faces;

    bool isValid() const
    {
        return !front.isEmpty() && !back.isEmpty() && !spoofFront.isEmpty() && !faces[0].isEmpty();
    }

    static QByteArray jpeg(const QImage &image, int quality = 92)
    {
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        image.save(&buffer, "JPG", quality);
        return bytes;
    }

    // cardWidth: the rendered card's width; quality: the JPEG quality. An invalid fixture
    // and *error when the personas or the photo are missing.
    static CardFixture make(QString *error, int cardWidth = specimen::IdCardRenderer::DefaultWidth,
                            int quality = 92)
    {
        CardFixture fixture;
        const auto personas = specimen::loadPersonasFile(specimen::builtInPersonasPath(), error);
        if (personas.isEmpty())
            return {};
        const specimen::IdCardRenderer renderer(cardWidth); // the personas' synthetic faces
        for (const auto &p : personas) {
            if (p.id == QLatin1String("ahmed")) {
                fixture.front = jpeg(renderer.renderFront(p), quality);
                fixture.back = jpeg(renderer.renderBack(p), quality);
            } else if (p.spoofed && fixture.spoofFront.isEmpty()) {
                fixture.spoofFront = jpeg(renderer.renderFront(p), quality);
            }
        }
        const QImage photo(QStringLiteral(KIOSK_OPENCV_SAMPLES "/messi5.jpg"));
        if (photo.isNull()) {
            if (error)
                *error = QStringLiteral("cannot read " KIOSK_OPENCV_SAMPLES "/messi5.jpg");
            return {};
        }
        for (int i = 0; i < 3; ++i)
            fixture.faces[size_t(i)] =
                jpeg(photo.copy(i * 3, i * 2, photo.width() - 9, photo.height() - 6), quality);
        if (!fixture.isValid() && error)
            *error = QStringLiteral("the personas have no \"ahmed\" or no spoofed card");
        return fixture;
    }
};

// The first built-in persona's card (front or back), rendered 1400 px wide, lying slightly
// skewed on desk (a Full HD frame) where it fills most of the capture guide.
inline QImage specimenCardOnDesk(QImage desk, bool back)
{
    const auto personas = specimen::loadPersonasFile(specimen::builtInPersonasPath());
    const specimen::IdCardRenderer renderer(1400);
    const QImage card = back ? renderer.renderBack(personas.constFirst())
                             : renderer.renderFront(personas.constFirst());
    QPainter p(&desk);
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    QTransform t;
    QTransform::quadToQuad(
        QPolygonF({QPointF(0, 0), QPointF(card.width(), 0), QPointF(card.width(), card.height()),
                   QPointF(0, card.height())}),
        QPolygonF({QPointF(262, 100), QPointF(1668, 124), QPointF(1654, 990), QPointF(250, 968)}),
        t);
    p.setTransform(t);
    p.drawImage(0, 0, card);
    p.end();
    return desk;
}

} // namespace kiosk::test
