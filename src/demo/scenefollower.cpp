#include "scenefollower.h"

#include "logging.h"

#include <QFile>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace kiosk::demo {

SceneFollower::SceneFollower(QString controlFile, QObject *parent)
    : QObject(parent)
    , m_controlFile(std::move(controlFile))
{}

int SceneFollower::sceneIndex(flow::Step step)
{
    switch (step) {
    case flow::Step::IdFront:
        return 0;
    case flow::Step::IdBack:
        return 1;
    case flow::Step::Liveness:
        return 2;
    default:
        return -1;
    }
}

void SceneFollower::follow(flow::Step step)
{
    const int index = sceneIndex(step);
    if (index < 0 || index == m_index)
        return;
    if (write(index))
        m_index = index;
}

bool SceneFollower::write(int index)
{
    QByteArray text;
    QFile current(m_controlFile);
    if (current.open(QIODevice::ReadOnly)) {
        const QList<QByteArray> lines = current.readAll().split('\n');
        for (const QByteArray &line : lines) {
            if (!line.trimmed().isEmpty() && !line.trimmed().startsWith("scene_index"))
                text += line + '\n';
        }
    }
    text += "scene_index=" + QByteArray::number(index) + '\n';
    // Written whole and renamed: the camera polls the file and must never read half of it.
    QSaveFile file(m_controlFile);
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size() || !file.commit()) {
        qCWarning(lcCamera) << "demo: cannot write the fake camera's control file" << m_controlFile
                            << file.errorString();
        return false;
    }
    qCInfo(lcCamera) << "demo: fake camera scene" << index;
    return true;
}

} // namespace kiosk::demo
