#pragma once

#include <QDateTime>
#include <QImage>
#include <QMetaType>
#include <QSize>

#include <functional>
#include <memory>

namespace kiosk {

// One frame from a camera, without Qt Multimedia: pixels (converted to a QImage only
// when someone asks, since most preview frames are never looked at in full), the
// backend's own timestamp and the monotonic time it arrived. Cheap to copy (shared).
class CameraFrame
{
public:
    CameraFrame() = default;
    explicit CameraFrame(QImage image);
    // Pixels converted on the first image() call, once; convert runs in that caller's thread.
    CameraFrame(QSize size, std::function<QImage()> convert);

    // A cheap converter for previews: pixels subsampled to at least the target size (the
    // caller scales the rest), or a null image when it cannot (then preview() falls back to
    // the full conversion). Runs in the caller's thread, under the frame's lock.
    void setPreviewConvert(std::function<QImage(QSize target)> convert);

    bool isNull() const { return !m_pixels; }
    QSize size() const;
    QImage image() const;
    // The picture fitted into target (aspect kept, never enlarged): the full image scaled
    // when it is already converted, else the preview converter's result (nothing cached),
    // else the full conversion (cached) scaled. Thread-safe like image().
    QImage preview(QSize target) const;
    // Whether the full image has been converted (and is cached).
    bool isConverted() const;

    // The backend's presentation time in microseconds (stream time, starts near 0 with
    // each camera session), or -1 when the backend leaves it empty.
    qint64 timestampUs = -1;
    // Clock::monotonicUs() when the frame reached us.
    qint64 arrivalUs = 0;
    // Wall-clock capture time (UTC), carried into the JPEG's EXIF.
    QDateTime captured;
    // Increasing per source; restarts never reuse a number.
    quint64 sequence = 0;
    // Camera session the frame belongs to: timestamps compare only within one session.
    int session = 0;

    // The best time for spans: the backend's timestamp when present, else arrival.
    qint64 timeUs() const { return timestampUs >= 0 ? timestampUs : arrivalUs; }

private:
    struct Pixels;
    std::shared_ptr<Pixels> m_pixels;
};

// Mean grey level (0..255) over a sparse grid of the image: cheap enough per frame.
double meanLuma(const QImage &image);

} // namespace kiosk

Q_DECLARE_METATYPE(kiosk::CameraFrame)
