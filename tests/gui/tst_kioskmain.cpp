#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

// The kiosk program itself (app/kiosk/main.cpp), started as systemd starts it: it switches
// core dumps off and makes itself non-dumpable (issue 11, defect 11). A probe preloaded into
// the process reports, as the kiosk exits, what the kernel says about it.
class tst_KioskMain : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void kioskProcessIsNotDumpable();
};

void tst_KioskMain::kioskProcessIsNotDumpable()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString report = dir.filePath(u"dumpable.txt"_s);
    QProcess kiosk;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    env.insert(u"LD_PRELOAD"_s, QStringLiteral(KIOSK_DUMPABLE_PROBE));
    env.insert(u"KIOSK_DUMPABLE_PROBE"_s, report);
    kiosk.setProcessEnvironment(env);
    kiosk.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    kiosk.start(QStringLiteral(KIOSK_KIOSK_BINARY),
                {u"--api-url"_s, u"http://127.0.0.1:1"_s, u"--quit-after"_s, u"1500"_s});
    QVERIFY(kiosk.waitForStarted());
    QVERIFY(kiosk.waitForFinished(60000));
    QCOMPARE(kiosk.exitStatus(), QProcess::NormalExit);
    QCOMPARE(kiosk.exitCode(), 0);
    QFile file(report);
    QVERIFY2(file.open(QIODevice::ReadOnly), "the probe wrote no report");
    QCOMPARE(file.readAll().trimmed(), QByteArray("dumpable=0 core=0/0"));
}

QTEST_GUILESS_MAIN(tst_KioskMain)
#include "tst_kioskmain.moc"
