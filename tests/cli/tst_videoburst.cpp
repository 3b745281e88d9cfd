#include "videoburst.h"

#include <QTest>

#include <opencv2/core.hpp>

using namespace Qt::StringLiterals;
using kiosk::cli::takeVideoBurst;

// Bursts taken from real videos shipped by Debian's opencv-doc.
class tst_VideoBurst : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void burstFromRealVideo_data();
    void burstFromRealVideo();
    void failures_data();
    void failures();
};

static QString sample(const char *name)
{
    return QStringLiteral(KIOSK_OPENCV_SAMPLES "/") + QLatin1String(name);
}

void tst_VideoBurst::burstFromRealVideo_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<double>("startMs");
    QTest::addColumn<double>("frameIntervalMs");
    QTest::newRow("Megamind 24 fps") << sample("Megamind.avi") << 1000.0 << 1000 / 23.976;
    QTest::newRow("vtest 10 fps") << sample("vtest.avi") << 0.0 << 100.0;
}

void tst_VideoBurst::burstFromRealVideo()
{
    QFETCH(QString, path);
    QFETCH(double, startMs);
    QFETCH(double, frameIntervalMs);
    const QList<int> offsets{0, 120, 240};
    const auto burst = takeVideoBurst(path, startMs, offsets, 500);
    QVERIFY2(burst.error.isEmpty(), qPrintable(burst.error));
    QCOMPARE(burst.frames.size(), 3);
    QVERIFY(burst.frames.first().timestampMs >= startMs);
    QVERIFY(burst.spanMs() <= 500);
    for (int i = 0; i < 3; ++i) {
        const double offset = burst.frames[i].timestampMs - burst.frames[0].timestampMs;
        // Each frame lands at its planned offset or within one frame interval after it.
        QVERIFY2(offset >= offsets[i] && offset < offsets[i] + frameIntervalMs + 0.5,
                 qPrintable(u"frame %1 at +%2 ms"_s.arg(i).arg(offset)));
        QVERIFY(!burst.frames[i].image.empty());
    }
    for (int i = 1; i < 3; ++i)
        QVERIFY(cv::norm(burst.frames[i].image, burst.frames[i - 1].image, cv::NORM_INF) > 0);
}

void tst_VideoBurst::failures_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<double>("startMs");
    QTest::addColumn<double>("windowMs");
    QTest::addColumn<QString>("expected");
    QTest::newRow("missing file") << u"/nonexistent/video.avi"_s << 0.0 << 500.0
                                  << u"cannot open the video"_s;
    QTest::newRow("not a video") << sample("messi5.jpg") + u".nope"_s << 0.0 << 500.0
                                 << u"cannot open the video"_s;
    QTest::newRow("start past the end")
        << sample("Megamind.avi") << 3.6e6 << 500.0 << u"no frame at or after"_s;
    QTest::newRow("window too small for the offsets")
        << sample("vtest.avi") << 0.0 << 200.0 << u"over the 200 ms window"_s;
}

void tst_VideoBurst::failures()
{
    QFETCH(QString, path);
    QFETCH(double, startMs);
    QFETCH(double, windowMs);
    QFETCH(QString, expected);
    const auto burst = takeVideoBurst(path, startMs, {0, 120, 240}, windowMs);
    QVERIFY2(burst.error.contains(expected), qPrintable(burst.error));
    QVERIFY(burst.frames.isEmpty());
}

QTEST_GUILESS_MAIN(tst_VideoBurst)
#include "tst_videoburst.moc"
