#pragma once

#include <opencv2/core.hpp>

namespace kiosk {

class FaceDetector;

// Which side of an ID card a picture shows.
enum class CardSide
{
    Unknown, // the check cannot tell (glare, blur, an unfamiliar card): never refused
    Front,   // the holder's portrait
    Back,    // no portrait; the barcode strip and the text block
};

// What the side check saw on a straightened card, for the verdict and the agent's log.
struct CardSideEvidence
{
    CardSide side = CardSide::Unknown;
    bool face = false;   // a face where the portrait sits (either way up)
    double barcode = 0;  // the barcode strip's strength: vertical over horizontal edges
    double portrait = 0; // how much darker the portrait box is than the card (grey levels)
    bool upsideDown = false;
};

// The figures the side check decides by (set on the labelled set, bench_cardside seed 1).
struct CardSideLimits
{
    double barcode = 2.2; // strip strength at and above which the card is a back
    // Strip strength below which the card surely has none (fronts measure 1.1-1.55 on
    // the labelled set, backs 1.95 and up, down to 1.95 when glare washes the strip out):
    // a front is named only below it, so a back whose strip is half hidden is "cannot
    // tell", never a front.
    double noStrip = 1.75;
    double portraitFront = 45; // a box this much darker is a portrait (when no face is seen)
    double faceShare = 0.18;   // smallest face looked for, share of the card's height
};

// Tells the front of an ID card from its back on the straightened crop (CardDetector::crop),
// before anything is sent: the front carries the holder's portrait (a face, in a box darker
// than the card), the back has none and carries a barcode strip along a long edge. Works
// either way up. Pure: no state between calls, no Qt objects; the face detector (optional,
// may be null: then only the strip and the box decide) must outlive the check and is used
// from the caller's thread only.
class CardSideCheck
{
public:
    explicit CardSideCheck(FaceDetector *faces, CardSideLimits limits = {});

    // card: BGR or grey, landscape, any size (analysed at 600 px wide).
    CardSideEvidence classify(const cv::Mat &card) const;

    // Whether a capture of `wanted` may go ahead: refused only when the check is sure it
    // sees the other side (a side is named only on evidence that does not contradict
    // itself), so a doubtful frame never blocks the customer.
    static bool accepts(CardSide wanted, const CardSideEvidence &evidence);

    // The side named on the evidence: only when it does not contradict itself (a face
    // and a doubtful strip, or a dark box over a doubtful strip, is Unknown).
    static CardSide sideOf(bool face, double barcode, double portrait,
                           const CardSideLimits &limits = {});

private:
    FaceDetector *m_faces;
    CardSideLimits m_limits;
};

} // namespace kiosk
