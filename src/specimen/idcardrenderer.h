#pragma once

#include "persona.h"

#include <QImage>
#include <QRect>
#include <QStringList>

namespace kiosk::specimen {

// Draws a specimen Egyptian-style national ID card (front or back) for a Persona:
// guilloche background, emblem, portrait, Arabic text, Arabic-Indic ID number and a
// "SPECIMEN" mark, at ID-1 aspect ratio. Deterministic: the same persona, side and
// portrait give the same pixels, so the sandbox can recognise its own cards by feature
// matching. Needs a QGuiApplication (fonts).
class IdCardRenderer
{
public:
    enum class Side
    {
        Front,
        Back
    };

    static constexpr double AspectRatio = 1.586; // ID-1: 85.60 mm x 53.98 mm
    static constexpr int DefaultWidth = 1000;

    // portrait: a face photo, cropped to the face; scaled into the photo box.
    explicit IdCardRenderer(QImage portrait, int width = DefaultWidth);

    QSize size() const { return m_size; }
    bool hasPortrait() const { return !m_portrait.isNull(); }

    QImage render(const Persona &persona, Side side) const;
    QImage renderFront(const Persona &persona) const { return render(persona, Side::Front); }
    QImage renderBack(const Persona &persona) const { return render(persona, Side::Back); }

    // Where the portrait photo is looked for, first hit wins: $KIOSK_SPECIMEN_PORTRAIT,
    // then the photos shipped by Debian's opencv-doc (messi5.jpg).
    static QStringList portraitSearchPaths();
    // Loads the first existing search path and crops it to the face. On failure returns a
    // null image and says which paths were tried and which package provides them.
    static QImage loadPortrait(QString *error = nullptr);
    static QImage loadPortrait(const QStringList &searchPaths, QString *error = nullptr);

private:
    void drawBackground(QPainter &p, quint32 seed, bool front) const;
    void drawEmblem(QPainter &p, const QRectF &box) const;
    void drawSpecimenMark(QPainter &p) const;
    void drawFront(QPainter &p, const Persona &persona) const;
    void drawBack(QPainter &p, const Persona &persona) const;

    QImage m_portrait;
    QSize m_size;
};

} // namespace kiosk::specimen
