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

// What a card row changes from a good, stable frame; card() applies each in an exhaustive
// switch (no default: a change the switch forgets does not compile).
enum class Change
{
    Unstable,
    NoCard,
    Small,
    Large,
    Cut,
    Skew,
    Rotate,
    Flip,
    Glare,
    Blur,
    Dark,
    Bright,
};
using Changes = QList<Change>;
Q_DECLARE_METATYPE(Changes)

class tst_Guidance : public QObject
{
    Q_OBJECT

private Q_SLOTS:
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
    QTest::addColumn<Changes>("changes");
    QTest::addColumn<Instruction>("instruction");
    QTest::addColumn<Checks>("checks");

    using R = GuidanceReason;
    using C = Change;
    QTest::newRow("all good, stable") << Changes{} << Instruction::Ready << Checks{};
    QTest::newRow("all good, not yet stable")
        << Changes{C::Unstable} << Instruction::HoldStill << Checks{R::NotStable};
    QTest::newRow("no card") << Changes{C::NoCard} << Instruction::ShowCard << Checks{R::NoCard};
    QTest::newRow("too small") << Changes{C::Small} << Instruction::MoveCloser
                               << Checks{R::CardTooSmall};
    QTest::newRow("too large") << Changes{C::Large} << Instruction::MoveBack
                               << Checks{R::CardTooLarge};
    QTest::newRow("cut off") << Changes{C::Cut} << Instruction::MoveBack << Checks{R::CardCutOff};
    QTest::newRow("skewed") << Changes{C::Skew} << Instruction::HoldStraight
                            << Checks{R::CardTilted};
    QTest::newRow("rotated") << Changes{C::Rotate} << Instruction::HoldStraight
                             << Checks{R::CardTilted};
    QTest::newRow("upside down is straight") << Changes{C::Flip} << Instruction::Ready << Checks{};
    QTest::newRow("glare") << Changes{C::Glare} << Instruction::AvoidGlare << Checks{R::Glare};
    QTest::newRow("blur") << Changes{C::Blur} << Instruction::HoldSteady << Checks{R::Blur};
    QTest::newRow("dark") << Changes{C::Dark} << Instruction::MoreLight << Checks{R::TooDark};
    QTest::newRow("bright") << Changes{C::Bright} << Instruction::LessLight << Checks{R::TooBright};
    // Order: distance and tilt first, then glare, blur, light.
    QTest::newRow("small + glare + blur")
        << Changes{C::Small, C::Glare, C::Blur} << Instruction::MoveCloser
        << Checks{R::CardTooSmall, R::Glare, R::Blur};
    QTest::newRow("skew + blur + dark")
        << Changes{C::Skew, C::Blur, C::Dark} << Instruction::HoldStraight
        << Checks{R::CardTilted, R::Blur, R::TooDark};
    QTest::newRow("glare + blur") << Changes{C::Glare, C::Blur} << Instruction::AvoidGlare
                                  << Checks{R::Glare, R::Blur};
    QTest::newRow("blur + bright")
        << Changes{C::Blur, C::Bright} << Instruction::HoldSteady << Checks{R::Blur, R::TooBright};
    QTest::newRow("blur while unstable: blur is what to fix")
        << Changes{C::Blur, C::Unstable} << Instruction::HoldSteady << Checks{R::Blur};
}

void tst_Guidance::card()
{
    QFETCH(Changes, changes);
    QFETCH(Instruction, instruction);
    QFETCH(Checks, checks);

    const CaptureThresholds t;
    FrameQuality q = goodQuality();
    CardDetection c = goodCard();
    int stable = t.stableFrames;
    for (const Change x : changes) {
        switch (x) {
        case Change::Unstable:
            stable = t.stableFrames - 1;
            break;
        case Change::NoCard:
            c.found = false;
            break;
        case Change::Small:
            c.fill = 0.5;
            break;
        case Change::Large:
            c.fill = 1.05;
            break;
        case Change::Cut:
            c.cutOff = true;
            break;
        case Change::Skew:
            c.skewDegrees = 20;
            break;
        case Change::Rotate:
            c.rotationDegrees = -25;
            break;
        case Change::Flip:
            c.rotationDegrees = 178;
            break;
        case Change::Glare:
            q.glareShare = 0.3;
            break;
        case Change::Blur:
            q.sharpness = 20;
            break;
        case Change::Dark:
            q.brightness = 30;
            break;
        case Change::Bright:
            q.brightness = 240;
            break;
        }
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
