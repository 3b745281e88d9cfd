#include "facevideo.h"

#include "imaging/capturethresholds.h"
#include "imaging/facedetector.h"
#include "imaging/frameanalyzer.h"
#include "imaging/guidance.h"
#include "imaging/matimage.h"

#include <QImage>
#include <QRect>

#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

using namespace Qt::StringLiterals;

namespace kiosk::test {

namespace {

QImage crop(const QImage &photo, int variant, int cropWidth)
{
    // 16:9 around the face at (227, 94, 38, 38) of the photo, Full HD like the camera; the
    // head moves a pixel from frame to frame over 20 distinct frames, so the burst's three
    // picks (0, 120, 240 ms at 30 fps) never show the same pixels.
    const int cropHeight = cropWidth * 9 / 16;
    const QRect rect(246 - cropWidth / 2 + variant % 5, 113 - cropHeight / 2 + variant / 5,
                     cropWidth, cropHeight);
    return photo.copy(rect)
        .scaled(1920, 1080, Qt::IgnoreAspectRatio, Qt::SmoothTransformation)
        .convertToFormat(QImage::Format_RGB32);
}

// The first zoom of the photo the imaging guidance calls ready, as the capture judges it;
// 0 with *error when there is none.
int readyZoom(const QImage &photo, QString *error)
{
    FaceDetector detector;
    if (!detector.load(FaceDetector::locateCascade(QString()), error))
        return 0;
    const CaptureThresholds thresholds;
    FrameAnalyzer analyzer(thresholds, &detector);
    for (int candidate : {144, 136, 152, 128}) {
        const FrameAnalysis a = analyzer.analyze(matFromImage(crop(photo, 0, candidate)));
        if (faceGuidance(a.quality, a.faces, thresholds).ready())
            return candidate;
    }
    *error = u"no framing of the photo makes a ready face frame"_s;
    return 0;
}

} // namespace

QImage faceFrame(int variant, QString *error)
{
    static const QImage photo(QStringLiteral(KIOSK_OPENCV_SAMPLES "/messi5.jpg"));
    if (photo.isNull()) {
        *error = u"messi5.jpg missing"_s;
        return {};
    }
    static int width = 0;
    if (width == 0)
        width = readyZoom(photo, error);
    if (width == 0)
        return {};
    return crop(photo, variant % 20, width);
}

bool writeFaceVideo(const QString &path, QString *error, QSize size)
{
    if (faceFrame(0, error).isNull())
        return false;
    try {
        cv::VideoWriter writer(path.toStdString(), cv::CAP_OPENCV_MJPEG,
                               cv::VideoWriter::fourcc('M', 'J', 'P', 'G'), 30,
                               cv::Size(size.width(), size.height()));
        if (!writer.isOpened()) {
            *error = u"cannot write "_s + path;
            return false;
        }
        for (int i = 0; i < 20; ++i) {
            const QImage frame = faceFrame(i, error);
            const cv::Mat mat =
                matFromImage(size == frame.size() ? frame
                                                  : frame.scaled(size, Qt::IgnoreAspectRatio,
                                                                 Qt::SmoothTransformation));
            cv::Mat bgr;
            if (mat.channels() == 4)
                cv::cvtColor(mat, bgr, cv::COLOR_BGRA2BGR);
            else
                bgr = mat;
            writer.write(bgr);
        }
    } catch (const cv::Exception &e) {
        *error = QString::fromUtf8(e.what());
        return false;
    }
    return true;
}

} // namespace kiosk::test
