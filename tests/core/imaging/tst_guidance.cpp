#include "i18n.h"
#include "imaging/carddetector.h"
#include "imaging/facedetector.h"
#include "imaging/framequality.h"
#include "imaging/guidance.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace kiosk;

Q_DECLARE_METATYPE(Instruction)
using Checks = QList<int>;

class tst_Guidance : public QObject
{
    Q_OBJECT

private slots:
    void card_data();
    void card();
    void face_data();
    void face();
    void reasonsForTheAgent();
    void arabicText();
};

namespace {
FrameQuality goodQuality()
{
    FrameQuality q;
    q.sharpness = 300;
    q.glareShare = 0.02;
    q.brightness = 130;
    return q;
}

CardDetection goodCard()
{
    CardDetection c;
    c.found = true;
    c.fill = 0.85;
    c.aspect = 1.586;
    return c;
}
} // namespace

void tst_Guidance::card_data()
{
    QTest::addColumn<QString>("change");
    QTest::addColumn<Instruction>("instruction");
    QTest::addColumn<Checks>("checks");

    using R = GuidanceReason;
    QTest::newRow("all good, stable") << u""_s << Instruction::Ready << Checks{};
    QTest::newRow("all good, not yet stable")
        << u"unstable"_s << Instruction::HoldStill << Checks{R::NotStable};
    QTest::newRow("no card") << u"nocard"_s << Instruction::ShowCard << Checks{R::NoCard};
    QTest::newRow("too small") << u"small"_s << Instruction::MoveCloser << Checks{R::CardTooSmall};
    QTest::newRow("too large") << u"large"_s << Instruction::MoveBack << Checks{R::CardTooLarge};
    QTest::newRow("cut off") << u"cut"_s << Instruction::MoveBack << Checks{R::CardCutOff};
    QTest::newRow("skewed") << u"skew"_s << Instruction::HoldStraight << Checks{R::CardTilted};
    QTest::newRow("rotated") << u"rotate"_s << Instruction::HoldStraight << Checks{R::CardTilted};
    QTest::newRow("upside down is straight") << u"flip"_s << Instruction::Ready << Checks{};
    QTest::newRow("glare") << u"glare"_s << Instruction::AvoidGlare << Checks{R::Glare};
    QTest::newRow("blur") << u"blur"_s << Instruction::HoldSteady << Checks{R::Blur};
    QTest::newRow("dark") << u"dark"_s << Instruction::MoreLight << Checks{R::TooDark};
    QTest::newRow("bright") << u"bright"_s << Instruction::LessLight << Checks{R::TooBright};
    // Order: distance and tilt first, then glare, blur, light.
    QTest::newRow("small + glare + blur") << u"small glare blur"_s << Instruction::MoveCloser
                                          << Checks{R::CardTooSmall, R::Glare, R::Blur};
    QTest::newRow("skew + blur + dark") << u"skew blur dark"_s << Instruction::HoldStraight
                                        << Checks{R::CardTilted, R::Blur, R::TooDark};
    QTest::newRow("glare + blur") << u"glare blur"_s << Instruction::AvoidGlare
                                  << Checks{R::Glare, R::Blur};
    QTest::newRow("blur + bright")
        << u"blur bright"_s << Instruction::HoldSteady << Checks{R::Blur, R::TooBright};
    QTest::newRow("blur while unstable: blur is what to fix")
        << u"blur unstable"_s << Instruction::HoldSteady << Checks{R::Blur};
}

