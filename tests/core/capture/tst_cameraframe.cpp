// CameraFrame: the full conversion runs once and is shared; preview() takes the cheap
// preview converter unless the full image is already there, and falls back to it.
#include "capture/cameraframe.h"

#include <QTest>

#include <atomic>
#include <thread>
#include <vector>

using kiosk::CameraFrame;

namespace {

QImage filled(QSize size, QColor colour)
{
    QImage image(size, QImage::Format_RGB32);
    image.fill(colour);
    return image;
}

// A 2000x1000 frame whose full conversion is blue and whose preview converter (when set)
// gives a red picture of the target's width and half its height (the frame's aspect),
// counting the calls of each.
struct CountingFrame
{
    explicit CountingFrame(bool withPreview, bool nullPreview = false)
        : frame(QSize(2000, 1000), [this]() {
            ++fullCalls;
            return filled(QSize(2000, 1000), Qt::blue);
        })
    {
        if (!withPreview)
            return;
        frame.setPreviewConvert([this, nullPreview](QSize target) {
            ++previewCalls;
            lastTarget = target;
            return nullPreview ? QImage()
                               : filled(QSize(target.width() * 2, target.width()), Qt::red);
        });
    }
    CameraFrame frame;
    std::atomic<int> fullCalls{0};
    std::atomic<int> previewCalls{0};
    QSize lastTarget;
};

} // namespace

class tst_CameraFrame : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void imageConvertsOnce();
    void previewUsesThePreviewConverter();
    void previewScalesTheConvertedImage();
    void previewWithoutAConverterConvertsInFull();
    void nullPreviewFallsBackToTheFullConversion();
    void smallImageIsNotEnlarged();
    void concurrentPreviewsAndImages();
};

void tst_CameraFrame::imageConvertsOnce()
{
    CountingFrame f(true);
    QVERIFY(!f.frame.isConverted());
    QCOMPARE(f.frame.size(), QSize(2000, 1000));
    QCOMPARE(f.frame.image().size(), QSize(2000, 1000));
    QCOMPARE(f.frame.image().pixelColor(5, 5), QColor(Qt::blue));
    QCOMPARE(f.fullCalls.load(), 1);
    QVERIFY(f.frame.isConverted());
    QVERIFY(CameraFrame().preview(QSize(10, 10)).isNull());
}

void tst_CameraFrame::previewUsesThePreviewConverter()
{
    CountingFrame f(true);
    const QImage shown = f.frame.preview(QSize(500, 400));
    QCOMPARE(f.previewCalls.load(), 1);
    QCOMPARE(f.lastTarget, QSize(500, 400));
    QCOMPARE(f.fullCalls.load(), 0);
    QVERIFY(!f.frame.isConverted());
    // The converter's 1000x500 is fitted into 500x400, aspect kept.
    QCOMPARE(shown.size(), QSize(500, 250));
    QCOMPARE(shown.pixelColor(5, 5), QColor(Qt::red));
    // Nothing cached: a second preview converts again, image() converts in full.
    f.frame.preview(QSize(500, 400));
    QCOMPARE(f.previewCalls.load(), 2);
    QCOMPARE(f.frame.image().pixelColor(5, 5), QColor(Qt::blue));
    QCOMPARE(f.fullCalls.load(), 1);
}

void tst_CameraFrame::previewScalesTheConvertedImage()
{
    CountingFrame f(true);
    QCOMPARE(f.frame.image().size(), QSize(2000, 1000));
    const QImage shown = f.frame.preview(QSize(400, 400));
    QCOMPARE(f.previewCalls.load(), 0);
    QCOMPARE(f.fullCalls.load(), 1);
    QCOMPARE(shown.size(), QSize(400, 200));
    QCOMPARE(shown.pixelColor(5, 5), QColor(Qt::blue));
}

void tst_CameraFrame::previewWithoutAConverterConvertsInFull()
{
    CountingFrame f(false);
    const QImage shown = f.frame.preview(QSize(640, 360));
    QCOMPARE(f.fullCalls.load(), 1);
    QVERIFY(f.frame.isConverted());
    QCOMPARE(shown.size(), QSize(640, 320));
    QCOMPARE(shown.pixelColor(5, 5), QColor(Qt::blue));
    f.frame.image();
    QCOMPARE(f.fullCalls.load(), 1);
}

void tst_CameraFrame::nullPreviewFallsBackToTheFullConversion()
{
    CountingFrame f(true, true);
    const QImage shown = f.frame.preview(QSize(640, 360));
    QCOMPARE(f.previewCalls.load(), 1);
    QCOMPARE(f.fullCalls.load(), 1);
    QCOMPARE(shown.size(), QSize(640, 320));
    QCOMPARE(shown.pixelColor(5, 5), QColor(Qt::blue));
    // Converted now: later previews scale the cached image.
    f.frame.preview(QSize(640, 360));
    QCOMPARE(f.previewCalls.load(), 1);
    QCOMPARE(f.fullCalls.load(), 1);
}

void tst_CameraFrame::smallImageIsNotEnlarged()
{
    const CameraFrame frame(filled(QSize(320, 240), Qt::green));
    QVERIFY(frame.isConverted());
    QCOMPARE(frame.preview(QSize(640, 360)).size(), QSize(320, 240));
    QCOMPARE(frame.preview(QSize(160, 160)).size(), QSize(160, 120));
}

void tst_CameraFrame::concurrentPreviewsAndImages()
{
    CountingFrame f(true);
    std::atomic<int> wrong{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&f, &wrong, t]() {
            for (int i = 0; i < 20; ++i) {
                const QImage image =
                    (t + i) % 3 == 0 ? f.frame.image() : f.frame.preview(QSize(200, 200));
                if (image.isNull() || image.width() < 200)
                    ++wrong;
            }
        });
    }
    for (auto &thread : threads)
        thread.join();
    QCOMPARE(wrong.load(), 0);
    QCOMPARE(f.fullCalls.load(), 1);
}

QTEST_GUILESS_MAIN(tst_CameraFrame)
#include "tst_cameraframe.moc"
