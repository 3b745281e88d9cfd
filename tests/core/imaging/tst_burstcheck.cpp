#include "imaging/budgetencoder.h"
#include "imaging/burstcheck.h"
#include "testimages.h"

#include <QTest>

#include <opencv2/videoio.hpp>

using namespace Qt::StringLiterals;
using namespace kiosk;

Q_DECLARE_METATYPE(BurstProblem)
using Problems = QList<BurstProblem>;

class tst_BurstCheck : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void bursts_data();
    void bursts();

private:
    QList<cv::Mat> m_video; // consecutive frames of a real video
};

void tst_BurstCheck::initTestCase()
{
    cv::VideoCapture video(KIOSK_OPENCV_SAMPLES "/Megamind.avi");
    QVERIFY(video.isOpened());
    cv::Mat frame;
    for (int i = 0; i < 60 && video.read(frame); ++i) {
        if (i >= 50 && i % 3 == 0)
            m_video.append(frame.clone());
    }
    QVERIFY(m_video.size() >= 3);
}

void tst_BurstCheck::bursts_data()
{
    QTest::addColumn<QString>("frames");
    QTest::addColumn<QList<int>>("offsetsMs"); // -1: no time
    QTest::addColumn<Problems>("problems");

    const QList<int> quick{0, 200, 400};
    QTest::newRow("three video frames in 0.4 s") << u"video"_s << quick << Problems{};
    QTest::newRow("exactly 0.5 s") << u"video"_s << QList<int>{0, 250, 500} << Problems{};
    QTest::newRow("0.6 s") << u"video"_s << QList<int>{0, 300, 600}
                           << Problems{BurstProblem::SpanTooLong};
    QTest::newRow("out of order times count by span")
        << u"video"_s << QList<int>{400, 0, 200} << Problems{};
    QTest::newRow("a frame without a time")
        << u"video"_s << QList<int>{0, -1, 200} << Problems{BurstProblem::MissingTime};
    QTest::newRow("the same frame three times")
        << u"same"_s << quick
        << Problems{BurstProblem::IdenticalBytes, BurstProblem::IdenticalPixels};
    QTest::newRow("same pixels, different bytes")
        << u"reencoded"_s << quick << Problems{BurstProblem::IdenticalPixels};
    QTest::newRow("three different photos")
        << u"photos"_s << quick << Problems{BurstProblem::DifferentScene};
    QTest::newRow("two frames only")
        << u"two"_s << QList<int>{0, 200} << Problems{BurstProblem::WrongCount};
    QTest::newRow("unreadable bytes")
        << u"garbage"_s << quick << Problems{BurstProblem::Unreadable};
}

void tst_BurstCheck::bursts()
{
    QFETCH(QString, frames);
    QFETCH(QList<int>, offsetsMs);
    QFETCH(Problems, problems);

    const QDateTime start(QDate(2026, 1, 2), QTime(10, 0, 0, 100));
    QList<BurstFrame> burst;
    for (qsizetype i = 0; i < offsetsMs.size(); ++i) {
        BurstFrame f;
        if (offsetsMs[i] >= 0)
            f.captured = start.addMSecs(offsetsMs[i]);
        if (frames == u"video" || frames == u"two") {
            f.image = m_video[i];
            f.jpeg = encodeJpeg(f.image, 90);
        } else if (frames == u"same") {
            f.image = m_video[0];
            f.jpeg = encodeJpeg(m_video[0], 90);
        } else if (frames == u"reencoded") {
            f.image = m_video[0];
            f.jpeg = encodeJpeg(m_video[0], 90 - int(i)); // bytes differ, pixels do not
        } else if (frames == u"photos") {
            const char *names[] = {"messi5.jpg", "building.jpg", "fruits.jpg"};
            f.image = test::frameFrom(test::sample(names[i]), 640, 360);
        } else if (frames == u"garbage") {
            f.jpeg = QByteArray(100, char('a' + i));
        }
        burst.append(f);
    }
    const BurstReport r = checkBurst(burst);
    QCOMPARE(r.problems, problems);
    QCOMPARE(r.ok(), problems.isEmpty());
    if (frames == u"video")
        QVERIFY2(r.sceneDifference > 0, qPrintable(QString::number(r.sceneDifference)));
}

QTEST_GUILESS_MAIN(tst_BurstCheck)
#include "tst_burstcheck.moc"
