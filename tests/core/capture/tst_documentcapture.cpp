// Document auto-capture on a synthetic source showing a rendered specimen card on a
// desk: guidance, capture once stable, the straightened and encoded crop, manual capture
// after the delay, refusal of frames below the minimum size, and frames that come while
// an analysis runs on the worker dropped rather than queued.
#include "capture/documentcapture.h"
#include "cardfixture.h"
#include "imaging/facedetector.h"
#include "specimen/idcardrenderer.h"
#include "syntheticframesource.h"

#include <QLinearGradient>
#include <QPainter>
#include <QSignalSpy>
#include <QTest>

using kiosk::DocumentCapture;
using kiosk::DocumentCaptureOptions;
using kiosk::DocumentCaptureResult;
using kiosk::Guidance;
using kiosk::Instruction;
using kiosk::ManualClock;
using kiosk::test::SyntheticFrameSource;

namespace {

QImage desk(QSize size = {1920, 1080})
{
    QImage frame(size, QImage::Format_RGB32);
    QPainter p(&frame);
    QLinearGradient g(0, 0, 0, size.height());
    g.setColorAt(0, QColor(0x3a, 0x2e, 0x26));
    g.setColorAt(1, QColor(0x24, 0x1c, 0x17));
    p.fillRect(frame.rect(), g);
    return frame;
}

// The specimen card lying on the desk, filling most of the capture guide.
QImage cardOnDesk(bool back = false)
{
    static QImage frames[2];
    QImage &frame = frames[back ? 1 : 0];
    if (frame.isNull())
        frame = kiosk::test::specimenCardOnDesk(desk(), back);
    return frame;
}

} // namespace

class tst_DocumentCapture : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void capturesAStableCard();
    void guidesWhenNoCardThenOffersManual();
    void refusesSmallFrames();
    void neverCapturesTheWrongSide();
    void capturesTheRightSideWithTheCheck();
    void dropsFramesWhileAnalysing();

private:
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<SyntheticFrameSource> m_source;
    qint64 m_ts = 0;
};

void tst_DocumentCapture::init()
{
    m_clock = std::make_unique<ManualClock>();
    m_source = std::make_unique<SyntheticFrameSource>(*m_clock);
    m_source->start();
    m_ts = 0;
}

void tst_DocumentCapture::capturesAStableCard()
{
    DocumentCapture capture(m_source.get(), *m_clock, DocumentCaptureOptions());
    QSignalSpy captured(&capture, &DocumentCapture::captured);
    QSignalSpy guidance(&capture, &DocumentCapture::guidanceChanged);
    capture.arm();
    for (int i = 0; i < 10 && captured.isEmpty(); ++i) {
        m_source->push(cardOnDesk(), m_ts, 100000);
        m_ts += 100000;
        QTRY_VERIFY(!capture.isBusy()); // the analysis (and the encode) on the worker
    }
    QCOMPARE(captured.size(), 1);
    QVERIFY(!capture.isArmed());
    const auto result = captured.constFirst().at(0).value<DocumentCaptureResult>();
    QVERIFY(!result.manual);
    QVERIFY(result.detection.found);
    QCOMPARE(result.frame.size(), QSize(1920, 1080)); // the still is the full frame
    // Straightened to the crop width at the card's aspect.
    QCOMPARE(result.card.width(), 1000);
    QVERIFY(qAbs(double(result.card.width()) / result.card.height() - 1.586) < 0.02);
    QVERIFY(guidance.constLast().at(0).value<Guidance>().ready());
    // The JPEG is the straightened card under the budget.
    QVERIFY(!result.jpeg.isEmpty());
    QVERIFY(result.jpeg.size() <= DocumentCaptureOptions().encode.budgetBytes);
    QCOMPARE(QImage::fromData(result.jpeg).size(), result.card.size());
}

void tst_DocumentCapture::guidesWhenNoCardThenOffersManual()
{
    DocumentCaptureOptions options;
    options.manualAfterMs = 20000;
    DocumentCapture capture(m_source.get(), *m_clock, options);
    QSignalSpy captured(&capture, &DocumentCapture::captured);
    QSignalSpy guidance(&capture, &DocumentCapture::guidanceChanged);
    QSignalSpy manual(&capture, &DocumentCapture::manualAvailable);
    capture.arm();
    m_source->push(desk(), 0, 100000);
    QTRY_COMPARE(guidance.size(), 1);
    QCOMPARE(guidance.constFirst().at(0).value<Guidance>().instruction, Instruction::ShowCard);
    QVERIFY(manual.isEmpty());
    m_source->push(desk(), 100000, 19'000'000);
    QVERIFY(manual.isEmpty());
    QTRY_VERIFY(!capture.isBusy());
    m_source->push(desk(), 200000, 1'000'000);
    QCOMPARE(manual.size(), 1);
    QTRY_VERIFY(!capture.isBusy());
    QVERIFY(captured.isEmpty());
    capture.captureNow();
    m_source->push(desk(), 300000, 33000);
    QTRY_COMPARE(captured.size(), 1);
    const auto result = captured.constFirst().at(0).value<DocumentCaptureResult>();
    QVERIFY(result.manual);
    QVERIFY(result.card.isNull());
    QCOMPARE(result.frame.size(), QSize(1920, 1080));
    QCOMPARE(QImage::fromData(result.jpeg).size(), QSize(1920, 1080)); // the whole frame
}

