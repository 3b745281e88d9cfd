// Camera options: the format chooser (table of offered formats) and the parsers.
#include "capture/cameraoptions.h"
#include "settings/settings.h"

#include <QTest>

using kiosk::CameraFormatInfo;

Q_DECLARE_METATYPE(QList<CameraFormatInfo>)

class tst_CameraOptions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void chooseFormat_data();
    void chooseFormat();
    void parsers();
    void fromSettings();
};

void tst_CameraOptions::chooseFormat_data()
{
    QTest::addColumn<QList<CameraFormatInfo>>("formats");
    QTest::addColumn<int>("expected");
    const CameraFormatInfo vga{{640, 480}, 30, false};
    const CameraFormatInfo hd{{1280, 720}, 30, false};
    const CameraFormatInfo fhdYuyv5{{1920, 1080}, 5, false};
    const CameraFormatInfo fhdMjpeg{{1920, 1080}, 30, true};
    const CameraFormatInfo fhdYuyv30{{1920, 1080}, 30, false};
    const CameraFormatInfo uhd{{3840, 2160}, 30, true};
    QTest::newRow("empty") << QList<CameraFormatInfo>{} << -1;
    QTest::newRow("only small: the largest") << QList{vga, hd} << 1;
    QTest::newRow("1080p over 720p") << QList{hd, fhdMjpeg, vga} << 1;
    QTest::newRow("fluent MJPEG over 5 fps YUYV") << QList{fhdYuyv5, fhdMjpeg} << 1;
    QTest::newRow("uncompressed at equal rate") << QList{fhdMjpeg, fhdYuyv30} << 1;
    QTest::newRow("smallest at or above 1080p") << QList{uhd, fhdMjpeg, hd} << 1;
    QTest::newRow("4K when it is all above") << QList{hd, uhd} << 1;
}

void tst_CameraOptions::chooseFormat()
{
    QFETCH(QList<CameraFormatInfo>, formats);
    QFETCH(int, expected);
    QCOMPARE(kiosk::chooseCameraFormat(formats, QSize(1920, 1080)), expected);
}

void tst_CameraOptions::parsers()
{
    QCOMPARE(kiosk::parseSize(u"1920x1080"_qs), QSize(1920, 1080));
    QVERIFY(!kiosk::parseSize(u"1920*1080"_qs).isValid());
    QVERIFY(!kiosk::parseSize(u"0x10"_qs).isValid());
    QCOMPARE(kiosk::parseOffsets(u"0, 120,240"_qs), (QList<int>{0, 120, 240}));
    QVERIFY(kiosk::parseOffsets(u"0,240,120"_qs).isEmpty());
    QVERIFY(kiosk::parseOffsets(u"0,x"_qs).isEmpty());
}

void tst_CameraOptions::fromSettings()
{
    kiosk::Settings settings;
    settings.setOverride(kiosk::Settings::Key::CameraId, u" Logitech BRIO "_qs);
    settings.setOverride(kiosk::Settings::Key::CameraWatchdogMs, 900);
    settings.setOverride(kiosk::Settings::Key::CameraPreferredSize, u"1280x720"_qs);
    const auto o = kiosk::CameraOptions::fromSettings(settings);
    QCOMPARE(o.camera, u"Logitech BRIO"_qs);
    QCOMPARE(o.watchdog.stallTimeoutMs, 900);
    QCOMPARE(o.preferredSize, QSize(1280, 720));
    QCOMPARE(o.minDocumentSize, QSize(1280, 720));
    QCOMPARE(o.watchdog.blackLuma, 16.0);
}

QTEST_GUILESS_MAIN(tst_CameraOptions)
#include "tst_cameraoptions.moc"
