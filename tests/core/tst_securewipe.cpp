#include "securewipe.h"

#include <QImage>
#include <QTest>

#include <opencv2/core.hpp>

#include <sys/prctl.h>
#include <sys/resource.h>

#include <algorithm>

using namespace Qt::StringLiterals;
using kiosk::Shared;

namespace {
bool allZero(const char *data, qsizetype size)
{
    return std::all_of(data, data + size, [](char c) { return c == 0; });
}
bool allZero(const QByteArray &bytes)
{
    return allZero(bytes.constData(), bytes.size());
}
bool allZero(const QString &text)
{
    return std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.unicode() == 0; });
}
bool allZero(const QImage &image)
{
    return allZero(reinterpret_cast<const char *>(image.constBits()), image.sizeInBytes());
}
bool allZero(const cv::Mat &mat)
{
    return cv::countNonZero(mat.reshape(1)) == 0;
}
} // namespace

// The wipe helper (issue 11, defect 11): what it overwrites is observed in place (the
// object keeps its size, all zero); what it must not touch stays as it was.
class tst_SecureWipe : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void byteArrayAloneIsZeroed();
    void sharedBytesAreZeroedOnlyWhenAsked();
    void literalsAndRawDataAreNeverWritten();
    void stringIsZeroed();
    void imageAloneIsZeroedSharedNever();
    void matAloneIsZeroedForeignNever();
    void wipeZeroesThenReleases();
    void coreDumpsAreDisabled();
};

void tst_SecureWipe::byteArrayAloneIsZeroed()
{
    QByteArray bytes(4096, 'J');
    const char *buffer = bytes.constData();
    QVERIFY(kiosk::secureZero(bytes));
    QVERIFY(bytes.constData() == buffer); // in place, no copy made first
    QCOMPARE(bytes.size(), qsizetype(4096));
    QVERIFY(allZero(bytes));
}

void tst_SecureWipe::sharedBytesAreZeroedOnlyWhenAsked()
{
    QByteArray kept(100, 'x');
    QByteArray copy = kept; // implicitly shared
    QVERIFY(!kiosk::secureZero(copy));
    QCOMPARE(kept, QByteArray(100, 'x')); // the other holder still needs it
    QVERIFY(kiosk::secureZero(copy, Shared::Zero));
    QVERIFY(allZero(kept)); // the end of a session: every copy goes
    QVERIFY(kept.constData() == copy.constData());
}

void tst_SecureWipe::literalsAndRawDataAreNeverWritten()
{
    QString literal = u"customer"_s; // read-only data of the program
    QVERIFY(!kiosk::secureZero(literal, Shared::Zero));
    QCOMPARE(literal, u"customer"_s);
    static const char raw[] = "not ours";
    QByteArray wrapped = QByteArray::fromRawData(raw, sizeof raw - 1);
    QVERIFY(!kiosk::secureZero(wrapped, Shared::Zero));
    QCOMPARE(QByteArray(raw), QByteArray("not ours"));
    QByteArray empty;
    QVERIFY(!kiosk::secureZero(empty, Shared::Zero));
}

void tst_SecureWipe::stringIsZeroed()
{
    QString ocr = u"أحمد محمد"_s + QString::number(29003150101235LL); // on the heap
    QVERIFY(kiosk::secureZero(ocr));
    QCOMPARE(ocr.size(), qsizetype(9 + 14));
    QVERIFY(allZero(ocr));
    QString a = QString(50, u'z');
    QString b = a;
    QVERIFY(!kiosk::secureZero(b));
    QCOMPARE(a, QString(50, u'z'));
    QVERIFY(kiosk::secureZero(b, Shared::Zero));
    QVERIFY(allZero(a));
}

void tst_SecureWipe::imageAloneIsZeroedSharedNever()
{
    QImage preview(64, 48, QImage::Format_RGB32);
    preview.fill(Qt::red);
    const uchar *bits = preview.constBits();
    QVERIFY(kiosk::secureZero(preview));
    QVERIFY(preview.constBits() == bits);
    QVERIFY(allZero(preview));

    QImage frame(32, 32, QImage::Format_RGB32);
    frame.fill(Qt::green);
    QImage held = frame;
    QVERIFY(!kiosk::secureZero(held, Shared::Zero)); // may be read-only memory: never
    QCOMPARE(frame.pixelColor(5, 5), QColor(Qt::green));
}

void tst_SecureWipe::matAloneIsZeroedForeignNever()
{
    cv::Mat card(40, 60, CV_8UC3, cv::Scalar(10, 20, 30));
    QVERIFY(kiosk::secureZero(card));
    QVERIFY(allZero(card));

    cv::Mat face(10, 10, CV_8UC1, cv::Scalar(7));
    cv::Mat roi = face(cv::Rect(2, 2, 4, 4)); // shares face's buffer
    QVERIFY(!kiosk::secureZero(roi));
    QCOMPARE(cv::countNonZero(face), 100);
    QVERIFY(kiosk::secureZero(roi, Shared::Zero));
    QVERIFY(allZero(face)); // the whole allocation, not only the view

    uchar foreign[16];
    std::fill(std::begin(foreign), std::end(foreign), uchar(9));
    cv::Mat over(4, 4, CV_8UC1, foreign);
    QVERIFY(!kiosk::secureZero(over, Shared::Zero));
    QCOMPARE(int(foreign[0]), 9);
}

void tst_SecureWipe::wipeZeroesThenReleases()
{
    QByteArray body(1000, 'b');
    QByteArray viewer = body;
    QVERIFY(!kiosk::secureWipe(body)); // shared: only this reference goes
    QVERIFY(body.isNull());
    QCOMPARE(viewer, QByteArray(1000, 'b'));
    QVERIFY(kiosk::secureZero(viewer)); // now the last holder
    QVERIFY(allZero(viewer));
    QVERIFY(kiosk::secureWipe(viewer));
    QVERIFY(viewer.isNull());

    QString text = QString(10, u'q');
    QVERIFY(kiosk::secureWipe(text));
    QVERIFY(text.isNull());
    QImage image(8, 8, QImage::Format_Grayscale8);
    image.fill(200);
    QVERIFY(kiosk::secureWipe(image));
    QVERIFY(image.isNull());
    cv::Mat mat(8, 8, CV_8UC1, cv::Scalar(1));
    QVERIFY(kiosk::secureWipe(mat));
    QVERIFY(mat.empty());
}

void tst_SecureWipe::coreDumpsAreDisabled()
{
    QString error;
    QVERIFY2(kiosk::disableCoreDumps(&error), qPrintable(error));
    QCOMPARE(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 0);
    rlimit limit{};
    QCOMPARE(getrlimit(RLIMIT_CORE, &limit), 0);
    QCOMPARE(limit.rlim_cur, rlim_t(0));
    QCOMPARE(limit.rlim_max, rlim_t(0));
}

QTEST_GUILESS_MAIN(tst_SecureWipe)
#include "tst_securewipe.moc"
