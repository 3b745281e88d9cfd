// The demo's scene follower: the fake camera's control file follows the wizard's step.
#include "scenefollower.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using kiosk::demo::SceneFollower;
using kiosk::flow::Step;

class tst_SceneFollower : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void followsTheSteps();
    void reportsAnUnwritableFile();

private:
    static QByteArray read(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
};

void tst_SceneFollower::followsTheSteps()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("control"));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("profile=uvc-1080p\nscene_index=2\n");
    }
    SceneFollower follower(path);
    follower.follow(Step::Welcome); // no picture on this step: the file stays
    QCOMPARE(read(path), QByteArray("profile=uvc-1080p\nscene_index=2\n"));
    follower.follow(Step::IdFront);
    QCOMPARE(read(path), QByteArray("profile=uvc-1080p\nscene_index=0\n"));
    follower.follow(Step::IdBack);
    QCOMPARE(read(path), QByteArray("profile=uvc-1080p\nscene_index=1\n"));
    follower.follow(Step::Review);
    QCOMPARE(read(path), QByteArray("profile=uvc-1080p\nscene_index=1\n"));
    follower.follow(Step::Liveness);
    QCOMPARE(read(path), QByteArray("profile=uvc-1080p\nscene_index=2\n"));
    // The next customer starts on the front again.
    follower.follow(Step::IdFront);
    QCOMPARE(read(path), QByteArray("profile=uvc-1080p\nscene_index=0\n"));
}

void tst_SceneFollower::reportsAnUnwritableFile()
{
    SceneFollower follower(QStringLiteral("/nonexistent-dir/control"));
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("cannot write the fake camera")));
    follower.follow(Step::IdFront);
}

QTEST_GUILESS_MAIN(tst_SceneFollower)
#include "tst_scenefollower.moc"
