// Soak: customer sessions back to back in the kiosk, in process (issue 11). The real
// MainWindow and wizard, QtCameraSource (QCamera, Qt Multimedia's GStreamer backend) on the
// fake camera device, VlensClient over loopback HTTP against the vlens-sandbox program (its
// own process, as the service is a branch's: the images it keeps are not the kiosk's memory),
// with a mix of outcomes and injected faults. Every session must end (verified, referred or
// abandoned and wiped) with the wizard back at Welcome. Every 10 sessions it samples RSS
// (VmRSS), open descriptors (/proc/self/fd), threads (Threads of /proc/self/status) and live
// GstPipeline objects (a GStreamer tracer hook of this program), then prints a
// markdown table and a verdict against the targets (docs/soak.md).
//   build/bin/bench_soak [sessions=200]
// Exit status: 0 when every session ended at Welcome, 1 otherwise (the verdict is printed).
#include "api/vlensclient.h"
#include "benchmarkenv.h"
#include "capture/cameraoptions.h"
#include "capture/clock.h"
#include "facevideo.h"
#include "fakecameracontrol.h"
#include "flow/idlewatch.h"
#include "flow/onboardingflow.h"
#include "homefolders.h"
#include "i18n.h"
#include "kiosksettings.h"
#include "mainwindow.h"
#include "mediabackend.h"
#include "pages/capturepage.h"
#include "qtcamerasource.h"
#include "sandboxprocess.h"
#include "settings/agentpin.h"
#include "settings/settings.h"
#include "specimen/persona.h"

#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFrame>
#include <QLabel>
#include <QLineEdit>
#include <QMediaDevices>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include "malloctuning.h"

#include <gst/gst.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>

using namespace Qt::StringLiterals;
using namespace kiosk;
using flow::Step;

