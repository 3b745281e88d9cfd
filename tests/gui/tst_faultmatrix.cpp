// Issue 11's fault matrix: every fault the sandbox injects (latency, 500, 503, 429, 200 +
// error_code, expired token, malformed JSON, truncated body, connection closed, slow drip) at every
// step of the kiosk (agent sign-in, register, ID front, ID back, liveness, link, audit list, audit
// image, BoldSign), driven through the real product code: the wizard (MainWindow, OnboardingFlow,
// VlensClient over loopback HTTP to an in-process SandboxServer, a synthetic camera showing
// rendered specimen cards and a real face photo), and the agent's AuditWidget with the kiosk's
// signed-in client and a BoldSignClient. Each cell records what the screen showed and how it went
// on, and the suite asserts the targets: no crash, no re-capture forced by a failed request (a
// failed request is sent again from the kept images), no screen stuck past the idle timeout (a
// failure with an action, or progress, within IdleTimeoutMs + IdleWarningMs; the idle watch
// armed under a customer's failure), nothing written under HOME, XDG_* or TMPDIR. With
// KIOSK_FAULT_MATRIX_OUT set, cleanupTestCase() writes the table (docs/fault-matrix.md).
#include "api/boldsignclient.h"
#include "api/vlensclient.h"
#include "audit/auditwidget.h"
#include "audit/imagethumbnail.h"
#include "flow/idlewatch.h"
#include "flow/onboardingflow.h"
#include "homefolders.h"
#include "i18n.h"
#include "kiosksettings.h"
#include "mainwindow.h"
#include "pages/capturepage.h"
#include "sandboxserver.h"
#include "settings/agentpin.h"
#include "settings/settings.h"
#include "syntheticframesource.h"
#include "wizarddriver.h"

#include <QCheckBox>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFrame>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <functional>
#include <memory>

using namespace Qt::StringLiterals;
using namespace kiosk;
using flow::Step;

namespace {

// Short waits (Settings overrides): the client's total deadlines and the idle timeout.
constexpr int RequestTimeoutMs = 4000; // logins, link, GETs, BoldSign
constexpr int UploadTimeoutMs = 12000; // the image uploads (a loaded machine stays within it)
constexpr int LatencyMs = 800;         // within both deadlines: slow, and through
constexpr int IdleTimeoutMs = 30000;   // captures on a loaded machine stay within it
constexpr int IdleWarningMs = 2000;
constexpr int StuckAfterMs = IdleTimeoutMs + IdleWarningMs;

const QStringList kFaults{u"latency"_s,
                          u"500"_s,
                          u"503"_s,
                          u"429"_s,
                          u"error_code"_s,
                          u"expired token"_s,
                          u"malformed JSON"_s,
                          u"truncated body"_s,
                          u"connection closed"_s,
                          u"slow drip"_s};
const QStringList kSteps{u"agent sign-in"_s, u"register"_s,    u"ID front"_s,
                         u"ID back"_s,       u"liveness"_s,    u"link"_s,
                         u"audit list"_s,    u"audit image"_s, u"BoldSign"_s};

// The sandbox path each step's request goes to.
QString pathOf(const QString &step)
{
    static const QHash<QString, QString> paths{
        {u"agent sign-in"_s, u"/credentials/Login"_s},
        {u"register"_s, u"/DigitalIdentity/Register"_s},
        {u"ID front"_s, u"/id/front"_s},
        {u"ID back"_s, u"/id/back"_s},
        {u"liveness"_s, u"/liveness/multi"_s},
        {u"link"_s, u"/LinkUserWithExistingTransaction"_s},
        {u"audit list"_s, u"/GetUserDigitalIdentityImages"_s},
        {u"audit image"_s, u"/GetStepImage"_s},
        {u"BoldSign"_s, u"/identityVerification/report"_s}};
    return paths.value(step);
}

// The sandbox fault spec of one cell.
QString specOf(const QString &fault, const QString &step)
{
    const QString path = u",path="_s + pathOf(step);
    if (fault == u"latency"_s) // a slow answer; the slow drip is the one past the deadline
        return u"latency=%1"_s.arg(LatencyMs) + path;
    if (fault == u"500"_s || fault == u"503"_s || fault == u"429"_s)
        return u"http="_s + fault + path;
    if (fault == u"error_code"_s) // a service-side failure, not an image-quality code
        return u"error_code=5000"_s + path;
    if (fault == u"expired token"_s)
        return u"expired_token"_s + path;
    if (fault == u"malformed JSON"_s)
        return u"malformed_json"_s + path;
    if (fault == u"truncated body"_s)
        return u"truncate"_s + path;
    if (fault == u"connection closed"_s) // QNetworkAccessManager re-sends once by itself
        return u"close,count=2"_s + path;
    return u"drip=16"_s + path; // a few hundred bytes at 16 B/s: the deadline must end it
}

QString oneLine(QString text)
{
    text.replace(u'\n', u' ');
    text.replace(u'|', u'/');
    return text.simplified();
}

} // namespace

