#include "previewwidget.h"
#include "securewipe.h"

#include <QPainter>
#include <QPainterPath>

namespace kiosk {

PreviewWidget::PreviewWidget(QWidget *parent)
    : QWidget(parent)
{
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMinimumSize(320, 180);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void PreviewWidget::setGuide(Guide guide)
{
    m_guide = guide;
    update();
}

void PreviewWidget::setFrame(const QImage &frame, QSize frameSize)
{
    m_frame = frame;
    m_frameSize = frameSize.isValid() ? frameSize : frame.size();
    m_still = QImage();
    update();
}

void PreviewWidget::setCardGuide(const QRect &guideInFrame)
{
    m_cardGuide = guideInFrame;
}

void PreviewWidget::setReady(bool ready)
{
    m_ready = ready;
    update();
}

void PreviewWidget::setMirrored(bool mirrored)
{
    m_mirrored = mirrored;
    update();
}

void PreviewWidget::setStill(const QImage &still)
{
    m_still = still;
    update();
}

void PreviewWidget::clear()
{
    // The last holder of a camera frame zeroes it (securewipe.h).
    secureWipe(m_frame);
    secureWipe(m_still);
    m_ready = false;
    update();
}

QRectF PreviewWidget::imageRect(const QSize &image) const
{
    if (image.isEmpty())
        return {};
    const QSizeF scaled = QSizeF(image).scaled(QSizeF(size()), Qt::KeepAspectRatio);
    return QRectF(QPointF((width() - scaled.width()) / 2, (height() - scaled.height()) / 2),
                  scaled);
}

void PreviewWidget::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), QColor(0x1b, 0x1f, 0x24));

    if (!m_still.isNull()) {
        p.drawImage(imageRect(m_still.size()), m_still);
        return;
    }
    const QSize frameSize = m_frame.isNull() ? QSize(1280, 720) : m_frameSize;
    const QRectF target = imageRect(frameSize);
    if (!m_frame.isNull()) {
        p.save();
        if (m_mirrored) {
            // Customers expect a mirror when they look at themselves; what is sent is not.
            p.translate(target.center().x() * 2, 0);
            p.scale(-1, 1);
        }
        p.drawImage(target, m_frame);
        p.restore();
        if (m_frame.cacheKey() != m_lastShownKey) {
            m_lastShownKey = m_frame.cacheKey();
            ++m_framesShown;
        }
    }
    const double s = target.width() / frameSize.width();
    const auto toWidget = [&](const QPointF &pt) {
        const double x = m_mirrored ? frameSize.width() - pt.x() : pt.x();
        return QPointF(target.left() + x * s, target.top() + pt.y() * s);
    };

    QPainterPath shape;
    if (m_guide == Guide::Card) {
        QRectF g = m_cardGuide.isEmpty()
                       ? QRectF(frameSize.width() * 0.1, 0, frameSize.width() * 0.8,
                                frameSize.width() * 0.8 / 1.586)
                       : QRectF(m_cardGuide);
        if (m_cardGuide.isEmpty())
            g.moveTop((frameSize.height() - g.height()) / 2);
        const QRectF w(toWidget(g.topLeft()), toWidget(g.bottomRight()));
        shape.addRoundedRect(w.normalized(), 18, 18);
    } else if (m_guide == Guide::Face) {
        const double h = target.height() * 0.72;
        const QRectF oval(target.center().x() - h * 0.38, target.center().y() - h / 2, h * 0.76, h);
        shape.addEllipse(oval);
    }
    if (!shape.isEmpty()) {
        QPainterPath outside;
        outside.addRect(target);
        p.fillPath(outside.subtracted(shape), QColor(0, 0, 0, 110));
        p.setPen(QPen(m_ready ? QColor(0x2e, 0xcc, 0x71) : QColor(Qt::white), 6));
        p.drawPath(shape);
    }
}

} // namespace kiosk
