#include "api/vlensclient.h"
#include "capture/clock.h"
#include "cardfixture.h"
#include "flow/onboardingflow.h"
#include "imaging/budgetencoder.h"
#include "metrics/kioskmetrics.h"
#include "metrics/sessiontracker.h"
#include "metrics/textfilepublisher.h"
#include "sandboxflow.h"
#include "sandboxserver.h"
#include "specimen/idcardrenderer.h"
#include "specimen/manualclock.h"
#include "specimen/persona.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

#include <grp.h>
#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace kiosk;
using flow::EndReason;
using flow::Failure;
using flow::Side;
using flow::Step;

// Sessions with known outcomes through the sandbox over loopback HTTP (the flow driven
// the way the pages drive it), then the exact counter values, step durations from a
// ManualClock, and the published .prom file. The file is kept under the build tree for
// `promtool check metrics` (packaging/monitoring/check.sh, CI).
class tst_KioskMetrics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void sessionsWithKnownOutcomes();
    void publishedFileIsTheRegistry();
    void cameraAndAgentFigures();

private:
    void startSession(); // welcome -> consent (2 s) -> customer
    void registerCustomer();
    double value(const QString &name, const QStringList &labels = {}) const
    {
        return m_metrics->registry().value(name, labels);
    }

    test::SandboxFlow m_sandbox;
    ManualClock m_clock;
    std::unique_ptr<metrics::KioskMetrics> m_metrics;
    std::unique_ptr<metrics::SessionTracker> m_tracker;
    test::CardFixture m_cards;
    int m_serial = 0;
};

void tst_KioskMetrics::initTestCase()
{
    m_sandbox.startWithCards(&m_cards);
    if (QTest::currentTestFailed())
        return;

    m_sandbox.makeFlow();
    // A branch name with a quote, a backslash and a line feed: escaped in every series.
    m_metrics = std::make_unique<metrics::KioskMetrics>(
        metrics::FleetIdentity{u"Giza \"Pyramids\" \\ 2\nnorth"_s, u"kiosk-07"_s});
    m_tracker = std::make_unique<metrics::SessionTracker>(m_sandbox.flow(), m_clock);
    m_metrics->watchSessions(m_tracker.get());
    m_metrics->watchVlens(m_sandbox.client());
}

void tst_KioskMetrics::startSession()
{
    m_sandbox.flow()->start(QLocale(QLocale::English));
    QCOMPARE(m_sandbox.flow()->step(), Step::Consent);
    m_clock.advanceMs(2000);
    m_sandbox.flow()->setConsent(true);
    QCOMPARE(m_sandbox.flow()->step(), Step::Customer);
}

void tst_KioskMetrics::registerCustomer()
{
    m_clock.advanceMs(5000);
    m_sandbox.flow()->submitCustomer(u"+2010066%1"_s.arg(++m_serial, 5, 10, QChar(u'0')), {});
    QTRY_COMPARE_WITH_TIMEOUT(m_sandbox.flow()->step(), Step::IdFront, 10000);
}

