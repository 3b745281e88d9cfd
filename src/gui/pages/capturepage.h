#pragma once

#include "capture/documentcapture.h"
#include "capture/facecapture.h"
#include "capture/framesource.h"
#include "flow/onboardingflow.h"
#include "imaging/cardsidecheck.h"
#include "imaging/facedetector.h"
#include "imaging/guidance.h"
#include "wizardpage.h"

#include <array>
#include <memory>
#include <optional>

namespace Ui {
class CapturePage;
}

namespace kiosk {

class Clock;
namespace metrics {
class KioskMetrics;
}
class Settings;

// One page for the three captures (ID front, ID back, liveness): the camera's live
// picture with its guide (card frame or face oval), the one instruction that helps most,
// auto-capture when the frame is good, a manual button after a delay, and a countdown
// before the timed face burst.
//
// A thin view: the logic and the timing are core's, DocumentCapture for the card sides
// and FaceCapture for the liveness burst, over any FrameSource (the QCamera source in
// the kiosk, a synthetic source in tests); their image work runs off the GUI thread. The
// page shows the picture, the guide and what the capture objects say.
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
    // Image work of the capture in progress runs on a worker (tests wait for it).
    bool isBusy() const
    {
        return (m_document && m_document->isBusy()) || (m_face && m_face->isBusy());
    }
    bool holdsCustomerData() const;
    void reloadSettings();
    // Burst span, burst misses and encode time and bytes go to these metrics (between
    // sessions).
    void setMetrics(metrics::KioskMetrics *metrics);

    flow::Step step() const { return m_step; }
    State state() const { return m_state; }
    QPushButton *defaultButton() const override;
    // The capture objects of this session (replaced between sessions by reloadSettings()).
    DocumentCapture *documentCapture() const { return m_document.get(); }
    FaceCapture *faceCapture() const { return m_face.get(); }

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
    void onFaceGuidance(const Guidance &guidance);
    void onFaceState(FaceCapture::State state);
    void onCountdown(int secondsLeft);
    void onFaces(const BurstResult &result);
    void onBurstFailed(BurstMiss miss, const QString &detail);
    void onProblem(CameraProblem problem);

    std::unique_ptr<Ui::CapturePage> m_ui;
    const Settings &m_settings;
    FrameSource *m_source;
    const Clock &m_clock;
    CaptureThresholds m_thresholds;
    FaceDetector m_faceDetector; // before the captures: they use it until they are gone
    // The side check's own face detector: the check runs on the document capture's
    // worker, so it shares no detector with the face capture's.
    FaceDetector m_sideFaceDetector;
    CardSideCheck m_sideCheck{&m_sideFaceDetector};
    std::unique_ptr<DocumentCapture> m_document;
    std::unique_ptr<FaceCapture> m_face;
    metrics::KioskMetrics *m_metrics = nullptr;
    flow::Step m_step = flow::Step::Welcome;
    State m_state = State::Idle;
    std::optional<Instruction> m_instruction;
    int m_message = 0;
    CameraProblem m_problem = CameraProblem::None;
    bool m_sawFrame = false;
    QSize m_tooSmall; // the frame size a document was refused from
    // Converts and scales camera frames for the preview off the GUI thread, one at a
    // time. Last: destroyed first, waiting for its job.
    FrameWorker m_previewWorker;
};

} // namespace kiosk
