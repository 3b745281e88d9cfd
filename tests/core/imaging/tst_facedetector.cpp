#include "imaging/facedetector.h"
#include "testimages.h"

#include <QTemporaryDir>
#include <QTest>

#include <functional>

#include <opencv2/videoio.hpp>

using namespace Qt::StringLiterals;
using namespace kiosk;

// A row's change to the photo, moving the expected face box with it.
using Variant = std::function<void(cv::Mat &photo, cv::Rect &expected)>;
Q_DECLARE_METATYPE(Variant)

class tst_FaceDetector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void realPhotos_data();
    void realPhotos();
    void faceFreePhotos_data();
    void faceFreePhotos();
    void videoFrames();
    void geometry();
    void locateCascade();

private:
    FaceDetector m_faces;
};

void tst_FaceDetector::initTestCase()
{
    QString error;
    const QString path = FaceDetector::locateCascade({}, &error);
    QVERIFY2(!path.isEmpty(), qPrintable(error));
    QVERIFY2(m_faces.load(path, &error), qPrintable(error));
}

void tst_FaceDetector::realPhotos_data()
{
    QTest::addColumn<Variant>("variant");
    QTest::newRow("messi5 as shipped") << Variant([](cv::Mat &, cv::Rect &) {});
    QTest::newRow("messi5 mirrored") << Variant([](cv::Mat &photo, cv::Rect &expected) {
        cv::flip(photo, photo, 1);
        expected.x = photo.cols - expected.x - expected.width;
    });
    QTest::newRow("messi5 upper body in a 720p frame")
        << Variant([](cv::Mat &photo, cv::Rect &expected) {
               const cv::Rect crop(130, 40, 256, 144); // 16:9 around the player
               cv::resize(photo(crop), photo, cv::Size(1280, 720), 0, 0, cv::INTER_CUBIC);
               const double s = 1280.0 / crop.width;
               expected =
                   cv::Rect(cvRound((expected.x - crop.x) * s), cvRound((expected.y - crop.y) * s),
                            cvRound(expected.width * s), cvRound(expected.height * s));
           });
    QTest::newRow("messi5 darker")
        << Variant([](cv::Mat &photo, cv::Rect &) { photo.convertTo(photo, -1, 0.6); });
}

void tst_FaceDetector::realPhotos()
{
    QFETCH(Variant, variant);
    cv::Mat photo = test::sample("messi5.jpg");
    QVERIFY(!photo.empty());
    cv::Rect expected(227, 94, 38, 38); // where the face is in the original
    variant(photo, expected);
    const FaceReport r = m_faces.detect(photo, 0.1);
    // Haar cascades also fire on some shoulder-and-crowd patterns (at most one here);
    // the real face must be among the detections.
    QVERIFY(r.count() >= 1 && r.count() <= 2);
    double overlap = 0;
    for (const Face &f : r.faces)
        overlap = std::max(overlap, double((f.box & expected).area()) / (f.box | expected).area());
    QVERIFY2(overlap > 0.4, qPrintable(QString::number(overlap)));
}

void tst_FaceDetector::faceFreePhotos_data()
{
    QTest::addColumn<QString>("photo");
    for (const char *name : {"building.jpg", "fruits.jpg", "baboon.jpg", "board.jpg",
                             "starry_night.jpg", "aloeL.jpg", "home.jpg"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

void tst_FaceDetector::faceFreePhotos()
{
    QFETCH(QString, photo);
    const cv::Mat img = test::sample(photo.toLatin1().constData());
    QVERIFY(!img.empty());
    QCOMPARE(m_faces.detect(img, 0.1).count(), 0);
}

void tst_FaceDetector::videoFrames()
{
    // Megamind.avi: a face filmed close up, most frames frontal.
    cv::VideoCapture video(KIOSK_OPENCV_SAMPLES "/Megamind.avi");
    QVERIFY(video.isOpened());
    cv::Mat frame;
    int frames = 0, withFace = 0;
    for (int i = 0; i < 240 && video.read(frame); ++i) {
        if (i % 20)
            continue;
        ++frames;
        withFace += m_faces.detect(frame, 0.2).count() >= 1;
    }
    QVERIFY(frames >= 10);
    QVERIFY2(withFace * 2 >= frames, qPrintable(u"%1 of %2"_s.arg(withFace).arg(frames)));
}

void tst_FaceDetector::geometry()
{
    cv::Mat photo = test::sample("messi5.jpg");
    const FaceReport r = m_faces.detect(photo, 0.1);
    QVERIFY(r.count() >= 1);
    // The real face is the smaller detection (sorted largest first).
    const Face &f = r.faces.last();
    QCOMPARE(r.frame, photo.size());
    QVERIFY(f.share > 0.005 && f.share < 0.02); // 38 x 38 of 548 x 342
    QVERIFY(std::abs(f.offCentreX - (246.0 / 548 - 0.5)) < 0.03);
    QVERIFY(std::abs(f.offCentreY - (113.0 / 342 - 0.5)) < 0.03);
    // A detector without a cascade finds nothing rather than failing.
    FaceDetector unloaded;
    QCOMPARE(unloaded.detect(photo).count(), 0);
}

void tst_FaceDetector::locateCascade()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString name = QLatin1String(FaceDetector::kCascadeName);
    QFile::copy(u"/usr/share/opencv4/haarcascades/"_s + name, dir.filePath(name));
    // A configured folder wins over the system one.
    QCOMPARE(FaceDetector::locateCascade(dir.path()), dir.filePath(name));
    QCOMPARE(FaceDetector::cascadeSearchPath(dir.path()).first(), dir.filePath(name));
    // A configured file that is missing falls back to the system copy.
    QVERIFY(FaceDetector::locateCascade(dir.filePath(u"none.xml"_s)).startsWith(u"/usr/share"_s));
    QString error;
    FaceDetector detector;
    QVERIFY(!detector.load(dir.filePath(u"none.xml"_s), &error));
    QVERIFY(error.contains(u"none.xml"_s));
    QVERIFY(!detector.isLoaded());
}

QTEST_GUILESS_MAIN(tst_FaceDetector)
#include "tst_facedetector.moc"
