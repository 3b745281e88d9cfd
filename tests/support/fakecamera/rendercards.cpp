// Renders the fake camera's demo scene: the first built-in persona's specimen ID card
// (front, then back; src/specimen, so the sandbox recognises it) lying on a desk
// under the webcam, filling the capture guide as a customer would, and a face clip that
// passes the kiosk's face guidance by itself: a well-lit face photo from Debian's
// opencv-doc (messi5.jpg, BSD-licensed OpenCV sample data) framed like a customer in front
// of the kiosk, swaying slightly. Every frame of the clip is checked with the guidance
// the capture page uses; the build fails if one is not ready.
#include "imaging/capturethresholds.h"
#include "imaging/facedetector.h"
#include "imaging/frameanalyzer.h"
#include "imaging/guidance.h"
#include "imaging/matimage.h"
#include "specimen/idcardrenderer.h"
#include "specimen/persona.h"

#include <opencv2/videoio.hpp>

#include <QGuiApplication>
#include <QImage>
#include <QLinearGradient>
#include <QPainter>
#include <QTransform>

#include <cmath>
#include <cstdio>

using kiosk::specimen::IdCardRenderer;

namespace {

// The card on a dark desk, slightly rotated and in perspective, about 85 % of the
// default guide (80 % of a 1920x1080 frame's width).
QImage onDesk(const QImage &card)
{
    QImage frame(1920, 1080, QImage::Format_RGB32);
    QPainter p(&frame);
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    p.setRenderHint(QPainter::Antialiasing);
    QLinearGradient desk(0, 0, 0, 1080);
    desk.setColorAt(0, QColor(0x3a, 0x2e, 0x26));
    desk.setColorAt(1, QColor(0x24, 0x1c, 0x17));
    p.fillRect(frame.rect(), desk);
    const QPolygonF from = {QPointF(0, 0), QPointF(card.width(), 0),
                            QPointF(card.width(), card.height()), QPointF(0, card.height())};
    const QPolygonF to = {QPointF(262, 100), QPointF(1668, 124), QPointF(1654, 990),
                          QPointF(250, 968)};
    QTransform t;
    QTransform::quadToQuad(from, to, t);
    p.setTransform(t);
    p.drawImage(0, 0, card);
    return frame;
}

// messi5.jpg is 548x342 with the face at about (227, 94, 38, 38): a 16:9 window around it,
// moving on a closed path so the clip loops without a jump and no two burst frames are
// the same pixels.
QImage faceFrame(const QImage &photo, int frame, int frames, int cropWidth)
{
    const double t = 2 * M_PI * frame / frames;
    const int cropHeight = cropWidth * 9 / 16;
    const double x = 246 - cropWidth / 2.0 + 2.5 * std::sin(t);
    const double y = 113 - cropHeight / 2.0 + 1.5 * std::sin(2 * t);
    return photo.copy(QRect(qRound(x), qRound(y), cropWidth, cropHeight))
        .scaled(1280, 720, Qt::IgnoreAspectRatio, Qt::SmoothTransformation)
        .convertToFormat(QImage::Format_RGB32);
}

bool writeFaceClip(const QString &path)
{
    const QImage photo(QStringLiteral(KIOSK_OPENCV_SAMPLES "/messi5.jpg"));
    kiosk::FaceDetector detector;
    QString error;
    if (photo.isNull() || !detector.load(kiosk::FaceDetector::locateCascade({}, &error), &error)) {
        std::fprintf(stderr, "face clip: %s\n",
                     photo.isNull() ? "messi5.jpg (opencv-doc) missing" : qPrintable(error));
        return false;
    }
    const kiosk::CaptureThresholds thresholds;
    kiosk::FrameAnalyzer analyzer(thresholds, &detector);
    constexpr int frames = 60; // two seconds at 30 fps
    for (int cropWidth : {144, 136, 152, 128, 160}) {
        bool allReady = true;
        for (int i = 0; i < frames && allReady; ++i) {
            const kiosk::FrameAnalysis a =
                analyzer.analyze(kiosk::matFromImage(faceFrame(photo, i, frames, cropWidth)));
            allReady = kiosk::faceGuidance(a.quality, a.faces, thresholds).ready();
        }
        if (!allReady)
            continue;
        cv::VideoWriter writer(path.toStdString(), cv::CAP_OPENCV_MJPEG,
                               cv::VideoWriter::fourcc('M', 'J', 'P', 'G'), 30,
                               cv::Size(1280, 720));
        if (!writer.isOpened())
            break;
        for (int i = 0; i < frames; ++i) {
            writer.write(kiosk::matFromImage(faceFrame(photo, i, frames, cropWidth)));
        }
        return true;
    }
    std::fprintf(stderr, "face clip: no framing passes the face guidance on every frame\n");
    return false;
}

} // namespace

int main(int argc, char **argv)
{
    QGuiApplication app(argc, argv);
    if (argc != 4) {
        std::fprintf(stderr, "usage: rendercards FRONT.png BACK.png FACE.avi\n");
        return 2;
    }
    QString error;
    const auto personas =
        kiosk::specimen::loadPersonasFile(kiosk::specimen::builtInPersonasPath(), &error);
    if (personas.isEmpty()) {
        std::fprintf(stderr, "no persona: %s\n", qPrintable(error));
        return 1;
    }
    const IdCardRenderer renderer(1400);
    const bool ok =
        onDesk(renderer.renderFront(personas.constFirst())).save(QString::fromLocal8Bit(argv[1])) &&
        onDesk(renderer.renderBack(personas.constFirst())).save(QString::fromLocal8Bit(argv[2])) &&
        writeFaceClip(QString::fromLocal8Bit(argv[3]));
    return ok ? 0 : 1;
}
