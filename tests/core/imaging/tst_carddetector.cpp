#include "imaging/carddetector.h"
#include "imaging/facedetector.h"
#include "imaging/frameanalyzer.h"
#include "imaging/guidance.h"
#include "imaging/matimage.h"
#include "specimen/idcardrenderer.h"
#include "specimen/persona.h"
#include "testimages.h"

#include <QTest>

#include <opencv2/imgproc.hpp>

#include <array>

using namespace Qt::StringLiterals;
using namespace kiosk;

using Quad = std::array<cv::Point2f, 4>;
Q_DECLARE_METATYPE(Quad)

// The card detector on photos of a rendered specimen card placed in perspective
// over real photos, as a webcam would see a card held in front of a room.
class tst_CardDetector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void warpedCards_data();
    void warpedCards();
    void noCard_data();
    void noCard();
    void stability();
    void analyzerGuidesToReady();
    void idFrontShowsAFace();

private:
    // The card warped onto a 1280x720 frame made from a real photo.
    cv::Mat scene(const char *background, const Quad &corners, bool glare = false) const;
    static Quad quad(cv::Point2f centre, float width, float angleDegrees, float keystone = 0);

    cv::Mat m_front; // BGR render, 1000 px wide
};

void tst_CardDetector::initTestCase()
{
    QString error;
    const auto personas = specimen::loadPersonasFile(specimen::builtInPersonasPath(), &error);
    QVERIFY2(!personas.isEmpty(), qPrintable(error));
    const specimen::IdCardRenderer renderer;
    m_front = matFromImage(renderer.renderFront(personas.first()));
    QVERIFY(!m_front.empty());
}

Quad tst_CardDetector::quad(cv::Point2f centre, float width, float angleDegrees, float keystone)
{
    const float h = width / 1.586f;
    // keystone > 0: the top edge is shorter (card leaning away at the top).
    const std::array<cv::Point2f, 4> local{cv::Point2f(-width / 2 * (1 - keystone), -h / 2),
                                           cv::Point2f(width / 2 * (1 - keystone), -h / 2),
                                           cv::Point2f(width / 2, h / 2),
                                           cv::Point2f(-width / 2, h / 2)};
    const float a = angleDegrees * float(CV_PI) / 180.f;
    Quad q;
    for (int i = 0; i < 4; ++i) {
        const cv::Point2f p = local[size_t(i)];
        q[size_t(i)] = centre + cv::Point2f(p.x * std::cos(a) - p.y * std::sin(a),
                                            p.x * std::sin(a) + p.y * std::cos(a));
    }
    return q;
}

cv::Mat tst_CardDetector::scene(const char *background, const Quad &corners, bool glare) const
{
    cv::Mat frame = test::frameFrom(test::sample(background), 1280, 720);
    const float w = float(m_front.cols - 1), h = float(m_front.rows - 1);
    const std::array<cv::Point2f, 4> from{cv::Point2f(0, 0), cv::Point2f(w, 0), cv::Point2f(w, h),
                                          cv::Point2f(0, h)};
    const cv::Mat m = cv::getPerspectiveTransform(from.data(), corners.data());
    cv::Mat card, mask;
    cv::warpPerspective(m_front, card, m, frame.size(), cv::INTER_AREA);
    cv::warpPerspective(cv::Mat(m_front.size(), CV_8UC1, cv::Scalar(255)), mask, m, frame.size());
    card.copyTo(frame, mask);
    if (glare) {
        // A lamp's reflection: a saturated blob over part of the card, soft at the edge.
        cv::Mat light = cv::Mat::zeros(frame.size(), CV_8UC3);
        const cv::Point2f c = (corners[0] + corners[2]) * 0.5f;
        cv::ellipse(light, cv::Point(cvRound(c.x), cvRound(c.y)), cv::Size(260, 150), 20, 0, 360,
                    cv::Scalar::all(255), cv::FILLED);
        cv::GaussianBlur(light, light, cv::Size(0, 0), 6);
        cv::add(frame, light, frame);
    }
    // The camera: slight defocus and sensor noise.
    cv::GaussianBlur(frame, frame, cv::Size(0, 0), 0.7);
    cv::Mat noise(frame.size(), CV_8UC3);
    cv::randn(noise, cv::Scalar::all(0), cv::Scalar::all(3));
    cv::add(frame, noise, frame, cv::noArray(), CV_8U);
    return frame;
}

