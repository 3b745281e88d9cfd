#include "imagedigest.h"
#include "imaging/facedetector.h"
#include "specimen/idcardrenderer.h"
#include "specimen/persona.h"
#include "specimen/syntheticface.h"

#include <QSet>
#include <QTest>

#include <opencv2/core.hpp>

using namespace Qt::StringLiterals;
using kiosk::FaceDetector;
using kiosk::FaceReport;
using kiosk::specimen::IdCardRenderer;
using kiosk::specimen::Persona;
using kiosk::specimen::SyntheticFace;
using kiosk::test::imageDigest;

// The specimen portrait: an invented face drawn per persona, which OpenCV's frontal-face
// Haar cascade (the kiosk's own FaceDetector) takes for a face, on its own and on the card.
class tst_SyntheticFace : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void deterministic();
    void personasLookDifferent();
    void cascadeFindsTheFace_data();
    void cascadeFindsTheFace();
    void cascadeFindsTheFaceOnTheCard_data();
    void cascadeFindsTheFaceOnTheCard();

private:
    static cv::Mat grey(const QImage &image);

    QList<Persona> m_personas;
    FaceDetector m_detector;
};

cv::Mat tst_SyntheticFace::grey(const QImage &image)
{
    const QImage g = image.convertToFormat(QImage::Format_Grayscale8);
    return cv::Mat(g.height(), g.width(), CV_8UC1, const_cast<uchar *>(g.constBits()),
                   size_t(g.bytesPerLine()))
        .clone();
}

void tst_SyntheticFace::initTestCase()
{
    QString error;
    m_personas = kiosk::specimen::loadPersonasFile(kiosk::specimen::builtInPersonasPath(), &error);
    QVERIFY2(!m_personas.isEmpty(), qPrintable(error));
    QVERIFY2(m_detector.load(FaceDetector::locateCascade(QString(), &error), &error),
             qPrintable(error));
}

void tst_SyntheticFace::deterministic()
{
    for (const Persona &p : std::as_const(m_personas)) {
        const QImage a = SyntheticFace::render(p);
        QCOMPARE(a.size(), QSize(460, 576));
        QCOMPARE(imageDigest(a), imageDigest(SyntheticFace::render(p)));
    }
}

void tst_SyntheticFace::personasLookDifferent()
{
    QSet<QByteArray> faces;
    for (const Persona &p : std::as_const(m_personas))
        faces.insert(imageDigest(SyntheticFace::render(p, QSize(230, 288))));
    QCOMPARE(faces.size(), m_personas.size());
}

void tst_SyntheticFace::cascadeFindsTheFace_data()
{
    QTest::addColumn<QSize>("size");
    QTest::newRow("card photo box at 1000 px") << QSize(230, 288);
    QTest::newRow("large") << QSize(460, 576);
    QTest::newRow("small") << QSize(96, 120);
}

void tst_SyntheticFace::cascadeFindsTheFace()
{
    QFETCH(QSize, size);
    for (const Persona &p : std::as_const(m_personas)) {
        const FaceReport report = m_detector.detect(grey(SyntheticFace::render(p, size)), 0.2);
        QVERIFY2(report.count() == 1, qPrintable(p.id + u": %1 faces"_s.arg(report.count())));
        // One face, in the middle, filling a good part of the portrait.
        QVERIFY2(std::abs(report.faces.first().offCentreX) < 0.1, qPrintable(p.id));
        QVERIFY2(report.faces.first().share > 0.15, qPrintable(p.id));
    }
}

void tst_SyntheticFace::cascadeFindsTheFaceOnTheCard_data()
{
    QTest::addColumn<int>("width");
    QTest::newRow("1000 px card") << 1000;
    QTest::newRow("800 px card") << 800;
}

void tst_SyntheticFace::cascadeFindsTheFaceOnTheCard()
{
    // On the whole card, the largest face the cascade finds is the one in the photo box.
    QFETCH(int, width);
    const IdCardRenderer renderer(width);
    const double scale = width / 1000.0;
    const QRect photoBox(qRound(40 * scale), qRound(160 * scale), qRound(230 * scale),
                         qRound(288 * scale));
    for (const Persona &p : std::as_const(m_personas)) {
        const cv::Mat card = grey(renderer.renderFront(p));
        const FaceReport report = m_detector.detect(card, 0.15);
        QVERIFY2(report.count() >= 1, qPrintable(p.id));
        const cv::Rect box = report.faces.first().box;
        const QPoint centre(box.x + box.width / 2, box.y + box.height / 2);
        QVERIFY2(photoBox.contains(centre), qPrintable(p.id));
    }
}

QTEST_MAIN(tst_SyntheticFace)
#include "tst_syntheticface.moc"
