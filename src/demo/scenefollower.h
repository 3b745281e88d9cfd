#pragma once

#include "flow/onboardingflow.h"

#include <QObject>
#include <QString>

namespace kiosk::demo {

// Demo only: makes the fake camera (tests/support/fakecamera) show what the wizard's step
// asks for, by writing scene_index to the camera's control file: the card front on the
// front step, its back on the back step, the face clip on the face step. Other lines of
// the file are kept. The kiosk's logic knows nothing of it: main() connects the flow's
// stepChanged here only when packaging/dev.sh run uses the fake camera
// (KIOSK_DEMO_SCENE_CONTROL, set by build/demo-env.sh).
class SceneFollower : public QObject
{
    Q_OBJECT

public:
    explicit SceneFollower(QString controlFile, QObject *parent = nullptr);

    // The scene entry of a step (0 front, 1 back, 2 face), -1 for steps without a picture.
    static int sceneIndex(flow::Step step);

public Q_SLOTS:
    void follow(kiosk::flow::Step step);

private:
    bool write(int index);

    QString m_controlFile;
    int m_index = -1;
};

} // namespace kiosk::demo
