// The timed liveness burst, frame by frame on a synthetic source: planned offsets,
// the window, distinctness, silent retries, timestamps or arrival times, EXIF times, and
// the three encodes running at once on the worker.
#include "capture/burstcontroller.h"
#include "imaging/budgetencoder.h"
#include "imaging/jpegmetadata.h"
#include "syntheticframesource.h"

#include <QPainter>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTest>

#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

using kiosk::BurstController;
using kiosk::BurstMiss;
using kiosk::BurstOptions;
using kiosk::BurstResult;
using kiosk::CameraFrame;
using kiosk::ManualClock;
using kiosk::test::SyntheticFrameSource;

namespace {

constexpr qint64 kFrameUs = 33333; // 30 fps

// A real photo with a small shift per frame: the natural micro-motion of a face.
QImage scene(int n)
{
    static const QImage photo(QStringLiteral(KIOSK_OPENCV_SAMPLES "/messi5.jpg"));
    return photo.copy(20 + (n % 7), 20 + (n % 5), 400, 300);
}

} // namespace

class tst_BurstController : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void takesTheNearestFramesToPlannedOffsets();
    void waitsForTheTrigger();
    void lateFrameIsDiscardedAndRetried();
    void identicalFramesFailAfterAttempts();
    void sessionRestartInterrupts();
    void arrivalTimesWithoutTimestamps();
    void framesStopTimesOut();
    void encodesWithCaptureTimes();
    void encodesTheFramesInParallel();
    void convertsTakenFramesBeforeTheLastComes();

private:
    void pushFrames(int count, qint64 gapUs = kFrameUs);

    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<SyntheticFrameSource> m_source;
    qint64 m_ts = 0;
    int m_n = 0;
};

void tst_BurstController::init()
{
    m_clock = std::make_unique<ManualClock>();
    m_source = std::make_unique<SyntheticFrameSource>(*m_clock);
    m_source->start();
    m_ts = 0;
    m_n = 0;
}

void tst_BurstController::pushFrames(int count, qint64 gapUs)
{
    for (int i = 0; i < count; ++i) {
        m_ts += gapUs; // the frame comes gapUs after the previous, on both clocks
        m_source->push(scene(m_n++), m_ts, gapUs);
    }
}

void tst_BurstController::takesTheNearestFramesToPlannedOffsets()
{
    BurstController burst(m_source.get(), *m_clock);
    QSignalSpy captured(&burst, &BurstController::burstCaptured);
    pushFrames(5); // learns the frame interval
    burst.arm();
    pushFrames(10);
    QTRY_COMPARE(captured.size(), 1);
    const auto result = captured.constFirst().at(0).value<BurstResult>();
    QCOMPARE(result.frames.size(), 3);
    QCOMPARE(result.plannedMs, (QList<int>{0, 120, 240}));
    QVERIFY(result.backendTimestamps);
    // 30 fps: the frames nearest 120 and 240 ms are at 133.3 and 233.3 ms.
    QCOMPARE(qRound(result.achievedMs.at(1)), 133);
    QCOMPARE(qRound(result.achievedMs.at(2)), 233);
    QVERIFY(qAbs(result.spanMs() - result.plannedSpanMs()) <= 33.4);
    QCOMPARE(result.attempt, 1);
    QVERIFY(!burst.isArmed());
}

void tst_BurstController::waitsForTheTrigger()
{
    BurstController burst(m_source.get(), *m_clock);
    QSignalSpy captured(&burst, &BurstController::burstCaptured);
    bool faceReady = false;
    burst.setTrigger([&faceReady](const CameraFrame &) { return faceReady; });
    burst.arm();
    pushFrames(20);
    QVERIFY(captured.isEmpty());
    faceReady = true;
    const qint64 readyAt = m_ts;
    pushFrames(10);
    QTRY_COMPARE(captured.size(), 1);
    const auto result = captured.constFirst().at(0).value<BurstResult>();
    QCOMPARE(result.frames.constFirst().timestampUs, readyAt + kFrameUs);
}

