// imaging/yuvimage: a camera's YUV planes to RGB32 with OpenCV, checked against the
// picture they were made from and against what Qt 6.4's QVideoFrame::toImage gives for
// the same planes (the conversion QtCameraSource replaced), on a real photo.
#include "imaging/matimage.h"
#include "imaging/yuvimage.h"
#include "testimages.h"

#include <QTest>
#include <QVideoFrame>
#include <QVideoFrameFormat>

#include <opencv2/imgproc.hpp>

#include <cstring>

using namespace kiosk;

namespace {

struct Layout
{
    YuvLayout layout;
    QVideoFrameFormat::PixelFormat qt;
};

// The photo's pixels as a camera in `layout` would deliver them, in a QVideoFrame whose
// rows are padded (Qt's own strides).
QVideoFrame frameOf(const cv::Mat &bgr, const Layout &l)
{
    const int w = bgr.cols, h = bgr.rows;
    QVideoFrame frame(QVideoFrameFormat(QSize(w, h), l.qt));
    if (!frame.map(QVideoFrame::WriteOnly))
        return {};
    cv::Mat i420;
    cv::cvtColor(bgr, i420, cv::COLOR_BGR2YUV_I420); // Y, then U and V planes back to back
    const uchar *yPlane = i420.data;
    const uchar *uPlane = yPlane + w * h;
    const uchar *vPlane = uPlane + (w / 2) * (h / 2);
    for (int y = 0; y < h; ++y) {
        const uchar *ys = yPlane + y * w;
        const uchar *us = uPlane + (y / 2) * (w / 2);
        const uchar *vs = vPlane + (y / 2) * (w / 2);
        switch (l.layout) {
        case YuvLayout::Yuyv:
        case YuvLayout::Uyvy: {
            uchar *row = frame.bits(0) + y * frame.bytesPerLine(0);
            for (int x = 0; x < w; x += 2) {
                const bool yuyv = l.layout == YuvLayout::Yuyv;
                row[2 * x + (yuyv ? 0 : 1)] = ys[x];
                row[2 * x + (yuyv ? 2 : 3)] = ys[x + 1];
                row[2 * x + (yuyv ? 1 : 0)] = us[x / 2];
                row[2 * x + (yuyv ? 3 : 2)] = vs[x / 2];
            }
            break;
        }
        default: {
            std::memcpy(frame.bits(0) + y * frame.bytesPerLine(0), ys, size_t(w));
            if (y % 2)
                break;
            const int cy = y / 2;
            if (l.layout == YuvLayout::Nv12 || l.layout == YuvLayout::Nv21) {
                uchar *row = frame.bits(1) + cy * frame.bytesPerLine(1);
                const bool nv12 = l.layout == YuvLayout::Nv12;
                for (int x = 0; x < w / 2; ++x) {
                    row[2 * x] = nv12 ? us[x] : vs[x];
                    row[2 * x + 1] = nv12 ? vs[x] : us[x];
                }
            } else {
                const bool i420Order = l.layout == YuvLayout::I420;
                std::memcpy(frame.bits(1) + cy * frame.bytesPerLine(1), i420Order ? us : vs,
                            size_t(w / 2));
                std::memcpy(frame.bits(2) + cy * frame.bytesPerLine(2), i420Order ? vs : us,
                            size_t(w / 2));
            }
        }
        }
    }
    frame.unmap();
    return frame;
}

QImage convert(QVideoFrame frame, YuvLayout layout)
{
    if (!frame.map(QVideoFrame::ReadOnly))
        return {};
    YuvPlanes planes;
    planes.count = frame.planeCount();
    for (int i = 0; i < planes.count && i < 3; ++i) {
        planes.data[i] = frame.bits(i);
        planes.stride[i] = frame.bytesPerLine(i);
    }
    const QImage image = rgbFromYuv(layout, frame.width(), frame.height(), planes);
    frame.unmap();
    return image;
}

// Mean and largest absolute difference per channel between two RGB images.
std::pair<double, int> difference(const QImage &a, const QImage &b)
{
    const cv::Mat ma = matFromImage(a), mb = matFromImage(b);
    cv::Mat d;
    cv::absdiff(ma, mb, d);
    double largest = 0;
    cv::minMaxLoc(d.reshape(1), nullptr, &largest);
    const cv::Scalar mean = cv::mean(d);
    return {(mean[0] + mean[1] + mean[2]) / 3, int(largest)};
}

} // namespace

