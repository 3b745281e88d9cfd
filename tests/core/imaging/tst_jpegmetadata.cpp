#include "imaging/budgetencoder.h"
#include "imaging/jpegmetadata.h"

#include <QTest>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

using namespace Qt::StringLiterals;
using namespace kiosk;

class tst_JpegMetadata : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void onlyTheTimeIsWritten();
    void rejectsWhatIsNotAJpeg();
};

namespace {
QByteArray smallJpeg()
{
    cv::Mat img(64, 96, CV_8UC3);
    cv::randu(img, 0, 255);
    return encodeJpeg(img, 90);
}
} // namespace

void tst_JpegMetadata::roundTrip_data()
{
    QTest::addColumn<QDateTime>("time");
    QTest::newRow("with milliseconds") << QDateTime(QDate(2026, 3, 14), QTime(9, 26, 53, 589));
    QTest::newRow("whole second") << QDateTime(QDate(2025, 12, 31), QTime(23, 59, 59, 0));
    QTest::newRow("5 ms") << QDateTime(QDate(2024, 2, 29), QTime(0, 0, 0, 5));
}

void tst_JpegMetadata::roundTrip()
{
    QFETCH(QDateTime, time);
    const QByteArray jpeg = smallJpeg();
    const QByteArray tagged = withCaptureTime(jpeg, time);
    QCOMPARE(tagged.size(), jpeg.size() + captureTimeSegmentSize());
    const auto back = captureTime(tagged);
    QVERIFY(back.has_value());
    QCOMPARE(*back, time);
    QVERIFY(!captureTime(jpeg).has_value());
    // Still a JPEG any decoder reads.
    const cv::Mat bytes(1, int(tagged.size()), CV_8UC1, const_cast<char *>(tagged.constData()));
    QVERIFY(!cv::imdecode(bytes, cv::IMREAD_COLOR).empty());
}

void tst_JpegMetadata::onlyTheTimeIsWritten()
{
    const QByteArray jpeg = smallJpeg();
    const QList<quint8> plain = jpegSegmentMarkers(jpeg);
    // OpenCV writes JFIF APP0 and no other application or comment segment.
    QCOMPARE(plain.first(), quint8(0xe0));
    for (quint8 m : plain.mid(1))
        QVERIFY2(m < 0xe0 && m != 0xfe, qPrintable(QString::number(m, 16)));
    const QList<quint8> tagged =
        jpegSegmentMarkers(withCaptureTime(jpeg, QDateTime::currentDateTime()));
    QCOMPARE(tagged.size(), plain.size() + 1);
    QCOMPARE(tagged.at(1), quint8(0xe1));
    // The APP1 holds the EXIF header, two IFDs and the date: nothing else fits in it.
    QCOMPARE(captureTimeSegmentSize(), 2 + 2 + 6 + 76);
    // A second time is refused rather than stacking metadata.
    QVERIFY(withCaptureTime(withCaptureTime(jpeg, QDateTime::currentDateTime()),
                            QDateTime::currentDateTime())
                .isEmpty());
}

void tst_JpegMetadata::rejectsWhatIsNotAJpeg()
{
    QVERIFY(withCaptureTime("not a jpeg"_ba, QDateTime::currentDateTime()).isEmpty());
    QVERIFY(!captureTime("\xff\xd8\xff\xe1\x00\x04zz"_ba).has_value());
    QVERIFY(jpegSegmentMarkers(QByteArray("\xff\xd8\xff\xdb\x7f\xff", 6)).isEmpty());
    QVERIFY(withCaptureTime(smallJpeg(), QDateTime()).isEmpty());
}

QTEST_GUILESS_MAIN(tst_JpegMetadata)
#include "tst_jpegmetadata.moc"
