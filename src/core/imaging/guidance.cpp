#include "guidance.h"

#include "carddetector.h"
#include "facedetector.h"
#include "framequality.h"

#include <QCoreApplication>

#include <cmath>

using namespace Qt::StringLiterals;

namespace kiosk {

namespace {

// Indexed by Instruction.
const char *const kTexts[] = {
    QT_TRANSLATE_NOOP("Guidance", "Place your ID card inside the frame"),
    QT_TRANSLATE_NOOP("Guidance", "Move the card closer"),
    QT_TRANSLATE_NOOP("Guidance", "Move the card back so all of it is visible"),
    QT_TRANSLATE_NOOP("Guidance", "Hold the card flat and straight"),
    QT_TRANSLATE_NOOP("Guidance", "Tilt the card slightly to avoid glare"),
    QT_TRANSLATE_NOOP("Guidance", "The picture is blurred: hold the card steady"),
    QT_TRANSLATE_NOOP("Guidance", "Too dark: move to better light"),
    QT_TRANSLATE_NOOP("Guidance", "Too bright: move away from direct light"),
    QT_TRANSLATE_NOOP("Guidance", "Hold still"),
    QT_TRANSLATE_NOOP("Guidance", "Ready"),
    QT_TRANSLATE_NOOP("Guidance", "Look at the camera"),
    QT_TRANSLATE_NOOP("Guidance", "Only one person in front of the camera, please"),
    QT_TRANSLATE_NOOP("Guidance", "Come closer to the camera"),
    QT_TRANSLATE_NOOP("Guidance", "Move back a little from the camera"),
    QT_TRANSLATE_NOOP("Guidance", "Centre your face in the frame"),
    QT_TRANSLATE_NOOP("Guidance", "Turn the card over"),
};
static_assert(std::size(kTexts) == int(Instruction::TurnCard) + 1);

struct Builder
{
    Guidance g;
    bool decided = false;
    void fail(Instruction instruction, GuidanceReason::Check check, double value, double limit)
    {
        g.reasons.append({check, value, limit});
        if (!decided) {
            g.instruction = instruction;
            decided = true;
        }
    }
};

void lightChecks(Builder &b, const FrameQuality &q, const CaptureThresholds &t)
{
    if (q.brightness < t.minBrightness)
        b.fail(Instruction::MoreLight, GuidanceReason::TooDark, q.brightness, t.minBrightness);
    else if (q.brightness > t.maxBrightness)
        b.fail(Instruction::LessLight, GuidanceReason::TooBright, q.brightness, t.maxBrightness);
}

} // namespace

QString GuidanceReason::describe() const
{
    const QString v = QString::number(value, 'g', 3), l = QString::number(limit, 'g', 3);
    switch (check) {
    case NoCard:
        return u"no card found"_s;
    case CardTooSmall:
        return u"card fills %1 of the guide, below %2"_s.arg(v, l);
    case CardTooLarge:
        return u"card fills %1 of the guide, above %2"_s.arg(v, l);
    case CardCutOff:
        return u"card touches the frame border"_s;
    case CardTilted:
        return u"card tilted %1 degrees, above %2"_s.arg(v, l);
    case Glare:
        return u"glare on %1 of the card, above %2"_s.arg(v, l);
    case Blur:
        return u"blurred: sharpness %1, below %2"_s.arg(v, l);
    case TooDark:
        return u"too dark: brightness %1, below %2"_s.arg(v, l);
    case TooBright:
        return u"too bright: brightness %1, above %2"_s.arg(v, l);
    case NotStable:
        return u"stable for %1 frames of %2"_s.arg(v, l);
    case NoFace:
        return u"no face found"_s;
    case SeveralFaces:
        return u"%1 faces found, expected 1"_s.arg(v);
    case FaceTooSmall:
        return u"face fills %1 of the frame, below %2"_s.arg(v, l);
    case FaceTooLarge:
        return u"face fills %1 of the frame, above %2"_s.arg(v, l);
    case FaceOffCentre:
        return u"face off centre by %1, above %2"_s.arg(v, l);
    case WrongSide:
        return u"card shows the %1, the step asks for the %2"_s.arg(
            value == 1 ? u"front"_s : u"back"_s, limit == 1 ? u"front"_s : u"back"_s);
    }
    return {};
}

Guidance cardGuidance(const FrameQuality &q, const CardDetection &card, int stableFrames,
                      const CaptureThresholds &t)
{
    Builder b;
    if (!card.found) {
        b.fail(Instruction::ShowCard, GuidanceReason::NoCard, 0, 0);
        return b.g; // the other measures describe the desk, not the card
    }
    if (card.cutOff)
        b.fail(Instruction::MoveBack, GuidanceReason::CardCutOff, 1, 0);
    if (card.fill < t.minFill)
        b.fail(Instruction::MoveCloser, GuidanceReason::CardTooSmall, card.fill, t.minFill);
    else if (card.fill > t.maxFill)
        b.fail(Instruction::MoveBack, GuidanceReason::CardTooLarge, card.fill, t.maxFill);
    const double rotation = std::abs(card.rotationDegrees);
    const double tilt = std::max(card.skewDegrees, std::min(rotation, 180.0 - rotation));
    if (tilt > t.maxTiltDegrees)
        b.fail(Instruction::HoldStraight, GuidanceReason::CardTilted, tilt, t.maxTiltDegrees);
    if (q.glareShare > t.maxGlareShare)
        b.fail(Instruction::AvoidGlare, GuidanceReason::Glare, q.glareShare, t.maxGlareShare);
    if (q.sharpness < t.minSharpness)
        b.fail(Instruction::HoldSteady, GuidanceReason::Blur, q.sharpness, t.minSharpness);
    lightChecks(b, q, t);
    if (!b.decided && stableFrames < t.stableFrames)
        b.fail(Instruction::HoldStill, GuidanceReason::NotStable, stableFrames, t.stableFrames);
    if (!b.decided)
        b.g.instruction = Instruction::Ready;
    return b.g;
}

Guidance faceGuidance(const FrameQuality &q, const FaceReport &faces, const CaptureThresholds &t)
{
    Builder b;
    if (faces.count() == 0) {
        b.fail(Instruction::ShowFace, GuidanceReason::NoFace, 0, 1);
        lightChecks(b, q, t); // darkness is a likely cause: keep it for the agent
        return b.g;
    }
    if (faces.count() > 1)
        b.fail(Instruction::OneFaceOnly, GuidanceReason::SeveralFaces, faces.count(), 1);
    const Face &f = faces.faces.first();
    if (f.share < t.faceMinShare)
        b.fail(Instruction::FaceCloser, GuidanceReason::FaceTooSmall, f.share, t.faceMinShare);
    else if (f.share > t.faceMaxShare)
        b.fail(Instruction::FaceBack, GuidanceReason::FaceTooLarge, f.share, t.faceMaxShare);
    const double off = std::max(std::abs(f.offCentreX), std::abs(f.offCentreY));
    if (off > t.faceMaxOffCentre)
        b.fail(Instruction::FaceCentre, GuidanceReason::FaceOffCentre, off, t.faceMaxOffCentre);
    lightChecks(b, q, t);
    if (!b.decided)
        b.g.instruction = Instruction::Ready;
    return b.g;
}

const char *instructionSourceText(Instruction instruction)
{
    return kTexts[int(instruction)];
}

QString instructionText(Instruction instruction)
{
    return QCoreApplication::translate("Guidance", instructionSourceText(instruction));
}

} // namespace kiosk
