#pragma once

#include "flow/onboardingflow.h"
#include "imaging/burstcheck.h"
#include "imaging/capturethresholds.h"
#include "imaging/carddetector.h"
#include "imaging/facedetector.h"
#include "imaging/guidance.h"
#include "wizardpage.h"

#include <QDeadlineTimer>
#include <QImage>
#include <QTimer>

#include <array>
#include <memory>
#include <optional>

namespace Ui {
class CapturePage;
}

namespace kiosk {

class FrameAnalyzer;
class Settings;

// One page for the three captures (ID front, ID back, liveness): the live picture with
// its guide, the one instruction that helps most, auto-capture when the frame is good,
// a manual button after a delay, and a countdown before the three face frames.
//
// Frames come in through presentFrame() from whatever delivers them (the camera, or a
// test feeding rendered cards and face photos); the page never opens a device itself.
class CapturePage : public WizardPage
{
    Q_OBJECT

public:
    enum class State
    {
        Idle,      // not capturing
        Live,      // judging frames
        Countdown, // face: counting down before the burst
        Burst,     // face: collecting the three frames
        Captured,  // the still is shown while it is sent
    };

    CapturePage(const Settings &settings, QWidget *parent = nullptr);
    ~CapturePage() override;

    // IdFront, IdBack or Liveness: starts judging frames for that step.
    void begin(flow::Step step);
    // Retake: back to the live picture of the current step.
    void restart();
    // Forgets every frame and still (the session's wipe).
    void clear();
    bool holdsCustomerData() const;
    void reloadSettings();

    flow::Step step() const { return m_step; }
    State state() const { return m_state; }
    QPushButton *defaultButton() const override;

public Q_SLOTS:
    void presentFrame(const QImage &frame);
    void captureNow();

Q_SIGNALS:
    void documentCaptured(kiosk::flow::Side side, const QByteArray &jpeg);
    void facesCaptured(const std::array<QByteArray, 3> &faces);

protected:
    void retranslate() override;

private:
    bool isFace() const { return m_step == flow::Step::Liveness; }
    void setInstruction(Instruction instruction);
    void setMessage(int message);
    void updateTexts();
    void judgeCard(const cv::Mat &mat);
    void judgeFace(const cv::Mat &mat);
    void captureCard(const cv::Mat &mat, const CardDetection &card);
    void startCountdown();
    void updateCountdown();
    void addBurstFrame(const cv::Mat &mat, const QDateTime &captured);
    void setState(State state);

    std::unique_ptr<Ui::CapturePage> m_ui;
    const Settings &m_settings;
    CaptureThresholds m_thresholds;
    FaceDetector m_faceDetector;
    std::unique_ptr<FrameAnalyzer> m_analyzer;
    CardStabilityTracker m_tracker;
    flow::Step m_step = flow::Step::Welcome;
    State m_state = State::Idle;
    std::optional<Instruction> m_instruction;
    int m_message = 0;
    cv::Mat m_lastMat;
    CardDetection m_lastCard;
    QList<BurstFrame> m_burst;
    QTimer m_manualTimer;
    QTimer m_countdownTimer;
    QDeadlineTimer m_countdownEnd;
    bool m_sawFrame = false;
};

} // namespace kiosk