void tst_CardDetector::warpedCards_data()
{
    QTest::addColumn<QString>("background");
    QTest::addColumn<Quad>("corners");
    QTest::addColumn<bool>("glare");
    QTest::addColumn<bool>("fillsGuide");

    const cv::Point2f c(640, 360);
    QTest::newRow("frontal, fills the guide")
        << u"building.jpg"_s << quad(c, 900, 0) << false << true;
    QTest::newRow("rotated 8 degrees") << u"home.jpg"_s << quad(c, 880, 8) << false << true;
    QTest::newRow("rotated -15 degrees")
        << u"fruits.jpg"_s << quad(c + cv::Point2f(20, 0), 800, -15) << false << false;
    QTest::newRow("perspective: top leaning away")
        << u"building.jpg"_s << quad(c, 920, 0, 0.08f) << false << true;
    QTest::newRow("perspective and rotation")
        << u"baboon.jpg"_s << quad(c, 880, 5, 0.06f) << false << true;
    QTest::newRow("small and off centre")
        << u"home.jpg"_s << quad(cv::Point2f(450, 300), 520, 3) << false << false;
    QTest::newRow("held upright (portrait)")
        << u"building.jpg"_s << quad(c, 560, 90) << false << false;
    QTest::newRow("glare on the card") << u"home.jpg"_s << quad(c, 900, 2) << true << true;
}

void tst_CardDetector::warpedCards()
{
    QFETCH(QString, background);
    QFETCH(Quad, corners);
    QFETCH(bool, glare);
    QFETCH(bool, fillsGuide);

    const CaptureThresholds t;
    const CardDetector detector(t);
    const cv::Mat frame = scene(background.toLatin1().constData(), corners, glare);
    const CardDetection d = detector.detect(frame);
    QVERIFY(d.found);
    QString where;
    for (const cv::Point2f &p : d.corners)
        where += u"(%1,%2) "_s.arg(p.x).arg(p.y);
    where += u"truth "_s;
    for (const cv::Point2f &p : corners)
        where += u"(%1,%2) "_s.arg(p.x).arg(p.y);
    where += u"fill %1"_s.arg(d.fill);
    // Every true corner has a detected corner within 1.25 % of the frame width (16 px).
    for (const cv::Point2f &truth : corners) {
        double best = 1e9;
        for (const cv::Point2f &p : d.corners)
            best = std::min(best, double(cv::norm(p - truth)));
        QVERIFY2(best < 16.0, qPrintable(QString::number(best) + u' ' + where));
    }
    QVERIFY(std::abs(d.aspect / 1.586 - 1) < 0.06);
    QVERIFY(!d.cutOff);
    QCOMPARE(d.fill >= t.minFill && d.fill <= t.maxFill, fillsGuide);
    // The top edge is a long edge, so the crop is landscape.
    const double top = cv::norm(d.corners[1] - d.corners[0]);
    const double side = cv::norm(d.corners[3] - d.corners[0]);
    QVERIFY(top > side);

    const cv::Mat crop = detector.crop(frame, d);
    QCOMPARE(crop.cols, 1000);
    QCOMPARE(crop.rows, 631);
    if (!glare && std::abs(d.rotationDegrees) < 45) {
        // The straightened crop looks like the rendered card.
        cv::Mat a, b, diff;
        cv::cvtColor(crop, a, cv::COLOR_BGR2GRAY);
        cv::cvtColor(m_front, b, cv::COLOR_BGR2GRAY);
        cv::resize(b, b, a.size(), 0, 0, cv::INTER_AREA);
        cv::GaussianBlur(a, a, cv::Size(0, 0), 2);
        cv::GaussianBlur(b, b, cv::Size(0, 0), 2);
        cv::absdiff(a, b, diff);
        QVERIFY2(cv::mean(diff)[0] < 20, qPrintable(QString::number(cv::mean(diff)[0])));
    }
}

