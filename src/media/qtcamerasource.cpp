#include "qtcamerasource.h"

#include "cameras.h"
#include "capture/clock.h"
#include "imaging/yuvimage.h"
#include "logging.h"

#include <QMediaCaptureSession>
#include <QMediaDevices>
#include <QVideoFrame>
#include <QVideoFrameFormat>
#include <QVideoSink>

#include <optional>

using namespace Qt::StringLiterals;

namespace kiosk {

namespace {

QCameraFormat bestFormat(const QCameraDevice &device, QSize preferred)
{
    const auto formats = device.videoFormats();
    QList<CameraFormatInfo> infos;
    for (const QCameraFormat &f : formats)
        infos.append(
            {f.resolution(), f.maxFrameRate(), f.pixelFormat() == QVideoFrameFormat::Format_Jpeg});
    const int best = chooseCameraFormat(infos, preferred);
    return best < 0 ? QCameraFormat() : formats.at(best);
}

// Mean grey level (0..255) of a frame on a sparse grid, read from the mapped Y samples of
// the usual camera formats, so the watchdog's brightness check never converts a whole
// frame on the GUI thread (a 4K conversion takes tens of milliseconds). Other formats
// (RGB, MJPEG) are converted.
double frameLuma(const QVideoFrame &source)
{
    QVideoFrame frame = source;
    const auto format = frame.pixelFormat();
    int step = 0, offset = 0; // Y sample spacing and first Y byte in a row of plane 0
    switch (format) {
    case QVideoFrameFormat::Format_YUYV:
        step = 2;
        break;
    case QVideoFrameFormat::Format_UYVY:
        step = 2;
        offset = 1;
        break;
    case QVideoFrameFormat::Format_NV12:
    case QVideoFrameFormat::Format_NV21:
    case QVideoFrameFormat::Format_YUV420P:
    case QVideoFrameFormat::Format_YUV422P:
    case QVideoFrameFormat::Format_YV12:
    case QVideoFrameFormat::Format_Y8:
        step = 1;
        break;
    default:
        return meanLuma(frame.toImage());
    }
    if (!frame.map(QVideoFrame::ReadOnly))
        return meanLuma(frame.toImage());
    const int width = frame.width(), height = frame.height();
    const int stepX = qMax(1, width / 64), stepY = qMax(1, height / 36);
    const uchar *bits = frame.bits(0);
    const int stride = frame.bytesPerLine(0);
    double sum = 0;
    int n = 0;
    for (int y = stepY / 2; y < height; y += stepY) {
        const uchar *row = bits + qsizetype(y) * stride;
        for (int x = stepX / 2; x < width; x += stepX) {
            sum += row[x * step + offset];
            ++n;
        }
    }
    frame.unmap();
    return n ? sum / n : 0;
}

// A preview straight from the mapped camera pixels: every k-th sample of every k-th row,
// converted to RGB32 as it is read, k the largest integer step that keeps the result at
// least target (the caller scales the rest). Converting a 4K frame in full for a ~1024x576
// preview costs tens of milliseconds a frame; this reads k*k times fewer pixels. The
// colours are BT.601 limited range in integer math whatever the frame's colour space says:
// close enough for a preview, never used for analysis or the saved picture. Formats other
// than packed 4:2:2 and 4:2:0 (RGB, MJPEG, ...) give a null image: the caller then
// converts the frame in full.
QImage previewImage(const QVideoFrame &source, QSize target)
{
    QVideoFrame frame = source;
    const auto format = frame.pixelFormat();
    switch (format) {
    case QVideoFrameFormat::Format_YUYV:
    case QVideoFrameFormat::Format_UYVY:
    case QVideoFrameFormat::Format_NV12:
    case QVideoFrameFormat::Format_NV21:
    case QVideoFrameFormat::Format_YUV420P:
    case QVideoFrameFormat::Format_YV12:
        break;
    default:
        return {};
    }
    const int width = frame.width(), height = frame.height();
    const bool packed =
        format == QVideoFrameFormat::Format_YUYV || format == QVideoFrameFormat::Format_UYVY;
    // A 4:2:2 pair holds two pixels: an odd width would read past the row's last pair.
    if (target.isEmpty() || width < 2 || height < 2 || (packed && width % 2))
        return {};
    const int step =
        qMax(1, qMin(width / qMax(1, target.width()), height / qMax(1, target.height())));
    if (!frame.map(QVideoFrame::ReadOnly))
        return {};
    const bool planar3 =
        format == QVideoFrameFormat::Format_YUV420P || format == QVideoFrameFormat::Format_YV12;
    // The driver's row lengths are checked before any pixel is read through them.
    if (frame.planeCount() < (packed    ? 1
                              : planar3 ? 3
                                        : 2) ||
        frame.bytesPerLine(0) < (packed ? 2 * width : width) ||
        (!packed && frame.bytesPerLine(1) < (planar3 ? (width + 1) / 2 : (width + 1) / 2 * 2)) ||
        (planar3 && frame.bytesPerLine(2) < (width + 1) / 2)) {
        frame.unmap();
        return {};
    }
    QImage out(width / step, height / step, QImage::Format_RGB32);
    const uchar *y0 = frame.bits(0);
    const qsizetype yStride = frame.bytesPerLine(0);
    const uchar *c1 = packed ? nullptr : frame.bits(1);
    const qsizetype c1Stride = packed ? 0 : frame.bytesPerLine(1);
    const uchar *c2 = planar3 ? frame.bits(2) : nullptr;
    const qsizetype c2Stride = planar3 ? frame.bytesPerLine(2) : 0;
    const auto clamp = [](int v) { return v < 0 ? 0 : v > 255 ? 255 : v; };
    for (int oy = 0; oy < out.height(); ++oy) {
        const int sy = oy * step;
        const uchar *yRow = y0 + sy * yStride;
        const uchar *c1Row = c1 ? c1 + (sy / 2) * c1Stride : nullptr;
        const uchar *c2Row = c2 ? c2 + (sy / 2) * c2Stride : nullptr;
        auto *dst = reinterpret_cast<QRgb *>(out.scanLine(oy));
        for (int ox = 0; ox < out.width(); ++ox) {
            const int sx = ox * step;
            int y = 0, u = 128, v = 128;
            switch (format) {
            case QVideoFrameFormat::Format_YUYV: { // Y0 U Y1 V
                const uchar *pair = yRow + (sx / 2) * 4;
                y = yRow[sx * 2];
                u = pair[1];
                v = pair[3];
                break;
            }
            case QVideoFrameFormat::Format_UYVY: { // U Y0 V Y1
                const uchar *pair = yRow + (sx / 2) * 4;
                y = yRow[sx * 2 + 1];
                u = pair[0];
                v = pair[2];
                break;
            }
            case QVideoFrameFormat::Format_NV12: // Y plane, then interleaved U V
                y = yRow[sx];
                u = c1Row[(sx / 2) * 2];
                v = c1Row[(sx / 2) * 2 + 1];
                break;
            case QVideoFrameFormat::Format_NV21: // Y plane, then interleaved V U
                y = yRow[sx];
                v = c1Row[(sx / 2) * 2];
                u = c1Row[(sx / 2) * 2 + 1];
                break;
            case QVideoFrameFormat::Format_YUV420P: // Y, U, V planes
                y = yRow[sx];
                u = c1Row[sx / 2];
                v = c2Row[sx / 2];
                break;
            default: // YV12: Y, V, U planes
                y = yRow[sx];
                v = c1Row[sx / 2];
                u = c2Row[sx / 2];
                break;
            }
            const int c = 298 * (y - 16), d = u - 128, e = v - 128;
            dst[ox] =
                qRgb(clamp((c + 409 * e + 128) >> 8), clamp((c - 100 * d - 208 * e + 128) >> 8),
                     clamp((c + 516 * d + 128) >> 8));
        }
    }
    frame.unmap();
    return out;
}

bool present(const QCameraDevice &device)
{
    const auto inputs = availableCameras();
    for (const QCameraDevice &d : inputs) {
        if (d.id() == device.id() && d.description() == device.description())
            return true;
    }
    return false;
}

// The whole frame. YUV layouts go through imaging's OpenCV converter into RGB32, which
// imaging then reads in place (matView): about a third of QVideoFrame::toImage's time for
// 4K, the same colours within 1. Anything else (RGB, grey, MJPEG Qt did not decode) goes
// through Qt, and imaging copies what it cannot read in place.
QImage fullImage(const QVideoFrame &source)
{
    std::optional<YuvLayout> layout;
    switch (source.pixelFormat()) {
    case QVideoFrameFormat::Format_YUYV:
        layout = YuvLayout::Yuyv;
        break;
    case QVideoFrameFormat::Format_UYVY:
        layout = YuvLayout::Uyvy;
        break;
    case QVideoFrameFormat::Format_NV12:
        layout = YuvLayout::Nv12;
        break;
    case QVideoFrameFormat::Format_NV21:
        layout = YuvLayout::Nv21;
        break;
    case QVideoFrameFormat::Format_YUV420P:
        layout = YuvLayout::I420;
        break;
    case QVideoFrameFormat::Format_YV12:
        layout = YuvLayout::Yv12;
        break;
    default:
        break;
    }
    QVideoFrame frame = source;
    if (layout && frame.map(QVideoFrame::ReadOnly)) {
        YuvPlanes planes;
        planes.count = qMin(frame.planeCount(), 3);
        for (int i = 0; i < planes.count; ++i) {
            planes.data[i] = frame.bits(i);
            planes.stride[i] = frame.bytesPerLine(i);
        }
        QImage image = rgbFromYuv(*layout, frame.width(), frame.height(), planes);
        frame.unmap();
        if (!image.isNull())
            return image;
    }
    return frame.toImage();
}

} // namespace

QtCameraSource::QtCameraSource(CameraOptions options, const Clock &clock, QObject *parent)
    : FrameSource(parent)
    , m_options(std::move(options))
    , m_clock(clock)
    , m_watchdog(clock, m_options.watchdog)
{
    // Qt 6.4 deadlocks when videoInputsChanged is handled while its media integration is
    // being created: create it first, and follow changes through a queued connection.
    availableCameras();
    m_devices = std::make_unique<QMediaDevices>();
    connect(m_devices.get(), &QMediaDevices::videoInputsChanged, this,
            &QtCameraSource::onInputsChanged, Qt::QueuedConnection);
    connect(&m_watchdog, &FrameWatchdog::stalled, this, &QtCameraSource::onStalled);
    connect(&m_watchdog, &FrameWatchdog::blackChanged, this,
            [this](bool black) { setProblem(black ? CameraProblem::Black : CameraProblem::None); });
    m_restartTimer.setSingleShot(true);
    connect(&m_restartTimer, &QTimer::timeout, this, &QtCameraSource::open);
}

QtCameraSource::~QtCameraSource()
{
    close();
}

QCameraDevice QtCameraSource::findCamera(const QString &idOrName)
{
    if (idOrName.isEmpty())
        return defaultCamera();
    const auto inputs = availableCameras();
    // Qt 6.4's GStreamer backend numbers cameras as it finds them, so a name is the
    // stable choice; an id is accepted too.
    for (const QCameraDevice &d : inputs) {
        if (d.description().compare(idOrName, Qt::CaseInsensitive) == 0)
            return d;
    }
    for (const QCameraDevice &d : inputs) {
        if (QString::fromUtf8(d.id()) == idOrName)
            return d;
    }
    return {};
}

QString QtCameraSource::cameraName() const
{
    return m_device.description();
}

void QtCameraSource::start()
{
    if (m_wanted)
        return;
    m_wanted = true;
    m_failedRestarts = 0;
    open();
}

void QtCameraSource::stop()
{
    m_wanted = false;
    m_restartTimer.stop();
    close();
    setProblem(CameraProblem::None);
    setState(State::Stopped);
}

void QtCameraSource::open()
{
    close();
    if (!m_wanted)
        return;
    const QCameraDevice device = findCamera(m_options.camera);
    if (device.isNull()) {
        const bool hadOne = !m_device.isNull();
        setProblem(hadOne ? CameraProblem::Unplugged : CameraProblem::NoCamera,
                   m_options.camera.isEmpty() ? QString()
                                              : u"configured camera: %1"_s.arg(m_options.camera));
        setState(State::Waiting);
        return;
    }
    m_device = device;
    m_format = bestFormat(device, m_options.preferredSize);
    Q_EMIT formatChosen(QVideoFrameFormat::pixelFormatToString(m_format.pixelFormat()),
                        m_format.resolution(), m_format.maxFrameRate());
    const QSize size = m_format.resolution();
    if (size.width() < m_options.minDocumentSize.width() ||
        size.height() < m_options.minDocumentSize.height())
        setProblem(CameraProblem::LowResolution, u"%1x%2"_s.arg(size.width()).arg(size.height()));

    ++m_sessionId;
    m_anchorTimestampUs = -1;
    m_openFailed = false;
    qCInfo(lcCamera) << "opening camera" << device.description() << size << "at"
                     << m_format.maxFrameRate() << "fps, session" << m_sessionId;

    // Sink first, then the session, then the camera: attaching the camera to a session
    // that already has its sink makes Qt 6.4's start-up stall rarer.
    m_sink = std::make_unique<QVideoSink>();
    const int session = m_sessionId;
    connect(m_sink.get(), &QVideoSink::videoFrameChanged, this,
            [this, session](const QVideoFrame &frame) { onFrame(session, frame); });
    m_session = std::make_unique<QMediaCaptureSession>();
    m_session->setVideoSink(m_sink.get());
    m_camera = std::make_unique<QCamera>(device);
    if (!m_format.isNull())
        m_camera->setCameraFormat(m_format);
    connect(m_camera.get(), &QCamera::errorOccurred, this, &QtCameraSource::onCameraError);
    m_session->setCamera(m_camera.get());
    setState(m_failedRestarts > 0 ? State::Recovering : State::Starting);
    m_watchdog.arm();
    m_camera->start();
}

void QtCameraSource::close()
{
    m_watchdog.disarm();
    if (m_camera) {
        disconnect(m_camera.get(), nullptr, this, nullptr);
        m_camera->stop();
    }
    if (m_sink)
        disconnect(m_sink.get(), nullptr, this, nullptr);
    // Detach the camera, destroy the session, then the camera and last the sink: Qt 6.4
    // deadlocks when the sink goes before the session.
    if (m_session) {
        m_session->setCamera(nullptr);
        m_session.reset();
    }
    m_camera.reset();
    m_sink.reset();
}

void QtCameraSource::scheduleRestart(int delayMs)
{
    m_watchdog.disarm();
    setState(State::Recovering);
    // Leave the signal's stack before tearing the session down.
    m_restartTimer.start(delayMs);
}

void QtCameraSource::onFrame(int session, const QVideoFrame &frame)
{
    // Frames queued by a session already torn down, and the invalid frame Qt sends on stop.
    if (session != m_sessionId || !frame.isValid() || !m_camera)
        return;
    const qint64 timestamp = frame.startTime();
    if (!m_watchdog.admit(timestamp))
        return;

    CameraFrame f(frame.size(), [frame]() { return fullImage(frame); });
    f.setPreviewConvert([frame](QSize target) { return previewImage(frame, target); });
    f.timestampUs = timestamp;
    f.arrivalUs = m_clock.monotonicUs();
    f.sequence = ++m_sequence;
    f.session = session;
    if (timestamp >= 0) {
        if (m_anchorTimestampUs < 0) {
            m_anchorTimestampUs = timestamp;
            m_anchorWall = m_clock.currentDateTimeUtc();
        }
        f.captured = m_anchorWall.addMSecs((timestamp - m_anchorTimestampUs) / 1000);
    } else {
        f.captured = m_clock.currentDateTimeUtc();
    }
    if (m_watchdog.wantsLuma())
        m_watchdog.noteLuma(frameLuma(frame));

    if (state() != State::Streaming) {
        qCInfo(lcCamera) << "streaming, session" << session;
        m_failedRestarts = 0;
        setState(State::Streaming);
        if (problem() != CameraProblem::Black && problem() != CameraProblem::LowResolution)
            setProblem(CameraProblem::None);
    }
    Q_EMIT frameArrived(f);
}

void QtCameraSource::onStalled(bool firstFrame)
{
    if (!m_wanted)
        return;
    ++m_failedRestarts;
    ++m_totalRestarts;
    Q_EMIT restarting(true);
    qCWarning(lcCamera) << (firstFrame ? "no first frame" : "frames stopped") << "in session"
                        << m_sessionId << "- restart" << m_failedRestarts;
    if (!present(m_device)) {
        onInputsChanged();
        return;
    }
    // A camera that never delivers cannot be opened (held elsewhere, or broken); one
    // that stopped after streaming has stalled. Report only once a restart did not help:
    // a single restart is invisible to the customer.
    if (m_failedRestarts >= 2 || m_openFailed)
        setProblem(firstFrame ? CameraProblem::Busy : CameraProblem::Stalled);
    // Back off while it keeps failing, so a broken camera does not spin the CPU.
    const int delay = m_failedRestarts <= m_options.restartLimit ? 0 : 2000;
    scheduleRestart(delay);
}

void QtCameraSource::onCameraError(QCamera::Error error, const QString &text)
{
    if (error == QCamera::NoError || !m_wanted)
        return;
    qCWarning(lcCamera) << "camera error" << error << text;
    m_openFailed = true;
    ++m_failedRestarts;
    ++m_totalRestarts;
    Q_EMIT restarting(false);
    setProblem(CameraProblem::Busy, text);
    scheduleRestart(m_failedRestarts <= m_options.restartLimit ? 250 : 2000);
}

void QtCameraSource::onInputsChanged()
{
    if (!m_wanted)
        return;
    if (state() == State::Waiting) {
        if (!findCamera(m_options.camera).isNull()) {
            qCInfo(lcCamera) << "camera plugged in";
            m_failedRestarts = 0;
            open();
        }
        return;
    }
    if (!m_device.isNull() && !present(m_device)) {
        qCWarning(lcCamera) << "camera unplugged:" << m_device.description();
        m_restartTimer.stop();
        close();
        setProblem(CameraProblem::Unplugged);
        setState(State::Waiting);
        // Another matching camera may be there already (a second identical webcam).
        if (!findCamera(m_options.camera).isNull())
            open();
    }
}

} // namespace kiosk
