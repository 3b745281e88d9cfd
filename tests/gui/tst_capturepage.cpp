// The capture page on a synthetic camera: a camera too small for documents is said in
// plain words with its fix, and the wrong card side is never captured nor sent; after
// three refusals the agent may accept the side shown.
#include "capture/clock.h"
#include "cardfixture.h"
#include "pages/capturepage.h"
#include "settings/settings.h"
#include "specimen/idcardrenderer.h"
#include "syntheticframesource.h"

#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace kiosk;

namespace {

// The specimen card (front or back) lying on a dark desk in a Full HD frame.
QImage cardOnDesk(bool back)
{
    QImage desk(1920, 1080, QImage::Format_RGB32);
    desk.fill(QColor(0x30, 0x26, 0x20));
    return test::specimenCardOnDesk(desk, back);
}

} // namespace

class tst_CapturePage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void tooSmallCameraIsSaidInPlainWords();
    void wrongSideIsNeverCapturedUntilTheAgentAccepts();

private:
    void push(const QImage &frame, int count);
    template<typename T>
    T *widget(const char *name) const
    {
        return m_page->findChild<T *>(QLatin1String(name));
    }

    ManualClock m_clock;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<test::SyntheticFrameSource> m_source;
    std::unique_ptr<CapturePage> m_page;
    qint64 m_ts = 0;
};

void tst_CapturePage::init()
{
    m_settings = std::make_unique<Settings>();
    m_source = std::make_unique<test::SyntheticFrameSource>(m_clock);
    m_page = std::make_unique<CapturePage>(*m_settings, m_source.get(), m_clock);
    m_page->resize(1280, 800);
    m_page->show();
}

void tst_CapturePage::cleanup()
{
    m_page.reset();
    m_source.reset();
    m_settings.reset();
}

void tst_CapturePage::push(const QImage &frame, int count)
{
    for (int i = 0; i < count; ++i) {
        m_source->push(frame, m_ts, 100000);
        m_ts += 100000;
        QTRY_VERIFY(!m_page->isBusy()); // the analysis (and side check) on the worker
    }
}

void tst_CapturePage::tooSmallCameraIsSaidInPlainWords()
{
    QSignalSpy documents(m_page.get(), &CapturePage::documentCaptured);
    m_page->begin(flow::Step::IdFront);
    QImage tiny(320, 240, QImage::Format_RGB32);
    tiny.fill(QColor(90, 90, 90));
    push(tiny, 3);
    QCOMPARE(widget<QLabel>("instructionLabel")->text(),
             u"This camera offers at most 320x240; ID cards need at least 1280x720. Connect a "
             "1080p USB webcam."_s);
    QVERIFY(documents.isEmpty());
}

void tst_CapturePage::wrongSideIsNeverCapturedUntilTheAgentAccepts()
{
    QSignalSpy documents(m_page.get(), &CapturePage::documentCaptured);
    auto *override = widget<QPushButton>("sideOverrideButton");
    QVERIFY(override);
    m_page->begin(flow::Step::IdFront);
    const QImage back = cardOnDesk(true);
    push(back, 6);
    // Refused once or twice: the customer is asked to turn the card; no agent button yet.
    QCOMPARE(widget<QLabel>("instructionLabel")->text(), u"Turn the card over"_s);
    QVERIFY(documents.isEmpty());
    push(back, 30);
    QVERIFY(documents.isEmpty()); // nothing captured, so nothing sent
    QCOMPARE(m_page->state(), CapturePage::State::Live);
    QVERIFY(override->isVisible());
    // The agent knows better (an unusual card): the side shown is taken.
    QTest::mouseClick(override, Qt::LeftButton);
    QVERIFY(!override->isVisible());
    push(back, 10);
    QCOMPARE(documents.size(), 1);
    QCOMPARE(documents.constFirst().at(0).value<flow::Side>(), flow::Side::Front);

    // The back step with the back shown goes straight through, no refusal.
    documents.clear();
    m_page->begin(flow::Step::IdBack);
    push(back, 10);
    QCOMPARE(documents.size(), 1);
    QVERIFY(!override->isVisible());
}

QTEST_MAIN(tst_CapturePage)
#include "tst_capturepage.moc"
