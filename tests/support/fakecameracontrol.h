#pragma once

#include <QFile>
#include <QMap>
#include <QString>
#include <QTemporaryDir>

#include <cstdio>

namespace kiosk::test {

// The entries of the scene the camera suites and benchmarks play (set "scene" to the card's
// front, its back and the face video, in that order; see fakecamera/scene.c).
constexpr int FrontScene = 0;
constexpr int BackScene = 1;
constexpr int FaceScene = 2;

// Drives the fake camera device (tests/support/fakecamera) through its control file:
// the plugin polls the file, so a test changes the device while Qt uses it. Construct it
// before the first QMediaDevices so that KIOSK_FAKECAM_CONTROL is set when the plugin
// starts. Each write starts a new epoch, which restarts the plugin's failure counters.
class FakeCameraControl
{
public:
    FakeCameraControl()
        : m_path(m_dir.filePath(QStringLiteral("fakecam-control")))
    {
        qputenv("KIOSK_FAKECAM_CONTROL", QFile::encodeName(m_path));
        write();
    }

    // Sets key=value (keys as in fakecamera.c: count, fail_open, silent_after,
    // silent_times, black_after, pipeline, scene, scene_index).
    void set(const QString &key, const QString &value)
    {
        m_values.insert(key, value);
        write();
    }
    void set(const QString &key, int value) { set(key, QString::number(value)); }
    void reset()
    {
        m_values.clear();
        write();
    }
    QString path() const { return m_path; }

private:
    void write()
    {
        QString text = QStringLiteral("epoch=%1\n").arg(++m_epoch);
        for (auto it = m_values.cbegin(); it != m_values.cend(); ++it)
            text += it.key() + u'=' + it.value() + u'\n';
        // Written whole under a new name and renamed, so the plugin never reads half of it.
        QFile file(m_path + QStringLiteral(".new"));
        if (file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            file.write(text.toUtf8());
            file.close();
            std::rename(QFile::encodeName(file.fileName()).constData(),
                        QFile::encodeName(m_path).constData());
        }
    }

    QTemporaryDir m_dir;
    QString m_path;
    QMap<QString, QString> m_values;
    int m_epoch = 0;
};

} // namespace kiosk::test
