#include "cardsidecheck.h"

#include "facedetector.h"
#include "logging.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>

namespace kiosk {

namespace {

constexpr int kWidth = 600;

// The barcode strip's strength in a band of rows: vertical bars make strong horizontal
// gradients and few vertical ones. Measured on six column segments and the median kept,
// so glare over a part of the strip, or a short run of digits, does not decide.
double stripStrength(const cv::Mat &dx, const cv::Mat &dy, int top, int height)
{
    const int left = dx.cols * 6 / 100;
    const int span = dx.cols * 88 / 100;
    std::array<double, 6> ratios{};
    for (int s = 0; s < 6; ++s) {
        const cv::Rect r(left + span * s / 6, top, span / 6, height);
        const double ex = cv::sum(dx(r))[0];
        const double ey = cv::sum(dy(r))[0];
        // A blank (or blown-out) segment has no bars: ratio 0.
        const double density = ex / (255.0 * r.area());
        ratios[size_t(s)] = density < 0.04 ? 0 : ex / (ey + 1.0);
    }
    std::nth_element(ratios.begin(), ratios.begin() + 3, ratios.end());
    return ratios[3];
}

// The strongest strip along the lower part of the card (the back's barcode), looked for
// in a window sliding over the lower 45 %; `upsideDown` looks along the upper part.
double barcodeStrength(const cv::Mat &dx, const cv::Mat &dy, bool upsideDown)
{
    const int h = dx.rows;
    const int band = h * 16 / 100;
    double best = 0;
    for (int y = h * 55 / 100; y + band <= h * 97 / 100; y += h / 50) {
        const int top = upsideDown ? h - y - band : y;
        best = std::max(best, stripStrength(dx, dy, top, band));
    }
    return best;
}

// How much darker than the card the portrait box is (the front's photo on the left, or on
// the right when the card is upside down).
double portraitDarkness(const cv::Mat &grey, double cardLevel, bool upsideDown)
{
    const int w = grey.cols, h = grey.rows;
    cv::Rect box(w * 5 / 100, h * 27 / 100, w * 21 / 100, h * 42 / 100);
    if (upsideDown)
        box = cv::Rect(w - box.x - box.width, h - box.y - box.height, box.width, box.height);
    return cardLevel - cv::mean(grey(box))[0];
}

} // namespace

CardSideCheck::CardSideCheck(FaceDetector *faces, CardSideLimits limits)
    : m_faces(faces)
    , m_limits(limits)
{}

CardSideEvidence CardSideCheck::classify(const cv::Mat &card) const
{
    CardSideEvidence e;
    if (card.empty() || card.cols < card.rows)
        return e;
    try {
        cv::Mat grey;
        if (card.channels() == 1)
            grey = card;
        else
            cv::cvtColor(card, grey,
                         card.channels() == 4 ? cv::COLOR_BGRA2GRAY : cv::COLOR_BGR2GRAY);
        cv::Mat small;
        cv::resize(grey, small, cv::Size(kWidth, kWidth * card.rows / card.cols), 0, 0,
                   cv::INTER_AREA);

        // Faces: only the portrait's side of the card, either way up.
        bool faceLeft = false, faceRight = false;
        if (m_faces && m_faces->isLoaded()) {
            cv::Mat rotated;
            cv::rotate(small, rotated, cv::ROTATE_180);
            const double minShare = m_limits.faceShare;
            for (const Face &f : m_faces->detect(small, minShare).faces)
                faceLeft = faceLeft || f.box.x + f.box.width / 2 < small.cols / 2;
            for (const Face &f : m_faces->detect(rotated, minShare).faces)
                faceRight = faceRight || f.box.x + f.box.width / 2 < small.cols / 2;
        }
        e.face = faceLeft || faceRight;

        cv::Mat dx, dy;
        cv::Sobel(small, dx, CV_16S, 1, 0);
        cv::Sobel(small, dy, CV_16S, 0, 1);
        dx = cv::abs(dx);
        dy = cv::abs(dy);
        dx.convertTo(dx, CV_32F);
        dy.convertTo(dy, CV_32F);
        const double barcodeDown = barcodeStrength(dx, dy, false);
        const double barcodeUp = barcodeStrength(dx, dy, true);
        e.barcode = std::max(barcodeDown, barcodeUp);

        // The card's own level: the median of its grey, robust to glare and to the photo.
        cv::Mat sorted = small.reshape(1, 1).clone();
        std::nth_element(sorted.begin<uchar>(), sorted.begin<uchar>() + sorted.cols / 2,
                         sorted.end<uchar>());
        const double level = sorted.at<uchar>(0, sorted.cols / 2);
        const double darkLeft = portraitDarkness(small, level, false);
        const double darkRight = portraitDarkness(small, level, true);
        e.portrait = std::max(darkLeft, darkRight);

        e.side = sideOf(e.face, e.barcode, e.portrait, m_limits);
        if (e.side == CardSide::Front)
            e.upsideDown = e.face ? faceRight && !faceLeft : darkRight > darkLeft;
        else if (e.side == CardSide::Back)
            e.upsideDown = barcodeUp > barcodeDown;
    } catch (const cv::Exception &ex) {
        qCWarning(lcImaging) << "card side check failed:" << ex.what();
        return {};
    }
    return e;
}

CardSide CardSideCheck::sideOf(bool face, double barcode, double portrait,
                               const CardSideLimits &limits)
{
    // Between noStrip and barcode the strip is doubtful (glare over a back's barcode):
    // neither side is named on it.
    const bool strip = barcode >= limits.barcode;
    const bool noStrip = barcode < limits.noStrip;
    if (face && noStrip)
        return CardSide::Front;
    if (strip && !face)
        return CardSide::Back;
    // The face hidden by glare, or a face the cascade does not find: the dark box of a
    // photo where the portrait sits, and surely no strip, is still a front.
    if (!face && noStrip && portrait >= limits.portraitFront)
        return CardSide::Front;
    return CardSide::Unknown;
}

bool CardSideCheck::accepts(CardSide wanted, const CardSideEvidence &evidence)
{
    return wanted == CardSide::Unknown || evidence.side == CardSide::Unknown ||
           evidence.side == wanted;
}

} // namespace kiosk
