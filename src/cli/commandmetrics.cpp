#include "commands.h"
#include "commonoptions.h"

#include "metrics/kioskmetrics.h"
#include "metrics/textfilepublisher.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace kiosk::cli {

// kioskctl metrics: what node_exporter collects from this kiosk. The counters live in
// the running kiosk, so by default this prints the kiosk's last published file
// (<metrics/textfileDir>/onboarding-kiosk.prom) as it is; with --self, or when there is
// no such file, it prints the set kioskctl itself knows: the build and configuration
// gauges with the fleet labels, and every counter at zero. Either way the output is
// valid exposition text (promtool check metrics accepts it).
int runMetrics(CommandContext &context)
{
    QCommandLineParser parser;
    CommonOptions common(parser);
    const QCommandLineOption self(u"self"_s,
                                  u"Print kioskctl's own set, not the kiosk's published file."_s);
    const QCommandLineOption dir(u"dir"_s,
                                 u"Textfile-collector directory (default: "
                                 "metrics/textfileDir)."_s,
                                 u"DIR"_s);
    parser.addOptions({self, dir});
    int code = ExitOk;
    const auto settings = common.parse(u"kioskctl metrics [--self] [--dir DIR]"_s,
                                       context.arguments, context.out, context.err, &code);
    if (!settings)
        return code;
    if (!parser.positionalArguments().isEmpty()) {
        context.err << "kioskctl: metrics takes no arguments\n";
        return ExitUsage;
    }

    const QString directory =
        parser.isSet(dir) ? parser.value(dir) : settings->string(Settings::Key::MetricsTextfileDir);
    const QString path =
        QDir(directory).filePath(QString::fromLatin1(metrics::TextfilePublisher::DefaultFileName));
    if (!parser.isSet(self) && !directory.isEmpty() && QFileInfo::exists(path)) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            context.err << "kioskctl: cannot read " << path << ": " << file.errorString()
                        << " (it is readable by root and the group "
                        << metrics::TextfilePublisher::ExporterGroup << " only)\n";
            return ExitInput;
        }
        const qint64 age = QFileInfo(path).lastModified().secsTo(QDateTime::currentDateTime());
        context.err << "# the kiosk's metrics from " << path << ", written " << age << " s ago\n";
        context.err.flush();
        context.out << QString::fromUtf8(file.readAll());
        return ExitOk;
    }
    if (!parser.isSet(self))
        context.err << "# no metrics file at " << path
                    << " (the kiosk is not running or cannot publish): kioskctl's own set\n";
    metrics::KioskMetrics set(metrics::FleetIdentity::fromSettings(*settings));
    set.setConfiguration(*settings);
    context.err.flush();
    context.out << QString::fromUtf8(set.render());
    return ExitOk;
}

} // namespace kiosk::cli