class tst_FaultMatrix : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void cleanupTestCase();
    void wizard_data();
    void wizard();
    void audit_data();
    void audit();

private:
    struct Cell
    {
        QString shown;    // the failure message on screen ("" = none, it went through)
        QString recovery; // what was pressed, and how it ended
        int recaptures = 0;
        bool stuck = false;
        bool written = false;
        bool done = false;
        // The step never went through: every retry was refused. The customer walked away,
        // the idle timeout wiped the session, and the row went on with a new customer.
        bool unrecovered = false;
        QString lastShown;
    };

    void makeWindow(flow::Mode mode);
    void pushFrame();
    template<typename T>
    T *widget(const char *name) const
    {
        return m_window->findChild<T *>(QString::fromLatin1(name));
    }
    bool click(const char *name) const { return test::clickButton(m_window.get(), name); }
    void inject(const QString &fault, const QString &step);
    Cell &cell(const QString &fault, const QString &step) { return m_cells[fault + u'/' + step]; }
    void checkDisk(Cell &c);
    void signIn(const QString &fault, bool measured);
    void startSession();
    void enterPhone();
    // Waits for the step's request to go through (progressed() holds) and recovers from
    // every failure the screen shows on the way; fills the cell of (fault, step).
    void passStep(const QString &fault, const QString &step,
                  const std::function<bool()> &progressed, const std::function<int()> &captures);

    std::unique_ptr<QTemporaryDir> m_home;
    QStringList m_homeFiles;
    std::unique_ptr<sandbox::SandboxServer> m_server;
    Translations m_translations{{u"core"_s, u"kiosk"_s}};
    QNetworkAccessManager m_nam;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<api::VlensClient> m_client;
    std::unique_ptr<api::BoldSignClient> m_boldSign;
    std::unique_ptr<flow::OnboardingFlow> m_flow;
    ManualClock m_clock;
    test::SyntheticFrameSource m_camera{m_clock};
    std::unique_ptr<MainWindow> m_window;
    QTimer m_feeder;
    test::WizardScenes m_scenes;
    int m_frame = 0;
    int m_serial = 0;
    QHash<QString, QString> m_verifiedPhone; // fault -> a customer stored in that row
    QHash<QString, Cell> m_cells;
};

void tst_FaultMatrix::initTestCase()
{
    // Fresh HOME, config, cache, data and temp folders, compared after every cell.
    m_home = std::make_unique<QTemporaryDir>();
    QVERIFY(m_home->isValid());
    QVERIFY(test::redirectHomeFolders(*m_home, {"HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME",
                                                "XDG_DATA_HOME", "XDG_STATE_HOME", "TMPDIR"}));
    qRegisterMetaType<flow::Failure>();
    m_server = std::make_unique<sandbox::SandboxServer>(sandbox::SandboxOptions());
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    m_scenes = test::WizardScenes::make(u"ahmed"_s,
                                        QStringLiteral(KIOSK_OPENCV_SAMPLES "/messi5.jpg"), &error);
    QVERIFY2(m_scenes.isValid(), qPrintable(error));
    m_feeder.setInterval(25);
    connect(&m_feeder, &QTimer::timeout, this, &tst_FaultMatrix::pushFrame);
    m_homeFiles = test::fileTree(m_home->path());
}

void tst_FaultMatrix::cleanup()
{
    m_server->clearFaults();
    m_feeder.stop();
    m_window.reset();
    m_flow.reset();
    m_boldSign.reset();
    m_client.reset();
    m_settings.reset();
}

