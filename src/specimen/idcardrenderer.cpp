#include "idcardrenderer.h"

#include "specimenrandom.h"
#include "syntheticface.h"

#include <QPainter>
#include <QPainterPath>
#include <QtMath>

#include <cmath>

using namespace Qt::StringLiterals;

namespace kiosk::specimen {

namespace {

// The drawing is laid out on a fixed 1000-unit-wide canvas and scaled to the target.
constexpr double CanvasWidth = 1000.0;
constexpr double CanvasHeight = CanvasWidth / IdCardRenderer::AspectRatio;

QFont arabicFont(int pixelSize, bool bold = false)
{
    QFont font(u"Noto Naskh Arabic"_s);
    font.setFamilies({u"Noto Naskh Arabic"_s, u"Noto Sans Arabic"_s, u"DejaVu Sans"_s});
    font.setPixelSize(pixelSize);
    font.setBold(bold);
    font.setHintingPreference(QFont::PreferNoHinting);
    return font;
}

// A digit run keeps its logical order inside right-to-left text; letter spacing (not
// spaces, which would split the run and reverse it) spreads the digits like the card.
QFont numberFont(int pixelSize)
{
    QFont font = arabicFont(pixelSize, true);
    font.setLetterSpacing(QFont::AbsoluteSpacing, pixelSize * 0.22);
    return font;
}

QFont latinFont(int pixelSize, bool bold = false)
{
    QFont font(u"DejaVu Sans"_s);
    font.setPixelSize(pixelSize);
    font.setBold(bold);
    font.setHintingPreference(QFont::PreferNoHinting);
    return font;
}

QString formatDate(const QDate &date)
{
    return toArabicIndicDigits(date.toString(u"yyyy/MM/dd"_s));
}

} // namespace

IdCardRenderer::IdCardRenderer(int width)
    : m_size(width, qRound(width / AspectRatio))
{}

QImage IdCardRenderer::render(const Persona &persona, Side side) const
{
    QImage image(m_size, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setRenderHint(QPainter::TextAntialiasing, true);
    p.setRenderHint(QPainter::SmoothPixmapTransform, true);
    p.scale(m_size.width() / CanvasWidth, m_size.height() / CanvasHeight);
    const bool front = side == Side::Front;
    drawBackground(p, fnv1a(persona.idNumber, front ? 0x46u : 0x42u), front);
    if (front)
        drawFront(p, persona);
    else
        drawBack(p, persona);
    drawSpecimenMark(p);
    p.end();
    return image;
}

void IdCardRenderer::drawBackground(QPainter &p, quint32 seed, bool front) const
{
    Rng rng(seed);
    QLinearGradient gradient(0, 0, CanvasWidth, CanvasHeight);
    if (front) {
        gradient.setColorAt(0, QColor(222, 236, 240));
        gradient.setColorAt(0.5, QColor(240, 232, 214));
        gradient.setColorAt(1, QColor(214, 230, 222));
    } else {
        gradient.setColorAt(0, QColor(236, 226, 238));
        gradient.setColorAt(0.5, QColor(226, 238, 228));
        gradient.setColorAt(1, QColor(240, 230, 216));
    }
    p.fillRect(QRectF(0, 0, CanvasWidth, CanvasHeight), gradient);

    // Guilloche bands: families of phase-shifted sine waves.
    const int bands = 3;
    for (int b = 0; b < bands; ++b) {
        const double period = rng.uniform(90, 220);
        const double amplitude = rng.uniform(14, 40);
        const double y0 = rng.uniform(40, CanvasHeight - 40);
        const QColor color = QColor::fromHsv(rng.range(0, 359), 120, 150, 90);
        p.setPen(QPen(color, 1.0));
        for (int k = 0; k < 14; ++k) {
            QPainterPath path;
            const double phase = k * 0.35 + rng.uniform(0, 0.2);
            for (int x = 0; x <= int(CanvasWidth); x += 4) {
                const double y = y0 + k * 3.0 + amplitude * std::sin(2 * M_PI * x / period + phase);
                if (x == 0)
                    path.moveTo(x, y);
                else
                    path.lineTo(x, y);
            }
            p.drawPath(path);
        }
    }

    // Rosettes (hypotrochoids), as on bank notes.
    for (int r = 0; r < 3; ++r) {
        // One draw per statement (specimenrandom.h): this order gives the pixels the
        // published figures and the tests' expectations were made with.
        const double centreY = rng.uniform(100, CanvasHeight - 100);
        const double centreX = rng.uniform(120, CanvasWidth - 120);
        const QPointF centre(centreX, centreY);
        const double bigR = rng.uniform(60, 110);
        const int lobes = rng.range(3, 7);
        const double smallR = bigR / lobes + rng.uniform(0.5, 3.0);
        const double d = rng.uniform(20, 60);
        const QColor color = QColor::fromHsv(rng.range(0, 359), 140, 140, 110);
        p.setPen(QPen(color, 0.9));
        QPainterPath path;
        for (int i = 0; i <= 1600; ++i) {
            const double t = i * 0.04;
            const double x =
                (bigR - smallR) * std::cos(t) + d * std::cos((bigR - smallR) / smallR * t);
            const double y =
                (bigR - smallR) * std::sin(t) - d * std::sin((bigR - smallR) / smallR * t);
            if (i == 0)
                path.moveTo(centre + QPointF(x, y));
            else
                path.lineTo(centre + QPointF(x, y));
        }
        p.drawPath(path);
    }

    // Fine micro-dots give the matcher corners everywhere, not only on the text.
    p.setPen(Qt::NoPen);
    for (int i = 0; i < 600; ++i) {
        const int value = rng.range(90, 200);
        const int hue = rng.range(0, 359);
        p.setBrush(QColor::fromHsv(hue, 90, value, 150));
        const double ry = rng.uniform(0.8, 2.2);
        const double rx = rng.uniform(0.8, 2.2);
        const double y = rng.uniform(0, CanvasHeight);
        const double x = rng.uniform(0, CanvasWidth);
        p.drawEllipse(QPointF(x, y), rx, ry);
    }
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(QColor(90, 110, 120), 3));
    p.drawRoundedRect(QRectF(6, 6, CanvasWidth - 12, CanvasHeight - 12), 28, 28);
}

void IdCardRenderer::drawEmblem(QPainter &p, const QRectF &box) const
{
    const QPointF c = box.center();
    const double r = std::min(box.width(), box.height()) / 2;
    p.save();
    // Rays of a star behind the shield.
    QPolygonF star;
    for (int i = 0; i < 48; ++i) {
        const double a = i * M_PI / 24;
        const double rr = (i % 2) ? r * 0.55 : r;
        star << c + QPointF(rr * std::cos(a), rr * std::sin(a));
    }
    p.setPen(QPen(QColor(150, 110, 30), 1.2));
    p.setBrush(QColor(225, 185, 80));
    p.drawPolygon(star);
    // Wings: stacked feathers.
    p.setBrush(QColor(170, 125, 40));
    for (int side = -1; side <= 1; side += 2) {
        for (int f = 0; f < 5; ++f) {
            QPainterPath feather;
            const QPointF base = c + QPointF(side * r * 0.15, -r * 0.1 + f * r * 0.12);
            feather.moveTo(base);
            feather.quadTo(base + QPointF(side * r * 0.6, -r * 0.5 + f * r * 0.05),
                           base + QPointF(side * r * (0.95 - f * 0.1), -r * 0.25 + f * r * 0.12));
            feather.quadTo(base + QPointF(side * r * 0.4, r * 0.05), base);
            p.drawPath(feather);
        }
    }
    // Shield with stripes, head.
    QPainterPath shield;
    shield.moveTo(c + QPointF(-r * 0.22, -r * 0.2));
    shield.lineTo(c + QPointF(r * 0.22, -r * 0.2));
    shield.lineTo(c + QPointF(r * 0.22, r * 0.25));
    shield.quadTo(c + QPointF(0, r * 0.55), c + QPointF(-r * 0.22, r * 0.25));
    shield.closeSubpath();
    p.setBrush(Qt::white);
    p.drawPath(shield);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(200, 30, 40));
    p.drawRect(QRectF(c.x() - r * 0.22, c.y() - r * 0.2, r * 0.44, r * 0.14));
    p.setBrush(QColor(20, 20, 20));
    p.drawRect(QRectF(c.x() - r * 0.22, c.y() + r * 0.08, r * 0.44, r * 0.14));
    p.setBrush(QColor(150, 100, 25));
    p.drawEllipse(c + QPointF(0, -r * 0.38), r * 0.12, r * 0.14);
    p.restore();
}

