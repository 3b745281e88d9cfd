#include "metrics/textfilepublisher.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <grp.h>
#include <sys/stat.h>

using namespace Qt::StringLiterals;
using kiosk::metrics::TextfilePublisher;

// The .prom file as node_exporter's textfile collector needs it: whole (rename over the
// old file), 0640 with the exporter's group, rewritten on the timer; a missing or
// unusable directory is one warning, not one every 15 s, and never stops the caller.
class tst_TextfilePublisher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writesTheWholeFileWithMode0640();
    void replacesTheFileByRename();
    void missingDirectoryWarnsOnceThenRecovers();
    void fileInPlaceOfTheDirectory();
    void timerRewritesTheFile();

private:
    static struct stat statOf(const QString &path)
    {
        struct stat st
        {
        };
        ::stat(QFile::encodeName(path).constData(), &st);
        return st;
    }
    static QByteArray read(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }
};

void tst_TextfilePublisher::writesTheWholeFileWithMode0640()
{
    QTemporaryDir dir;
    const QByteArray text = "# HELP t_up Up.\n# TYPE t_up gauge\nt_up 1\n";
    const mode_t old = ::umask(0077); // the service's umask must not narrow the mode
    TextfilePublisher publisher(dir.path(), [&] { return text; });
    QSignalSpy published(&publisher, &TextfilePublisher::published);
    const bool ok = publisher.publish();
    ::umask(old);
    QVERIFY2(ok, qPrintable(publisher.problem()));
    QCOMPARE(publisher.filePath(), dir.filePath(u"onboarding-kiosk.prom"_s));
    QCOMPARE(read(publisher.filePath()), text);
    QCOMPARE(published.size(), 1);
    const struct stat st = statOf(publisher.filePath());
    QCOMPARE(st.st_mode & 0777, mode_t(0640));
    if (const struct group *g = ::getgrnam(TextfilePublisher::ExporterGroup))
        QCOMPARE(st.st_gid, g->gr_gid);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
             QStringList{u"onboarding-kiosk.prom"_s});
}

void tst_TextfilePublisher::replacesTheFileByRename()
{
    QTemporaryDir dir;
    int n = 0;
    TextfilePublisher publisher(dir.path(), [&]() -> QByteArray {
        return QByteArray("t_n ") + QByteArray::number(++n) + '\n';
    });
    QVERIFY(publisher.publish());
    const ino_t first = statOf(publisher.filePath()).st_ino;
    // A reader holding the old file keeps reading the old, whole content.
    QFile reader(publisher.filePath());
    QVERIFY(reader.open(QIODevice::ReadOnly));
    QVERIFY(publisher.publish());
    QVERIFY(statOf(publisher.filePath()).st_ino != first);
    QCOMPARE(reader.readAll(), QByteArray("t_n 1\n"));
    QCOMPARE(read(publisher.filePath()), QByteArray("t_n 2\n"));
}

void tst_TextfilePublisher::missingDirectoryWarnsOnceThenRecovers()
{
    QTemporaryDir parent;
    const QString directory = parent.filePath(u"node-exporter"_s);
    TextfilePublisher publisher(directory, [] { return QByteArray("t_up 1\n"); });
    QSignalSpy failed(&publisher, &TextfilePublisher::failed);
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(u"metrics not published: the metrics directory .*"
                                            "node-exporter does not exist \\(the kiosk keeps"_s));
    QVERIFY(!publisher.publish());
    QVERIFY(publisher.problem().contains(u"does not exist"_s));
    QTest::failOnWarning(QRegularExpression(u"metrics not published"_s));
    QVERIFY(!publisher.publish()); // the second failure is not logged again
    QVERIFY(!publisher.publish());
    QCOMPARE(failed.size(), 3);

    QVERIFY(QDir().mkpath(directory));
    QTest::ignoreMessage(QtInfoMsg, QRegularExpression(u"metrics published again to .*"_s));
    QVERIFY(publisher.publish());
    QVERIFY(publisher.problem().isEmpty());
    QCOMPARE(read(publisher.filePath()), QByteArray("t_up 1\n"));
    QCOMPARE(TextfilePublisher::checkDirectory(directory), QString());
}

void tst_TextfilePublisher::fileInPlaceOfTheDirectory()
{
    QTemporaryDir parent;
    const QString notADirectory = parent.filePath(u"plain-file"_s);
    QFile file(notADirectory);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    TextfilePublisher publisher(notADirectory, [] { return QByteArray("t_up 1\n"); });
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"is not a directory"_s));
    QVERIFY(!publisher.publish());
    QCOMPARE(publisher.problem(), notADirectory + u" is not a directory"_s);
    QCOMPARE(TextfilePublisher::checkDirectory(QString()),
             u"no metrics directory is configured (metrics/textfileDir)"_s);
}

void tst_TextfilePublisher::timerRewritesTheFile()
{
    QTemporaryDir dir;
    int n = 0;
    TextfilePublisher publisher(dir.path(), [&]() -> QByteArray {
        return QByteArray("t_n ") + QByteArray::number(++n) + '\n';
    });
    QSignalSpy published(&publisher, &TextfilePublisher::published);
    publisher.start(1000); // publishes at once, then on every tick
    QCOMPARE(published.size(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(published.size(), 3, 10000);
    publisher.stop();
    QCOMPARE(read(publisher.filePath()), QByteArray("t_n 3\n"));
}

QTEST_GUILESS_MAIN(tst_TextfilePublisher)
#include "tst_textfilepublisher.moc"
