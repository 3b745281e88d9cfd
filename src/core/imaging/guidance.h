#pragma once

#include "capturethresholds.h"

#include <QList>
#include <QString>

namespace kiosk {

struct CardDetection;
struct FaceReport;
struct FrameQuality;

// The single instruction shown to the customer for a frame.
enum class Instruction
{
    // card capture, in the order users understand them
    ShowCard,
    MoveCloser,
    MoveBack,
    HoldStraight,
    AvoidGlare,
    HoldSteady, // blurred
    MoreLight,
    LessLight,
    HoldStill, // good, waiting for stable frames
    Ready,
    // face capture
    ShowFace,
    OneFaceOnly,
    FaceCloser,
    FaceBack,
    FaceCentre,
    // card capture, after the others so that their values stay
    TurnCard, // the other side of the card is shown
};

// One failed check with its measure and the limit it missed, for the agent and logs.
struct GuidanceReason
{
    enum Check
    {
        NoCard,
        CardTooSmall,
        CardTooLarge,
        CardCutOff,
        CardTilted,
        Glare,
        Blur,
        TooDark,
        TooBright,
        NotStable,
        NoFace,
        SeveralFaces,
        FaceTooSmall,
        FaceTooLarge,
        FaceOffCentre,
        WrongSide, // value: the side seen, limit: the side wanted (CardSide)
    };
    Check check;
    double value = 0;
    double limit = 0;

    // English, technical, e.g. "blur: sharpness 41.2 below 60": for the agent's screen.
    QString describe() const;
};

struct Guidance
{
    Instruction instruction = Instruction::ShowCard;
    QList<GuidanceReason> reasons; // every failed check, most important first

    bool ready() const { return instruction == Instruction::Ready; }
};

// Card capture: turns a frame's measures into the most useful instruction.
// stableFrames: consecutive agreeing detections (CardStabilityTracker::consecutive()).
Guidance cardGuidance(const FrameQuality &quality, const CardDetection &card, int stableFrames,
                      const CaptureThresholds &thresholds);
// Face capture: one centred face of the right size in a well-lit frame.
Guidance faceGuidance(const FrameQuality &quality, const FaceReport &faces,
                      const CaptureThresholds &thresholds);

// The customer-facing text, translated in the "Guidance" context (core_<lang>.ts).
QString instructionText(Instruction instruction);
// The untranslated English source text.
const char *instructionSourceText(Instruction instruction);

} // namespace kiosk