class tst_YuvImage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void agreesWithQtAndThePhoto_data();
    void agreesWithQtAndThePhoto();
    void refusesWhatItCannotReadSafely();
};

void tst_YuvImage::agreesWithQtAndThePhoto_data()
{
    QTest::addColumn<int>("layout");
    QTest::addColumn<int>("qtFormat");
    QTest::newRow("YUYV") << int(YuvLayout::Yuyv) << int(QVideoFrameFormat::Format_YUYV);
    QTest::newRow("UYVY") << int(YuvLayout::Uyvy) << int(QVideoFrameFormat::Format_UYVY);
    QTest::newRow("NV12") << int(YuvLayout::Nv12) << int(QVideoFrameFormat::Format_NV12);
    QTest::newRow("NV21") << int(YuvLayout::Nv21) << int(QVideoFrameFormat::Format_NV21);
    QTest::newRow("I420") << int(YuvLayout::I420) << int(QVideoFrameFormat::Format_YUV420P);
    QTest::newRow("YV12") << int(YuvLayout::Yv12) << int(QVideoFrameFormat::Format_YV12);
}

void tst_YuvImage::agreesWithQtAndThePhoto()
{
    QFETCH(int, layout);
    QFETCH(int, qtFormat);
    const Layout l{YuvLayout(layout), QVideoFrameFormat::PixelFormat(qtFormat)};
    // An odd multiple of 2 wide, so that rows are padded in Qt's buffers.
    const cv::Mat photo = test::frameFrom(test::sample("fruits.jpg"), 642, 480);
    const QVideoFrame frame = frameOf(photo, l);
    QVERIFY(frame.isValid());

    const QImage ours = convert(frame, l.layout);
    QVERIFY(!ours.isNull());
    QCOMPARE(ours.format(), QImage::Format_RGB32);
    QCOMPARE(ours.size(), QSize(642, 480));

    // Qt's CPU conversion: the same BT.601 limited-range matrix, rounded its own way.
    const auto [meanQt, largestQt] = difference(ours, frame.toImage());
    QVERIFY2(meanQt < 0.6 && largestQt <= 3,
             qPrintable(QStringLiteral("%1 %2").arg(meanQt).arg(largestQt)));
    // And the photo itself, back through 4:2:x chroma: close, not equal.
    const auto [meanPhoto, largestPhoto] = difference(ours, imageFromMat(photo));
    QVERIFY2(meanPhoto < 4, qPrintable(QString::number(meanPhoto)));
    qInfo("against Qt: mean %.3f, largest %d; against the photo: mean %.3f, largest %d", meanQt,
          largestQt, meanPhoto, largestPhoto);
}

void tst_YuvImage::refusesWhatItCannotReadSafely()
{
    std::vector<uchar> bytes(64 * 64 * 2, 128);
    YuvPlanes packed;
    packed.count = 1;
    packed.data[0] = bytes.data();
    packed.stride[0] = 64 * 2;
    QVERIFY(!rgbFromYuv(YuvLayout::Yuyv, 64, 64, packed).isNull());
    QVERIFY(rgbFromYuv(YuvLayout::Yuyv, 63, 64, packed).isNull()); // odd width: half a pair
    packed.stride[0] = 64 * 2 - 2;
    QVERIFY(rgbFromYuv(YuvLayout::Yuyv, 64, 64, packed).isNull()); // rows too short
    packed.stride[0] = 64 * 2;
    QVERIFY(rgbFromYuv(YuvLayout::Nv12, 64, 32, packed).isNull()); // a plane missing

    YuvPlanes planar;
    planar.count = 3;
    for (int i = 0; i < 3; ++i) {
        planar.data[i] = bytes.data();
        planar.stride[i] = i ? 32 : 64;
    }
    QVERIFY(!rgbFromYuv(YuvLayout::I420, 64, 32, planar).isNull());
    QVERIFY(rgbFromYuv(YuvLayout::I420, 64, 31, planar).isNull()); // odd height in 4:2:0
    planar.stride[2] = 31;
    QVERIFY(rgbFromYuv(YuvLayout::I420, 64, 32, planar).isNull());
    planar.stride[2] = 32;
    planar.data[1] = nullptr;
    QVERIFY(rgbFromYuv(YuvLayout::I420, 64, 32, planar).isNull());
    QVERIFY(rgbFromYuv(YuvLayout::I420, 0, 0, planar).isNull());
}

QTEST_MAIN(tst_YuvImage) // toImage() needs a QGuiApplication
#include "tst_yuvimage.moc"