void tst_Guidance::card()
{
    QFETCH(QString, change);
    QFETCH(Instruction, instruction);
    QFETCH(Checks, checks);

    const CaptureThresholds t;
    FrameQuality q = goodQuality();
    CardDetection c = goodCard();
    int stable = t.stableFrames;
    const QStringList changes = change.split(u' ', Qt::SkipEmptyParts);
    for (const QString &x : changes) {
        if (x == u"unstable")
            stable = t.stableFrames - 1;
        else if (x == u"nocard")
            c.found = false;
        else if (x == u"small")
            c.fill = 0.5;
        else if (x == u"large")
            c.fill = 1.05;
        else if (x == u"cut")
            c.cutOff = true;
        else if (x == u"skew")
            c.skewDegrees = 20;
        else if (x == u"rotate")
            c.rotationDegrees = -25;
        else if (x == u"flip")
            c.rotationDegrees = 178;
        else if (x == u"glare")
            q.glareShare = 0.3;
        else if (x == u"blur")
            q.sharpness = 20;
        else if (x == u"dark")
            q.brightness = 30;
        else if (x == u"bright")
            q.brightness = 240;
    }
    const Guidance g = cardGuidance(q, c, stable, t);
    QCOMPARE(g.instruction, instruction);
    Checks got;
    for (const GuidanceReason &r : g.reasons)
        got << r.check;
    QCOMPARE(got, checks);
    QCOMPARE(g.ready(), instruction == Instruction::Ready);
}

void tst_Guidance::face_data()
{
    QTest::addColumn<QList<double>>("shares"); // one per face
    QTest::addColumn<double>("offCentre");
    QTest::addColumn<double>("brightness");
    QTest::addColumn<Instruction>("instruction");

    QTest::newRow("one centred face") << QList<double>{0.2} << 0.0 << 120.0 << Instruction::Ready;
    QTest::newRow("no face") << QList<double>{} << 0.0 << 120.0 << Instruction::ShowFace;
    QTest::newRow("two faces") << QList<double>{0.2, 0.05} << 0.0 << 120.0
                               << Instruction::OneFaceOnly;
    QTest::newRow("far away") << QList<double>{0.04} << 0.0 << 120.0 << Instruction::FaceCloser;
    QTest::newRow("too close") << QList<double>{0.45} << 0.0 << 120.0 << Instruction::FaceBack;
    QTest::newRow("off centre") << QList<double>{0.2} << 0.3 << 120.0 << Instruction::FaceCentre;
    QTest::newRow("dark") << QList<double>{0.2} << 0.0 << 30.0 << Instruction::MoreLight;
}

void tst_Guidance::face()
{
    QFETCH(QList<double>, shares);
    QFETCH(double, offCentre);
    QFETCH(double, brightness);
    QFETCH(Instruction, instruction);

    FaceReport faces;
    faces.frame = cv::Size(1280, 720);
    for (double s : shares) {
        Face f;
        f.share = s;
        f.offCentreX = offCentre;
        faces.faces.append(f);
    }
    FrameQuality q = goodQuality();
    q.brightness = brightness;
    QCOMPARE(faceGuidance(q, faces, CaptureThresholds()).instruction, instruction);
}

void tst_Guidance::reasonsForTheAgent()
{
    FrameQuality q = goodQuality();
    q.sharpness = 41.2;
    const Guidance g = cardGuidance(q, goodCard(), 5, CaptureThresholds());
    QCOMPARE(g.reasons.size(), 1);
    QCOMPARE(g.reasons.first().describe(), u"blurred: sharpness 41.2, below 60"_s);
    QCOMPARE(instructionText(Instruction::Ready), u"Ready"_s);
}

void tst_Guidance::arabicText()
{
    Translations translations({u"core"_s});
    QVERIFY(translations.install(QLocale(QLocale::Arabic, QLocale::Egypt)));
    for (int i = 0; i <= int(Instruction::FaceCentre); ++i) {
        const auto instruction = Instruction(i);
        const QString text = instructionText(instruction);
        QVERIFY2(text != QLatin1String(instructionSourceText(instruction)),
                 instructionSourceText(instruction));
        QVERIFY(std::any_of(text.begin(), text.end(), [](QChar c) {
            return c.unicode() >= 0x0600 && c.unicode() <= 0x06ff;
        }));
    }
    QVERIFY(translations.install(QLocale(QLocale::English)));
    QCOMPARE(instructionText(Instruction::MoveCloser), u"Move the card closer"_s);
}

QTEST_GUILESS_MAIN(tst_Guidance)
#include "tst_guidance.moc"