void tst_FaultMatrix::makeWindow(flow::Mode mode)
{
    cleanup();
    m_settings = test::sandboxKioskSettings(m_server->baseUrl(), mode);
    using K = Settings::Key;
    m_settings->setOverride(K::BoldSignBaseUrl, m_server->baseUrl().toString());
    m_settings->setOverride(K::BoldSignApiKey, u"sandbox-boldsign-key"_s);
    m_settings->setOverride(K::RequestTimeoutMs, RequestTimeoutMs);
    m_settings->setOverride(K::UploadTimeoutMs, UploadTimeoutMs);
    m_settings->setOverride(K::GetRetries, 1);
    m_settings->setOverride(K::IdleTimeoutMs, IdleTimeoutMs);
    m_settings->setOverride(K::IdleWarningMs, IdleWarningMs);
    m_client =
        std::make_unique<api::VlensClient>(&m_nam, api::VlensConfig::fromSettings(*m_settings));
    m_boldSign = std::make_unique<api::BoldSignClient>(
        &m_nam, api::BoldSignConfig::fromSettings(*m_settings));
    m_flow = std::make_unique<flow::OnboardingFlow>(m_client.get(),
                                                    flow::FlowOptions::fromSettings(*m_settings));
    m_window = std::make_unique<MainWindow>(m_settings.get(), &m_translations, m_client.get(),
                                            m_flow.get(), &m_camera, m_clock, m_boldSign.get());
    m_window->resize(1024, 700);
    m_window->show();
    m_feeder.start();
}

void tst_FaultMatrix::pushFrame()
{
    if (m_camera.state() != FrameSource::State::Streaming || !m_window)
        return;
    QImage scene;
    switch (m_window->capturePage()->step()) {
    case Step::IdBack:
        scene = m_scenes.back;
        break;
    case Step::Liveness:
        scene = m_scenes.faces.at(m_frame % m_scenes.faces.size());
        break;
    default:
        scene = m_scenes.front;
        break;
    }
    ++m_frame;
    m_camera.push(scene, m_clock.monotonicUs() + 40000, 40000); // a 25 fps camera
}

void tst_FaultMatrix::inject(const QString &fault, const QString &step)
{
    const auto parsed = sandbox::Fault::parse(specOf(fault, step));
    QVERIFY(parsed);
    m_server->injectFault(*parsed);
}

void tst_FaultMatrix::checkDisk(Cell &c)
{
    const QStringList now = test::fileTree(m_home->path());
    c.written = now != m_homeFiles;
    m_homeFiles = now;
}

void tst_FaultMatrix::signIn(const QString &fault, bool measured)
{
    QCOMPARE(m_window->currentPage(), MainWindow::Page::SignIn);
    Cell scratch;
    Cell &c = measured ? cell(fault, u"agent sign-in"_s) : scratch;
    auto *status = widget<QLabel>("signInStatusLabel");
    for (int attempt = 0; attempt < 3; ++attempt) {
        widget<QLineEdit>("userLineEdit")->clear();
        widget<QLineEdit>("passwordLineEdit")->clear();
        QTest::keyClicks(widget<QLineEdit>("userLineEdit"), u"admin"_s);
        QTest::keyClicks(widget<QLineEdit>("passwordLineEdit"), u"sandbox-admin"_s);
        QVERIFY(click("signInButton"));
        const bool settled = QTest::qWaitFor(
            [&] {
                return m_window->currentPage() == MainWindow::Page::Welcome ||
                       (status->property("error").toBool() &&
                        widget<QPushButton>("signInButton")->isEnabled());
            },
            StuckAfterMs);
        if (!settled) {
            c.stuck = true;
            break;
        }
        if (m_window->currentPage() == MainWindow::Page::Welcome) {
            c.recovery += attempt == 0 ? u"went through"_s : u" → signed in"_s;
            break;
        }
        if (c.shown.isEmpty())
            c.shown = oneLine(status->text());
        c.recovery += attempt == 0 ? u"Sign in again"_s : u", again"_s;
    }
    c.done = true;
    checkDisk(c);
    QCOMPARE(m_window->currentPage(), MainWindow::Page::Welcome);
}

void tst_FaultMatrix::startSession()
{
    QVERIFY(click("englishButton"));
    QVERIFY(click("startButton"));
    QCOMPARE(m_window->currentPage(), MainWindow::Page::Consent);
    QTest::keyClick(widget<QCheckBox>("consentCheckBox"), Qt::Key_Space);
    QVERIFY(click("acceptButton"));
    QVERIFY(m_window->currentPage() != MainWindow::Page::Consent);
}

