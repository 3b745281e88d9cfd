#include "imagedigest.h"
#include "specimen/idcardrenderer.h"
#include "specimen/persona.h"
#include "specimen/syntheticface.h"

#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using kiosk::specimen::IdCardRenderer;
using kiosk::specimen::Persona;
using kiosk::specimen::SyntheticFace;
using kiosk::test::imageDigest;

// Renders specimen cards from the built-in personas. Text needs a QGuiApplication,
// hence QTEST_MAIN (no widgets are linked, so it is a QGuiApplication).
class tst_IdCardRenderer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void builtInPersonasAreValid();
    void personaFlagsPresent();
    void invalidPersonasRejected_data();
    void invalidPersonasRejected();
    void arabicIndicDigits();
    void sizeAndAspect();
    void deterministic();
    void frontDiffersFromBack();
    void personasDiffer();
    void portraitIsThePersonasSyntheticFace();

private:
    static double meanAbsDifference(const QImage &a, const QImage &b);

    QList<Persona> m_personas;
};

double tst_IdCardRenderer::meanAbsDifference(const QImage &a, const QImage &b)
{
    const QImage ga = a.convertToFormat(QImage::Format_Grayscale8);
    const QImage gb = b.convertToFormat(QImage::Format_Grayscale8);
    qint64 sum = 0;
    for (int y = 0; y < ga.height(); ++y) {
        const uchar *la = ga.constScanLine(y);
        const uchar *lb = gb.constScanLine(y);
        for (int x = 0; x < ga.width(); ++x)
            sum += std::abs(int(la[x]) - int(lb[x]));
    }
    return double(sum) / (ga.width() * ga.height());
}

void tst_IdCardRenderer::initTestCase()
{
    QString error;
    m_personas = kiosk::specimen::loadPersonasFile(kiosk::specimen::builtInPersonasPath(), &error);
    QVERIFY2(!m_personas.isEmpty(), qPrintable(error));
}

void tst_IdCardRenderer::builtInPersonasAreValid()
{
    QVERIFY(m_personas.size() >= 4 && m_personas.size() <= 6);
    for (const Persona &p : std::as_const(m_personas)) {
        QVERIFY2(p.validate().isEmpty(), qPrintable(p.validate()));
        // Round trip through JSON keeps every field.
        const std::optional<Persona> again = Persona::fromJson(p.toJson());
        QVERIFY(again);
        QCOMPARE(again->toJson(), p.toJson());
    }
}

void tst_IdCardRenderer::personaFlagsPresent()
{
    const QDate today(2026, 1, 1);
    const auto count = [this](auto predicate) {
        return std::count_if(m_personas.cbegin(), m_personas.cend(), predicate);
    };
    QCOMPARE(count([](const Persona &p) { return p.amlMatch; }), 1);
    QCOMPARE(count([](const Persona &p) { return p.spoofed; }), 1);
    QCOMPARE(count([&](const Persona &p) { return p.isExpired(today); }), 1);
    QVERIFY(count([](const Persona &p) { return p.gender == u"F"_s; }) >= 1);
    QVERIFY(count([](const Persona &p) { return p.idNumber.startsWith(u'3'); }) >= 1);
}

void tst_IdCardRenderer::invalidPersonasRejected_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::newRow("short number") << u"idNumber"_s << u"2900315010123"_s;
    QTest::newRow("bad century") << u"idNumber"_s << u"19003150101235"_s;
    QTest::newRow("birth date differs") << u"birthDate"_s << u"1990-03-16"_s;
    QTest::newRow("unknown governorate") << u"idNumber"_s << u"29003159901235"_s;
    QTest::newRow("gender differs") << u"gender"_s << u"F"_s;
    QTest::newRow("expiry before release") << u"expiryDate"_s << u"2000-01-01"_s;
}

void tst_IdCardRenderer::invalidPersonasRejected()
{
    QFETCH(QString, field);
    QFETCH(QString, value);
    const auto ahmed = std::find_if(m_personas.cbegin(), m_personas.cend(),
                                    [](const Persona &p) { return p.id == u"ahmed"_s; });
    QVERIFY(ahmed != m_personas.cend());
    QJsonObject json = ahmed->toJson();
    json.insert(field, value);
    QString error;
    QVERIFY(!Persona::fromJson(json, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!error.contains(ahmed->idNumber)); // no personal data in messages
}

void tst_IdCardRenderer::arabicIndicDigits()
{
    QCOMPARE(kiosk::specimen::toArabicIndicDigits(u"29 a"_s), u"\u0662\u0669 a"_s);
}

void tst_IdCardRenderer::sizeAndAspect()
{
    IdCardRenderer renderer;
    const QImage front = renderer.renderFront(m_personas.first());
    QCOMPARE(front.size(), renderer.size());
    QCOMPARE(front.width(), 1000);
    QVERIFY(qAbs(double(front.width()) / front.height() - IdCardRenderer::AspectRatio) < 0.005);
    IdCardRenderer small(500);
    const QImage back = small.renderBack(m_personas.first());
    QCOMPARE(back.width(), 500);
    QVERIFY(qAbs(double(back.width()) / back.height() - IdCardRenderer::AspectRatio) < 0.01);
}

void tst_IdCardRenderer::deterministic()
{
    // Half size keeps the suite quick; the drawing code is the same at any width.
    IdCardRenderer a(500);
    IdCardRenderer b(500);
    for (const Persona &p : std::as_const(m_personas)) {
        QCOMPARE(imageDigest(a.renderFront(p)), imageDigest(b.renderFront(p)));
        QCOMPARE(imageDigest(a.renderBack(p)), imageDigest(b.renderBack(p)));
    }
}

void tst_IdCardRenderer::frontDiffersFromBack()
{
    IdCardRenderer renderer;
    const QImage front = renderer.renderFront(m_personas.first());
    const QImage back = renderer.renderBack(m_personas.first());
    QVERIFY(meanAbsDifference(front, back) > 10.0);
}

void tst_IdCardRenderer::personasDiffer()
{
    IdCardRenderer renderer;
    QSet<QByteArray> fronts;
    QSet<QByteArray> backs;
    for (const Persona &p : std::as_const(m_personas)) {
        fronts.insert(imageDigest(renderer.renderFront(p)));
        backs.insert(imageDigest(renderer.renderBack(p)));
    }
    QCOMPARE(fronts.size(), m_personas.size());
    QCOMPARE(backs.size(), m_personas.size());
    const double d = meanAbsDifference(renderer.renderFront(m_personas.at(0)),
                                       renderer.renderFront(m_personas.at(1)));
    QVERIFY2(d > 3.0, qPrintable(QString::number(d)));
}

void tst_IdCardRenderer::portraitIsThePersonasSyntheticFace()
{
    // The card's photo box (40, 160, 230 x 288 on the 1000-wide card) holds the persona's
    // own synthetic face, drawn at the card's scale: nothing is loaded from disk.
    IdCardRenderer renderer;
    for (const Persona &p : std::as_const(m_personas)) {
        const QImage box = renderer.renderFront(p).copy(QRect(42, 162, 226, 284));
        const QImage face = SyntheticFace::render(p, QSize(230, 288)).copy(QRect(2, 2, 226, 284));
        const double d = meanAbsDifference(box, face);
        QVERIFY2(d < 2.0, qPrintable(p.id + u": "_s + QString::number(d)));
    }
}

QTEST_MAIN(tst_IdCardRenderer)
#include "tst_idcardrenderer.moc"
