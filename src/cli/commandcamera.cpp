// kioskctl camera list | burst | snapshot: the branch IT staff's view of the webcam
// through the same QCamera path the kiosk uses (src/media).
#include "cameras.h"
#include "camerautil.h"
#include "commands.h"
#include "commonoptions.h"

#include "capture/burstcontroller.h"
#include "capture/cameraoptions.h"
#include "capture/clock.h"
#include "mediabackend.h"
#include "qtcamerasource.h"

#include <QCameraDevice>
#include <QCommandLineParser>
#include <QEventLoop>
#include <QTextStream>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace kiosk::cli {

namespace {

struct CameraCommand
{
    QCommandLineParser parser;
    CommonOptions common{parser};
    QCommandLineOption camera{u"camera"_s, u"Camera id or name (default: camera/id)."_s, u"name"_s};
    std::unique_ptr<Settings> settings;

    // Parses; returns false with *code set when the command must end now.
    bool parse(const QString &synopsis, CommandContext &context, int *code)
    {
        parser.addOption(camera);
        settings = common.parse(synopsis, context.arguments, context.out, context.err, code);
        if (!settings)
            return false;
        if (parser.isSet(camera))
            settings->setOverride(Settings::Key::CameraId, parser.value(camera));
        applyMediaBackend(*settings);
        return true;
    }
};

// Starts the camera and waits for frames; prints the problem and returns false if none.
bool startStreaming(QtCameraSource &source, CommandContext &context, const char *command)
{
    source.start();
    const bool ok =
        waitFor([&source]() { return source.state() == FrameSource::State::Streaming; }, 15000);
    if (!ok || source.state() != FrameSource::State::Streaming) {
        const CameraProblem p =
            source.problem() == CameraProblem::None ? CameraProblem::Stalled : source.problem();
        context.err << "kioskctl " << command << ": " << cameraProblemName(p) << ": "
                    << cameraProblemText(p) << '\n';
        return false;
    }
    return true;
}

} // namespace

int runCameraList(CommandContext &context)
{
    CameraCommand cmd;
    cmd.parser.setApplicationDescription(
        u"Lists the cameras Qt Multimedia sees, with their formats; * marks the default, "
        "> the one the kiosk uses (camera/id)."_s);
    int code = ExitOk;
    if (!cmd.parse(u"kioskctl camera list [options]"_s, context, &code))
        return code;
    const auto cameras = availableCameras();
    if (cameras.isEmpty()) {
        context.err << "kioskctl camera list: " << cameraProblemText(CameraProblem::NoCamera)
                    << '\n';
        return ExitFailure;
    }
    const QCameraDevice chosen =
        QtCameraSource::findCamera(cmd.settings->string(Settings::Key::CameraId));
    const CameraOptions options = CameraOptions::fromSettings(*cmd.settings);
    for (const QCameraDevice &c : cameras) {
        const auto formats = c.videoFormats();
        QList<CameraFormatInfo> infos;
        for (const QCameraFormat &f : formats)
            infos.append({f.resolution(), f.maxFrameRate(),
                          f.pixelFormat() == QVideoFrameFormat::Format_Jpeg});
        const int best = chooseCameraFormat(infos, options.preferredSize);
        context.out << (c == chosen ? '>' : ' ') << (c.isDefault() ? '*' : ' ') << ' '
                    << c.description() << "  (id " << QString::fromUtf8(c.id()) << ")\n";
        context.out << "    would use: "
                    << (best < 0 ? u"no usable format"_s : cameraFormatText(formats.at(best)))
                    << '\n';
        for (const QCameraFormat &f : formats)
            context.out << "    " << cameraFormatText(f) << '\n';
    }
    return ExitOk;
}