void tst_FaultMatrix::enterPhone()
{
    QCOMPARE(m_window->currentPage(), MainWindow::Page::Customer);
    auto *edit = widget<QLineEdit>("phoneLineEdit");
    if (edit->text().isEmpty())
        QTest::keyClicks(edit, u"0100%1"_s.arg(5000000 + ++m_serial)); // a new customer
    QVERIFY(click("continueButton"));
}

void tst_FaultMatrix::passStep(const QString &fault, const QString &step,
                               const std::function<bool()> &progressed,
                               const std::function<int()> &captures)
{
    Cell &c = cell(fault, step);
    auto *frame = widget<QFrame>("failureFrame");
    const auto actionable = [&] {
        if (!frame->isVisible())
            return false;
        for (const char *name : {"tryAgainButton", "retakeButton", "agentRetryButton"}) {
            auto *b = widget<QPushButton>(name);
            if (b->isVisible() && b->isEnabled())
                return true;
        }
        return false;
    };
    bool passed = false;
    for (int round = 0; round < 3; ++round) {
        if (!QTest::qWaitFor([&] { return progressed() || actionable(); }, StuckAfterMs)) {
            c.stuck = true;
            break;
        }
        if (progressed() && !actionable()) {
            c.recovery += round == 0 ? u"went through"_s : u" → passed"_s;
            passed = true;
            break;
        }
        // A customer's failure: the idle watch must be armed, or the screen stays for ever.
        if (!m_window->idleWatch()->isArmed())
            c.stuck = true;
        if (c.shown.isEmpty())
            c.shown = oneLine(widget<QLabel>("failureLabel")->text());
        c.lastShown = oneLine(widget<QLabel>("failureLabel")->text());
        const char *button = widget<QPushButton>("tryAgainButton")->isVisible() ? "tryAgainButton"
                             : widget<QPushButton>("agentRetryButton")->isVisible()
                                 ? "agentRetryButton"
                                 : "retakeButton";
        const QString label = widget<QPushButton>(button)->text();
        c.recovery += (round == 0 ? QString() : u", "_s) + label;
        QVERIFY(click(button));
        // "Edit the details" on the customer page: the customer presses Continue again.
        if (qstrcmp(button, "retakeButton") == 0 &&
            m_window->currentPage() == MainWindow::Page::Customer)
            enterPhone();
    }
    if (!passed && !c.stuck) {
        // Every retry refused: the customer walks away; the idle timeout must end it.
        c.unrecovered = true;
        flow::IdleWatch *idle = m_window->idleWatch();
        idle->setDurations(200, 200);
        // The idle watch reads the Clock: the customer's absence passes on the manual clock.
        if (QTest::qWaitFor(
                [&] {
                    m_clock.advanceMs(100);
                    idle->poll();
                    return m_window->currentPage() == MainWindow::Page::Welcome;
                },
                StuckAfterMs))
            c.recovery += u" → never passed: left, idle timeout → Welcome"_s;
        else
            c.stuck = true;
        idle->setDurations(IdleTimeoutMs, IdleWarningMs);
        // The next customer goes on with the row.
        if (!c.stuck && step == u"register"_s) {
            startSession();
            enterPhone();
        }
    }
    c.recaptures = std::max(0, captures() - 1);
    c.done = true;
    checkDisk(c);
}

void tst_FaultMatrix::wizard_data()
{
    QTest::addColumn<QString>("fault");
    for (const QString &fault : kFaults)
        QTest::newRow(qPrintable(fault)) << fault;
}

