#include "imaging/capturethresholds.h"
#include "imaging/framequality.h"
#include "testimages.h"

#include <QTest>

#include <functional>

using namespace Qt::StringLiterals;
using namespace kiosk;

// A row's blur: what the camera would do to the frame.
using Blur = std::function<void(const cv::Mat &in, cv::Mat &out)>;
Q_DECLARE_METATYPE(Blur)

class tst_FrameQuality : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sharpness_data();
    void sharpness();
    void blurLowersSharpness_data();
    void blurLowersSharpness();
    void glare();
    void brightness();
    void analysisCopy();
};

void tst_FrameQuality::sharpness_data()
{
    QTest::addColumn<QString>("photo");
    QTest::addColumn<bool>("sharp");
    // Real photos of text: in focus, out of focus, and blurred by motion.
    QTest::newRow("sudoku (printed grid and digits)") << u"sudoku.png"_s << true;
    QTest::newRow("notes (printed music)") << u"notes.png"_s << true;
    QTest::newRow("board (texture)") << u"board.jpg"_s << true;
    QTest::newRow("building") << u"building.jpg"_s << true;
    QTest::newRow("text out of focus") << u"text_defocus.jpg"_s << false;
    QTest::newRow("text with motion blur") << u"text_motion.jpg"_s << false;
    QTest::newRow("licence plate with motion blur") << u"licenseplate_motion.jpg"_s << false;
}

void tst_FrameQuality::sharpness()
{
    QFETCH(QString, photo);
    QFETCH(bool, sharp);
    const CaptureThresholds t;
    const cv::Mat grey =
        kiosk::analysisCopy(test::sample(photo.toLatin1().constData()), t.analysisWidth);
    QVERIFY(!grey.empty());
    const FrameQuality q = measureFrameQuality(grey, t.glareLevel);
    QVERIFY2((q.sharpness >= t.minSharpness) == sharp, qPrintable(QString::number(q.sharpness)));
}

void tst_FrameQuality::blurLowersSharpness_data()
{
    QTest::addColumn<Blur>("blur");
    QTest::newRow("defocus (Gaussian)") << Blur(
        [](const cv::Mat &in, cv::Mat &out) { cv::GaussianBlur(in, out, cv::Size(0, 0), 3.0); });
    QTest::newRow("horizontal motion") << Blur([](const cv::Mat &in, cv::Mat &out) {
        const cv::Mat kernel = cv::Mat::ones(1, 15, CV_32F) / 15.0f;
        cv::filter2D(in, out, -1, kernel);
    });
}

void tst_FrameQuality::blurLowersSharpness()
{
    QFETCH(Blur, blur);
    const CaptureThresholds t;
    const cv::Mat grey = kiosk::analysisCopy(test::sample("sudoku.png"), t.analysisWidth);
    cv::Mat blurred;
    blur(grey, blurred);
    QVERIFY(!blurred.empty());
    const double sharp = measureFrameQuality(grey).sharpness;
    const double soft = measureFrameQuality(blurred).sharpness;
    QVERIFY(sharp >= t.minSharpness);
    QVERIFY2(soft < t.minSharpness, qPrintable(QString::number(soft)));
}

void tst_FrameQuality::glare()
{
    const CaptureThresholds t;
    cv::Mat grey = kiosk::analysisCopy(test::sample("building.jpg"), t.analysisWidth);
    const double before = measureFrameQuality(grey, t.glareLevel).glareShare;
    QVERIFY(before < t.maxGlareShare);
    // A specular highlight: a saturated ellipse over a quarter of the image.
    cv::ellipse(grey, cv::Point(grey.cols / 2, grey.rows / 2),
                cv::Size(grey.cols / 3, grey.rows / 3), 0, 0, 360, cv::Scalar(255), cv::FILLED);
    const FrameQuality q = measureFrameQuality(grey, t.glareLevel);
    QVERIFY2(q.glareShare > t.maxGlareShare, qPrintable(QString::number(q.glareShare)));
    // Measured only inside a region away from the highlight, there is none.
    const FrameQuality corner = measureFrameQuality(grey, t.glareLevel, cv::Rect(0, 0, 60, 60));
    QVERIFY(corner.glareShare < 0.05);
}

void tst_FrameQuality::brightness()
{
    const CaptureThresholds t;
    const cv::Mat grey = kiosk::analysisCopy(test::sample("building.jpg"), t.analysisWidth);
    const FrameQuality normal = measureFrameQuality(grey);
    QVERIFY(normal.brightness > t.minBrightness && normal.brightness < t.maxBrightness);
    cv::Mat dark;
    grey.convertTo(dark, -1, 0.25);
    QVERIFY(measureFrameQuality(dark).brightness < t.minBrightness);
    cv::Mat bright;
    grey.convertTo(bright, -1, 1.0, 120);
    QVERIFY(measureFrameQuality(bright).brightness > t.maxBrightness);
}

void tst_FrameQuality::analysisCopy()
{
    const cv::Mat frame = test::frameFrom(test::sample("building.jpg"), 1280, 720);
    double scale = 0;
    const cv::Mat grey = kiosk::analysisCopy(frame, 640, &scale);
    QCOMPARE(grey.type(), CV_8UC1);
    QCOMPARE(grey.cols, 640);
    QCOMPARE(grey.rows, 360);
    QCOMPARE(scale, 0.5);
    // Never upscales.
    QCOMPARE(kiosk::analysisCopy(grey, 1000, &scale).cols, 640);
    QCOMPARE(scale, 1.0);
    QVERIFY(measureFrameQuality(cv::Mat()).sharpness == 0);
}

QTEST_GUILESS_MAIN(tst_FrameQuality)
#include "tst_framequality.moc"