void tst_KioskMetrics::sessionsWithKnownOutcomes()
{
    // 1. Verified, after one blurred front (service 5006).
    startSession();
    registerCustomer();
    m_sandbox.fault(u"error_code=5006,path=/verify/id/front,count=1"_s);
    m_sandbox.flow()->submitDocument(Side::Front, m_cards.front);
    QTRY_COMPARE_WITH_TIMEOUT(m_sandbox.failures()->size(), 1, 15000);
    m_sandbox.flow()->recapture();
    m_sandbox.captureToReview(m_cards);
    if (QTest::currentTestFailed())
        return;
    m_sandbox.flow()->confirmReview();
    QCOMPARE(m_sandbox.flow()->outcome(), flow::Outcome::Verified);
    m_sandbox.flow()->endSession(EndReason::Finished);

    // 2. Consent declined.
    m_sandbox.flow()->start(QLocale(QLocale::English));
    m_clock.advanceMs(2000);
    m_sandbox.flow()->setConsent(false);
    QCOMPARE(m_sandbox.flow()->step(), Step::Welcome);

    // 3. A spoofed card: the agent ends the session.
    startSession();
    registerCustomer();
    m_sandbox.flow()->submitDocument(Side::Front, m_cards.spoofFront);
    QTRY_COMPARE_WITH_TIMEOUT(m_sandbox.failures()->size(), 2, 15000);
    QCOMPARE(m_sandbox.failures()->last().first().value<Failure>().action,
             Failure::Action::AgentDecides);
    m_sandbox.flow()->endSession(EndReason::AgentEnded);

    // 4. The customer walked away on the phone page.
    startSession();
    m_sandbox.flow()->endSession(EndReason::IdleTimeout);

    // 5. No card detected (3011), then the agent takes over.
    startSession();
    registerCustomer();
    m_sandbox.fault(u"error_code=3011,path=/verify/id/front,count=1"_s);
    m_sandbox.flow()->submitDocument(Side::Front, m_cards.front);
    QTRY_COMPARE_WITH_TIMEOUT(m_sandbox.failures()->size(), 3, 15000);
    m_sandbox.flow()->referToAgent();
    QCOMPARE(m_sandbox.flow()->step(), Step::Result);
    m_sandbox.flow()->endSession(EndReason::Finished);

    // 6. The service answers 503 on the back; the customer leaves.
    startSession();
    registerCustomer();
    m_sandbox.flow()->submitDocument(Side::Front, m_cards.front);
    QTRY_COMPARE_WITH_TIMEOUT(m_sandbox.flow()->step(), Step::IdBack, 15000);
    m_sandbox.fault(u"http=503,path=/verify/id/back,count=1"_s);
    m_sandbox.flow()->submitDocument(Side::Back, m_cards.back);
    QTRY_COMPARE_WITH_TIMEOUT(m_sandbox.failures()->size(), 4, 15000);
    QCOMPARE(m_sandbox.failures()->last().first().value<Failure>().action,
             Failure::Action::RetrySend);
    m_sandbox.flow()->endSession(EndReason::CustomerLeft);

    const QString sessions = u"kiosk_sessions_total"_s;
    QCOMPARE(value(sessions, {u"verified"_s, u"none"_s}), 1.0);
    QCOMPARE(value(sessions, {u"cancelled"_s, u"consent_declined"_s}), 1.0);
    QCOMPARE(value(sessions, {u"refused"_s, u"not_genuine"_s}), 1.0);
    QCOMPARE(value(sessions, {u"timed_out"_s, u"idle"_s}), 1.0);
    QCOMPARE(value(sessions, {u"referred"_s, u"code_3011"_s}), 1.0);
    QCOMPARE(value(sessions, {u"cancelled"_s, u"customer_left"_s}), 1.0);
    const QByteArray text = m_metrics->render();
    QCOMPARE(text.count("kiosk_sessions_total{"), 6); // nothing else was counted

    const QString retakes = u"kiosk_retakes_total"_s;
    QCOMPARE(value(retakes, {u"id_front"_s, u"blur"_s, u"5006"_s}), 1.0);
    QCOMPARE(value(retakes, {u"id_front"_s, u"service"_s, u"3011"_s}), 1.0);
    QCOMPARE(text.count("kiosk_retakes_total{"), 2); // the spoof and the 503 are no retakes

    const QString requests = u"kiosk_api_requests_total"_s;
    const QString front = u"/api/DigitalIdentity/verify/id/front"_s;
    const QString back = u"/api/DigitalIdentity/verify/id/back"_s;
    QCOMPARE(value(requests, {u"/api/DigitalIdentity/Register"_s, u"200"_s}), 4.0);
    QCOMPARE(value(requests, {front, u"200"_s}), 5.0);
    QCOMPARE(value(requests, {back, u"200"_s}), 1.0);
    QCOMPARE(value(requests, {back, u"503"_s}), 1.0);
    QCOMPARE(value(requests, {u"/api/DigitalIdentity/verify/liveness/multi"_s, u"200"_s}), 1.0);
    const QString errors = u"kiosk_api_errors_total"_s;
    QCOMPARE(value(errors, {front, u"5006"_s}), 1.0);
    QCOMPARE(value(errors, {front, u"3011"_s}), 1.0);
    QCOMPARE(value(errors, {back, u"server-error"_s}), 1.0);
    QCOMPARE(value(errors, {front, u"5005"_s}), 1.0); // the spoofed card: not a real document
    QCOMPARE(text.count("kiosk_api_errors_total{"), 4);
    const QString latency = u"kiosk_api_request_duration_seconds"_s;
    QCOMPARE(m_metrics->registry().count(latency, {front}), quint64(5));

    // Step durations on the ManualClock: 2 s on consent in each of the six sessions,
    // 5 s on the phone page in the four that registered.
    const QString steps = u"kiosk_session_step_duration_seconds"_s;
    QCOMPARE(m_metrics->registry().count(steps, {u"consent"_s}), quint64(6));
    QCOMPARE(m_metrics->registry().value(steps, {u"consent"_s}), 12.0);
    QCOMPARE(m_metrics->registry().count(steps, {u"customer"_s}), quint64(5));
    QCOMPARE(m_metrics->registry().value(steps, {u"customer"_s}), 20.0);
    QCOMPARE(m_metrics->registry().count(u"kiosk_session_duration_seconds"_s, {u"verified"_s}),
             quint64(1));
    QCOMPARE(m_metrics->registry().value(u"kiosk_session_duration_seconds"_s, {u"verified"_s}),
             7.0);
    QVERIFY(text.contains(
        "kiosk_sessions_total{branch=\"Giza \\\"Pyramids\\\" \\\\ 2\\nnorth\",kiosk=\"kiosk-07\","
        "outcome=\"verified\",reason=\"none\"} 1\n"));
    // Never about a person: no phone number reaches the text.
    QVERIFY(!text.contains("+201006"));
}

