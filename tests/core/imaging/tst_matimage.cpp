#include "imaging/matimage.h"

#include <QColor>
#include <QTest>

#include <opencv2/core.hpp>

using namespace kiosk;

class tst_MatImage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void channelOrder();
    void nullAndUnsupported();
    void viewReadsCameraPixelsInPlace();
    void rgb32MatchesTheGeneralPath();
};

void tst_MatImage::roundTrip_data()
{
    QTest::addColumn<int>("type");
    QTest::newRow("BGR") << CV_8UC3;
    QTest::newRow("grey") << CV_8UC1;
}

void tst_MatImage::roundTrip()
{
    QFETCH(int, type);
    cv::Mat m(37, 53, type); // odd width: QImage rows are padded, Mat rows are not
    cv::randu(m, 0, 255);
    const QImage image = imageFromMat(m);
    QCOMPARE(image.size(), QSize(53, 37));
    const cv::Mat back = matFromImage(image);
    QCOMPARE(back.type(), type);
    QCOMPARE(cv::norm(m, back, cv::NORM_INF), 0.0);
}

void tst_MatImage::channelOrder()
{
    cv::Mat m(2, 2, CV_8UC3, cv::Scalar(255, 0, 0)); // blue in BGR
    QCOMPARE(imageFromMat(m).pixelColor(0, 0), QColor(Qt::blue));
    QImage red(3, 3, QImage::Format_ARGB32);
    red.fill(Qt::red);
    const cv::Mat r = matFromImage(red);
    QCOMPARE(r.at<cv::Vec3b>(1, 1), cv::Vec3b(0, 0, 255));
}

void tst_MatImage::nullAndUnsupported()
{
    QVERIFY(matFromImage(QImage()).empty());
    QVERIFY(imageFromMat(cv::Mat()).isNull());
    QVERIFY(imageFromMat(cv::Mat(4, 4, CV_32FC1)).isNull());
}

void tst_MatImage::viewReadsCameraPixelsInPlace()
{
    QImage camera(41, 7, QImage::Format_RGB32); // odd width
    camera.fill(QColor(10, 20, 30));
    const cv::Mat bgra = matView(camera);
    QCOMPARE(bgra.type(), CV_8UC4);
    QCOMPARE(static_cast<const void *>(bgra.data), static_cast<const void *>(camera.constBits()));
    QCOMPARE(bgra.at<cv::Vec4b>(3, 40), cv::Vec4b(30, 20, 10, 255));

    QImage grey(5, 3, QImage::Format_Grayscale8);
    grey.fill(77);
    QCOMPARE(matView(grey).type(), CV_8UC1);
    QCOMPARE(static_cast<const void *>(matView(grey).data),
             static_cast<const void *>(grey.constBits()));

    // Anything else (alpha that matters, other layouts) is not viewed: use the copy.
    QVERIFY(matView(QImage(4, 4, QImage::Format_ARGB32_Premultiplied)).empty());
    QVERIFY(matView(QImage(4, 4, QImage::Format_RGB888)).empty());
    QVERIFY(matView(QImage()).empty());
}

// The one-pass copy of RGB32 gives the bytes of the general path (via RGB888).
void tst_MatImage::rgb32MatchesTheGeneralPath()
{
    cv::Mat bgr(61, 97, CV_8UC3);
    cv::randu(bgr, 0, 255);
    const QImage camera = imageFromMat(bgr).convertToFormat(QImage::Format_RGB32);
    const cv::Mat fast = matFromImage(camera);
    const cv::Mat general = matFromImage(camera.convertToFormat(QImage::Format_RGB888));
    QCOMPARE(fast.type(), CV_8UC3);
    QCOMPARE(cv::norm(fast, general, cv::NORM_INF), 0.0);
    QCOMPARE(cv::norm(fast, bgr, cv::NORM_INF), 0.0);
}

QTEST_GUILESS_MAIN(tst_MatImage)
#include "tst_matimage.moc"