void tst_BurstController::lateFrameIsDiscardedAndRetried()
{
    BurstController burst(m_source.get(), *m_clock);
    QSignalSpy captured(&burst, &BurstController::burstCaptured);
    QSignalSpy missed(&burst, &BurstController::attemptMissed);
    pushFrames(5);
    burst.arm();
    pushFrames(1);
    pushFrames(1, 600000); // the camera hiccups: the next frame comes 0.6 s later
    QCOMPARE(missed.size(), 1);
    QCOMPARE(missed.constFirst().at(0).value<BurstMiss>(), BurstMiss::Late);
    QVERIFY(captured.isEmpty());
    pushFrames(10);
    QTRY_COMPARE(captured.size(), 1);
    QCOMPARE(captured.constFirst().at(0).value<BurstResult>().attempt, 2);
}

void tst_BurstController::identicalFramesFailAfterAttempts()
{
    BurstOptions options;
    options.attempts = 2;
    BurstController burst(m_source.get(), *m_clock, options);
    QSignalSpy missed(&burst, &BurstController::attemptMissed);
    QSignalSpy failed(&burst, &BurstController::burstFailed);
    burst.arm();
    const QImage frozen = scene(0); // a frozen picture (a photo held up, a stuck camera)
    for (int i = 0; i < 30; ++i) {
        m_source->push(frozen, m_ts, kFrameUs);
        m_ts += kFrameUs;
        QTRY_VERIFY(!burst.isChecking()); // the check runs on the worker
    }
    QCOMPARE(missed.size(), 1);
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.constFirst().at(0).value<BurstMiss>(), BurstMiss::NotDistinct);
    QVERIFY(!burst.isArmed());
}

void tst_BurstController::sessionRestartInterrupts()
{
    BurstController burst(m_source.get(), *m_clock);
    QSignalSpy missed(&burst, &BurstController::attemptMissed);
    QSignalSpy captured(&burst, &BurstController::burstCaptured);
    burst.arm();
    pushFrames(2);
    m_source->newSession(); // the watchdog rebuilt the camera session mid-burst
    m_ts = 0;
    pushFrames(1);
    QCOMPARE(missed.size(), 1);
    QCOMPARE(missed.constFirst().at(0).value<BurstMiss>(), BurstMiss::Interrupted);
    pushFrames(10);
    QTRY_COMPARE(captured.size(), 1);
}

void tst_BurstController::arrivalTimesWithoutTimestamps()
{
    BurstController burst(m_source.get(), *m_clock);
    QSignalSpy captured(&burst, &BurstController::burstCaptured);
    burst.arm();
    for (int i = 0; i < 12; ++i)
        m_source->push(scene(m_n++), -1, 40000); // 25 fps, no backend timestamps
    QTRY_COMPARE(captured.size(), 1);
    const auto result = captured.constFirst().at(0).value<BurstResult>();
    QVERIFY(!result.backendTimestamps);
    QCOMPARE(qRound(result.achievedMs.at(1)), 120);
    QCOMPARE(qRound(result.achievedMs.at(2)), 240);
}

void tst_BurstController::framesStopTimesOut()
{
    BurstController burst(m_source.get(), *m_clock);
    QSignalSpy missed(&burst, &BurstController::attemptMissed);
    pushFrames(5);
    burst.arm();
    pushFrames(2);
    QVERIFY(missed.wait(3000));
    QCOMPARE(missed.constFirst().at(0).value<BurstMiss>(), BurstMiss::TimedOut);
    QVERIFY(burst.isArmed()); // retrying
}

void tst_BurstController::encodesWithCaptureTimes()
{
    BurstController burst(m_source.get(), *m_clock);
    kiosk::EncodeOptions options;
    options.budgetBytes = 100000;
    burst.setEncoder(BurstController::budgetEncoder(options));
    QSignalSpy captured(&burst, &BurstController::burstCaptured);
    burst.arm();
    pushFrames(10);
    QTRY_COMPARE(captured.size(), 1);
    const auto result = captured.constFirst().at(0).value<BurstResult>();
    QCOMPARE(result.jpegs.size(), 3);
    for (int i = 0; i < 3; ++i) {
        QVERIFY(result.jpegs.at(i).size() <= 100000);
        const auto time = kiosk::captureTime(result.jpegs.at(i));
        QVERIFY(time.has_value());
        QCOMPARE(time->toMSecsSinceEpoch(), result.frames.at(i).captured.toMSecsSinceEpoch());
    }
    QVERIFY(result.jpegs.at(0) != result.jpegs.at(1));
}

