// Face capture on a synthetic source and the ManualClock: guidance from the face
// analysis on the worker, the countdown on the Clock, the burst and its encodes, a burst
// that fails back to live guidance, manual capture after the delay, and capture without
// a face detector.
#include "capture/facecapture.h"
#include "facevideo.h"
#include "imaging/facedetector.h"
#include "imaging/jpegmetadata.h"
#include "syntheticframesource.h"

#include <QSignalSpy>
#include <QTest>

using kiosk::BurstMiss;
using kiosk::BurstResult;
using kiosk::FaceCapture;
using kiosk::FaceCaptureOptions;
using kiosk::FaceDetector;
using kiosk::Guidance;
using kiosk::Instruction;
using kiosk::ManualClock;
using kiosk::test::SyntheticFrameSource;

namespace {

constexpr qint64 kFrameUs = 33333; // 30 fps

QImage face(int variant)
{
    QString error;
    const QImage image = kiosk::test::faceFrame(variant, &error);
    if (image.isNull())
        qFatal("face frame: %s", qPrintable(error));
    return image;
}

QImage wall()
{
    QImage image(1920, 1080, QImage::Format_RGB32);
    image.fill(QColor(0x8a, 0x86, 0x80));
    return image;
}

} // namespace

class tst_FaceCapture : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void countsDownOnTheClockThenTakesTheBurst();
    void guidesWithoutAFaceThenOffersManual();
    void failedBurstGoesBackToLive();
    void withoutDetectorManualOnly();

private:
    // One frame: the clock moves a frame interval, then the frame comes.
    void push(const QImage &image);
    // Frames until the worker is free again after each (the analysis or the burst's work).
    void pushSettled(FaceCapture &capture, const QImage &image, int count);

    FaceDetector m_detector;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<SyntheticFrameSource> m_source;
    qint64 m_ts = 0;
    int m_n = 0;
};

void tst_FaceCapture::initTestCase()
{
    QString error;
    QVERIFY2(m_detector.load(FaceDetector::locateCascade(QString()), &error), qPrintable(error));
    QVERIFY2(!kiosk::test::faceFrame(0, &error).isNull(), qPrintable(error));
}

void tst_FaceCapture::init()
{
    m_clock = std::make_unique<ManualClock>();
    m_source = std::make_unique<SyntheticFrameSource>(*m_clock);
    m_source->start();
    m_ts = 0;
    m_n = 0;
}

void tst_FaceCapture::push(const QImage &image)
{
    m_ts += kFrameUs;
    m_source->push(image, m_ts, kFrameUs);
}

void tst_FaceCapture::pushSettled(FaceCapture &capture, const QImage &image, int count)
{
    for (int i = 0; i < count; ++i) {
        push(image);
        QTRY_VERIFY_WITH_TIMEOUT(!capture.isBusy(), 10000);
    }
}

void tst_FaceCapture::countsDownOnTheClockThenTakesTheBurst()
{
    FaceCaptureOptions options;
    options.countdownMs = 3000;
    options.encode.budgetBytes = 200000;
    FaceCapture capture(m_source.get(), *m_clock, options, &m_detector);
    QSignalSpy guidance(&capture, &FaceCapture::guidanceChanged);
    QSignalSpy countdown(&capture, &FaceCapture::countdownChanged);
    QSignalSpy captured(&capture, &FaceCapture::captured);
    capture.arm();
    QCOMPARE(capture.state(), FaceCapture::State::Live);
    push(face(m_n++));
    QTRY_COMPARE_WITH_TIMEOUT(capture.state(), FaceCapture::State::Countdown, 10000);
    QVERIFY(guidance.constLast().at(0).value<Guidance>().ready());
    const qint64 countdownStart = m_clock->monotonicUs();
    QCOMPARE(countdown.constLast().at(0).toInt(), 3);

    // The countdown moves with the clock only: 2.9 s of frames, still counting down.
    while (m_clock->monotonicUs() - countdownStart + kFrameUs < 3'000'000)
        push(face(m_n++));
    QCOMPARE(capture.state(), FaceCapture::State::Countdown);
    QCOMPARE(capture.countdownSeconds(), 1);
    QList<int> seconds;
    for (const auto &args : std::as_const(countdown))
        seconds << args.at(0).toInt();
    QCOMPARE(seconds, (QList<int>{3, 2, 1}));
    QVERIFY(captured.isEmpty());

    push(face(m_n++)); // past the end: the burst starts with the next frame
    QCOMPARE(capture.state(), FaceCapture::State::Burst);
    const qint64 burstFrom = m_clock->monotonicUs();
    for (int i = 0; i < 10 && !capture.isBusy(); ++i)
        push(face(m_n++));
    QTRY_COMPARE_WITH_TIMEOUT(captured.size(), 1, 15000);
    QCOMPARE(capture.state(), FaceCapture::State::Idle);
    const auto result = captured.constFirst().at(0).value<BurstResult>();
    QCOMPARE(result.frames.size(), 3);
    QVERIFY(result.frames.constFirst().arrivalUs > burstFrom);
    QCOMPARE(result.jpegs.size(), 3);
    for (int i = 0; i < 3; ++i) {
        QVERIFY(result.jpegs.at(i).size() <= 200000);
        QCOMPARE(kiosk::captureTime(result.jpegs.at(i))->toMSecsSinceEpoch(),
                 result.frames.at(i).captured.toMSecsSinceEpoch());
    }
}

