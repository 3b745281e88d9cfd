#include "imaging/matimage.h"

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

QTEST_GUILESS_MAIN(tst_MatImage)
#include "tst_matimage.moc"
