#include "imaging/budgetencoder.h"
#include "imaging/jpegmetadata.h"
#include "imaging/matimage.h"
#include "settings/settings.h"
#include "testimages.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace kiosk;

class tst_BudgetEncoder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void photos_data();
    void photos();
    void downscalesBeforeDroppingQuality();
    void dropsQualityAtMinimumWidth();
    void impossibleBudget();
    void deterministicWithCaptureTime();
    void greyImages();
    void optionsFromSettings();
    void downscalesWiderThanMaxWidthFirst();
    void cameraPixelsInPlaceGiveTheSameBytes();
};

void tst_BudgetEncoder::photos_data()
{
    QTest::addColumn<QString>("photo");
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("height");
    QTest::addColumn<qint64>("budget");

    const struct
    {
        const char *name;
        int w, h;
    } sizes[] = {{"720p", 1280, 720}, {"1080p", 1920, 1080}, {"4K", 3840, 2160}};
    for (const char *photo : {"baboon.jpg", "building.jpg", "leuvenA.jpg"}) {
        for (const auto &s : sizes) {
            for (qint64 budget : {500000, 200000}) {
                QTest::addRow("%s %s %lld", photo, s.name, budget)
                    << QString::fromLatin1(photo) << s.w << s.h << budget;
            }
        }
    }
}

void tst_BudgetEncoder::photos()
{
    QFETCH(QString, photo);
    QFETCH(int, width);
    QFETCH(int, height);
    QFETCH(qint64, budget);

    const cv::Mat frame =
        test::frameFrom(test::sample(photo.toLatin1().constData()), width, height);
    QVERIFY(!frame.empty());
    EncodeOptions o;
    o.budgetBytes = budget;
    const EncodeResult r = BudgetEncoder(o).encode(frame);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QVERIFY(r.jpeg.size() <= budget);
    QVERIFY(r.quality >= o.preferredMinQuality && r.quality <= o.maxQuality);
    // Predict then refine: never a walk down the quality scale.
    QVERIFY2(r.fullEncodes <= 2, qPrintable(QString::number(r.fullEncodes)));
    // The decoded output is the chosen size.
    const cv::Mat bytes(1, int(r.jpeg.size()), CV_8UC1, const_cast<char *>(r.jpeg.constData()));
    const cv::Mat decoded = cv::imdecode(bytes, cv::IMREAD_UNCHANGED);
    QCOMPARE(decoded.cols, r.size.width);
    QCOMPARE(decoded.rows, r.size.height);
    // Within one step of the best quality that fits at that size.
    const cv::Mat scaled = areaResize(frame, r.size);
    if (r.quality + 2 <= o.maxQuality)
        QVERIFY(encodeJpeg(scaled, r.quality + 2).size() > budget);
    // Downscaled only when the preferred quality did not fit at full size.
    if (r.scale < 1.0)
        QVERIFY(encodeJpeg(frame, o.preferredMinQuality).size() > budget);
    else
        QCOMPARE(r.size, frame.size());
}

void tst_BudgetEncoder::downscalesBeforeDroppingQuality()
{
    const cv::Mat frame = test::frameFrom(test::sample("baboon.jpg"), 1920, 1080);
    EncodeOptions o;
    o.budgetBytes = 120000;
    const EncodeResult r = BudgetEncoder(o).encode(frame);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QVERIFY(r.scale < 0.8);
    QVERIFY(r.size.width >= o.minWidth);
    QCOMPARE(r.quality >= o.preferredMinQuality, true);
    QVERIFY(r.jpeg.size() <= o.budgetBytes);
}

void tst_BudgetEncoder::dropsQualityAtMinimumWidth()
{
    const cv::Mat frame = test::frameFrom(test::sample("baboon.jpg"), 1280, 720);
    EncodeOptions o;
    o.budgetBytes = 40000;
    o.minWidth = 640;
    const EncodeResult r = BudgetEncoder(o).encode(frame);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.size.width, 640);
    QVERIFY(r.quality < o.preferredMinQuality);
    QVERIFY(r.quality >= o.minQuality);
    QVERIFY(r.jpeg.size() <= o.budgetBytes);
    // Low qualities are 1-2 % apart in bytes, inside the prediction margin: ask for the
    // budget to be used well rather than for the exact quality.
    QVERIFY2(r.jpeg.size() >= 0.9 * o.budgetBytes, qPrintable(QString::number(r.jpeg.size())));
    QVERIFY(r.fullEncodes <= 2);
    QVERIFY(r.sampleEncodes <= 24);
}

void tst_BudgetEncoder::impossibleBudget()
{
    const cv::Mat frame = test::frameFrom(test::sample("baboon.jpg"), 1280, 720);
    EncodeOptions o;
    o.budgetBytes = 5000;
    const EncodeResult r = BudgetEncoder(o).encode(frame);
    QVERIFY(!r.ok());
    QVERIFY(!r.error.isEmpty());
    QVERIFY(!BudgetEncoder().encode(cv::Mat()).ok());
    QVERIFY(!BudgetEncoder().encode(cv::Mat(10, 10, CV_32FC3)).ok());
}

