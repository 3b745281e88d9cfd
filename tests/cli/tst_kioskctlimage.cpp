#include "kioskctlrun.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

// kioskctl compress and inspect, run as the built binary on real photos.
class tst_KioskctlImage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void compress_data();
    void compress();
    void compressErrors();
    void inspect();

private:
    using Result = kiosk::test::KioskctlResult;
    static Result kioskctl(const QStringList &arguments);
    QTemporaryDir m_dir;
};

tst_KioskctlImage::Result tst_KioskctlImage::kioskctl(const QStringList &arguments)
{
    return kiosk::test::runKioskctl(arguments);
}

void tst_KioskctlImage::compress_data()
{
    QTest::addColumn<QString>("photo");
    QTest::addColumn<qint64>("budget");
    QTest::newRow("aloeL, 100 kB") << u"aloeL.jpg"_s << qint64(100000);
    QTest::newRow("building, 40 kB") << u"building.jpg"_s << qint64(40000);
    QTest::newRow("sudoku PNG, default budget") << u"sudoku.png"_s << qint64(0);
}

void tst_KioskctlImage::compress()
{
    QFETCH(QString, photo);
    QFETCH(qint64, budget);
    const QString out = m_dir.filePath(photo + u".out.jpg"_s);
    QStringList args{u"compress"_s, QStringLiteral(KIOSK_OPENCV_SAMPLES "/") + photo, out};
    if (budget > 0)
        args << u"--budget"_s << QString::number(budget);
    const Result r = kioskctl(args);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray jpeg = file.readAll();
    QVERIFY(jpeg.startsWith("\xff\xd8"));
    QVERIFY(jpeg.size() <= (budget > 0 ? budget : 500000));
    QVERIFY(r.out.contains(u"quality"_s));
    QVERIFY(r.out.contains(QString::number(jpeg.size()) + u" bytes"_s));
}

void tst_KioskctlImage::compressErrors()
{
    const QString in = QStringLiteral(KIOSK_OPENCV_SAMPLES "/building.jpg");
    QCOMPARE(kioskctl({u"compress"_s, in}).exitCode, 2);
    QCOMPARE(
        kioskctl({u"compress"_s, in, m_dir.filePath(u"x.jpg"_s), u"--budget"_s, u"-5"_s}).exitCode,
        2);
    QCOMPARE(kioskctl({u"compress"_s, m_dir.filePath(u"missing.jpg"_s), m_dir.filePath(u"x.jpg"_s)})
                 .exitCode,
             4);
    // Impossible budgets are a failure with a reason, not a crash.
    const Result r =
        kioskctl({u"compress"_s, in, m_dir.filePath(u"x.jpg"_s), u"--budget"_s, u"2000"_s});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.err.contains(u"does not fit"_s));
}

void tst_KioskctlImage::inspect()
{
    const Result face =
        kioskctl({u"inspect"_s, QStringLiteral(KIOSK_OPENCV_SAMPLES "/messi5.jpg")});
    QVERIFY2(face.exitCode == 0, qPrintable(face.err));
    QVERIFY(face.out.contains(u"548x342"_s));
    QVERIFY(face.out.contains(u"sharpness:"_s));
    QVERIFY2(!face.out.contains(u"faces:       0"_s), qPrintable(face.out));
    const Result blurred =
        kioskctl({u"inspect"_s, QStringLiteral(KIOSK_OPENCV_SAMPLES "/text_defocus.jpg")});
    QCOMPARE(blurred.exitCode, 0);
    QVERIFY(blurred.out.contains(u"faces:       0"_s));
    QVERIFY(blurred.out.contains(u"card guide:"_s));
    QCOMPARE(kioskctl({u"inspect"_s, m_dir.filePath(u"missing.png"_s)}).exitCode, 4);
}

QTEST_GUILESS_MAIN(tst_KioskctlImage)
#include "tst_kioskctlimage.moc"