// Per fault: a register-first session with the fault at sign-in, register, front, back and
// liveness (one request each, by path), then a capture-first session with it at the link.
void tst_FaultMatrix::wizard()
{
    QFETCH(QString, fault);
    makeWindow(flow::Mode::RegisterFirst);
    QSignalSpy documents(m_window->capturePage(), &CapturePage::documentCaptured);
    QSignalSpy faces(m_window->capturePage(), &CapturePage::facesCaptured);
    const auto sideCaptures = [&documents](flow::Side side) {
        int n = 0;
        for (const QList<QVariant> &args : std::as_const(documents))
            n += args.at(0).value<flow::Side>() == side;
        return n;
    };
    for (const QString &step :
         {u"agent sign-in"_s, u"register"_s, u"ID front"_s, u"ID back"_s, u"liveness"_s}) {
        inject(fault, step);
    }
    signIn(fault, true);
    if (QTest::currentTestFailed())
        return;
    startSession();
    enterPhone();
    if (QTest::currentTestFailed())
        return;
    passStep(
        fault, u"register"_s, [this] { return m_flow->step() >= Step::IdFront; }, [] { return 1; });
    const QString phone = widget<QLineEdit>("phoneLineEdit")->text();
    passStep(
        fault, u"ID front"_s, [this] { return m_flow->step() >= Step::IdBack; },
        [&] { return sideCaptures(flow::Side::Front); });
    passStep(
        fault, u"ID back"_s, [this] { return m_flow->step() >= Step::Liveness; },
        [&] { return sideCaptures(flow::Side::Back); });
    passStep(
        fault, u"liveness"_s,
        [this] { return m_window->currentPage() == MainWindow::Page::Review; },
        [&] { return int(faces.size()); });
    QTRY_COMPARE_WITH_TIMEOUT(m_window->currentPage(), MainWindow::Page::Review, StuckAfterMs);
    QVERIFY(click("confirmButton"));
    QVERIFY(click("finishButton"));
    QCOMPARE(m_window->currentPage(), MainWindow::Page::Welcome);
    QVERIFY(m_flow->session().isEmpty());
    m_verifiedPhone.insert(fault, phone);

    // Capture first: the pictures with the API key alone, then the phone, register, link.
    makeWindow(flow::Mode::CaptureFirst);
    QSignalSpy captured(m_window->capturePage(), &CapturePage::documentCaptured);
    QSignalSpy capturedFaces(m_window->capturePage(), &CapturePage::facesCaptured);
    signIn(fault, false);
    if (QTest::currentTestFailed())
        return;
    startSession();
    QTRY_COMPARE_WITH_TIMEOUT(m_window->currentPage(), MainWindow::Page::Capture, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->currentPage(), MainWindow::Page::Customer, 60000);
    inject(fault, u"link"_s);
    enterPhone();
    if (QTest::currentTestFailed())
        return;
    passStep(
        fault, u"link"_s, [this] { return m_window->currentPage() == MainWindow::Page::Review; },
        [&] { return int(captured.size() + capturedFaces.size()) - 2; });
    QTRY_COMPARE_WITH_TIMEOUT(m_window->currentPage(), MainWindow::Page::Review, StuckAfterMs);
    QVERIFY(click("confirmButton"));
    QVERIFY(click("finishButton"));
    QCOMPARE(m_window->currentPage(), MainWindow::Page::Welcome);

    for (const QString &step : {u"agent sign-in"_s, u"register"_s, u"ID front"_s, u"ID back"_s,
                                u"liveness"_s, u"link"_s}) {
        const Cell &c = cell(fault, step);
        QVERIFY2(c.done, qPrintable(step));
        QVERIFY2(!c.stuck, qPrintable(step + u": stuck: "_s + c.shown));
        QVERIFY2(c.recaptures == 0, qPrintable(step + u": re-captured: "_s + c.shown));
        QVERIFY2(!c.written, qPrintable(step + u": wrote to disk"_s));
    }
}

void tst_FaultMatrix::audit_data()
{
    wizard_data();
}