void tst_BudgetEncoder::deterministicWithCaptureTime()
{
    const cv::Mat frame = test::frameFrom(test::sample("building.jpg"), 1920, 1080);
    EncodeOptions o;
    o.budgetBytes = 300000;
    o.captureTime = QDateTime(QDate(2026, 5, 4), QTime(10, 11, 12, 345));
    const EncodeResult a = BudgetEncoder(o).encode(frame);
    const EncodeResult b = BudgetEncoder(o).encode(frame.clone());
    QVERIFY(a.ok());
    QCOMPARE(a.jpeg, b.jpeg);
    QVERIFY(a.jpeg.size() <= o.budgetBytes);
    QCOMPARE(captureTime(a.jpeg), std::optional<QDateTime>(o.captureTime));
    const QList<quint8> markers = jpegSegmentMarkers(a.jpeg);
    QCOMPARE(markers.count(0xe1), 1);
    for (quint8 m : markers)
        QVERIFY(m == 0xe0 || m == 0xe1 || m < 0xe0);
}

void tst_BudgetEncoder::greyImages()
{
    const cv::Mat grey = test::sample("building.jpg", cv::IMREAD_GRAYSCALE);
    EncodeOptions o;
    o.budgetBytes = 60000;
    const EncodeResult r = BudgetEncoder(o).encode(grey);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QVERIFY(r.jpeg.size() <= o.budgetBytes);
}

void tst_BudgetEncoder::optionsFromSettings()
{
    Settings settings;
    settings.setOverride(Settings::Key::ImageBudgetFaceBytes, 123456);
    QCOMPARE(EncodeOptions::fromSettings(settings, ImageKind::Face).budgetBytes, 123456);
    QCOMPARE(EncodeOptions::fromSettings(settings, ImageKind::IdCard).budgetBytes, 500000);
    QCOMPARE(EncodeOptions::fromSettings(settings, ImageKind::IdCard).preferredMinQuality, 90);
    QCOMPARE(EncodeOptions::fromSettings(settings, ImageKind::Face).maxWidth, 1920);
    settings.setOverride(Settings::Key::JpegMaxWidth, 1280);
    QCOMPARE(EncodeOptions::fromSettings(settings, ImageKind::IdCard).maxWidth, 1280);
}

void tst_BudgetEncoder::downscalesWiderThanMaxWidthFirst()
{
    // A 4K camera frame: encoded at most 1920 wide, with the scale counted from the input.
    const cv::Mat frame = test::frameFrom(test::sample("building.jpg"), 3840, 2160);
    EncodeOptions o;
    o.maxWidth = 1920;
    const EncodeResult r = BudgetEncoder(o).encode(frame);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QVERIFY2(r.size.width <= 1920, qPrintable(QString::number(r.size.width)));
    QCOMPARE(r.size.width * 2160 / 3840, r.size.height);
    QVERIFY(qAbs(r.scale - double(r.size.width) / 3840) < 1e-9);
    QVERIFY(r.jpeg.size() <= o.budgetBytes);
    QVERIFY(r.quality >= o.preferredMinQuality);

    // Narrower than the limit: untouched by it.
    const cv::Mat small = test::frameFrom(test::sample("building.jpg"), 1280, 720);
    const EncodeResult same = BudgetEncoder(o).encode(small);
    o.maxWidth = 0;
    QCOMPARE(same.jpeg, BudgetEncoder(o).encode(small).jpeg);
}

// A camera frame (RGB32) read in place as BGRA (matView) encodes to the same bytes as its
// BGR copy: narrowed first at 4K, converted whole below the width limit.
void tst_BudgetEncoder::cameraPixelsInPlaceGiveTheSameBytes()
{
    EncodeOptions o;
    o.maxWidth = 1920;
    o.captureTime = QDateTime(QDate(2026, 11, 26), QTime(10, 0, 1, 250), Qt::UTC);
    for (const QSize size : {QSize(3840, 2160), QSize(1280, 720)}) {
        const cv::Mat bgr =
            test::frameFrom(test::sample("leuvenA.jpg"), size.width(), size.height());
        const QImage camera = imageFromMat(bgr).convertToFormat(QImage::Format_RGB32);
        const cv::Mat inPlace = matView(camera);
        QCOMPARE(inPlace.channels(), 4);
        const EncodeResult viaCopy = BudgetEncoder(o).encode(matFromImage(camera));
        const EncodeResult viaView = BudgetEncoder(o).encode(inPlace);
        QVERIFY2(viaView.ok(), qPrintable(viaView.error));
        QCOMPARE(viaView.size, viaCopy.size);
        QCOMPARE(viaView.jpeg, viaCopy.jpeg);
    }
}

QTEST_GUILESS_MAIN(tst_BudgetEncoder)
#include "tst_budgetencoder.moc"
