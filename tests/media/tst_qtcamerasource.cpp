// The kiosk's QCamera source against the fake camera device, through the real Qt
// Multimedia GStreamer pipeline: streaming, choice of camera and format, open failure,
// a camera that goes silent (watchdog restart), black frames and hot-plug.
#include "capture/clock.h"
#include "fakecameracontrol.h"
#include "imaging/matimage.h"
#include "qtcamerasource.h"

#include <QMediaDevices>
#include <QSignalSpy>
#include <QTest>

#include <cmath>
#include <memory>

using namespace Qt::StringLiterals;
using kiosk::CameraFrame;
using kiosk::CameraProblem;
using kiosk::FrameSource;
using kiosk::QtCameraSource;

namespace {

// Frames and problems seen by a test. Frames keep only their times and numbers (pixels of
// the first and last): holding every frame would hold the pipeline's buffers.
struct Recorder
{
    explicit Recorder(FrameSource *source)
    {
        QObject::connect(source, &FrameSource::frameArrived, source, [this](const CameraFrame &f) {
            CameraFrame meta;
            meta.timestampUs = f.timestampUs;
            meta.arrivalUs = f.arrivalUs;
            meta.captured = f.captured;
            meta.sequence = f.sequence;
            meta.session = f.session;
            frames.append(meta);
            if (first.isNull())
                first = f;
            last = f;
        });
        QObject::connect(source, &FrameSource::problemChanged, source,
                         [this](CameraProblem p) { problems.append(p); });
    }
    QList<CameraFrame> frames; // without pixels
    CameraFrame first;
    CameraFrame last;
    QList<CameraProblem> problems;
};

} // namespace

class tst_QtCameraSource : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void streamsDistinctTimestampedFrames();
    void choosesFullHdAndCameraByName();
    void reportsMissingCamera();
    void recoversFromOpenFailure();
    void watchdogRestartsSilentCamera();
    void reportsBlackFrames();
    void followsHotPlug();
    void choosesMjpegOnAUvcWebcam_data();
    void choosesMjpegOnAUvcWebcam();
    void reportsATinyCamera();
    void previewSubsamplesTheCameraPixels_data();
    void previewSubsamplesTheCameraPixels();

private:
    std::unique_ptr<QtCameraSource> makeSource(const QString &camera = {});

    kiosk::test::FakeCameraControl m_control;
    kiosk::Clock m_clock;
};

std::unique_ptr<QtCameraSource> tst_QtCameraSource::makeSource(const QString &camera)
{
    kiosk::CameraOptions options;
    options.camera = camera;
    options.watchdog.startTimeoutMs = 2500;
    options.watchdog.stallTimeoutMs = 600;
    options.watchdog.blackMs = 300;
    options.watchdog.lumaEveryMs = 50;
    return std::make_unique<QtCameraSource>(options, m_clock);
}

void tst_QtCameraSource::init()
{
    m_control.reset();
    QTRY_COMPARE(QMediaDevices::videoInputs().size(), 1);
}

void tst_QtCameraSource::streamsDistinctTimestampedFrames()
{
    auto source = makeSource();
    Recorder rec(source.get());
    source->start();
    QTRY_VERIFY_WITH_TIMEOUT(rec.frames.size() >= 15, 15000);
    QCOMPARE(source->state(), FrameSource::State::Streaming);
    QCOMPARE(source->cameraName(), u"Kiosk Fake Camera"_s);
    // Within a session: timestamps strictly increase (the duplicate first frame is
    // gone), sequence numbers too, and captured times follow the timestamps.
    for (qsizetype i = 1; i < rec.frames.size(); ++i) {
        const CameraFrame &a = rec.frames.at(i - 1);
        const CameraFrame &b = rec.frames.at(i);
        QVERIFY(b.sequence > a.sequence);
        if (a.session != b.session)
            continue;
        QVERIFY(b.timestampUs > a.timestampUs);
        QVERIFY(a.captured <= b.captured);
    }
    QCOMPARE(rec.last.image().size(), QSize(1920, 1080));
    QVERIFY(!rec.last.image().isNull());
    // Opaque camera pixels come as RGB32, which imaging reads in place (matView).
    QCOMPARE(rec.last.image().format(), QImage::Format_RGB32);
    QCOMPARE(kiosk::matView(rec.last.image()).channels(), 4);
    source->stop();
    QCOMPARE(source->state(), FrameSource::State::Stopped);
    const auto delivered = rec.frames.size();
    const int stoppedSession = rec.last.session;
    // stop() stops frames (Qt 6.4's camera may not: the source drops them). Start again:
    // every frame after the stop belongs to the new session, none to the stopped one.
    source->start();
    QTRY_VERIFY_WITH_TIMEOUT(rec.frames.size() > delivered + 2, 15000);
    for (qsizetype i = delivered; i < rec.frames.size(); ++i)
        QVERIFY2(rec.frames.at(i).session > stoppedSession, "a frame after stop()");
    source->stop();
}

