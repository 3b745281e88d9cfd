#pragma once

#include "specimen/idcardrenderer.h"
#include "specimen/persona.h"

#include <QBuffer>
#include <QByteArray>
#include <QImage>
#include <QString>

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

} // namespace kiosk::test
