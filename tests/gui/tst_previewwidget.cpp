// The camera preview: what it counts as shown is what the customer saw of the camera's rate.
#include "previewwidget.h"

#include <QTest>

using namespace kiosk;

class tst_PreviewWidget : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void countsEachFrameOnceHoweverOftenPainted();
    void stillAndNothingAreNoFrames();
};

namespace {

QImage frame(int shade)
{
    QImage image(320, 180, QImage::Format_RGB32);
    image.fill(QColor(shade, shade, shade));
    return image;
}

} // namespace

void tst_PreviewWidget::countsEachFrameOnceHoweverOftenPainted()
{
    PreviewWidget preview;
    preview.resize(640, 360);
    preview.show();
    QVERIFY(QTest::qWaitForWindowExposed(&preview));
    const qint64 before = preview.framesShown();

    preview.setFrame(frame(40));
    preview.repaint();
    QCOMPARE(preview.framesShown(), before + 1);
    // A repaint for anything else (the guide turning green, a text) shows no new frame.
    preview.setReady(true);
    preview.repaint();
    preview.repaint();
    QCOMPARE(preview.framesShown(), before + 1);

    const QImage second = frame(80);
    preview.setFrame(second);
    preview.repaint();
    QCOMPARE(preview.framesShown(), before + 2);
    // The same picture handed over again is the same frame.
    preview.setFrame(second);
    preview.repaint();
    QCOMPARE(preview.framesShown(), before + 2);

    // Frames replaced before they were painted were never shown.
    preview.setFrame(frame(100));
    preview.setFrame(frame(120));
    preview.repaint();
    QCOMPARE(preview.framesShown(), before + 3);
}

void tst_PreviewWidget::stillAndNothingAreNoFrames()
{
    PreviewWidget preview;
    preview.resize(640, 360);
    preview.show();
    QVERIFY(QTest::qWaitForWindowExposed(&preview));
    preview.repaint();
    QCOMPARE(preview.framesShown(), 0);
    preview.setStill(frame(200));
    preview.repaint();
    QCOMPARE(preview.framesShown(), 0);
}

QTEST_MAIN(tst_PreviewWidget)
#include "tst_previewwidget.moc"