void tst_FaceCapture::guidesWithoutAFaceThenOffersManual()
{
    FaceCaptureOptions options;
    options.manualAfterMs = 5000;
    options.countdownMs = 1000;
    FaceCapture capture(m_source.get(), *m_clock, options, &m_detector);
    QSignalSpy guidance(&capture, &FaceCapture::guidanceChanged);
    QSignalSpy manual(&capture, &FaceCapture::manualAvailable);
    capture.arm();
    pushSettled(capture, wall(), 1);
    QCOMPARE(guidance.size(), 1);
    QCOMPARE(guidance.constFirst().at(0).value<Guidance>().instruction, Instruction::ShowFace);
    QCOMPARE(capture.state(), FaceCapture::State::Live);
    m_clock->advanceMs(4900);
    pushSettled(capture, wall(), 1);
    QVERIFY(manual.isEmpty());
    pushSettled(capture, wall(), 3); // 5 s on the clock
    QCOMPARE(manual.size(), 1);
    QCOMPARE(guidance.size(), 1); // the same instruction is not repeated
    capture.captureNow();
    QCOMPARE(capture.state(), FaceCapture::State::Countdown);
    QCOMPARE(capture.countdownSeconds(), 1);
}

void tst_FaceCapture::failedBurstGoesBackToLive()
{
    FaceCaptureOptions options;
    options.countdownMs = 0;
    options.burst.attempts = 2;
    FaceCapture capture(m_source.get(), *m_clock, options, &m_detector);
    QSignalSpy failed(&capture, &FaceCapture::burstFailed);
    QSignalSpy captured(&capture, &FaceCapture::captured);
    capture.arm();
    capture.captureNow(); // no countdown: the burst is armed at once
    QCOMPARE(capture.state(), FaceCapture::State::Burst);
    const QImage frozen = face(0); // a photo held up: the same pixels every frame
    for (int i = 0; i < 40 && failed.isEmpty(); ++i)
        pushSettled(capture, frozen, 1);
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.constFirst().at(0).value<BurstMiss>(), BurstMiss::NotDistinct);
    QVERIFY(captured.isEmpty());
    QCOMPARE(capture.state(), FaceCapture::State::Live); // judging faces again
}

void tst_FaceCapture::withoutDetectorManualOnly()
{
    FaceCaptureOptions options;
    options.manualAfterMs = 0;
    options.countdownMs = 500;
    FaceCapture capture(m_source.get(), *m_clock, options, nullptr);
    QSignalSpy guidance(&capture, &FaceCapture::guidanceChanged);
    QSignalSpy manual(&capture, &FaceCapture::manualAvailable);
    QSignalSpy captured(&capture, &FaceCapture::captured);
    capture.arm();
    push(face(m_n++));
    QCOMPARE(manual.size(), 1);
    QVERIFY(!capture.isBusy()); // nothing to analyse with
    capture.captureNow();
    for (int i = 0; i < 40 && captured.isEmpty(); ++i)
        pushSettled(capture, face(m_n++), 1);
    QCOMPARE(captured.size(), 1);
    QVERIFY(guidance.isEmpty());
}

QTEST_GUILESS_MAIN(tst_FaceCapture)
#include "tst_facecapture.moc"
