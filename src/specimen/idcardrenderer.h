#pragma once

#include "persona.h"

#include <QImage>
#include <QRect>

namespace kiosk::specimen {

// Draws a specimen Egyptian-style national ID card (front or back) for a Persona:
// guilloche background, emblem, portrait, Arabic text, Arabic-Indic ID number and a
// "SPECIMEN" mark, at ID-1 aspect ratio. The portrait is the persona's SyntheticFace, so
// nothing is loaded at run time. Deterministic: the same persona and side give the same
// pixels, so the sandbox can recognise its own cards by feature matching. Needs a
// QGuiApplication (fonts).
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

    explicit IdCardRenderer(int width = DefaultWidth);

    QSize size() const { return m_size; }

    QImage render(const Persona &persona, Side side) const;
    QImage renderFront(const Persona &persona) const { return render(persona, Side::Front); }
    QImage renderBack(const Persona &persona) const { return render(persona, Side::Back); }

private:
    void drawBackground(QPainter &p, quint32 seed, bool front) const;
    void drawEmblem(QPainter &p, const QRectF &box) const;
    void drawSpecimenMark(QPainter &p) const;
    void drawFront(QPainter &p, const Persona &persona) const;
    void drawBack(QPainter &p, const Persona &persona) const;

    QSize m_size;
};

} // namespace kiosk::specimen
