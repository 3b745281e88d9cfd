#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <opencv2/core.hpp>
#include <opencv2/objdetect.hpp>

namespace kiosk {

struct Face
{
    cv::Rect box;          // in the frame's pixels
    double share = 0;      // box area / frame area
    double offCentreX = 0; // (box centre - frame centre) / frame width, -0.5..0.5
    double offCentreY = 0; // same, over the frame height
};

struct FaceReport
{
    QList<Face> faces; // largest first
    cv::Size frame;

    int count() const { return int(faces.size()); }
};

// Frontal faces with one of OpenCV's Haar cascades (Debian's opencv-data), run on a
// small grey copy for speed. The cascade file is located at run time.
class FaceDetector
{
public:
    static constexpr const char *kCascadeName = "haarcascade_frontalface_alt2.xml";

    FaceDetector();

    // Where the cascade is looked for, in order: the configured file or folder, Debian's
    // opencv-data folder, then next to the application (haarcascades/ beside the binary
    // and ../share/onboarding-kiosk/haarcascades).
    static QStringList cascadeSearchPath(const QString &configured);
    // The first existing cascade on the search path; empty with a message if none.
    static QString locateCascade(const QString &configured, QString *error = nullptr);

    bool load(const QString &cascadeFile, QString *error = nullptr);
    bool isLoaded() const { return m_loaded; }

    // frame: BGR or grey. Faces whose side is below minSideShare of the frame's shorter
    // side are not looked for; the cascade runs on a copy shrunk so that such a face is
    // just above the cascade's window (32 px here, for stills: ID crops, liveness frames).
    FaceReport detect(const cv::Mat &frame, double minSideShare = 0.1);
    // On an existing grey copy scaled by scale from a frame of frameSize; the smallest face
    // becomes 24 px, faster and a little less sure (preview frames, guidance).
    FaceReport detectOnAnalysis(const cv::Mat &grey, double scale, cv::Size frameSize,
                                double minSideShare = 0.1);

private:
    FaceReport run(const cv::Mat &grey, double scale, cv::Size frameSize, double minSideShare,
                   double workMinFace, double scaleStep);

    cv::CascadeClassifier m_cascade;
    bool m_loaded = false;
};

} // namespace kiosk