void tst_KioskMetrics::publishedFileIsTheRegistry()
{
    const QString directory = QStringLiteral(KIOSK_BINARY_DIR "/metrics-out");
    QVERIFY(QDir().mkpath(directory));
    metrics::TextfilePublisher publisher(directory, [this] { return m_metrics->render(); });
    publisher.setFileName(u"tst_kioskmetrics.prom"_s);
    QVERIFY2(publisher.publish(), qPrintable(publisher.problem()));
    QFile file(publisher.filePath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), m_metrics->render());
    struct stat st;
    QCOMPARE(::stat(QFile::encodeName(publisher.filePath()).constData(), &st), 0);
    QCOMPARE(st.st_mode & 0777, mode_t(0640));
    if (const struct group *g = ::getgrnam("prometheus"))
        QCOMPARE(st.st_gid, g->gr_gid);
    // Nothing but the .prom file is left behind.
    const QStringList left = QDir(directory).entryList({u"*tst_kioskmetrics*"_s},
                                                       QDir::Files | QDir::Hidden | QDir::System);
    QCOMPARE(left, QStringList{u"tst_kioskmetrics.prom"_s});
}

void tst_KioskMetrics::cameraAndAgentFigures()
{
    const auto &r = m_metrics->registry();
    QCOMPARE(r.value(u"kiosk_camera_up"_s), 0.0);
    m_metrics->setCameraUp(true);
    m_metrics->recordCameraRestart(true);
    m_metrics->recordCameraRestart(false);
    m_metrics->setCameraFormat(u"YUYV"_s, QSize(1280, 720), 30);
    m_metrics->setCameraFormat(u"Jpeg"_s, QSize(1920, 1080), 30);
    m_metrics->recordSignInFailure();
    m_metrics->recordPinLockout();
    m_metrics->recordEncode(ImageKind::Face, 0.02, 300000);
    QCOMPARE(r.value(u"kiosk_camera_up"_s), 1.0);
    QCOMPARE(r.value(u"kiosk_camera_restarts_total"_s), 2.0);
    QCOMPARE(r.value(u"kiosk_camera_stalls_total"_s), 1.0);
    QCOMPARE(r.value(u"kiosk_camera_fps"_s), 30.0);
    // Only the format in use is reported.
    QCOMPARE(r.value(u"kiosk_camera_format_info"_s, {u"Jpeg"_s, u"1920x1080"_s}), 1.0);
    QVERIFY(!m_metrics->render().contains("YUYV"));
    QCOMPARE(r.value(u"kiosk_agent_sign_in_failures_total"_s), 1.0);
    QCOMPARE(r.value(u"kiosk_agent_pin_lockouts_total"_s), 1.0);
    QCOMPARE(r.count(u"kiosk_image_encoded_bytes"_s, {u"face"_s}), quint64(1));
    QVERIFY(m_metrics->render().contains(
        "kiosk_image_encoded_bytes_bucket{branch=\"Giza \\\"Pyramids\\\" \\\\ 2\\nnorth\","
        "kiosk=\"kiosk-07\",kind=\"face\",le=\"300000\"} 1\n"));
}

QTEST_MAIN(tst_KioskMetrics)
#include "tst_kioskmetrics.moc"