int runCameraBurst(CommandContext &context)
{
    CameraCommand cmd;
    cmd.parser.setApplicationDescription(
        u"Takes liveness bursts (face/burstOffsetsMs inside face/burstMaxSpanMs) from the "
        "camera and prints each burst's planned and achieved span. Nothing is saved."_s);
    const QCommandLineOption count(u"count"_s, u"Number of bursts (default 5)."_s, u"n"_s, u"5"_s);
    cmd.parser.addOption(count);
    int code = ExitOk;
    if (!cmd.parse(u"kioskctl camera burst [--count N] [options]"_s, context, &code))
        return code;
    bool ok = false;
    const int bursts = cmd.parser.value(count).toInt(&ok);
    if (!ok || bursts < 1) {
        context.err << "kioskctl camera burst: --count needs a positive number\n";
        return ExitUsage;
    }
    Clock clock;
    QtCameraSource source(CameraOptions::fromSettings(*cmd.settings), clock);
    BurstController burst(&source, clock, BurstOptions::fromSettings(*cmd.settings));
    if (!startStreaming(source, context, "camera burst"))
        return ExitFailure;
    context.out << "camera " << source.cameraName() << ", " << cameraFormatText(source.format())
                << "\n";
    int failures = 0;
    for (int i = 1; i <= bursts; ++i) {
        bool finished = false;
        QString line;
        const auto c1 = QObject::connect(
            &burst, &BurstController::burstCaptured, &burst, [&](const BurstResult &r) {
                QStringList at;
                for (double ms : r.achievedMs)
                    at << QString::number(ms, 'f', 1);
                line = u"planned %1 ms, achieved %2 ms (frames at "
                       "%3 ms; %4 timestamps), attempt %5"_s.arg(r.plannedSpanMs())
                           .arg(r.spanMs(), 0, 'f', 1)
                           .arg(at.join(u", "_s), r.backendTimestamps ? u"camera"_s : u"arrival"_s)
                           .arg(r.attempt);
                finished = true;
            });
        const auto c2 = QObject::connect(&burst, &BurstController::burstFailed, &burst,
                                         [&](BurstMiss miss, const QString &detail) {
                                             line = u"FAILED: %1 (%2)"_s.arg(
                                                 QLatin1String(burstMissName(miss)), detail);
                                             ++failures;
                                             finished = true;
                                         });
        burst.arm();
        if (!waitFor([&finished]() { return finished; }, 10000)) {
            line = u"FAILED: no burst within 10 s"_s;
            ++failures;
        }
        QObject::disconnect(c1);
        QObject::disconnect(c2);
        burst.cancel();
        context.out << "burst " << i << ": " << line << '\n';
        context.out.flush();
    }
    source.stop();
    return failures ? ExitFailure : ExitOk;
}

int runCameraSnapshot(CommandContext &context)
{
    CameraCommand cmd;
    cmd.parser.setApplicationDescription(
        u"Saves one full-resolution frame from the camera as a JPEG, to check framing, focus "
        "and light. For IT staff: do not run it while a customer is in front of the kiosk."_s);
    cmd.parser.addPositionalArgument(u"out"_s, u"The JPEG file to write."_s);
    int code = ExitOk;
    if (!cmd.parse(u"kioskctl camera snapshot OUT.jpg [options]"_s, context, &code))
        return code;
    const QStringList args = cmd.parser.positionalArguments();
    if (args.size() != 1) {
        context.err << "kioskctl camera snapshot: give one output file\n";
        return ExitUsage;
    }
    Clock clock;
    QtCameraSource source(CameraOptions::fromSettings(*cmd.settings), clock);
    CameraFrame last;
    int frames = 0;
    QObject::connect(&source, &FrameSource::frameArrived, &source, [&](const CameraFrame &f) {
        last = f;
        ++frames;
    });
    if (!startStreaming(source, context, "camera snapshot"))
        return ExitFailure;
    // Let auto-exposure settle for a few frames.
    waitFor([&frames]() { return frames >= 10; }, 3000);
    const QImage image = last.image();
    source.stop();
    if (image.isNull() || !image.save(args.first(), "JPEG", 95)) {
        context.err << "kioskctl camera snapshot: cannot write " << args.first() << '\n';
        return ExitInput;
    }
    context.out << "wrote " << args.first() << ": " << image.width() << 'x' << image.height()
                << " from " << source.cameraName() << '\n';
    return ExitOk;
}

} // namespace kiosk::cli
