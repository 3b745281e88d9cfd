#pragma once

#include "cameraframe.h"
#include "frameworker.h"
#include "imaging/budgetencoder.h"
#include "imaging/capturethresholds.h"
#include "imaging/carddetector.h"
#include "imaging/cardsidecheck.h"
#include "imaging/frameanalyzer.h"
#include "imaging/guidance.h"

#include <QObject>
#include <QSize>

namespace kiosk {

class Clock;
class FrameSource;
class Settings;

struct DocumentCaptureOptions
{
    CaptureThresholds thresholds;
    QSize minSize{1280, 720};  // documents are refused from smaller frames
    int manualAfterMs = 20000; // manual capture is offered after this long without success
    int analyseEveryMs = 66;   // at most ~15 analyses a second; frames between are skipped
    EncodeOptions encode;      // the still's JPEG (capture time: the frame's)

    static DocumentCaptureOptions fromSettings(const Settings &settings);
};

struct DocumentCaptureResult
{
    CameraFrame frame; // the full-resolution frame the card was cut from
    QImage card;       // the card, perspective-corrected (empty for a manual capture
                       // where no card was found: then the whole frame is the still)
    CardDetection detection;
    QByteArray jpeg; // the still (card, else frame) under the budget
    int quality = 0; // its JPEG quality
    bool manual = false;
};

// Document auto-capture: analyses frames (imaging's FrameAnalyzer on a small copy),
// tells the customer what to do (cardGuidance), and captures when the card has been
// found sharp and still for the required frames. The still is the full-resolution frame
// the last analysis ran on, cut and straightened to the card, and encoded under the
// budget. Manual capture is offered after a delay and takes the next frame.
// With a side check, a card that is sure to be the other side (the back on the front
// step) is never captured: the customer is asked to turn it over, and after repeated
// refusals the agent may accept the side.
// Analysis, the side check, cropping and encoding run on a FrameWorker: one frame in
// flight, frames that come meanwhile are dropped; results and signals come on the
// source's thread.
class DocumentCapture : public QObject
{
    Q_OBJECT

public:
    DocumentCapture(FrameSource *source, const Clock &clock, DocumentCaptureOptions options,
                    QObject *parent = nullptr);

    // wanted: the side the step asks for; Unknown (or no side check set) checks nothing.
    void arm(kiosk::CardSide wanted = kiosk::CardSide::Unknown);
    void cancel();
    // The check must outlive this object and is used from the worker's thread only (one
    // job at a time): its face detector must not be shared with other threads. Null: no
    // side check.
    void setSideCheck(const CardSideCheck *check) { m_sideCheck = check; }
    // The agent says the card shown is the right side: no more side checks until re-armed.
    void acceptSide() { m_sideAccepted = true; }
    bool isArmed() const { return m_armed; }
    // A frame is being analysed, or the still cut and encoded.
    bool isBusy() const { return m_worker.isBusy(); }
    // Available once manualAvailable() was emitted (or at once if manualAfterMs is 0).
    void captureNow();

Q_SIGNALS:
    void guidanceChanged(const kiosk::Guidance &guidance);
    void manualAvailable();
    void captured(const kiosk::DocumentCaptureResult &result);
    // The frame is too small for a document (camera below minSize).
    void refused(const QSize &frameSize);
    // The card was ready but shows the other side; `times` in a row since armed.
    void sideRefused(int times);

private:
    void onFrame(const CameraFrame &frame);
    void onAnalysis(const CameraFrame &frame, const FrameAnalysis &analysis, bool manual);
    void deliver(const CameraFrame &frame, const CardDetection &card, bool manual);
    void onWrongSide(const CardSideEvidence &evidence);

    FrameSource *m_source;
    const Clock &m_clock;
    DocumentCaptureOptions m_options;
    FrameAnalyzer m_analyzer;
    CardStabilityTracker m_stability;
    bool m_armed = false;
    bool m_manualOffered = false;
    bool m_manualRequested = false;
    qint64 m_armedUs = 0;
    qint64 m_lastAnalysisUs = -1;
    Instruction m_lastInstruction = Instruction::ShowCard;
    bool m_guidanceSent = false;
    const CardSideCheck *m_sideCheck = nullptr;
    CardSide m_wanted = CardSide::Unknown;
    bool m_sideAccepted = false;
    int m_sideRefusals = 0;
    bool m_delivering = false;
    quint64 m_armCount = 0; // results of an earlier arm() are dropped
    FrameWorker m_worker;   // last: destroyed first, waiting for the job that uses the rest
};

} // namespace kiosk

Q_DECLARE_METATYPE(kiosk::DocumentCaptureResult)
Q_DECLARE_METATYPE(kiosk::Guidance)
