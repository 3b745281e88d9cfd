#pragma once

#include "imaging/capturethresholds.h"
#include "imaging/carddetector.h"
#include "imaging/facedetector.h"
#include "imaging/frameanalyzer.h"
#include "imaging/guidance.h"
#include "imaging/matimage.h"
#include "specimen/idcardrenderer.h"
#include "specimen/persona.h"

#include <QColor>
#include <QImage>
#include <QList>
#include <QPainter>

namespace kiosk::test {

// The scenes a synthetic camera shows to drive the wizard to "verified" (as tst_wizard
// does): a rendered specimen card on a desk, framed where the imaging engine calls it
// ready, and a real face photo (Debian's opencv-doc) framed around the player. Header
// only: used by the GUI suites, which link the imaging and specimen code already.
struct WizardScenes
{
    QImage front, back, spoof;
    QList<QImage> faces; // seven distinct frames, so the burst's picks never coincide

    bool isValid() const
    {
        return !front.isNull() && !back.isNull() && !spoof.isNull() && !faces.isEmpty();
    }

    // The first desk and card size on which the card is called ready.
    static QImage cardScene(const QImage &card)
    {
        const CaptureThresholds thresholds;
        const CardDetector detector(thresholds);
        for (const QColor &desk : {QColor(38, 42, 48), QColor(90, 70, 50), QColor(120, 120, 120)}) {
            for (int width : {900, 940, 860, 820}) {
                QImage scene(1280, 720, QImage::Format_RGB32);
                scene.fill(desk);
                QPainter p(&scene);
                const int height = qRound(width / specimen::IdCardRenderer::AspectRatio);
                p.drawImage(QRect((1280 - width) / 2, (720 - height) / 2, width, height), card);
                p.end();
                const cv::Mat mat = matFromImage(scene);
                const CardDetection found = detector.detect(mat);
                FrameAnalyzer analyzer(thresholds, nullptr);
                const FrameAnalysis a = analyzer.analyze(mat, FrameAnalyzer::Quality);
                if (found.found &&
                    cardGuidance(a.quality, found, thresholds.stableFrames, thresholds).ready())
                    return scene;
            }
        }
        return {};
    }

    // 16:9 around the face at (227, 94, 38, 38); the head moves a pixel between frames.
    static QImage faceScene(const QImage &photo, int variant, int cropWidth)
    {
        const int cropHeight = cropWidth * 9 / 16;
        const QRect crop(246 - cropWidth / 2 + variant % 4, 113 - cropHeight / 2 + variant / 4 % 2,
                         cropWidth, cropHeight);
        return photo.copy(crop)
            .scaled(1280, 720, Qt::IgnoreAspectRatio, Qt::SmoothTransformation)
            .convertToFormat(QImage::Format_RGB32);
    }

    // persona: whose card; facePhoto: messi5.jpg of opencv-doc. Empty scenes and *error
    // when something is missing.
    static WizardScenes make(const QString &persona, const QString &facePhoto, QString *error)
    {
        WizardScenes scenes;
        const auto personas = specimen::loadPersonasFile(specimen::builtInPersonasPath(), error);
        const QImage portrait = specimen::IdCardRenderer::loadPortrait(error);
        if (personas.isEmpty() || portrait.isNull())
            return {};
        const specimen::IdCardRenderer renderer(portrait);
        for (const auto &p : personas) {
            if (p.id == persona) {
                scenes.front = cardScene(renderer.renderFront(p));
                scenes.back = cardScene(renderer.renderBack(p));
            } else if (p.spoofed && scenes.spoof.isNull()) {
                scenes.spoof = cardScene(renderer.renderFront(p));
            }
        }
        // The first zoom the guidance calls ready (a face filling about 12 % of the frame).
        const QImage photo(facePhoto);
        FaceDetector detector;
        if (photo.isNull() || !detector.load(FaceDetector::locateCascade(QString()), error)) {
            if (error && error->isEmpty())
                *error = QStringLiteral("cannot read %1").arg(facePhoto);
            return {};
        }
        const CaptureThresholds thresholds;
        FrameAnalyzer analyzer(thresholds, &detector);
        for (int width : {144, 136, 152, 128}) {
            const FrameAnalysis a = analyzer.analyze(matFromImage(faceScene(photo, 0, width)));
            if (faceGuidance(a.quality, a.faces, thresholds).ready()) {
                for (int i = 0; i < 7; ++i)
                    scenes.faces << faceScene(photo, i, width);
                break;
            }
        }
        if (!scenes.isValid() && error)
            *error = QStringLiteral("no framing makes every scene ready");
        return scenes;
    }
};

} // namespace kiosk::test
