#include "cardrecognizer.h"

#include "sandboxlogging.h"

#include <opencv2/calib3d.hpp>
#include <opencv2/imgproc.hpp>

namespace kiosk::sandbox {

namespace {

constexpr int TemplateFeatures = 2000;
constexpr int QueryFeatures = 2000;
constexpr int QueryMaxSide = 1000;
constexpr float RatioTest = 0.8f;

} // namespace

CardRecognizer::CardRecognizer()
    : m_matcher(
          cv::makePtr<cv::FlannBasedMatcher>(cv::makePtr<cv::flann::LshIndexParams>(12, 20, 2)))
{}

void CardRecognizer::train()
{
    try {
        m_matcher->clear();
        std::vector<cv::Mat> descriptors;
        for (const Template &t : m_templates)
            descriptors.push_back(t.descriptors.empty() ? cv::Mat(0, 32, CV_8U) : t.descriptors);
        m_matcher->add(descriptors);
        m_matcher->train();
    } catch (const cv::Exception &e) {
        qCWarning(lcSandbox) << "training the card matcher failed:" << e.what();
    }
}

cv::Mat CardRecognizer::normalised(const cv::Mat &image, int maxSide)
{
    cv::Mat gray;
    if (image.channels() == 3)
        cv::cvtColor(image, gray, cv::COLOR_BGR2GRAY);
    else if (image.channels() == 4)
        cv::cvtColor(image, gray, cv::COLOR_BGRA2GRAY);
    else
        gray = image;
    const int side = std::max(gray.cols, gray.rows);
    if (side > maxSide) {
        const double scale = double(maxSide) / side;
        cv::resize(gray, gray, cv::Size(), scale, scale, cv::INTER_AREA);
    }
    return gray;
}

int CardRecognizer::addTemplate(const cv::Mat &image)
{
    Template t;
    try {
        const cv::Mat gray = normalised(image, 1400);
        t.size = gray.size();
        cv::Ptr<cv::ORB> orb = cv::ORB::create(TemplateFeatures);
        orb->detectAndCompute(gray, cv::noArray(), t.keypoints, t.descriptors);
    } catch (const cv::Exception &e) {
        qCWarning(lcSandbox) << "template features failed:" << e.what();
    }
    m_templates.push_back(std::move(t));
    return int(m_templates.size()) - 1;
}

CardRecognizer::Match CardRecognizer::recognize(const cv::Mat &image) const
{
    Match best;
    try {
        const cv::Mat gray = normalised(image, QueryMaxSide);
        std::vector<cv::KeyPoint> keypoints;
        cv::Mat descriptors;
        cv::Ptr<cv::ORB> orb = cv::ORB::create(QueryFeatures);
        orb->detectAndCompute(gray, cv::noArray(), keypoints, descriptors);
        if (descriptors.rows < MinInliers)
            return best;
        std::vector<std::vector<cv::DMatch>> knn;
        m_matcher->knnMatch(descriptors, knn, 2);
        std::vector<std::vector<cv::Point2f>> from(m_templates.size());
        std::vector<std::vector<cv::Point2f>> to(m_templates.size());
        for (const auto &pair : knn) {
            if (pair.size() < 2 || pair[0].distance >= RatioTest * pair[1].distance)
                continue;
            const size_t t = size_t(pair[0].imgIdx);
            if (t >= m_templates.size())
                continue;
            from[t].push_back(keypoints[size_t(pair[0].queryIdx)].pt);
            to[t].push_back(m_templates[t].keypoints[size_t(pair[0].trainIdx)].pt);
        }
        for (int i = 0; i < int(m_templates.size()); ++i) {
            if (int(from[size_t(i)].size()) < MinInliers)
                continue;
            std::vector<uchar> mask;
            const cv::Mat h =
                cv::findHomography(from[size_t(i)], to[size_t(i)], cv::RANSAC, 6.0, mask);
            if (h.empty())
                continue;
            // A card seen in a photo maps with a sane, orientation-preserving homography.
            const double det =
                h.at<double>(0, 0) * h.at<double>(1, 1) - h.at<double>(0, 1) * h.at<double>(1, 0);
            if (det <= 0.01 || det > 100.0)
                continue;
            const int inliers = cv::countNonZero(mask);
            if (inliers > best.inliers) {
                best.runnerUpInliers = best.inliers;
                best.inliers = inliers;
                best.templateIndex = i;
            } else if (inliers > best.runnerUpInliers) {
                best.runnerUpInliers = inliers;
            }
        }
    } catch (const cv::Exception &e) {
        qCWarning(lcSandbox) << "card recognition failed:" << e.what();
        return Match{};
    }
    if (best.inliers < MinInliers)
        return Match{};
    return best;
}

} // namespace kiosk::sandbox