void tst_QtCameraSource::choosesFullHdAndCameraByName()
{
    m_control.set(u"count"_s, 2);
    QTRY_COMPARE(QMediaDevices::videoInputs().size(), 2);
    auto source = makeSource(u"kiosk fake camera 2"_s);
    Recorder rec(source.get());
    source->start();
    QTRY_VERIFY_WITH_TIMEOUT(!rec.frames.isEmpty(), 15000);
    QCOMPARE(source->cameraName(), u"Kiosk Fake Camera 2"_s);
    QCOMPARE(source->format().resolution(), QSize(1920, 1080));
    QCOMPARE(rec.first.size(), QSize(1920, 1080));
}

void tst_QtCameraSource::reportsMissingCamera()
{
    auto source = makeSource(u"Brio 4K"_s);
    Recorder rec(source.get());
    source->start();
    QCOMPARE(source->state(), FrameSource::State::Waiting);
    QCOMPARE(source->problem(), CameraProblem::NoCamera);
    QVERIFY(!kiosk::cameraProblemText(CameraProblem::NoCamera).isEmpty());
}

void tst_QtCameraSource::recoversFromOpenFailure()
{
    m_control.set(u"fail_open"_s, 2); // the first two opens fail like a busy device
    auto source = makeSource();
    Recorder rec(source.get());
    source->start();
    QTRY_VERIFY_WITH_TIMEOUT(rec.problems.contains(CameraProblem::Busy), 15000);
    QTRY_VERIFY_WITH_TIMEOUT(rec.frames.size() >= 3, 15000);
    QCOMPARE(source->problem(), CameraProblem::None);
    QVERIFY(source->sessions() >= 3);
}

