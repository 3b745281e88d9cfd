#include "carddetector.h"

#include "framequality.h"
#include "logging.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace kiosk {

namespace {

// Grey-level step (after a 5x5 blur, over 3 px) that counts as an edge.
constexpr double kEdgeLevel = 18;

double distance(cv::Point2f a, cv::Point2f b)
{
    return std::hypot(double(a.x - b.x), double(a.y - b.y));
}

double degrees(double radians)
{
    return radians * 180.0 / std::numbers::pi;
}

// Orders four points TL, TR, BR, BL, then rotates so that the top edge is a long one.
std::array<cv::Point2f, 4> orderCorners(const std::vector<cv::Point> &quad)
{
    cv::Point2f centre(0, 0);
    for (const cv::Point &p : quad)
        centre += cv::Point2f(p);
    centre *= 0.25f;
    std::vector<cv::Point2f> pts(quad.begin(), quad.end());
    // Clockwise on screen (y down), starting from the top-left-most by angle.
    std::sort(pts.begin(), pts.end(), [centre](cv::Point2f a, cv::Point2f b) {
        return std::atan2(a.y - centre.y, a.x - centre.x) <
               std::atan2(b.y - centre.y, b.x - centre.x);
    });
    // atan2 order starts near -pi (left); pick the start with the smallest x + y.
    int start = 0;
    for (int i = 1; i < 4; ++i) {
        if (pts[i].x + pts[i].y < pts[start].x + pts[start].y)
            start = i;
    }
    std::array<cv::Point2f, 4> c;
    for (int i = 0; i < 4; ++i)
        c[i] = pts[(start + i) % 4];
    const double top = distance(c[0], c[1]) + distance(c[3], c[2]);
    const double side = distance(c[0], c[3]) + distance(c[1], c[2]);
    if (side > top) // portrait in the frame: make the long edge the top
        c = {c[3], c[0], c[1], c[2]};
    return c;
}

double quadArea(const std::array<cv::Point2f, 4> &c)
{
    double a = 0;
    for (int i = 0; i < 4; ++i)
        a += double(c[i].x) * c[(i + 1) % 4].y - double(c[(i + 1) % 4].x) * c[i].y;
    return std::abs(a) / 2;
}

void measure(CardDetection &d)
{
    const auto &c = d.corners;
    const double top = distance(c[0], c[1]), bottom = distance(c[3], c[2]);
    const double left = distance(c[0], c[3]), right = distance(c[1], c[2]);
    d.aspect = (top + bottom) / std::max(1e-6, left + right);
    double skew = 0;
    for (int i = 0; i < 4; ++i) {
        const cv::Point2f a = c[(i + 3) % 4] - c[i], b = c[(i + 1) % 4] - c[i];
        const double cosine = a.dot(b) / std::max(1e-6, double(cv::norm(a)) * cv::norm(b));
        skew = std::max(skew, std::abs(90.0 - degrees(std::acos(std::clamp(cosine, -1.0, 1.0)))));
    }
    d.skewDegrees = skew;
    d.rotationDegrees = degrees(std::atan2(double(c[1].y - c[0].y), double(c[1].x - c[0].x)));
}

void collectQuads(const cv::Mat &binary, double minArea, std::vector<std::vector<cv::Point>> *out)
{
    std::vector<std::vector<cv::Point>> contours;
    cv::findContours(binary, contours, cv::RETR_LIST, cv::CHAIN_APPROX_SIMPLE);
    for (const auto &contour : contours) {
        if (std::abs(cv::contourArea(contour)) < minArea)
            continue;
        std::vector<cv::Point> hull, quad;
        cv::convexHull(contour, hull);
        const double perimeter = cv::arcLength(hull, true);
        cv::approxPolyDP(hull, quad, 0.02 * perimeter, true);
        if (quad.size() == 4 && cv::isContourConvex(quad))
            out->push_back(quad);
    }
}

// Rounded card corners pull a polygon fit inwards, and a thick edge band puts it a
// pixel or two off the edge: refit each side as a straight line through the outermost
// strong grey step found along its normal (middle 70 % of the side only), then
// intersect neighbouring sides. Falls back to the rough corners when a side finds no
// edge or the result moves too far.
std::array<cv::Point2f, 4> refineCorners(const cv::Mat &grey, const std::array<cv::Point2f, 4> &c)
{
    const auto at = [&grey](cv::Point2f p) {
        const int x = std::clamp(cvRound(p.x), 0, grey.cols - 1);
        const int y = std::clamp(cvRound(p.y), 0, grey.rows - 1);
        return double(grey.at<uchar>(y, x));
    };
    const cv::Point2f centre = (c[0] + c[1] + c[2] + c[3]) * 0.25f;
    std::array<cv::Vec4f, 4> lines;
    for (int i = 0; i < 4; ++i) {
        const cv::Point2f a = c[size_t(i)], b = c[size_t((i + 1) % 4)];
        const double length = distance(a, b);
        if (length < 10)
            return c;
        const cv::Point2f dir = (b - a) * float(1.0 / length);
        cv::Point2f normal(dir.y, -dir.x);
        if (((a + b) * 0.5f - centre).dot(normal) < 0)
            normal = -normal;
        std::vector<cv::Point2f> points;
        const int samples = std::clamp(int(length / 4), 8, 80);
        for (int k = 0; k <= samples; ++k) {
            const cv::Point2f p = a + (b - a) * float(0.15 + 0.7 * k / samples);
            double strongest = 0;
            // Offsets -4 .. +10 px in half pixels: the rough fit errs inwards.
            std::array<double, 29> step{};
            for (int j = 0; j < 29; ++j) {
                const float o = -4.0f + 0.5f * float(j);
                step[size_t(j)] =
                    std::abs(at(p + normal * (o + 1.0f)) - at(p + normal * (o - 1.0f)));
                strongest = std::max(strongest, step[size_t(j)]);
            }
            if (strongest < 20)
                continue;
            for (int j = 28; j >= 0; --j) {
                if (step[size_t(j)] >= 0.5 * strongest) {
                    points.push_back(p + normal * (-4.0f + 0.5f * float(j)));
                    break;
                }
            }
        }
        if (int(points.size()) < samples / 2)
            return c;
        cv::fitLine(points, lines[size_t(i)], cv::DIST_HUBER, 0, 0.01, 0.01);
    }
    std::array<cv::Point2f, 4> out;
    for (int i = 0; i < 4; ++i) {
        // Corner i joins side i - 1 (ending at it) and side i (starting at it).
        const cv::Vec4f &l1 = lines[size_t((i + 3) % 4)], &l2 = lines[size_t(i)];
        const double det = double(l1[0]) * l2[1] - double(l1[1]) * l2[0];
        if (std::abs(det) < 1e-6)
            return c;
        const double t = ((double(l2[2]) - l1[2]) * l2[1] - (double(l2[3]) - l1[3]) * l2[0]) / det;
        out[size_t(i)] = cv::Point2f(float(l1[2] + t * l1[0]), float(l1[3] + t * l1[1]));
        if (distance(out[size_t(i)], c[size_t(i)]) > 0.08 * distance(c[0], c[2]))
            return c;
    }
    return out;
}

} // namespace