namespace {

// The benchmark's short waits (Settings overrides; see docs/soak.md).
constexpr int FaceCountdownMs = 300;
constexpr int IdleTimeoutMs = 60000; // long: only the abandonment sessions go idle
constexpr int IdleWarningMs = 5000;
constexpr int AbandonIdleMs = 300; // the abandoning customer: idle, then the warning
constexpr int AbandonWarningMs = 300;
constexpr int StepTimeoutMs = 60000; // generous: a loaded machine

qint64 statusField(const char *name) // kB for VmRSS, a count for Threads
{
    QFile file(u"/proc/self/status"_s);
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray key = QByteArray(name) + ':';
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (line.startsWith(key))
            return line.mid(key.size()).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

int openDescriptors()
{
    return int(QDir(u"/proc/self/fd"_s).entryList(QDir::AllEntries | QDir::NoDotAndDotDot).size());
}

// Live GstPipeline objects, counted by a tracer of this program: GStreamer's object-created
// hook sees every GstObject made, and a weak reference on each pipeline sees it finalised.
// (Not the leaks tracer's get-live-objects: in GStreamer 1.22 its answer drops a reference
// on each live object it lists.)
std::atomic<int> g_livePipelines{0};

struct SoakTracer
{
    GstTracer parent;
};
struct SoakTracerClass
{
    GstTracerClass parentClass;
};
G_DEFINE_TYPE(SoakTracer, soak_tracer, GST_TYPE_TRACER)
void soak_tracer_class_init(SoakTracerClass *) {}
void soak_tracer_init(SoakTracer *) {}

void pipelineFinalized(gpointer, GObject *)
{
    --g_livePipelines;
}

void objectCreated(GstTracer *, guint64, GstObject *object)
{
    if (GST_IS_PIPELINE(object)) {
        ++g_livePipelines;
        g_object_weak_ref(G_OBJECT(object), pipelineFinalized, nullptr);
    }
}

// Starts GStreamer (Qt Multimedia's later gst_init() is then a no-op) with the tracer.
void startPipelineCount()
{
    gst_init(nullptr, nullptr);
    auto *tracer = GST_TRACER(g_object_new(soak_tracer_get_type(), nullptr));
    gst_tracing_register_hook(tracer, "object-created", G_CALLBACK(objectCreated));
}

int livePipelines()
{
    return g_livePipelines.load();
}

struct Sample
{
    int session = 0;
    double rssMb = 0;
    int fds = 0;
    int threads = 0;
    int pipelines = 0;
    int verified = 0, referred = 0, abandoned = 0, failed = 0;
    double secondsPerSession = 0;
};

// What happens in session n (1-based); the first matching rule wins.
enum class Plan
{
    Verified,        // straight through
    Latency,         // 400 ms latency on the front upload, then verified
    Retry503,        // 503 on liveness: Try again sends the kept faces, then verified
    LivenessRetake,  // liveness refused once: the faces are retaken, then verified
    SpoofReferred,   // the card is called fake: the agent refers the customer
    AmlMatch,        // the AML screening matches: the result page says so
    IdleAbandoned,   // the customer walks away at the review page: idle timeout, wipe
    CancelAndRetry,  // the upload is cancelled while slow, then sent again
    SpoofAgentEnded, // the card is called fake: the agent ends the session
};

Plan planFor(int n)
{
    if (n % 17 == 0)
        return Plan::IdleAbandoned;
    if (n % 19 == 0)
        return Plan::CancelAndRetry;
    if (n % 23 == 0)
        return Plan::SpoofAgentEnded;
    if (n % 11 == 0)
        return (n / 11) % 2 ? Plan::SpoofReferred : Plan::LivenessRetake;
    if (n % 13 == 0)
        return Plan::AmlMatch;
    if (n % 7 == 0)
        return Plan::Retry503;
    if (n % 5 == 0)
        return Plan::Latency;
    return Plan::Verified;
}

class Soak : public QObject
{
public:
    bool setUp(QString *error);
    // One customer; returns "verified", "referred", "abandoned", or an error text.
    QString runSession(int n);
    void recover();
    int peakPipelines() const { return m_peakPipelines; }
    double sandboxRssMb() const { return m_sandbox.rssMb(); }

private:
    QString runSteps(int n);
    int m_peakPipelines = 0; // while a camera streams

private:
    template<typename T>
    T *widget(const char *name) const
    {
        return m_window->findChild<T *>(QString::fromLatin1(name));
    }
    bool click(const char *name, QString *error);
    void showScene(int index) { m_control.set(u"scene_index"_s, index); }
    void inject(const QString &spec);
    void clearFaults();
    bool waitFor(const std::function<bool()> &done, const char *what, QString *error,
                 int timeoutMs = StepTimeoutMs);
    bool failureShown(const char *button, QString *error);

public:
    // Before the first QMediaDevices: the plugin reads KIOSK_FAKECAM_CONTROL when it starts.
    test::FakeCameraControl m_control;

private:
    QTemporaryDir m_sceneDir;
    test::SandboxProcess m_sandbox{QStringLiteral(KIOSK_SANDBOX_PROGRAM)};
    std::unique_ptr<Translations> m_translations;
    QNetworkAccessManager m_nam;
    const Clock m_clock{};
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<api::VlensClient> m_client;
    std::unique_ptr<flow::OnboardingFlow> m_flow;
    std::unique_ptr<QtCameraSource> m_camera;
    std::unique_ptr<MainWindow> m_window;
};

bool Soak::setUp(QString *error)
{
    m_translations = std::make_unique<Translations>(QStringList{u"core"_s, u"kiosk"_s});
    const QString faces = m_sceneDir.filePath(u"faces.avi"_s);
    if (!m_sceneDir.isValid() || !test::writeFaceVideo(faces, error))
        return false;
    m_control.set(u"scene"_s, u"%1/card-front.png;%1/card-back.png;%2"_s.arg(
                                  QStringLiteral(KIOSK_FAKECAM_SCENE_DIR), faces));
    m_control.set(u"scene_index"_s, test::FrontScene);
    // The service in its own process: it keeps every customer's images in memory (the
    // sandbox's store is volatile by design), which is the bank's server's memory, not the
    // kiosk's. Its RSS is printed apart.
    if (!m_sandbox.start(error))
        return false;
    if (!test::runUntil([] { return QMediaDevices::videoInputs().size() == 1; }, 10000)) {
        *error = u"the fake camera did not appear"_s;
        return false;
    }

    m_settings = test::sandboxKioskSettings(m_sandbox.baseUrl());
    using K = Settings::Key;
    m_settings->setOverride(K::FaceCountdownMs, FaceCountdownMs);
    m_settings->setOverride(K::IdleTimeoutMs, IdleTimeoutMs);
    m_settings->setOverride(K::IdleWarningMs, IdleWarningMs);
    if (applyMediaBackend(*m_settings) != u"gstreamer"_s) {
        *error = u"the GStreamer media backend is not in use"_s;
        return false;
    }
    m_client =
        std::make_unique<api::VlensClient>(&m_nam, api::VlensConfig::fromSettings(*m_settings));
    m_flow = std::make_unique<flow::OnboardingFlow>(m_client.get(),
                                                    flow::FlowOptions::fromSettings(*m_settings));
    m_camera = std::make_unique<QtCameraSource>(CameraOptions::fromSettings(*m_settings), m_clock);
    m_window = std::make_unique<MainWindow>(m_settings.get(), m_translations.get(), m_client.get(),
                                            m_flow.get(), m_camera.get(), m_clock);
    // The customer turns the card over once the front is taken, and looks up once the back is.
    connect(m_window->capturePage(), &CapturePage::documentCaptured, this, [this](flow::Side side) {
        showScene(side == flow::Side::Front ? test::BackScene : test::FaceScene);
    });
    m_window->resize(1024, 700);
    m_window->show();

    // The agent signs in once for the shift.
    QTest::keyClicks(widget<QLineEdit>("userLineEdit"), u"admin"_s);
    QTest::keyClicks(widget<QLineEdit>("passwordLineEdit"), u"sandbox-admin"_s);
    if (!click("signInButton", error))
        return false;
    return waitFor([this] { return m_window->currentPage() == MainWindow::Page::Welcome; },
                   "Welcome after sign-in", error);
}

bool Soak::click(const char *name, QString *error)
{
    auto *button = widget<QPushButton>(name);
    if (!button || !button->isVisible() || !button->isEnabled()) {
        *error = u"button %1 missing, hidden or disabled"_s.arg(QLatin1StringView(name));
        return false;
    }
    QTest::mouseClick(button, Qt::LeftButton);
    return true;
}

void Soak::inject(const QString &spec)
{
    QString error;
    if (!m_sandbox.inject(spec, &error))
        qFatal("fault %s refused: %s", qPrintable(spec), qPrintable(error));
}

void Soak::clearFaults()
{
    QString error;
    if (!m_sandbox.clearFaults(&error))
        qFatal("faults not cleared: %s", qPrintable(error));
}

bool Soak::waitFor(const std::function<bool()> &done, const char *what, QString *error,
                   int timeoutMs)
{
    if (test::runUntil(done, timeoutMs))
        return true;
    *error = u"stuck waiting for %1 (page %2, step %3)"_s.arg(QLatin1StringView(what))
                 .arg(int(m_window->currentPage()))
                 .arg(int(m_flow->step()));
    return false;
}

bool Soak::failureShown(const char *button, QString *error)
{
    return waitFor(
        [this, button] {
            auto *b = widget<QPushButton>(button);
            return widget<QFrame>("failureFrame")->isVisible() && b && b->isVisible();
        },
        button, error);
}

// The session, then the checks every session ends with: Welcome, nothing of the
// customer held, the camera stopped.
QString Soak::runSession(int n)
{
    const QString outcome = runSteps(n);
    if (outcome != u"verified"_s && outcome != u"referred"_s && outcome != u"abandoned"_s)
        return outcome;
    QString error;
    if (!waitFor(
            [this] {
                return m_window->currentPage() == MainWindow::Page::Welcome &&
                       m_camera->state() == FrameSource::State::Stopped;
            },
            "Welcome with the camera stopped", &error, 10000))
        return error;
    if (!m_flow->session().isEmpty() || m_window->holdsCustomerData())
        return u"customer data held after the session"_s;
    return outcome;
}

QString Soak::runSteps(int n)
{
    const Plan plan = planFor(n);
    const bool arabic = n % 3 == 0;
    QString error;
    const auto page = [this] { return m_window->currentPage(); };
    showScene(test::FrontScene); // the next customer's card, front up
    switch (plan) {
    case Plan::Latency:
        inject(u"latency=400,path=/verify/id/front,count=1"_s);
        break;
    case Plan::Retry503:
        inject(u"http=503,path=/verify/liveness,count=1"_s);
        break;
    case Plan::LivenessRetake:
        inject(u"liveness_fail,path=/verify/liveness,count=1"_s);
        break;
    case Plan::SpoofReferred:
    case Plan::SpoofAgentEnded:
        inject(u"spoof,path=/verify/id/front,count=1"_s);
        break;
    case Plan::AmlMatch:
        inject(u"aml_match,count=-1"_s);
        break;
    case Plan::CancelAndRetry:
        inject(u"latency=5000,path=/verify/id/back,count=1"_s);
        break;
    case Plan::Verified:
    case Plan::IdleAbandoned:
        break;
    }
    const auto fail = [&](const QString &why) {
        clearFaults();
        return why.isEmpty() ? u"failed"_s : why;
    };

    if (!click(arabic ? "arabicButton" : "englishButton", &error) || !click("startButton", &error))
        return fail(error);
    QTest::keyClick(widget<QCheckBox>("consentCheckBox"), Qt::Key_Space);
    if (!click("acceptButton", &error))
        return fail(error);
    if (page() != MainWindow::Page::Customer)
        return fail(u"not at the customer page after consent"_s);
    const QString local = u"0100%1"_s.arg(4000000 + n);
    const QString typed = arabic ? specimen::toArabicIndicDigits(local) : local;
    for (const QChar c : typed)
        QTest::sendKeyEvent(QTest::Click, widget<QLineEdit>("phoneLineEdit"), Qt::Key_unknown,
                            QString(c), Qt::NoModifier);
    if (!click("continueButton", &error))
        return fail(error);
    if (!waitFor([&] { return page() == MainWindow::Page::Capture; }, "Capture", &error))
        return fail(error);
    if (m_camera->state() == FrameSource::State::Streaming ||
        test::runUntil([this] { return m_camera->state() == FrameSource::State::Streaming; }, 5000))
        m_peakPipelines = std::max(m_peakPipelines, livePipelines());

    if (plan == Plan::SpoofReferred || plan == Plan::SpoofAgentEnded) {
        if (!failureShown("referButton", &error))
            return fail(error);
        if (plan == Plan::SpoofAgentEnded) {
            if (!click("endSessionButton", &error))
                return fail(error);
            if (!waitFor([&] { return page() == MainWindow::Page::Welcome; }, "Welcome", &error))
                return fail(error);
            return u"abandoned"_s;
        }
        if (!click("referButton", &error))
            return fail(error);
        if (page() != MainWindow::Page::Result)
            return fail(u"not at the result page after the referral"_s);
        if (!click("finishButton", &error))
            return fail(error);
        return u"referred"_s;
    }
    if (plan == Plan::CancelAndRetry) {
        if (!waitFor(
                [&] {
                    return widget<QFrame>("busyFrame")->isVisible() &&
                           m_flow->step() == Step::IdBack;
                },
                "the slow back upload", &error) ||
            !click("cancelButton", &error) || !failureShown("tryAgainButton", &error) ||
            !click("tryAgainButton", &error))
            return fail(error);
    }
    if (plan == Plan::Retry503 || plan == Plan::LivenessRetake) {
        const char *button = plan == Plan::Retry503 ? "tryAgainButton" : "retakeButton";
        if (!failureShown(button, &error) || !click(button, &error))
            return fail(error);
    }
    if (!waitFor([&] { return page() == MainWindow::Page::Review; }, "Review", &error))
        return fail(error);
    clearFaults();
    if (plan == Plan::IdleAbandoned) {
        // The customer walks away before confirming: the idle watch ends and wipes.
        flow::IdleWatch *idle = m_window->idleWatch();
        idle->setDurations(AbandonIdleMs, AbandonWarningMs);
        const bool back = waitFor([&] { return page() == MainWindow::Page::Welcome; },
                                  "Welcome after the idle timeout", &error);
        idle->setDurations(IdleTimeoutMs, IdleWarningMs);
        return back ? u"abandoned"_s : fail(error);
    }
    if (!click("confirmButton", &error))
        return fail(error);
    if (page() != MainWindow::Page::Result)
        return fail(u"not at the result page after confirming"_s);
    const QString title = widget<QLabel>("resultTitleLabel")->text();
    if (!click("finishButton", &error))
        return fail(error);
    return title == u"Your identity is verified"_s || title == u"تم التحقق من هويتك"_s
               ? u"verified"_s
               : u"referred"_s;
}

// After a session that did not end by itself: the agent ends it.
void Soak::recover()
{
    clearFaults();
    m_window->idleWatch()->setDurations(IdleTimeoutMs, IdleWarningMs);
    if (m_window->currentPage() != MainWindow::Page::Welcome)
        m_flow->endSession(flow::EndReason::AgentEnded);
}

// The mean of a field (double or int) over the samples of sessions from..to.
template<typename Field>
double mean(const QList<Sample> &samples, int from, int to, Field Sample::*field)
{
    double sum = 0;
    int n = 0;
    for (const Sample &s : samples) {
        if (s.session >= from && s.session <= to) {
            sum += s.*field;
            ++n;
        }
    }
    return n ? sum / n : 0;
}

} // namespace

int main(int argc, char **argv)
{
    // As app/kiosk/main.cpp, first thing: freed frames go back to the system, the rest to two
    // malloc arenas (BENCH_SOAK_MALLOC_DEFAULTS=1: glibc's defaults, for comparison).
    if (!qEnvironmentVariableIsSet("BENCH_SOAK_MALLOC_DEFAULTS"))
        kiosk::tuneMalloc();
    test::setFakeCameraBenchmarkEnvironment();
    // The kiosk writes nothing; still, keep HOME and the XDG folders off the user's.
    QTemporaryDir home;
    test::redirectHomeFolders(home, {"HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"});
    // Session outcomes are counted here; the per-request log lines are not needed.
    if (!qEnvironmentVariableIsSet("QT_LOGGING_RULES"))
        qputenv("QT_LOGGING_RULES", "*.info=false;*.debug=false");

    startPipelineCount();
    QApplication app(argc, argv);
    Soak soak; // its fake camera control is set before the first QMediaDevices
    qRegisterMetaType<flow::Failure>();
    const int sessions = argc > 1 ? std::max(1, std::atoi(argv[1])) : 200;
    QString error;
    if (!soak.setUp(&error)) {
        std::fprintf(stderr, "bench_soak: %s\n", qPrintable(error));
        return 2;
    }

    QList<Sample> samples;
    Sample totals;
    QElapsedTimer clock;
    clock.start();
    qint64 lastSampleMs = 0;
    const auto sample = [&](int session) {
        Sample s = totals;
        s.session = session;
        s.rssMb = double(statusField("VmRSS")) / 1024.0;
        s.fds = openDescriptors();
        s.threads = int(statusField("Threads"));
        s.pipelines = livePipelines();
        const int done = session - (samples.isEmpty() ? 0 : samples.last().session);
        s.secondsPerSession = done > 0 ? double(clock.elapsed() - lastSampleMs) / 1000.0 / done : 0;
        lastSampleMs = clock.elapsed();
        samples.append(s);
        std::fprintf(stderr, "[soak] session %d: %.1f MB, %d fds, %d threads, %d pipelines\n",
                     session, s.rssMb, s.fds, s.threads, s.pipelines);
    };
    sample(0);
    for (int n = 1; n <= sessions; ++n) {
        const QString outcome = soak.runSession(n);
        if (outcome == u"verified"_s) {
            ++totals.verified;
        } else if (outcome == u"referred"_s) {
            ++totals.referred;
        } else if (outcome == u"abandoned"_s) {
            ++totals.abandoned;
        } else {
            ++totals.failed;
            std::fprintf(stderr, "[soak] session %d did not end by itself: %s\n", n,
                         qPrintable(outcome));
            soak.recover();
        }
        if (n % 10 == 0 || n == sessions)
            sample(n);
    }

    std::printf(
        "## Soak: %d sessions in process (fake camera, vlens-sandbox in its own process)\n\n",
        sessions);
    std::printf("| after session | RSS (MB) | open fds | threads | GstPipeline objects | verified "
                "| referred | abandoned | not ended | s/session |\n"
                "|---|---|---|---|---|---|---|---|---|---|\n");
    for (const Sample &s : std::as_const(samples))
        std::printf("| %d | %.1f | %d | %d | %d | %d | %d | %d | %d | %.2f |\n", s.session, s.rssMb,
                    s.fds, s.threads, s.pipelines, s.verified, s.referred, s.abandoned, s.failed,
                    s.secondsPerSession);

    // Windows: "sessions 10-60" are the samples after sessions 10..60; "the last 50" the
    // samples after sessions N-49..N (the sample at N-50 closes the window before it).
    const int early0 = 10, early1 = 60, late0 = sessions - 49, late1 = sessions;
    double maxRss = 0;
    int pipelinesMin = 1 << 30, pipelinesMax = 0;
    for (const Sample &s : std::as_const(samples)) {
        maxRss = std::max(maxRss, s.rssMb);
        if (s.session >= early0) {
            pipelinesMin = std::min(pipelinesMin, s.pipelines);
            pipelinesMax = std::max(pipelinesMax, s.pipelines);
        }
    }
    if (pipelinesMin > pipelinesMax) // fewer than 10 sessions: all samples
        for (const Sample &s : std::as_const(samples))
            pipelinesMin = std::min(pipelinesMin, s.pipelines),
            pipelinesMax = std::max(pipelinesMax, s.pipelines);
    const double rssEarly = mean(samples, early0, early1, &Sample::rssMb);
    const double rssLate = mean(samples, late0, late1, &Sample::rssMb);
    const double fdEarly = mean(samples, early0, early1, &Sample::fds);
    const double fdLate = mean(samples, late0, late1, &Sample::fds);
    const double thEarly = mean(samples, early0, early1, &Sample::threads);
    const double thLate = mean(samples, late0, late1, &Sample::threads);
    const double rssDrift = rssEarly > 0 ? (rssLate - rssEarly) / rssEarly * 100.0 : 0;
    // Flat: the mean of the last 50 sessions' samples is at most 2 above the mean of
    // sessions 10-60 (a thread pool's worker or a socket in TIME_WAIT may come and go; a
    // leak of one per session would add 50 or more); pipelines never above the early minimum.
    const bool rssMet = maxRss <= 300.0 && std::abs(rssDrift) <= 5.0;
    const bool fdMet = fdLate - fdEarly <= 2.0;
    const bool thMet = thLate - thEarly <= 2.0;
    const bool pipeMet = pipelinesMax <= pipelinesMin;
    const bool ended = totals.failed == 0;
    std::printf("\nsessions: %d verified, %d referred to the agent, %d abandoned and wiped, %d "
                "not ended by themselves; %.1f s in all\n",
                totals.verified, totals.referred, totals.abandoned, totals.failed,
                double(clock.elapsed()) / 1000.0);
    std::printf("RSS: max %.1f MB (target <= 300); mean of the last 50 sessions %.1f MB vs "
                "sessions 10-60 %.1f MB: %+.1f %% (target within 5 %%) -> %s\n",
                maxRss, rssLate, rssEarly, rssDrift, rssMet ? "MET" : "MISSED");
    std::printf("descriptors: last 50 mean %.1f vs sessions 10-60 mean %.1f (flat: at most +2) "
                "-> %s\n",
                fdLate, fdEarly, fdMet ? "MET" : "MISSED");
    std::printf("threads: last 50 mean %.1f vs sessions 10-60 mean %.1f (flat: at most +2) -> "
                "%s\n",
                thLate, thEarly, thMet ? "MET" : "MISSED");
    std::printf("GstPipeline objects: %d..%d from session 10 on (flat: never above the minimum) "
                "-> %s\n",
                pipelinesMin, pipelinesMax, pipeMet ? "MET" : "MISSED");
    std::printf("GstPipeline objects while the camera streams (the count works): at most %d\n",
                soak.peakPipelines());
    std::printf("every session ended at Welcome: %s\n", ended ? "yes" : "NO");
    std::printf("vlens-sandbox's own RSS at the end: %.1f MB (the service keeps every customer's "
                "images in memory; not counted above)\n",
                soak.sandboxRssMb());
    std::printf("verdict: %s\n",
                rssMet && fdMet && thMet && pipeMet && ended ? "targets MET" : "targets MISSED");
    return ended ? 0 : 1;
}
