#pragma once

#include <QList>
#include <QString>

#include <opencv2/core.hpp>
#include <opencv2/features2d.hpp>

namespace kiosk::sandbox {

// Recognises which specimen card (persona and side) a photo shows: ORB features of the
// photo are matched against every rendered template, a homography is fitted with RANSAC,
// and the template with the most inliers wins. Robust to perspective, scale and noise.
class CardRecognizer
{
public:
    struct Match
    {
        int templateIndex = -1; // -1: no card recognised
        int inliers = 0;
        int runnerUpInliers = 0;
    };

    CardRecognizer();

    // gray or BGR 8-bit image; returns the template index. Call train() after the last one.
    int addTemplate(const cv::Mat &image);
    void train();
    int templateCount() const { return int(m_templates.size()); }

    // Never throws: OpenCV errors give "no match".
    Match recognize(const cv::Mat &image) const;

    static constexpr int MinInliers = 20;

private:
    struct Template
    {
        std::vector<cv::KeyPoint> keypoints;
        cv::Mat descriptors;
        cv::Size size;
    };

    static cv::Mat normalised(const cv::Mat &image, int maxSide);

    std::vector<Template> m_templates;
    // One LSH index over every template: a query feature whose two nearest neighbours are
    // equally close (shared layout: emblem, portrait, headings) fails the ratio test, so
    // what decides between personas is what differs between their cards.
    cv::Ptr<cv::DescriptorMatcher> m_matcher;
};

} // namespace kiosk::sandbox