void tst_DocumentCapture::refusesSmallFrames()
{
    DocumentCapture capture(m_source.get(), *m_clock, DocumentCaptureOptions());
    QSignalSpy refused(&capture, &DocumentCapture::refused);
    QSignalSpy captured(&capture, &DocumentCapture::captured);
    capture.arm();
    m_source->push(desk({640, 480}), 0, 100000);
    QCOMPARE(refused.size(), 1);
    QCOMPARE(refused.constFirst().at(0).toSize(), QSize(640, 480));
    QVERIFY(captured.isEmpty());
}

void tst_DocumentCapture::neverCapturesTheWrongSide()
{
    kiosk::FaceDetector faces;
    QString error;
    QVERIFY2(faces.load(kiosk::FaceDetector::locateCascade({}, &error), &error), qPrintable(error));
    const kiosk::CardSideCheck check(&faces);
    DocumentCaptureOptions options;
    options.manualAfterMs = 0;
    DocumentCapture capture(m_source.get(), *m_clock, options);
    capture.setSideCheck(&check);
    QSignalSpy captured(&capture, &DocumentCapture::captured);
    QSignalSpy guidance(&capture, &DocumentCapture::guidanceChanged);
    QSignalSpy refusals(&capture, &DocumentCapture::sideRefused);
    // The front step, the back shown: sharp, still and well framed, 40 frames long.
    capture.arm(kiosk::CardSide::Front);
    for (int i = 0; i < 40; ++i) {
        m_source->push(cardOnDesk(true), m_ts, 100000);
        m_ts += 100000;
        QTRY_VERIFY(!capture.isBusy());
    }
    QVERIFY(captured.isEmpty());
    QVERIFY(capture.isArmed());
    QVERIFY(refusals.size() >= 3);
    QCOMPARE(refusals.constLast().at(0).toInt(), refusals.size()); // counted in a row
    QCOMPARE(guidance.constLast().at(0).value<Guidance>().instruction, Instruction::TurnCard);
    // A manual capture of the wrong side is refused too.
    capture.captureNow();
    m_source->push(cardOnDesk(true), m_ts, 100000);
    m_ts += 100000;
    QTRY_VERIFY(!capture.isBusy());
    QVERIFY(captured.isEmpty());
    // The agent accepts the side shown: the next ready frame is captured.
    capture.acceptSide();
    for (int i = 0; i < 10 && captured.isEmpty(); ++i) {
        m_source->push(cardOnDesk(true), m_ts, 100000);
        m_ts += 100000;
        QTRY_VERIFY(!capture.isBusy());
    }
    QCOMPARE(captured.size(), 1);
}

void tst_DocumentCapture::dropsFramesWhileAnalysing()
{
    DocumentCaptureOptions options;
    DocumentCapture capture(m_source.get(), *m_clock, options);
    QSignalSpy captured(&capture, &DocumentCapture::captured);
    capture.arm();
    // More good frames than the card needs to be stable, all while the first is analysed
    // (each past the analysis interval): one analysis, so no capture yet.
    const int frames = options.thresholds.stableFrames + 3;
    for (int i = 0; i < frames; ++i) {
        m_source->push(cardOnDesk(), m_ts, 100000);
        m_ts += 100000;
        QVERIFY(capture.isBusy());
    }
    QTRY_VERIFY(!capture.isBusy());
    QVERIFY(captured.isEmpty());
    // The next frames, each once the worker is free, are analysed and capture the card.
    for (int i = 0; i < frames && captured.isEmpty(); ++i) {
        m_source->push(cardOnDesk(), m_ts, 100000);
        m_ts += 100000;
        QTRY_VERIFY(!capture.isBusy());
    }
    QCOMPARE(captured.size(), 1);
}

void tst_DocumentCapture::capturesTheRightSideWithTheCheck()
{
    kiosk::FaceDetector faces;
    QString error;
    QVERIFY2(faces.load(kiosk::FaceDetector::locateCascade({}, &error), &error), qPrintable(error));
    const kiosk::CardSideCheck check(&faces);
    for (bool back : {false, true}) {
        DocumentCapture capture(m_source.get(), *m_clock, DocumentCaptureOptions());
        capture.setSideCheck(&check);
        QSignalSpy captured(&capture, &DocumentCapture::captured);
        QSignalSpy refusals(&capture, &DocumentCapture::sideRefused);
        capture.arm(back ? kiosk::CardSide::Back : kiosk::CardSide::Front);
        for (int i = 0; i < 10 && captured.isEmpty(); ++i) {
            m_source->push(cardOnDesk(back), m_ts, 100000);
            m_ts += 100000;
            QTRY_VERIFY(!capture.isBusy());
        }
        QCOMPARE(captured.size(), 1);
        QVERIFY(refusals.isEmpty());
    }
}

QTEST_MAIN(tst_DocumentCapture)
#include "tst_documentcapture.moc"