void tst_QtCameraSource::watchdogRestartsSilentCamera()
{
    // The first session goes silent after 10 frames; the watchdog must rebuild it.
    m_control.set(u"silent_after"_s, 10);
    m_control.set(u"silent_times"_s, 1);
    auto source = makeSource();
    Recorder rec(source.get());
    source->start();
    QTRY_VERIFY_WITH_TIMEOUT(!rec.frames.isEmpty(), 15000);
    const int firstSession = rec.frames.constFirst().session;
    QTRY_VERIFY_WITH_TIMEOUT(rec.frames.constLast().session > firstSession, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(rec.frames.size() >= 20, 15000);
    QVERIFY(source->restarts() >= 1);
    QCOMPARE(source->state(), FrameSource::State::Streaming);
    // A single restart that worked is not the customer's business.
    QVERIFY(!rec.problems.contains(CameraProblem::Stalled));
}

void tst_QtCameraSource::reportsBlackFrames()
{
    m_control.set(u"black_after"_s, 5);
    auto source = makeSource();
    Recorder rec(source.get());
    source->start();
    QTRY_COMPARE_WITH_TIMEOUT(source->problem(), CameraProblem::Black, 15000);
    QVERIFY(kiosk::meanLuma(rec.last.image()) < 16);
    QCOMPARE(source->state(), FrameSource::State::Streaming);
}

void tst_QtCameraSource::followsHotPlug()
{
    auto source = makeSource();
    Recorder rec(source.get());
    source->start();
    QTRY_VERIFY_WITH_TIMEOUT(!rec.frames.isEmpty(), 15000);

    m_control.set(u"count"_s, 0);
    QTRY_COMPARE_WITH_TIMEOUT(source->problem(), CameraProblem::Unplugged, 5000);
    QCOMPARE(source->state(), FrameSource::State::Waiting);
    const auto before = rec.frames.size();

    m_control.set(u"count"_s, 1);
    QTRY_VERIFY_WITH_TIMEOUT(rec.frames.size() >= before + 5, 15000);
    QCOMPARE(source->problem(), CameraProblem::None);
    QCOMPARE(source->state(), FrameSource::State::Streaming);
}

void tst_QtCameraSource::choosesMjpegOnAUvcWebcam_data()
{
    QTest::addColumn<QString>("profile");
    QTest::addColumn<QSize>("size");
    QTest::addColumn<bool>("mjpeg");
    // A UVC webcam gives 1080p at 30 fps only as MJPEG (YUY2 1080p is 5 fps).
    QTest::newRow("uvc-1080p") << u"uvc-1080p"_s << QSize(1920, 1080) << true;
    QTest::newRow("uvc-4k: 1080p, not 4K") << u"uvc-4k"_s << QSize(1920, 1080) << true;
    QTest::newRow("yuy2-only: its 720p") << u"yuy2-only"_s << QSize(1280, 720) << false;
}

void tst_QtCameraSource::choosesMjpegOnAUvcWebcam()
{
    QFETCH(QString, profile);
    QFETCH(QSize, size);
    QFETCH(bool, mjpeg);
    m_control.set(u"profile"_s, profile);
    QTRY_VERIFY_WITH_TIMEOUT(QMediaDevices::videoInputs().size() == 1 &&
                                 QMediaDevices::videoInputs().constFirst().videoFormats().size() !=
                                     3,
                             10000);
    auto source = makeSource();
    Recorder rec(source.get());
    source->start();
    QTRY_VERIFY_WITH_TIMEOUT(rec.frames.size() >= 10, 15000);
    QCOMPARE(source->format().resolution(), size);
    QCOMPARE(source->format().pixelFormat() == QVideoFrameFormat::Format_Jpeg, mjpeg);
    QCOMPARE(source->format().maxFrameRate(), 30.f);
    // Decoded by Qt's pipeline (jpegdec for MJPEG) into full-size frames.
    QCOMPARE(rec.last.image().size(), size);
    QCOMPARE(rec.last.image().format(), QImage::Format_RGB32); // decoded JPEG: opaque
    QVERIFY(!rec.problems.contains(CameraProblem::LowResolution));
    source->stop();
}

void tst_QtCameraSource::reportsATinyCamera()
{
    m_control.set(u"profile"_s, u"tiny"_s);
    QTRY_VERIFY_WITH_TIMEOUT(QMediaDevices::videoInputs().size() == 1 &&
                                 QMediaDevices::videoInputs().constFirst().videoFormats().size() ==
                                     2,
                             10000);
    auto source = makeSource();
    Recorder rec(source.get());
    source->start();
    QTRY_VERIFY_WITH_TIMEOUT(!rec.frames.isEmpty(), 15000);
    QVERIFY(rec.problems.contains(CameraProblem::LowResolution));
    QCOMPARE(source->format().resolution(), QSize(320, 240));
    source->stop();
}

void tst_QtCameraSource::previewSubsamplesTheCameraPixels_data()
{
    QTest::addColumn<QString>("profile");
    QTest::addColumn<QSize>("size");
    QTest::newRow("yuy2-only: raw YUY2 720p") << u"yuy2-only"_s << QSize(1280, 720);
    QTest::newRow("uvc-1080p: MJPEG decoded by jpegdec") << u"uvc-1080p"_s << QSize(1920, 1080);
}

// The preview of a real frame comes from the camera's own pixels (the frame is not
// converted in full) and looks like the full conversion scaled down: same size, a small
// mean difference per channel (BT.601 integer math against Qt's shader-free conversion).
void tst_QtCameraSource::previewSubsamplesTheCameraPixels()
{
    QFETCH(QString, profile);
    QFETCH(QSize, size);
    m_control.set(u"profile"_s, profile);
    // The profile's device, not the default one (3 formats) nor the previous test's.
    const auto offers = [&size]() {
        const auto inputs = QMediaDevices::videoInputs();
        if (inputs.size() != 1 || inputs.constFirst().videoFormats().size() == 3)
            return false;
        QSize largest;
        for (const QCameraFormat &f : inputs.constFirst().videoFormats()) {
            if (f.resolution().width() > largest.width())
                largest = f.resolution();
        }
        return largest == size;
    };
    QTRY_VERIFY_WITH_TIMEOUT(offers(), 10000);
    auto source = makeSource();
    Recorder rec(source.get());
    source->start();
    QTRY_VERIFY_WITH_TIMEOUT(rec.frames.size() >= 5, 15000);
    QCOMPARE(source->format().resolution(), size);
    const CameraFrame frame = rec.last;

    const QSize target(640, 360);
    const QImage preview = frame.preview(target);
    QVERIFY2(!frame.isConverted(), "preview() converted the whole frame");
    const QImage full = frame.image();
    QVERIFY(frame.isConverted());
    const QImage expected = full.scaled(target, Qt::KeepAspectRatio, Qt::FastTransformation)
                                .convertToFormat(QImage::Format_RGB32);
    QCOMPARE(preview.size(), expected.size());
    const QImage shown = preview.convertToFormat(QImage::Format_RGB32);
    double diff[3] = {0, 0, 0};
    double level = 0;
    for (int y = 0; y < shown.height(); ++y) {
        const auto *a = reinterpret_cast<const QRgb *>(shown.constScanLine(y));
        const auto *b = reinterpret_cast<const QRgb *>(expected.constScanLine(y));
        for (int x = 0; x < shown.width(); ++x) {
            diff[0] += std::abs(qRed(a[x]) - qRed(b[x]));
            diff[1] += std::abs(qGreen(a[x]) - qGreen(b[x]));
            diff[2] += std::abs(qBlue(a[x]) - qBlue(b[x]));
            level += qGray(b[x]);
        }
    }
    const double n = double(shown.width()) * shown.height();
    qInfo("mean abs difference R %.2f G %.2f B %.2f, mean level %.1f", diff[0] / n, diff[1] / n,
          diff[2] / n, level / n);
    QVERIFY2(level / n > 20, "the scene is dark: the comparison would say little");
    for (double d : diff)
        QVERIFY2(d / n < 12, qPrintable(u"mean difference %1 levels"_s.arg(d / n)));
    source->stop();
}

QTEST_MAIN(tst_QtCameraSource)
#include "tst_qtcamerasource.moc"