// The agent's audit screen, with the kiosk's signed-in client: the customer stored by the
// wizard row of the same fault, the seeded BoldSign document.
void tst_FaultMatrix::audit()
{
    QFETCH(QString, fault);
    const QString phone = m_verifiedPhone.value(fault);
    QVERIFY2(!phone.isEmpty(), "the wizard row of this fault stores the customer");
    makeWindow(flow::Mode::RegisterFirst);
    signIn(fault, false);
    if (QTest::currentTestFailed())
        return;
    AuditWidget audit(m_client.get(), m_boldSign.get());
    audit.resize(1000, 760);
    audit.show();
    const QStringList thumbnails{
        u"idFrontImageThumbnail"_s,        u"idBackImageThumbnail"_s,
        u"livenessImageThumbnail"_s,       u"livenessFace01ImageThumbnail"_s,
        u"livenessFace02ImageThumbnail"_s, u"livenessFace03ImageThumbnail"_s};
    const auto thumbnail = [&](const QString &name) {
        return audit.findChild<ImageThumbnail *>(name);
    };
    const auto allLoaded = [&] {
        for (const QString &name : thumbnails) {
            if (!thumbnail(name) || thumbnail(name)->state() != ImageThumbnail::State::Loaded)
                return false;
        }
        return true;
    };
    auto *message = audit.findChild<QLabel *>(u"vlensMessageLabel"_s);
    const auto search = [&] {
        auto *edit = audit.findChild<QLineEdit *>(u"customerLineEdit"_s);
        edit->clear();
        QTest::keyClicks(edit, phone);
        QTest::keyClick(edit, Qt::Key_Return);
    };

    for (const QString &step : {u"audit list"_s, u"audit image"_s}) {
        Cell &c = cell(fault, step);
        inject(fault, step);
        search();
        for (int round = 0; round < 3; ++round) {
            if (!QTest::qWaitFor([&] { return !audit.isBusy(); }, StuckAfterMs)) {
                c.stuck = true;
                break;
            }
            if (allLoaded()) {
                c.recovery += round == 0 ? u"went through"_s : u" → all six shown"_s;
                break;
            }
            // A failed image says why and is fetched again by a click; a failed search is
            // searched again.
            ImageThumbnail *failed = nullptr;
            for (const QString &name : thumbnails) {
                if (thumbnail(name) && thumbnail(name)->state() == ImageThumbnail::State::Failed)
                    failed = thumbnail(name);
            }
            if (failed) {
                if (c.shown.isEmpty())
                    c.shown = oneLine(failed->failureReason());
                c.recovery += (round ? u", "_s : QString()) + u"click the image"_s;
                QTest::mouseClick(failed, Qt::LeftButton);
                if (!QTest::qWaitFor(
                        [&] { return failed->state() != ImageThumbnail::State::Loading; },
                        StuckAfterMs)) {
                    c.stuck = true;
                    break;
                }
            } else {
                if (c.shown.isEmpty())
                    c.shown = oneLine(message->text());
                c.recovery += (round ? u", "_s : QString()) + u"Search again"_s;
                search();
            }
        }
        c.done = true;
        checkDisk(c);
        QVERIFY2(allLoaded(), qPrintable(step + u": "_s + c.shown));
    }

    // BoldSign: the identity report of the first seeded document.
    Cell &c = cell(fault, u"BoldSign"_s);
    const sandbox::BoldSignDocument document = sandbox::seededBoldSignDocuments().constFirst();
    audit.findChild<QTabWidget *>(u"sourceTabWidget"_s)
        ->setCurrentWidget(audit.findChild<QWidget *>(u"boldSignTab"_s));
    QTest::keyClicks(audit.findChild<QLineEdit *>(u"documentIdLineEdit"_s), document.documentId);
    QTest::keyClicks(audit.findChild<QLineEdit *>(u"signerEmailLineEdit"_s), document.emailId);
    audit.findChild<QSpinBox *>(u"orderSpinBox"_s)->setValue(document.order);
    auto *report = audit.findChild<QWidget *>(u"reportGroupBox"_s);
    auto *boldSignMessage = audit.findChild<QLabel *>(u"boldSignMessageLabel"_s);
    inject(fault, u"BoldSign"_s);
    for (int round = 0; round < 3; ++round) {
        QTest::mouseClick(audit.findChild<QPushButton *>(u"reportPushButton"_s), Qt::LeftButton);
        if (!QTest::qWaitFor(
                [&] { return !audit.isBusy() && !boldSignMessage->text().endsWith(u"…"_s); },
                StuckAfterMs)) {
            c.stuck = true;
            break;
        }
        if (report->isVisible()) {
            c.recovery += round == 0 ? u"went through"_s : u" → report shown"_s;
            break;
        }
        if (c.shown.isEmpty())
            c.shown = oneLine(boldSignMessage->text());
        c.recovery += (round ? u", "_s : QString()) + u"Get the report again"_s;
    }
    c.done = true;
    checkDisk(c);
    QVERIFY2(report->isVisible(), qPrintable(c.shown));
    audit.clear();

    for (const QString &step : {u"audit list"_s, u"audit image"_s, u"BoldSign"_s}) {
        const Cell &cc = cell(fault, step);
        QVERIFY2(!cc.stuck, qPrintable(step + u": stuck"_s));
        QVERIFY2(!cc.written, qPrintable(step + u": wrote to disk"_s));
    }
}

