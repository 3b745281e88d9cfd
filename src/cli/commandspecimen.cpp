#include "commands.h"

#include "specimen/idcardrenderer.h"
#include "specimen/persona.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace kiosk::cli {

using namespace kiosk::specimen;

// Specimen cards are invented people, not customers: writing them to disk is the point
// (print them to train staff and test a camera against the sandbox).
int runSpecimen(CommandContext &context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Renders the specimen ID cards of the sandbox's invented personas (front and back "
        "PNGs), to print for training or to feed kioskctl verify. Without a persona, lists "
        "them."_s);
    parser.addPositionalArgument(u"persona"_s, u"A persona id (see the list)."_s);
    const QCommandLineOption outDir(QStringList{u"o"_s, u"out-dir"_s},
                                    u"Folder for <persona>-front.png and <persona>-back.png."_s,
                                    u"dir"_s, u"."_s);
    const QCommandLineOption personasFile(u"personas"_s, u"Personas JSON (default: built in)."_s,
                                          u"file"_s);
    const QCommandLineOption width(u"width"_s, u"Card width in pixels."_s, u"px"_s,
                                   QString::number(IdCardRenderer::DefaultWidth));
    parser.addOptions({outDir, personasFile, width});
    parser.addHelpOption();
    if (!parser.parse(QStringList{u"kioskctl"_s} + context.arguments)) {
        context.err << "kioskctl specimen: " << parser.errorText() << '\n';
        return ExitUsage;
    }
    if (parser.isSet(u"help"_s)) {
        context.out << parser.helpText().replace(u"kioskctl [options]"_s,
                                                 u"kioskctl specimen [PERSONA] [-o DIR]"_s);
        return ExitOk;
    }
    QString error;
    const QString path =
        parser.isSet(personasFile) ? parser.value(personasFile) : builtInPersonasPath();
    const QList<Persona> personas = loadPersonasFile(path, &error);
    if (personas.isEmpty()) {
        context.err << "kioskctl specimen: " << error << '\n';
        return ExitInput;
    }
    if (parser.positionalArguments().isEmpty()) {
        for (const Persona &p : personas)
            context.out << p.id.leftJustified(12) << p.firstNameEnglish << ' ' << p.lastNamesEnglish
                        << (p.amlMatch ? "  [AML match]" : "")
                        << (p.spoofed ? "  [spoofed document]" : "") << '\n';
        return ExitOk;
    }
    const QString id = parser.positionalArguments().first();
    const auto persona = std::find_if(personas.begin(), personas.end(),
                                      [&id](const Persona &p) { return p.id == id; });
    if (persona == personas.end()) {
        context.err << "kioskctl specimen: no persona '" << id
                    << "' (run kioskctl specimen to list them)\n";
        return ExitUsage;
    }
    const IdCardRenderer renderer(parser.value(width).toInt());
    const QDir dir(parser.value(outDir));
    if (!dir.exists() && !QDir().mkpath(dir.path())) {
        context.err << "kioskctl specimen: cannot create " << dir.path() << '\n';
        return ExitInput;
    }
    for (const auto side : {IdCardRenderer::Side::Front, IdCardRenderer::Side::Back}) {
        const QString file = dir.filePath(
            u"%1-%2.png"_s.arg(id, side == IdCardRenderer::Side::Front ? u"front"_s : u"back"_s));
        if (!renderer.render(*persona, side).save(file)) {
            context.err << "kioskctl specimen: cannot write " << file << '\n';
            return ExitInput;
        }
        context.out << file << '\n';
    }
    return ExitOk;
}

} // namespace kiosk::cli