cv::Rect CardDetection::boundingBox() const
{
    std::vector<cv::Point2f> pts(corners.begin(), corners.end());
    return cv::boundingRect(pts);
}

CardDetector::CardDetector(const CaptureThresholds &thresholds)
    : m_t(thresholds)
{}

cv::Rect CardDetector::defaultGuide(cv::Size frame) const
{
    int width = cvRound(frame.width * m_t.guideWidthShare);
    int height = cvRound(width / m_t.cardAspect);
    if (height > frame.height * 0.9) {
        height = cvRound(frame.height * 0.9);
        width = cvRound(height * m_t.cardAspect);
    }
    return {(frame.width - width) / 2, (frame.height - height) / 2, width, height};
}

CardDetection CardDetector::detect(const cv::Mat &frame, cv::Rect guide) const
{
    try {
        double scale = 1;
        const cv::Mat grey = analysisCopy(frame, m_t.analysisWidth, &scale);
        return detectOnAnalysis(grey, scale, frame.size(), guide);
    } catch (const cv::Exception &e) {
        qCWarning(lcImaging) << "card detection failed:" << e.what();
        return {};
    }
}

CardDetection CardDetector::detectOnAnalysis(const cv::Mat &grey, double scale, cv::Size frameSize,
                                             cv::Rect guide) const
{
    CardDetection best;
    best.guide = guide.empty() ? defaultGuide(frameSize) : guide;
    if (grey.empty() || scale <= 0)
        return best;
    try {
        const double minArea = 0.05 * grey.total();
        std::vector<std::vector<cv::Point>> quads;
        // A morphological gradient is a thick edge map at a fraction of Canny's cost
        // (which takes several ms on textured 640 px frames), and the card's outline
        // survives as the inner border of its edge band.
        cv::Mat blurred, edges;
        cv::GaussianBlur(grey, blurred, cv::Size(5, 5), 0);
        cv::morphologyEx(blurred, edges, cv::MORPH_GRADIENT, cv::Mat());
        cv::threshold(edges, edges, kEdgeLevel, 255, cv::THRESH_BINARY);
        collectQuads(edges, minArea, &quads);
        // Soft edges: a bright card on a darker desk still separates by level. Not on
        // busy frames (dense edges), where a card's outline is in the edge map anyway.
        if (quads.empty() && cv::countNonZero(edges) < 0.25 * double(edges.total())) {
            cv::Mat binary;
            cv::threshold(blurred, binary, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
            collectQuads(binary, minArea, &quads);
        }
        double bestArea = 0;
        for (const auto &quad : quads) {
            CardDetection d;
            d.corners = orderCorners(quad);
            measure(d);
            if (std::abs(d.aspect / m_t.cardAspect - 1.0) > m_t.aspectTolerance)
                continue;
            const double area = quadArea(d.corners);
            // The image's own border is not a card.
            int onBorder = 0;
            for (const cv::Point2f &p : d.corners)
                onBorder += p.x < 3 || p.y < 3 || p.x > grey.cols - 4 || p.y > grey.rows - 4;
            if (area <= bestArea || area > 0.95 * double(grey.total()) || onBorder >= 3)
                continue;
            bestArea = area;
            best.found = true;
            best.corners = d.corners;
            best.aspect = d.aspect;
            best.skewDegrees = d.skewDegrees;
            best.rotationDegrees = d.rotationDegrees;
        }
        if (!best.found)
            return best;
        best.corners = refineCorners(blurred, best.corners);
        CardDetection refined = best;
        measure(refined);
        best.aspect = refined.aspect;
        best.skewDegrees = refined.skewDegrees;
        best.rotationDegrees = refined.rotationDegrees;
        const float inv = float(1.0 / scale);
        const float margin = 2.0f / float(scale);
        for (cv::Point2f &p : best.corners) {
            p *= inv;
            if (p.x < margin || p.y < margin || p.x > frameSize.width - 1 - margin ||
                p.y > frameSize.height - 1 - margin)
                best.cutOff = true;
        }
        best.fill = quadArea(best.corners) / std::max(1.0, double(best.guide.area()));
    } catch (const cv::Exception &e) {
        qCWarning(lcImaging) << "card detection failed:" << e.what();
        best.found = false;
    }
    return best;
}

cv::Mat CardDetector::crop(const cv::Mat &frame, const CardDetection &card, int width) const
{
    if (!card.found || frame.empty())
        return {};
    if (width <= 0)
        width = m_t.cropWidth;
    const int height = cvRound(width / m_t.cardAspect);
    const std::array<cv::Point2f, 4> to{cv::Point2f(0, 0), cv::Point2f(float(width - 1), 0),
                                        cv::Point2f(float(width - 1), float(height - 1)),
                                        cv::Point2f(0, float(height - 1))};
    try {
        const cv::Mat m = cv::getPerspectiveTransform(card.corners.data(), to.data());
        cv::Mat out;
        cv::warpPerspective(frame, out, m, cv::Size(width, height), cv::INTER_LINEAR,
                            cv::BORDER_REPLICATE);
        return out;
    } catch (const cv::Exception &e) {
        qCWarning(lcImaging) << "card crop failed:" << e.what();
        return {};
    }
}

CardStabilityTracker::CardStabilityTracker(int frames, double tolerance)
    : m_frames(std::max(1, frames))
    , m_tolerance(tolerance)
{}

bool CardStabilityTracker::add(const CardDetection &card)
{
    if (!card.found) {
        reset();
        return false;
    }
    bool agrees = m_last.found;
    if (agrees) {
        const double size = distance(card.corners[0], card.corners[2]);
        for (int i = 0; i < 4 && agrees; ++i)
            agrees = distance(card.corners[i], m_last.corners[i]) <= m_tolerance * size;
    }
    m_count = agrees ? m_count + 1 : 1;
    m_last = card;
    return stable();
}

void CardStabilityTracker::reset()
{
    m_count = 0;
    m_last = {};
}

} // namespace kiosk