void tst_FaultMatrix::cleanupTestCase()
{
    cleanup();
    const QString out = qEnvironmentVariable("KIOSK_FAULT_MATRIX_OUT");
    int done = 0, stuck = 0, recaptures = 0, written = 0, failures = 0, unrecovered = 0;
    QString rows;
    for (const QString &fault : kFaults) {
        for (const QString &step : kSteps) {
            const Cell &c = m_cells.value(fault + u'/' + step);
            done += c.done;
            stuck += c.stuck;
            recaptures += c.recaptures;
            written += c.written;
            failures += !c.shown.isEmpty();
            unrecovered += c.unrecovered;
            rows += u"| %1 | %2 | `%3` | %4 | %5 | %6 | %7 | %8 |\n"_s.arg(
                fault, step, specOf(fault, step), c.shown.isEmpty() ? u"—"_s : c.shown,
                c.done ? c.recovery : u"NOT RUN"_s, QString::number(c.recaptures),
                c.stuck ? u"**yes**"_s : u"no"_s, c.written ? u"**yes**"_s : u"no"_s);
        }
    }
    const int cells = int(kFaults.size() * kSteps.size());
    QCOMPARE(done, cells); // every cell ran (a crash would not get here)
    QCOMPARE(stuck, 0);
    QCOMPARE(recaptures, 0);
    QCOMPARE(written, 0);
    // Every step goes through in the end; the register cells whose answer is lost go on by
    // the login with the session's password (issue 11; docs/fault-matrix.md).
    QCOMPARE(unrecovered, 0);
    if (out.isEmpty())
        return;
    QFile file(out);
    QVERIFY2(file.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(out));
    QString text;
    text += u"# Fault matrix\n\n"_s
            u"Generated by `tests/gui/tst_faultmatrix.cpp` (issue 11): every fault the sandbox "
            u"injects at every step of the kiosk, through the real product code (the wizard, the "
            u"agent's audit screen, the BoldSign audit; VlensClient and BoldSignClient over "
            u"loopback HTTP to an in-process `SandboxServer`). Regenerate with\n\n"
            u"    KIOSK_FAULT_MATRIX_OUT=$PWD/docs/fault-matrix.md build/bin/tst_faultmatrix\n\n"_s;
    text += u"Settings of the run: request deadline %1 ms (logins, link, GETs, BoldSign), upload "
            u"deadline %2 ms, GET retries 1, idle timeout %3 ms + %4 ms warning; the latency fault "
            u"holds an answer %5 ms (within the deadlines: slow, not failed), the slow drip sends "
            u"the body at 16 bytes per second (past the deadlines). Each fault hits one request of "
            u"its step (by path; `close` two, as QNetworkAccessManager re-sends "
            u"once on a dropped keep-alive connection). \"Stuck\" means no failure with an action "
            u"and no progress within the idle timeout plus its warning, or a customer's failure "
            u"shown without the idle watch armed. \"Written\" compares every file under HOME, "
            u"XDG_CONFIG/CACHE/DATA/STATE_HOME and TMPDIR (all temporary) after each cell.\n\n"_s
                .arg(RequestTimeoutMs)
                .arg(UploadTimeoutMs)
                .arg(IdleTimeoutMs)
                .arg(IdleWarningMs)
                .arg(LatencyMs);
    text += u"**Totals: %1 cells, %2 with a failure shown, 0 crashes, %3 forced re-captures, %4 "
            u"stuck screens, %5 cells that wrote to disk; %6 cells where the step never went "
            u"through.**\n\n"_s.arg(cells)
                .arg(failures)
                .arg(recaptures)
                .arg(stuck)
                .arg(written)
                .arg(unrecovered);
    text += u"| fault | step | sandbox fault | what the screen showed | what was pressed → end | "
            u"re-captures | stuck | written |\n|---|---|---|---|---|---|---|---|\n"_s;
    text += rows;
    text += u"\n**A lost Register answer.** When the answer to `DigitalIdentity/Register` is "
            u"lost after the service created the user (malformed JSON, truncated body, slow drip "
            u"past the deadline), the next Register of that phone number is refused with \"The "
            u"phone number is already registered\" (error_code 5000). Every Register of a "
            u"session carries a random password made for that session (memory only, wiped with "
            u"the session); after such a refusal the flow signs the user in with it "
            u"(`DigitalIdentity/Login`) and goes on to the ID front, as after Register. Only the "
            u"user the session's own Register created has that password: a number registered by "
            u"someone else still reads \"already registered\", and a first Register refused "
            u"outright is never followed by a login. Before this fix (issue 11) these three "
            u"cells never went through: every Try again was refused and only the idle timeout "
            u"ended the session.\n"_s;
    file.write(text.toUtf8());
}

QTEST_MAIN(tst_FaultMatrix)
#include "tst_faultmatrix.moc"
