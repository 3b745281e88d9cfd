#include "kioskctlrun.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace kiosk;

// kioskctl metrics and the fleet lines of kioskctl doctor, run as the built binary the
// way branch IT runs them. The --self output is kept for promtool
// (packaging/check-monitoring.sh).
class tst_KioskctlMetrics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void selfSetCarriesTheFleetLabels();
    void printsThePublishedFileAsItIs();
    void fallsBackToItsOwnSetWithoutAFile();
    void doctorShowsIdentityAndAMissingDirectory();
    void doctorSeesAFreshFile();

private:
    using Result = test::KioskctlResult;
    Result kioskctl(const QStringList &arguments, const QString &branch = {},
                    const QString &metricsDir = {});
    static QString unusedUrl();
};

tst_KioskctlMetrics::Result tst_KioskctlMetrics::kioskctl(const QStringList &arguments,
                                                          const QString &branch,
                                                          const QString &metricsDir)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(u"KIOSK_API_KEY"_s);
    env.insert(u"KIOSK_FLEET_BRANCH"_s, branch);
    env.insert(u"KIOSK_FLEET_KIOSK"_s, u"kiosk-09"_s);
    if (!metricsDir.isEmpty())
        env.insert(u"KIOSK_METRICS_TEXTFILE_DIR"_s, metricsDir);
    return test::runKioskctl(arguments, env);
}

QString tst_KioskctlMetrics::unusedUrl()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost);
    return u"http://127.0.0.1:%1"_s.arg(server.serverPort());
}

void tst_KioskctlMetrics::selfSetCarriesTheFleetLabels()
{
    const Result r = kioskctl({u"metrics"_s, u"--self"_s}, u"Luxor \"East\"\nbank"_s);
    QCOMPARE(r.exitCode, 0);
    const QString labels = u"branch=\"Luxor \\\"East\\\"\\nbank\",kiosk=\"kiosk-09\""_s;
    QVERIFY2(r.out.contains(u"kiosk_build_info{"_s + labels +
                            u",version=\"" KIOSK_VERSION u"\",qt=\""_s),
             qPrintable(r.out));
    QVERIFY(r.out.contains(u"kiosk_config_quality_retries{"_s + labels + u"} 3\n"_s));
    QVERIFY(r.out.contains(u"kiosk_sessions_total counter\n"_s));
    QVERIFY(r.out.contains(u"kiosk_camera_restarts_total{"_s + labels + u"} 0\n"_s));
    const QString directory = QStringLiteral(KIOSK_BINARY_DIR "/metrics-out");
    QVERIFY(QDir().mkpath(directory));
    QFile file(directory + u"/kioskctl-self.prom"_s);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(r.out.toUtf8());
}

void tst_KioskctlMetrics::printsThePublishedFileAsItIs()
{
    QTemporaryDir dir;
    const QByteArray published = "# HELP kiosk_camera_up Up.\n# TYPE kiosk_camera_up gauge\n"
                                 "kiosk_camera_up{branch=\"b\",kiosk=\"k\"} 1\n";
    QFile file(dir.filePath(u"onboarding-kiosk.prom"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(published);
    file.close();
    const Result r = kioskctl({u"metrics"_s, u"--dir"_s, dir.path()});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out.toUtf8(), published);
    QVERIFY2(r.err.contains(u"the kiosk's metrics from "_s + file.fileName()), qPrintable(r.err));
    // The directory from the configuration is the default.
    QCOMPARE(kioskctl({u"metrics"_s}, {}, dir.path()).out.toUtf8(), published);
}

void tst_KioskctlMetrics::fallsBackToItsOwnSetWithoutAFile()
{
    QTemporaryDir dir;
    const Result r = kioskctl({u"metrics"_s, u"--dir"_s, dir.path()}, u"aswan"_s);
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.err.contains(u"no metrics file at "_s + dir.filePath(u"onboarding-kiosk.prom"_s)),
             qPrintable(r.err));
    QVERIFY(r.out.contains(u"kiosk_build_info{branch=\"aswan\",kiosk=\"kiosk-09\""_s));
    QCOMPARE(kioskctl({u"metrics"_s, u"extra"_s}).exitCode, 2);
}

void tst_KioskctlMetrics::doctorShowsIdentityAndAMissingDirectory()
{
    const Result r = kioskctl({u"doctor"_s, u"--no-camera-test"_s, u"--api-url"_s, unusedUrl()},
                              u"giza-03"_s, u"/nonexistent/node-exporter"_s);
    QVERIFY2(r.out.contains(u"[ok  ] fleet  branch \"giza-03\", kiosk \"kiosk-09\""_s),
             qPrintable(r.out));
    QVERIFY(r.out.contains(u"[warn] metric the metrics directory /nonexistent/node-exporter "
                           "does not exist (the kiosk keeps working)"_s));
    QVERIFY(r.out.contains(u"adduser kiosk prometheus"_s));

    const Result unset =
        kioskctl({u"doctor"_s, u"--no-camera-test"_s, u"--api-url"_s, unusedUrl()});
    QVERIFY2(unset.out.contains(u"[warn] fleet  no branch is configured; kiosk \"kiosk-09\""_s),
             qPrintable(unset.out));
}

void tst_KioskctlMetrics::doctorSeesAFreshFile()
{
    QTemporaryDir dir;
    QFile file(dir.filePath(u"onboarding-kiosk.prom"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("kiosk_camera_up 1\n");
    file.close();
    const Result r = kioskctl({u"doctor"_s, u"--no-camera-test"_s, u"--api-url"_s, unusedUrl()},
                              u"giza-03"_s, dir.path());
    const QRegularExpression fresh(u"\\[ok  \\] metric "_s +
                                   QRegularExpression::escape(file.fileName()) +
                                   u" written [0-9]+ s ago"_s);
    QVERIFY2(r.out.contains(fresh), qPrintable(r.out));
}

QTEST_GUILESS_MAIN(tst_KioskctlMetrics)
#include "tst_kioskctlmetrics.moc"