void IdCardRenderer::drawSpecimenMark(QPainter &p) const
{
    p.save();
    p.setPen(QPen(QColor(200, 30, 30, 150), 3));
    p.setBrush(Qt::NoBrush);
    const QRectF box(CanvasWidth - 300, 16, 250, 56);
    p.drawRect(box);
    p.setFont(latinFont(30, true));
    p.drawText(box.adjusted(0, 0, 0, -18), Qt::AlignCenter, u"SPECIMEN"_s);
    p.setFont(arabicFont(16, true));
    p.drawText(box.adjusted(0, 30, 0, 0), Qt::AlignCenter, u"عينة - غير صالحة للاستخدام"_s);
    p.restore();
}

void IdCardRenderer::drawFront(QPainter &p, const Persona &persona) const
{
    drawEmblem(p, QRectF(30, 18, 120, 120));
    p.setPen(QColor(30, 40, 60));
    p.setFont(arabicFont(30, true));
    p.drawText(QRectF(170, 20, 420, 50), Qt::AlignLeft | Qt::AlignVCenter,
               u"جمهورية مصر العربية"_s);
    p.setFont(arabicFont(24));
    p.drawText(QRectF(170, 70, 420, 44), Qt::AlignLeft | Qt::AlignVCenter,
               u"بطاقة تحقيق الشخصية"_s);

    // Portrait with a frame.
    const QRectF photo(40, 160, 230, 288);
    // Drawn at the card's pixel size (not the canvas's), so it is as sharp as the text.
    const QSize photoPixels = p.transform().mapRect(photo).toAlignedRect().size();
    p.drawImage(photo, SyntheticFace::render(persona, photoPixels));
    p.setPen(QPen(QColor(60, 60, 60), 2));
    p.setBrush(Qt::NoBrush);
    p.drawRect(photo);
    p.setPen(QColor(20, 20, 20));
    p.setFont(latinFont(24, true));
    p.drawText(QRectF(40, 456, 230, 36), Qt::AlignCenter, persona.idKey);

    // Name and address, right-aligned like the real card.
    const double right = 960;
    const double left = 320;
    p.setPen(QColor(10, 10, 10));
    p.setFont(arabicFont(44, true));
    p.drawText(QRectF(left, 140, right - left, 64), Qt::AlignRight | Qt::AlignVCenter,
               persona.firstName);
    p.setFont(arabicFont(38, true));
    p.drawText(QRectF(left, 204, right - left, 60), Qt::AlignRight | Qt::AlignVCenter,
               persona.lastNames);
    p.setFont(arabicFont(30));
    p.drawText(QRectF(left, 276, right - left, 48), Qt::AlignRight | Qt::AlignVCenter,
               toArabicIndicDigits(persona.address));
    p.drawText(QRectF(left, 326, right - left, 48), Qt::AlignRight | Qt::AlignVCenter,
               persona.district + u" - "_s + persona.city);
    p.drawText(QRectF(left, 376, right - left, 48), Qt::AlignRight | Qt::AlignVCenter,
               persona.governorate);

    // The national ID number, in Arabic-Indic digits, large.
    p.setFont(numberFont(58));
    p.drawText(QRectF(300, 470, 680, 90), Qt::AlignRight | Qt::AlignVCenter,
               toArabicIndicDigits(persona.idNumber));
    p.setFont(arabicFont(20));
    p.drawText(QRectF(300, 560, 680, 40), Qt::AlignRight | Qt::AlignVCenter,
               u"تاريخ الميلاد: "_s + formatDate(persona.birthDate));
}

