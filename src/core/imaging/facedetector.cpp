#include "facedetector.h"

#include "framequality.h"
#include "logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <opencv2/imgproc.hpp>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace kiosk {

namespace {
// The alt2 cascade's window is 20 px. The smallest face looked for is shrunk to this
// size: 24 px is fast enough for every preview frame, 32 px finds small faces in stills
// more reliably (messi5's 38 px face is missed at 24 when mirrored or darkened).
constexpr double kPreviewMinFace = 24.0;
constexpr double kStillMinFace = 32.0;
} // namespace

FaceDetector::FaceDetector() = default;

QStringList FaceDetector::cascadeSearchPath(const QString &configured)
{
    const QString name = QLatin1String(kCascadeName);
    QStringList path;
    if (!configured.isEmpty()) {
        const QFileInfo info(configured);
        path << (info.isDir() ? QDir(configured).filePath(name) : configured);
    }
    path << u"/usr/share/opencv4/haarcascades/"_s + name;
    if (QCoreApplication::instance()) {
        const QDir app(QCoreApplication::applicationDirPath());
        path << app.filePath(u"haarcascades/"_s + name)
             << app.filePath(u"../share/onboarding-kiosk/haarcascades/"_s + name);
    }
    return path;
}

QString FaceDetector::locateCascade(const QString &configured, QString *error)
{
    const QStringList path = cascadeSearchPath(configured);
    for (const QString &candidate : path) {
        if (QFileInfo(candidate).isFile())
            return QFileInfo(candidate).absoluteFilePath();
    }
    if (error)
        *error = u"face cascade %1 not found; looked in: %2. Install Debian's opencv-data "
                 "or set face/cascadeFile."_s.arg(QLatin1String(kCascadeName), path.join(u", "_s));
    return {};
}

bool FaceDetector::load(const QString &cascadeFile, QString *error)
{
    m_loaded = false;
    try {
        m_loaded = m_cascade.load(cascadeFile.toStdString()) && !m_cascade.empty();
    } catch (const cv::Exception &e) {
        qCWarning(lcImaging) << "cascade load failed:" << e.what();
    }
    if (!m_loaded && error)
        *error = u"cannot load face cascade %1"_s.arg(cascadeFile);
    return m_loaded;
}

FaceReport FaceDetector::detect(const cv::Mat &frame, double minSideShare)
{
    double scale = 1;
    cv::Mat grey;
    try {
        const double shorter = std::max(1, std::min(frame.cols, frame.rows));
        const double shrink = std::min(1.0, kStillMinFace / (minSideShare * shorter));
        grey = analysisCopy(frame, cvRound(frame.cols * shrink), &scale);
    } catch (const cv::Exception &e) {
        qCWarning(lcImaging) << "face detection failed:" << e.what();
        return {{}, frame.size()};
    }
    return run(grey, scale, frame.size(), minSideShare, kStillMinFace, 1.1);
}

FaceReport FaceDetector::detectOnAnalysis(const cv::Mat &grey, double scale, cv::Size frameSize,
                                          double minSideShare)
{
    return run(grey, scale, frameSize, minSideShare, kPreviewMinFace, 1.2);
}

FaceReport FaceDetector::run(const cv::Mat &grey, double scale, cv::Size frameSize,
                             double minSideShare, double workMinFace, double scaleStep)
{
    FaceReport report{{}, frameSize};
    if (!m_loaded || grey.empty() || scale <= 0)
        return report;
    try {
        cv::Mat work = grey;
        const double minSide = minSideShare * std::min(grey.cols, grey.rows);
        if (minSide > workMinFace * 1.05) {
            const double shrink = workMinFace / minSide;
            cv::resize(grey, work, cv::Size(), shrink, shrink, cv::INTER_AREA);
            scale *= double(work.cols) / grey.cols;
        }
        cv::Mat equalised;
        cv::equalizeHist(work, equalised);
        const int side = std::max(20, cvRound(minSideShare * std::min(work.cols, work.rows)));
        std::vector<cv::Rect> boxes;
        m_cascade.detectMultiScale(equalised, boxes, scaleStep, 3, 0, cv::Size(side, side));
        const double frameArea = double(frameSize.area());
        for (const cv::Rect &b : boxes) {
            Face f;
            f.box = cv::Rect(cvRound(b.x / scale), cvRound(b.y / scale), cvRound(b.width / scale),
                             cvRound(b.height / scale)) &
                    cv::Rect(0, 0, frameSize.width, frameSize.height);
            f.share = f.box.area() / frameArea;
            f.offCentreX = (f.box.x + f.box.width / 2.0) / frameSize.width - 0.5;
            f.offCentreY = (f.box.y + f.box.height / 2.0) / frameSize.height - 0.5;
            report.faces.append(f);
        }
        std::sort(report.faces.begin(), report.faces.end(),
                  [](const Face &a, const Face &b) { return a.share > b.share; });
    } catch (const cv::Exception &e) {
        qCWarning(lcImaging) << "face detection failed:" << e.what();
    }
    return report;
}

} // namespace kiosk
