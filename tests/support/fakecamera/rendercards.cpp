// Renders the stills of the fake camera's demo scene: an ID-1 card (front, then back)
// lying on a desk, seen by a webcam above it. The card is invented (no real person, no
// real number) and drawn, so the project ships no identity document.
#include <QGuiApplication>
#include <QImage>
#include <QLinearGradient>
#include <QPainter>
#include <QPainterPath>
#include <QTransform>

#include <cmath>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

constexpr int kCardWidth = 1000; // ID-1: 85.60 x 53.98 mm
constexpr int kCardHeight = 631;

QImage cardFace(bool front)
{
    QImage card(kCardWidth, kCardHeight, QImage::Format_RGB32);
    QPainter p(&card);
    p.setRenderHint(QPainter::Antialiasing);
    QLinearGradient background(0, 0, kCardWidth, kCardHeight);
    background.setColorAt(0, QColor(0xd8, 0xe6, 0xd2));
    background.setColorAt(1, QColor(0xb9, 0xcf, 0xc4));
    p.fillRect(card.rect(), background);
    // Guilloche-like waves give the card texture (sharpness checks need edges).
    p.setPen(QPen(QColor(0x8f, 0xae, 0xa0), 1.5));
    for (int k = 0; k < 24; ++k) {
        QPainterPath wave;
        wave.moveTo(0, 40 + k * 25);
        for (int x = 0; x <= kCardWidth; x += 20)
            wave.lineTo(x, 40 + k * 25 + 8 * std::sin((x + k * 37) / 45.0));
        p.drawPath(wave);
    }
    p.setPen(QColor(0x20, 0x30, 0x28));
    QFont title(u"DejaVu Sans"_s, 30, QFont::Bold);
    p.setFont(title);
    p.drawText(QRect(0, 20, kCardWidth, 60), Qt::AlignHCenter,
               front ? u"SPECIMEN IDENTITY CARD"_s : u"SPECIMEN - BACK"_s);
    QFont body(u"DejaVu Sans"_s, 24);
    p.setFont(body);
    if (front) {
        p.fillRect(QRect(40, 120, 260, 330), QColor(0x9a, 0xa8, 0xb0));
        p.setBrush(QColor(0x6c, 0x7a, 0x84));
        p.setPen(Qt::NoPen);
        p.drawEllipse(QRect(110, 160, 120, 150));
        p.drawRoundedRect(QRect(75, 320, 190, 130), 60, 60);
        p.setPen(QColor(0x20, 0x30, 0x28));
        const QStringList lines = {u"Name: SAMPLE PERSON"_s, u"Address: 1 Example Street"_s,
                                   u"Cairo"_s, u"Born: 01/01/1990"_s};
        for (int i = 0; i < lines.size(); ++i)
            p.drawText(340, 170 + i * 60, lines.at(i));
        p.setFont(QFont(u"DejaVu Sans Mono"_s, 34, QFont::Bold));
        p.drawText(340, 540, u"2 9001 0101 00000"_s);
    } else {
        const QStringList lines = {u"Occupation: Specimen"_s, u"Marital status: -"_s,
                                   u"Religion: -"_s, u"Expiry: 01/01/2035"_s};
        for (int i = 0; i < lines.size(); ++i)
            p.drawText(60, 150 + i * 60, lines.at(i));
        p.fillRect(QRect(60, 430, 880, 140), Qt::white);
        p.setFont(QFont(u"DejaVu Sans Mono"_s, 22));
        p.drawText(QRect(70, 440, 860, 120), Qt::AlignVCenter,
                   u"IDEGY<<SPECIMEN<<<<<<<<<<<<<<<<\n9001010<<<<<<<<<<<<<<<<<<<<<<<"_s);
    }
    return card;
}

// The card on a dark desk, slightly rotated and in perspective, filling most of a
// 1920x1080 frame like a card held under a document camera.
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
    const QPolygonF from = {QPointF(0, 0), QPointF(kCardWidth, 0), QPointF(kCardWidth, kCardHeight),
                            QPointF(0, kCardHeight)};
    const QPolygonF to = {QPointF(470, 190), QPointF(1480, 230), QPointF(1460, 880),
                          QPointF(450, 850)};
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
    const bool ok = onDesk(cardFace(true)).save(QString::fromLocal8Bit(argv[1])) &&
                    onDesk(cardFace(false)).save(QString::fromLocal8Bit(argv[2]));
    return ok ? 0 : 1;
}