void IdCardRenderer::drawBack(QPainter &p, const Persona &persona) const
{
    // Watermark emblem, faint, on the left.
    p.save();
    p.setOpacity(0.35);
    drawEmblem(p, QRectF(40, 110, 230, 230));
    p.restore();

    const double right = 960;
    const double left = 300;
    p.setPen(QColor(10, 10, 10));
    p.setFont(numberFont(48));
    p.drawText(QRectF(300, 90, 660, 70), Qt::AlignRight | Qt::AlignVCenter,
               toArabicIndicDigits(persona.idNumber));
    p.setFont(latinFont(22));
    p.drawText(QRectF(40, 28, 260, 40), Qt::AlignLeft | Qt::AlignVCenter,
               persona.releaseDate.toString(u"yyyy/MM"_s));

    p.setFont(arabicFont(28));
    const QStringList lines = {
        persona.jobTitle,
        persona.job,
        (persona.gender == u"M"_s ? u"ذكر"_s : u"أنثى"_s) + u"    "_s + persona.religion,
        persona.maritalStatus +
            (persona.husbandName.isEmpty() ? QString() : u"  -  الزوج: "_s + persona.husbandName),
        u"البطاقة سارية حتى "_s + formatDate(persona.expiryDate),
        u"تاريخ الإصدار "_s + formatDate(persona.releaseDate),
    };
    double y = 170;
    for (const QString &line : lines) {
        p.drawText(QRectF(left, y, right - left, 44), Qt::AlignRight | Qt::AlignVCenter, line);
        y += 46;
    }

    // A two-dimensional barcode strip derived from the number (stands in for the PDF417).
    Rng rng(fnv1a(persona.idNumber + persona.idKey, 0x5051u));
    const QRectF strip(40, 470, 920, 120);
    p.fillRect(strip, Qt::white);
    p.setPen(Qt::NoPen);
    p.setBrush(Qt::black);
    const int rows = 6;
    const double rowHeight = strip.height() / rows;
    for (int row = 0; row < rows; ++row) {
        double x = strip.left() + 8;
        while (x < strip.right() - 8) {
            const double bar = rng.range(2, 9);
            const double gap = rng.range(2, 8);
            if (x + bar > strip.right() - 8)
                break;
            p.drawRect(QRectF(x, strip.top() + row * rowHeight + 2, bar, rowHeight - 4));
            x += bar + gap;
        }
    }
    p.setBrush(Qt::NoBrush);
}

} // namespace kiosk::specimen
