#pragma once

#include "capture/burstcontroller.h"
#include "capture/documentcapture.h"
#include "capture/framesource.h"
#include "flow/onboardingflow.h"
#include "imaging/cardsidecheck.h"
#include "imaging/facedetector.h"
#include "imaging/guidance.h"
#include "wizardpage.h"

#include <QDeadlineTimer>
#include <QTimer>

#include <array>
#include <memory>
#include <optional>

namespace Ui {
class CapturePage;
}

namespace kiosk {

class Clock;
class FrameAnalyzer;
class Settings;

// One page for the three captures (ID front, ID back, liveness): the camera's live
// picture with its guide (card frame or face oval), the one instruction that helps most,
// auto-capture when the frame is good, a manual button after a delay, and a countdown
// before the timed face burst.
//
// The capture logic is the camera's: DocumentCapture for the card sides and
// BurstController for the three face frames, over any FrameSource (the QCamera source in
// the kiosk, a synthetic source in tests). The page adds the face guidance that triggers
// the countdown, encodes the card still, and shows what happens.
class CapturePage : public WizardPage
{
    Q_OBJECT

public:
    enum class State
    {
        Idle,      // not capturing
        Live,      // judging frames
        Countdown, // face: counting down before the burst
        Burst,     // face: the burst controller is collecting the three frames
        Captured,  // the still is shown while it is sent
    };

    CapturePage(const Settings &settings, FrameSource *source, const Clock &clock,
                QWidget *parent = nullptr);
    ~CapturePage() override;

    // IdFront, IdBack or Liveness: starts the camera if needed and judges frames.
    void begin(flow::Step step);
    // Retake: back to the live picture of the current step.
    void restart();
    // Stops the camera and forgets every frame and still (the session's wipe).
    void clear();
    bool holdsCustomerData() const;
    void reloadSettings();

    flow::Step step() const { return m_step; }
    State state() const { return m_state; }
    QPushButton *defaultButton() const override;

public Q_SLOTS:
    void captureNow();

Q_SIGNALS:
    void documentCaptured(kiosk::flow::Side side, const QByteArray &jpeg);
    void facesCaptured(const std::array<QByteArray, 3> &faces);
    // The instruction shown to the customer changed (spoken prompts).
    void promptChanged(const QString &text);

protected:
    void retranslate() override;

private:
    bool isFace() const { return m_step == flow::Step::Liveness; }
    void setInstruction(Instruction instruction);
    void setMessage(int message);
    void setState(State state);
    void updateTexts();
    void onFrame(const CameraFrame &frame);
    void onGuidance(const Guidance &guidance);
    void onDocument(const DocumentCaptureResult &result);
    void onRefused(const QSize &size);
    void onSideRefused(int times);
    void acceptSide();
    void onBurst(const BurstResult &result);
    void onBurstFailed(BurstMiss miss, const QString &detail);
    void onProblem(CameraProblem problem);
    void judgeFace(const CameraFrame &frame);
    void startCountdown();
    void updateCountdown();

    std::unique_ptr<Ui::CapturePage> m_ui;
    const Settings &m_settings;
    FrameSource *m_source;
    const Clock &m_clock;
    CaptureThresholds m_thresholds;
    FaceDetector m_faceDetector;
    CardSideCheck m_sideCheck{&m_faceDetector};
    std::unique_ptr<FrameAnalyzer> m_faceAnalyzer;
    std::unique_ptr<DocumentCapture> m_document;
    std::unique_ptr<BurstController> m_burst;
    flow::Step m_step = flow::Step::Welcome;
    State m_state = State::Idle;
    std::optional<Instruction> m_instruction;
    int m_message = 0;
    CameraProblem m_problem = CameraProblem::None;
    qint64 m_lastFaceAnalysisUs = -1;
    QTimer m_faceManualTimer;
    QTimer m_countdownTimer;
    QDeadlineTimer m_countdownEnd;
    bool m_sawFrame = false;
    QSize m_tooSmall; // the frame size a document was refused from
};

} // namespace kiosk
