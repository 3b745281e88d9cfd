#include "commands.h"
#include "commonoptions.h"

#include "imaging/budgetencoder.h"
#include "imaging/capturethresholds.h"
#include "imaging/facedetector.h"
#include "imaging/frameanalyzer.h"
#include "imaging/guidance.h"
#include "imaging/jpegmetadata.h"

#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>

#include <opencv2/imgcodecs.hpp>

using namespace Qt::StringLiterals;

namespace kiosk::cli {

namespace {

// Reads an image file as BGR; prints why not and returns an empty matrix on failure.
cv::Mat readImage(const QString &path, QByteArray *bytes, QTextStream &err)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        err << "kioskctl: cannot read " << path << ": " << file.errorString() << '\n';
        return {};
    }
    *bytes = file.readAll();
    cv::Mat image;
    try {
        const cv::Mat raw(1, int(bytes->size()), CV_8UC1, bytes->data());
        image = cv::imdecode(raw, cv::IMREAD_COLOR);
    } catch (const cv::Exception &) {
        image.release();
    }
    if (image.empty())
        err << "kioskctl: " << path << " is not an image OpenCV can read\n";
    return image;
}

} // namespace

int runCompress(CommandContext &context)
{
    QCommandLineParser parser;
    CommonOptions common(parser);
    const QCommandLineOption budget(u"budget"_s, u"Byte budget (default: imaging/idBudgetBytes)."_s,
                                    u"BYTES"_s);
    const QCommandLineOption kind(u"kind"_s, u"Budget of which image kind: id or face."_s,
                                  u"KIND"_s, u"id"_s);
    parser.addOptions({budget, kind});
    parser.addPositionalArgument(u"IN"_s, u"Image to compress (any format OpenCV reads)."_s);
    parser.addPositionalArgument(u"OUT"_s, u"JPEG to write."_s);
    int code = ExitOk;
    const auto settings = common.parse(u"compress IN OUT [--budget BYTES] [--kind id|face]"_s,
                                       context.arguments, context.out, context.err, &code);
    if (!settings)
        return code;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2) {
        context.err << "kioskctl: compress needs IN and OUT\n";
        return ExitUsage;
    }
    const QString k = parser.value(kind);
    if (k != u"id"_s && k != u"face"_s) {
        context.err << "kioskctl: --kind is id or face\n";
        return ExitUsage;
    }
    EncodeOptions options = EncodeOptions::fromSettings(
        *settings, k == u"face"_s ? ImageKind::Face : ImageKind::IdCard);
    if (parser.isSet(budget)) {
        bool ok = false;
        options.budgetBytes = parser.value(budget).toLongLong(&ok);
        if (!ok || options.budgetBytes <= 0) {
            context.err << "kioskctl: --budget takes a positive number of bytes\n";
            return ExitUsage;
        }
    }
    QByteArray bytes;
    const cv::Mat image = readImage(positional.at(0), &bytes, context.err);
    if (image.empty())
        return ExitInput;
    const EncodeResult r = BudgetEncoder(options).encode(image);
    if (!r.ok()) {
        context.err << "kioskctl: " << r.error << '\n';
        return ExitFailure;
    }
    QFile out(positional.at(1));
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        out.write(r.jpeg) != r.jpeg.size()) {
        context.err << "kioskctl: cannot write " << positional.at(1) << ": " << out.errorString()
                    << '\n';
        return ExitInput;
    }
    context.out << positional.at(1) << ": " << r.size.width << 'x' << r.size.height << ", quality "
                << r.quality << ", " << r.jpeg.size() << " bytes (budget " << options.budgetBytes
                << "), scale " << QString::number(r.scale, 'f', 3) << ", " << r.fullEncodes
                << " full + " << r.sampleEncodes << " sample encodes\n";
    return ExitOk;
}

int runInspect(CommandContext &context)
{
    QCommandLineParser parser;
    CommonOptions common(parser);
    parser.addPositionalArgument(u"IMAGE"_s, u"Image to measure."_s);
    int code = ExitOk;
    const auto settings =
        common.parse(u"inspect IMAGE"_s, context.arguments, context.out, context.err, &code);
    if (!settings)
        return code;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1) {
        context.err << "kioskctl: inspect needs one IMAGE\n";
        return ExitUsage;
    }
    QByteArray bytes;
    const cv::Mat image = readImage(positional.at(0), &bytes, context.err);
    if (image.empty())
        return ExitInput;

    const CaptureThresholds t = CaptureThresholds::fromSettings(*settings);
    QString error;
    FaceDetector faces;
    const QString cascade =
        FaceDetector::locateCascade(settings->string(Settings::Key::FaceCascadeFile), &error);
    const bool haveFaces = !cascade.isEmpty() && faces.load(cascade, &error);
    FrameAnalyzer analyzer(t, haveFaces ? &faces : nullptr);
    const FrameAnalysis a = analyzer.analyze(image, FrameAnalyzer::Quality | FrameAnalyzer::Card);
    QTextStream &out = context.out;
    out << "file:        " << positional.at(0) << " (" << bytes.size() << " bytes)\n"
        << "size:        " << image.cols << 'x' << image.rows << '\n';
    if (const auto time = captureTime(bytes))
        out << "captured:    " << time->toString(Qt::ISODateWithMs) << '\n';
    out << "sharpness:   " << QString::number(a.quality.sharpness, 'f', 1) << " (min "
        << t.minSharpness << ")\n"
        << "glare:       " << QString::number(a.quality.glareShare * 100, 'f', 1) << " % (max "
        << t.maxGlareShare * 100 << " %)\n"
        << "brightness:  " << QString::number(a.quality.brightness, 'f', 1) << " ("
        << t.minBrightness << ".." << t.maxBrightness << ")\n";
    if (a.card.found) {
        out << "card:        found, aspect " << QString::number(a.card.aspect, 'f', 3) << ", fills "
            << QString::number(a.card.fill * 100, 'f', 0) << " % of the guide,"
            << " corners";
        for (const cv::Point2f &p : a.card.corners)
            out << ' ' << qRound(p.x) << ',' << qRound(p.y);
        out << (a.card.cutOff ? ", cut off" : "") << '\n';
    } else {
        out << "card:        none\n";
    }
    if (haveFaces) {
        const FaceReport r = faces.detect(image, 0.1);
        out << "faces:       " << r.count();
        for (const Face &f : r.faces)
            out << " [" << f.box.x << ',' << f.box.y << ' ' << f.box.width << 'x' << f.box.height
                << ", " << QString::number(f.share * 100, 'f', 1) << " %]";
        out << '\n';
    } else {
        out << "faces:       not checked (" << error << ")\n";
    }
    // As if this were the last of enough steady frames: what the customer would be told.
    const Guidance g = cardGuidance(a.quality, a.card, t.stableFrames, t);
    out << "card guide:  " << instructionSourceText(g.instruction) << '\n';
    for (const GuidanceReason &reason : g.reasons)
        out << "  - " << reason.describe() << '\n';
    return ExitOk;
}

} // namespace kiosk::cli