void tst_BurstController::encodesTheFramesInParallel()
{
    BurstController burst(m_source.get(), *m_clock);
    // Each encode waits until all three have started: done one after the other, the
    // first would give up and the burst would fail.
    auto started = std::make_shared<QSemaphore>();
    burst.setEncoder([started](const CameraFrame &frame) {
        started->release();
        if (!started->tryAcquire(3, 10000))
            return QByteArray();
        started->release(3);
        return QByteArray::number(frame.sequence);
    });
    QSignalSpy captured(&burst, &BurstController::burstCaptured);
    QSignalSpy missed(&burst, &BurstController::attemptMissed);
    burst.arm();
    pushFrames(10);
    QTRY_COMPARE_WITH_TIMEOUT(captured.size() + missed.size(), 1, 15000);
    QCOMPARE(captured.size(), 1);
    const auto result = captured.constFirst().at(0).value<BurstResult>();
    for (int i = 0; i < 3; ++i)
        QCOMPARE(result.jpegs.at(i), QByteArray::number(result.frames.at(i).sequence));
}

// A camera's frame is decoded on demand, once. The frames a burst has taken are converted
// and encoded while it waits for the next (the last frame then only waits for its own
// work), so they are ready before the burst ends.
void tst_BurstController::convertsTakenFramesBeforeTheLastComes()
{
    BurstController burst(m_source.get(), *m_clock);
    struct Encoded
    {
        std::mutex lock;
        QList<quint64> sequences;
    };
    auto encoded = std::make_shared<Encoded>();
    const auto encodedSoFar = [encoded]() {
        const std::lock_guard<std::mutex> locker(encoded->lock);
        return encoded->sequences;
    };
    burst.setEncoder([encoded](const CameraFrame &frame) {
        (void)frame.image();
        const std::lock_guard<std::mutex> locker(encoded->lock);
        encoded->sequences.append(frame.sequence);
        return QByteArray::number(frame.sequence);
    });
    QSignalSpy captured(&burst, &BurstController::burstCaptured);
    pushFrames(5); // learns the frame interval
    burst.arm();
    std::vector<std::shared_ptr<std::atomic<bool>>> converted;
    const auto pushOnDemand = [&]() {
        auto flag = std::make_shared<std::atomic<bool>>(false);
        converted.push_back(flag);
        const QImage image = scene(m_n++);
        m_ts += kFrameUs;
        m_source->push(CameraFrame(image.size(),
                                   [flag, image]() {
                                       flag->store(true);
                                       return image;
                                   }),
                       m_ts, kFrameUs);
    };
    pushOnDemand(); // taken at 0 ms
    QTRY_VERIFY(converted.at(0)->load());
    QTRY_COMPARE(encodedSoFar().size(), 1);
    for (int i = 0; i < 4; ++i) // the one at 133 ms is taken for 120 ms
        pushOnDemand();
    QTRY_VERIFY(converted.at(4)->load());
    QTRY_COMPARE(encodedSoFar().size(), 2); // both encoded before the last frame exists
    QVERIFY(!converted.at(1)->load());      // frames between are never converted
    QCOMPARE(captured.size(), 0);
    for (int i = 0; i < 3; ++i) // 233 ms: the last
        pushOnDemand();
    QTRY_COMPARE(captured.size(), 1);
    const auto result = captured.constFirst().at(0).value<BurstResult>();
    QCOMPARE(result.frames.constLast().sequence, result.frames.constFirst().sequence + 7);
    // Each frame encoded once, in the order taken; the results are the burst's.
    QCOMPARE(encodedSoFar(),
             (QList<quint64>{result.frames.at(0).sequence, result.frames.at(1).sequence,
                             result.frames.at(2).sequence}));
    for (int i = 0; i < 3; ++i)
        QCOMPARE(result.jpegs.at(i), QByteArray::number(result.frames.at(i).sequence));
}

QTEST_GUILESS_MAIN(tst_BurstController)
#include "tst_burstcontroller.moc"
