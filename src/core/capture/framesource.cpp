#include "framesource.h"

#include "logging.h"

#include <QCoreApplication>

namespace kiosk {

QString cameraProblemText(CameraProblem problem)
{
    switch (problem) {
    case CameraProblem::None:
        return {};
    case CameraProblem::NoCamera:
        return QCoreApplication::translate("Camera", "No camera is connected. Connect the "
                                                     "camera and wait a moment.");
    case CameraProblem::Unplugged:
        return QCoreApplication::translate("Camera", "The camera was disconnected. Plug it "
                                                     "back in; capture resumes by itself.");
    case CameraProblem::Busy:
        return QCoreApplication::translate("Camera", "The camera cannot be opened: another "
                                                     "program may be using it.");
    case CameraProblem::Black:
        return QCoreApplication::translate("Camera", "The camera shows only black. Check "
                                                     "that nothing covers the lens.");
    case CameraProblem::Stalled:
        return QCoreApplication::translate("Camera", "The camera stopped sending pictures. "
                                                     "Restarting it...");
    case CameraProblem::LowResolution:
        return QCoreApplication::translate("Camera", "This camera's resolution is too low "
                                                     "for documents (1280x720 at least).");
    }
    return {};
}

QString lowResolutionText(QSize offered, QSize needed)
{
    return QCoreApplication::translate("Camera", "This camera offers at most %1x%2; ID cards "
                                                 "need at least %3x%4. Connect a 1080p USB "
                                                 "webcam.")
        .arg(offered.width())
        .arg(offered.height())
        .arg(needed.width())
        .arg(needed.height());
}

const char *cameraProblemName(CameraProblem problem)
{
    switch (problem) {
    case CameraProblem::None:
        return "none";
    case CameraProblem::NoCamera:
        return "no-camera";
    case CameraProblem::Unplugged:
        return "unplugged";
    case CameraProblem::Busy:
        return "busy";
    case CameraProblem::Black:
        return "black";
    case CameraProblem::Stalled:
        return "stalled";
    case CameraProblem::LowResolution:
        return "low-resolution";
    }
    return "unknown";
}

FrameSource::FrameSource(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<kiosk::CameraFrame>();
}

FrameSource::~FrameSource() = default;

void FrameSource::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    qCDebug(lcCamera) << "camera state" << state;
    Q_EMIT stateChanged(state);
}

void FrameSource::setProblem(CameraProblem problem, const QString &detail)
{
    if (m_problem == problem)
        return;
    m_problem = problem;
    if (problem == CameraProblem::None)
        qCInfo(lcCamera) << "camera problem over";
    else
        qCWarning(lcCamera) << "camera problem:" << cameraProblemName(problem) << detail;
    Q_EMIT problemChanged(problem, detail);
}

} // namespace kiosk
