#pragma once

#include <QImage>
#include <QRect>
#include <QWidget>

namespace kiosk {

// The live camera picture with its guide drawn over it: a card frame or a face oval that
// turns green when the frame is good. Shows a still
// (the captured image) instead of the live picture while it is being sent.
class PreviewWidget : public QWidget
{
    Q_OBJECT

public:
    enum class Guide
    {
        None,
        Card,
        Face
    };

    explicit PreviewWidget(QWidget *parent = nullptr);

    void setGuide(Guide guide);
    // Clears the still. frame may be a scaled copy of a camera frame of frameSize (the
    // guide is in frame coordinates); an invalid frameSize: the frame's own.
    void setFrame(const QImage &frame, QSize frameSize = {});
    void setCardGuide(const QRect &guideInFrame);
    void setReady(bool ready);
    void setMirrored(bool mirrored);
    void setStill(const QImage &still);
    // Forgets every picture (the session's wipe).
    void clear();
    bool hasPicture() const { return !m_frame.isNull() || !m_still.isNull(); }
    // Camera frames painted so far, each counted once however often it is repainted: the
    // rate the customer sees (bench_capturesession compares it with the camera's).
    qint64 framesShown() const { return m_framesShown; }

    QSize sizeHint() const override { return {640, 360}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QRectF imageRect(const QSize &image) const;

    Guide m_guide = Guide::None;
    QImage m_frame;
    QSize m_frameSize;
    QImage m_still;
    QRect m_cardGuide;
    bool m_ready = false;
    bool m_mirrored = false;
    qint64 m_lastShownKey = 0;
    qint64 m_framesShown = 0;
};

} // namespace kiosk