void tst_CardDetector::noCard_data()
{
    QTest::addColumn<QString>("photo");
    for (const char *name : {"messi5.jpg", "baboon.jpg", "fruits.jpg", "starry_night.jpg"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

void tst_CardDetector::noCard()
{
    QFETCH(QString, photo);
    const cv::Mat frame = test::frameFrom(test::sample(photo.toLatin1().constData()), 1280, 720);
    QVERIFY(!CardDetector().detect(frame).found);
}

void tst_CardDetector::stability()
{
    const CardDetector detector;
    CardStabilityTracker tracker(3);
    const cv::Point2f c(640, 360);
    // Hand tremor of a pixel or two: stable on the third frame.
    for (int i = 0; i < 3; ++i) {
        const CardDetection d =
            detector.detect(scene("building.jpg", quad(c + cv::Point2f(float(i), 0), 900, 0)));
        QVERIFY(d.found);
        QCOMPARE(tracker.add(d), i == 2);
    }
    QCOMPARE(tracker.consecutive(), 3);
    // A jump restarts the count; a lost card resets it.
    QVERIFY(
        !tracker.add(detector.detect(scene("building.jpg", quad(c + cv::Point2f(60, 0), 900, 0)))));
    QCOMPARE(tracker.consecutive(), 1);
    QVERIFY(!tracker.add(CardDetection()));
    QCOMPARE(tracker.consecutive(), 0);
}

void tst_CardDetector::analyzerGuidesToReady()
{
    const CaptureThresholds t;
    FrameAnalyzer analyzer(t, nullptr);
    CardStabilityTracker tracker(t.stableFrames);
    const cv::Mat good = scene("home.jpg", quad(cv::Point2f(640, 360), 900, 1));
    Guidance g;
    for (int i = 0; i < t.stableFrames; ++i) {
        const FrameAnalysis a = analyzer.analyze(good);
        tracker.add(a.card);
        g = cardGuidance(a.quality, a.card, tracker.consecutive(), t);
    }
    QCOMPARE(g.instruction, Instruction::Ready);

    const FrameAnalysis glare =
        analyzer.analyze(scene("home.jpg", quad(cv::Point2f(640, 360), 900, 1), true));
    QVERIFY(glare.card.found);
    QCOMPARE(cardGuidance(glare.quality, glare.card, 5, t).instruction, Instruction::AvoidGlare);

    const FrameAnalysis small =
        analyzer.analyze(scene("home.jpg", quad(cv::Point2f(640, 360), 500, 1)));
    QCOMPARE(cardGuidance(small.quality, small.card, 5, t).instruction, Instruction::MoveCloser);

    const FrameAnalysis none =
        analyzer.analyze(test::frameFrom(test::sample("fruits.jpg"), 1280, 720));
    QCOMPARE(cardGuidance(none.quality, none.card, 0, t).instruction, Instruction::ShowCard);
}

void tst_CardDetector::idFrontShowsAFace()
{
    // Vlens error 3014: the ID front must show a face; check it on the straightened crop.
    QString error;
    FaceDetector faces;
    QVERIFY2(faces.load(FaceDetector::locateCascade({}, &error), &error), qPrintable(error));
    const CardDetector detector;
    const cv::Mat frame = scene("home.jpg", quad(cv::Point2f(640, 360), 900, 4));
    const CardDetection d = detector.detect(frame);
    QVERIFY(d.found);
    const cv::Mat crop = detector.crop(frame, d);
    QCOMPARE(faces.detect(crop, 0.1).count(), 1);
    // The back of a card, or a photo of a card with the face covered, has none.
    cv::Mat covered = crop.clone();
    const FaceReport before = faces.detect(crop, 0.1);
    cv::rectangle(covered, before.faces.first().box, cv::Scalar::all(128), cv::FILLED);
    QCOMPARE(faces.detect(covered, 0.1).count(), 0);
}

QTEST_MAIN(tst_CardDetector)
#include "tst_carddetector.moc"
