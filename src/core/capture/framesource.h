#pragma once

#include "cameraframe.h"

#include <QObject>
#include <QSize>
#include <QString>

namespace kiosk {

// What can go wrong with a camera, each with its own message (cameraProblemText).
enum class CameraProblem
{
    None,
    NoCamera,      // no camera is connected (or none matches the configured one)
    Unplugged,     // the camera in use disappeared
    Busy,          // it exists but cannot be opened (another program holds it)
    Black,         // it delivers frames, all dark (lens covered, shutter closed)
    Stalled,       // frames stopped and restarting the camera did not bring them back
    LowResolution, // it offers nothing at or above the minimum size for documents
};

// Customer- and agent-facing text of a problem, translated ("Camera" context).
QString cameraProblemText(CameraProblem problem);
// The plain-words message for a camera whose best format is below what documents need,
// with the fix: "This camera offers at most 320x240; ID cards need at least 1280x720.
// Connect a 1080p USB webcam." Translated ("Camera" context).
QString lowResolutionText(QSize offered, QSize needed);
// Stable English name for logs and kioskctl ("busy", "black", ...).
const char *cameraProblemName(CameraProblem problem);

// A source of camera frames: the kiosk's QCamera implementation (src/media), synthetic
// sources in tests. Frames arrive in the source's thread (the GUI thread), in order,
// de-duplicated, valid. A source recovers from what it can (restarts a stalled session,
// reopens a camera plugged back in) and reports the problem while it lasts.
class FrameSource : public QObject
{
    Q_OBJECT

public:
    enum class State
    {
        Stopped,
        Starting,   // opening the camera, no frame yet
        Streaming,  // frames arrive
        Recovering, // rebuilding the session after a stall or a failed open
        Waiting,    // no usable camera: waiting for one to be plugged in
    };
    Q_ENUM(State)

    explicit FrameSource(QObject *parent = nullptr);
    ~FrameSource() override;

    virtual void start() = 0;
    virtual void stop() = 0;
    // Human-readable name of the camera in use (empty when none).
    virtual QString cameraName() const = 0;

    State state() const { return m_state; }
    CameraProblem problem() const { return m_problem; }

Q_SIGNALS:
    void frameArrived(const kiosk::CameraFrame &frame);
    void stateChanged(kiosk::FrameSource::State state);
    // problem None: the previous problem is over.
    void problemChanged(kiosk::CameraProblem problem, const QString &detail);

protected:
    void setState(State state);
    void setProblem(CameraProblem problem, const QString &detail = {});

private:
    State m_state = State::Stopped;
    CameraProblem m_problem = CameraProblem::None;
};

} // namespace kiosk
