#include "api/vlensclient.h"
#include "flow/onboardingflow.h"
#include "sandboxserver.h"
#include "specimen/idcardrenderer.h"
#include "specimen/persona.h"

#include <QBuffer>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace kiosk;
using flow::Failure;
using flow::OnboardingFlow;
using flow::Side;
using flow::Step;

// The wizard's state machine, driven the way the pages drive it, against the sandbox over
// loopback HTTP: both registration modes to "verified", and the failures a counter sees.
class tst_OnboardingFlow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void registerFirstToVerified();
    void captureFirstBackBeforeFrontToVerified();
    void droppedUploadIsRetriedWithoutRecapture();
    void qualityFailuresThenAgentDecides();
    void livenessFailedAsksForNewFaces();
    void spoofedDocumentGoesToAgent();
    void expiredTokenIsRefreshedOnce();
    void tokenExpiredTwiceGoesToAgent();
    void cancelKeepsTheImages();
    void invalidPhoneSendsNothing();
    void consentDeclinedEndsTheSession();
    void referToAgentEndsWithThatOutcome();
    void optionsChangeOnlyBetweenSessions();

private:
    void makeFlow(flow::Mode mode);
    void fault(const QString &spec);
    void goToCapture();
    QByteArray encode(const QImage &image, const char *format) const;

    std::unique_ptr<sandbox::SandboxServer> m_server;
    QNetworkAccessManager m_nam;
    std::unique_ptr<api::VlensClient> m_client;
    std::unique_ptr<OnboardingFlow> m_flow;
    std::unique_ptr<QSignalSpy> m_failures;
    QByteArray m_front, m_back, m_spoofFront;
    std::array<QByteArray, 3> m_faces;
    int m_serial = 0;
};

QByteArray tst_OnboardingFlow::encode(const QImage &image, const char *format) const
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, format, 92);
    return bytes;
}

void tst_OnboardingFlow::initTestCase()
{
    qRegisterMetaType<Failure>();
    m_server = std::make_unique<sandbox::SandboxServer>(sandbox::SandboxOptions());
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));

    const auto personas = specimen::loadPersonasFile(specimen::builtInPersonasPath(), &error);
    QVERIFY2(!personas.isEmpty(), qPrintable(error));
    const specimen::IdCardRenderer renderer;
    for (const auto &p : personas) {
        if (p.id == u"ahmed"_s) {
            m_front = encode(renderer.renderFront(p), "JPG");
            m_back = encode(renderer.renderBack(p), "JPG");
        } else if (p.spoofed) {
            m_spoofFront = encode(renderer.renderFront(p), "JPG");
        }
    }
    QVERIFY(!m_front.isEmpty() && !m_spoofFront.isEmpty());
    // Three frames of a real photo, each shifted a little: distinct, same scene.
    const QImage photo(QStringLiteral(KIOSK_OPENCV_SAMPLES "/messi5.jpg"));
    QVERIFY(!photo.isNull());
    for (int i = 0; i < 3; ++i)
        m_faces[size_t(i)] =
            encode(photo.copy(i * 3, i * 2, photo.width() - 9, photo.height() - 6), "JPG");
}

void tst_OnboardingFlow::init()
{
    m_server->clearFaults();
    makeFlow(flow::Mode::RegisterFirst);
}

void tst_OnboardingFlow::cleanup()
{
    m_failures.reset();
    m_flow.reset();
    m_client.reset();
}

void tst_OnboardingFlow::makeFlow(flow::Mode mode)
{
    m_failures.reset();
    m_flow.reset();
    api::VlensConfig config;
    config.baseUrl = m_server->baseUrl();
    config.apiKey = u"sandbox-api-key"_s;
    config.tenancyName = u"sandbox"_s;
    m_client = std::make_unique<api::VlensClient>(&m_nam, config);
    flow::FlowOptions options;
    options.mode = mode;
    options.maxQualityRetries = 3;
    m_flow = std::make_unique<OnboardingFlow>(m_client.get(), options);
    m_failures = std::make_unique<QSignalSpy>(m_flow.get(), &OnboardingFlow::failed);
}

void tst_OnboardingFlow::fault(const QString &spec)
{
    const auto parsed = sandbox::Fault::parse(spec);
    QVERIFY(parsed.has_value());
    m_server->injectFault(*parsed);
}

void tst_OnboardingFlow::goToCapture()
{
    m_flow->start(QLocale(QLocale::Arabic, QLocale::Egypt));
    QCOMPARE(m_flow->step(), Step::Consent);
    m_flow->setConsent(true);
    QCOMPARE(m_flow->step(), Step::Customer);
    m_flow->submitCustomer(u"+2010077%1"_s.arg(++m_serial, 5, 10, QChar(u'0')), {});
    QVERIFY(m_flow->isBusy());
    QTRY_COMPARE_WITH_TIMEOUT(m_flow->step(), Step::IdFront, 10000);
}

void tst_OnboardingFlow::registerFirstToVerified()
{
    QSignalSpy steps(m_flow.get(), &OnboardingFlow::stepChanged);
    QSignalSpy progress(m_flow.get(), &OnboardingFlow::uploadProgress);
    QSignalSpy ended(m_flow.get(), &OnboardingFlow::sessionEnded);
    goToCapture();
    m_flow->submitDocument(Side::Front, m_front);
    QTRY_COMPARE_WITH_TIMEOUT(m_flow->step(), Step::IdBack, 15000);
    QVERIFY(!m_flow->session().transactionId.isEmpty());
    QCOMPARE(m_flow->session().frontData->idNumber, u"29003150101235"_s);
    m_flow->submitDocument(Side::Back, m_back);
    QTRY_COMPARE_WITH_TIMEOUT(m_flow->step(), Step::Liveness, 15000);
    m_flow->submitFaces(m_faces);
    QTRY_COMPARE_WITH_TIMEOUT(m_flow->step(), Step::Review, 15000);
    QVERIFY(m_failures->isEmpty());
    m_flow->confirmReview();
    QCOMPARE(m_flow->step(), Step::Result);
    QCOMPARE(m_flow->outcome(), flow::Outcome::Verified);
    QVERIFY(progress.size() > 0);
    QCOMPARE(m_flow->session().requestIds.size(), 4);

    m_flow->endSession(flow::EndReason::Finished);
    QCOMPARE(m_flow->step(), Step::Welcome);
    QVERIFY(m_flow->session().isEmpty());
    QVERIFY(m_client->userTokens().accessToken.isEmpty());
    QCOMPARE(ended.size(), 1);
    QCOMPARE(ended.first().at(1).value<flow::Outcome>(), flow::Outcome::Verified);
    const QList<Step> expected{Step::Consent,  Step::Customer, Step::IdFront, Step::IdBack,
                               Step::Liveness, Step::Review,   Step::Result,  Step::Welcome};
    QList<Step> seen;
    for (const auto &args : steps)
        seen << args.first().value<Step>();
    QCOMPARE(seen, expected);
}

void tst_OnboardingFlow::captureFirstBackBeforeFrontToVerified()
{
    makeFlow(flow::Mode::CaptureFirst);
    m_flow->start(QLocale(QLocale::English));
    m_flow->setConsent(true);
    QCOMPARE(m_flow->step(), Step::IdFront); // no customer yet: API key only
    m_flow->submitDocument(Side::Back, m_back);
    QTRY_VERIFY_WITH_TIMEOUT(m_flow->hasSide(Side::Back), 15000);
    QCOMPARE(m_flow->step(), Step::IdFront);
    m_flow->submitDocument(Side::Front, m_front);
    QTRY_COMPARE_WITH_TIMEOUT(m_flow->step(), Step::Liveness, 15000);
    m_flow->submitFaces(m_faces);
    QTRY_COMPARE_WITH_TIMEOUT(m_flow->step(), Step::Customer, 15000);
    m_flow->submitCustomer(u"+2010088%1"_s.arg(++m_serial, 5, 10, QChar(u'0')), {});
    QTRY_COMPARE_WITH_TIMEOUT(m_flow->step(), Step::Review, 15000);
    QVERIFY2(m_failures->isEmpty(), "no failure expected");
    m_flow->confirmReview();
    QCOMPARE(m_flow->outcome(), flow::Outcome::Verified);
    QCOMPARE(m_flow->session().requestIds.size(), 5); // back, front, liveness, register, link
}

void tst_OnboardingFlow::droppedUploadIsRetriedWithoutRecapture()
{
    goToCapture();
    const int before = m_server->requestCount(u"/verify/id/front"_s);
    fault(u"close,path=/verify/id/front"_s);
    m_flow->submitDocument(Side::Front, m_front);
    QTRY_COMPARE_WITH_TIMEOUT(m_failures->size(), 1, 15000);
    const auto failure = m_failures->first().first().value<Failure>();
    QCOMPARE(failure.action, Failure::Action::RetrySend);
    QVERIFY(failure.error.isTransport());
    QVERIFY(failure.imagesKept);
    QCOMPARE(m_flow->session().idFront, m_front);
    // Not replayed behind our back by the HTTP stack.
    QCOMPARE(m_server->requestCount(u"/verify/id/front"_s), before + 1);

    m_flow->retry(); // no new capture
    QTRY_COMPARE_WITH_TIMEOUT(m_flow->step(), Step::IdBack, 15000);
    QCOMPARE(m_server->requestCount(u"/verify/id/front"_s), before + 2);
}

void tst_OnboardingFlow::qualityFailuresThenAgentDecides()
{
    goToCapture();
    fault(u"error_code=3011,path=/verify/id/front,count=3"_s);
    for (int attempt = 1; attempt <= 3; ++attempt) {
        m_flow->submitDocument(Side::Front, m_front);
        QTRY_COMPARE_WITH_TIMEOUT(m_failures->size(), attempt, 15000);
        const auto failure = m_failures->last().first().value<Failure>();
        QCOMPARE(failure.error.serviceCode(), 3011);
        QCOMPARE(failure.attempts, attempt);
        QCOMPARE(failure.action,
                 attempt < 3 ? Failure::Action::Recapture : Failure::Action::AgentDecides);
        QCOMPARE(m_flow->step(), Step::IdFront);
        m_flow->recapture();
        QVERIFY(m_flow->session().idFront.isEmpty());
    }
    m_flow->submitDocument(Side::Front, m_front); // the agent let the customer try again
    QTRY_COMPARE_WITH_TIMEOUT(m_flow->step(), Step::IdBack, 15000);
}

void tst_OnboardingFlow::livenessFailedAsksForNewFaces()
{
    goToCapture();
    m_flow->submitDocument(Side::Front, m_front);
    QTRY_COMPARE_WITH_TIMEOUT(m_flow->step(), Step::IdBack, 15000);
    m_flow->submitDocument(Side::Back, m_back);
    QTRY_COMPARE_WITH_TIMEOUT(m_flow->step(), Step::Liveness, 15000);
    fault(u"liveness_fail"_s);
    m_flow->submitFaces(m_faces);
    QTRY_COMPARE_WITH_TIMEOUT(m_failures->size(), 1, 15000);
    const auto failure = m_failures->first().first().value<Failure>();
    QCOMPARE(failure.step, Step::Liveness);
    QCOMPARE(failure.action, Failure::Action::Recapture);
    m_flow->recapture();
    m_flow->submitFaces(m_faces);
    QTRY_COMPARE_WITH_TIMEOUT(m_flow->step(), Step::Review, 15000);
}

void tst_OnboardingFlow::spoofedDocumentGoesToAgent()
{
    goToCapture();
    m_flow->submitDocument(Side::Front, m_spoofFront);
    QTRY_COMPARE_WITH_TIMEOUT(m_failures->size(), 1, 15000);
    const auto failure = m_failures->first().first().value<Failure>();
    QCOMPARE(failure.action, Failure::Action::AgentDecides);
    QCOMPARE(m_flow->step(), Step::IdFront);
    QVERIFY(!m_flow->hasSide(Side::Front));
}

void tst_OnboardingFlow::expiredTokenIsRefreshedOnce()
{
    goToCapture();
    const int refreshes = m_server->requestCount(u"RefreshToken"_s);
    fault(u"expired_token,path=/verify/id/front"_s);
    m_flow->submitDocument(Side::Front, m_front);
    QTRY_COMPARE_WITH_TIMEOUT(m_flow->step(), Step::IdBack, 15000);
    QVERIFY(m_failures->isEmpty());
    QCOMPARE(m_server->requestCount(u"RefreshToken"_s), refreshes + 1);
}

void tst_OnboardingFlow::tokenExpiredTwiceGoesToAgent()
{
    goToCapture();
    fault(u"expired_token,path=/verify/id/front,count=2"_s);
    m_flow->submitDocument(Side::Front, m_front);
    QTRY_COMPARE_WITH_TIMEOUT(m_failures->size(), 1, 15000);
    const auto failure = m_failures->first().first().value<Failure>();
    // HTTP 401 with the envelope's 5004 (check transaction id / token): start over.
    QCOMPARE(failure.error.httpStatus(), 401);
    QCOMPARE(failure.error.serviceCode(), 5004);
    QCOMPARE(failure.action, Failure::Action::AgentDecides);
    QVERIFY(failure.imagesKept);
    QCOMPARE(m_flow->session().idFront, m_front);
}

void tst_OnboardingFlow::cancelKeepsTheImages()
{
    goToCapture();
    fault(u"latency=4000,path=/verify/id/front"_s);
    m_flow->submitDocument(Side::Front, m_front);
    QVERIFY(m_flow->isBusy());
    m_flow->cancelRequest();
    QTRY_COMPARE_WITH_TIMEOUT(m_failures->size(), 1, 5000);
    const auto failure = m_failures->first().first().value<Failure>();
    QCOMPARE(failure.error.kind(), api::ApiError::Kind::Cancelled);
    QCOMPARE(failure.action, Failure::Action::RetrySend);
    QCOMPARE(m_flow->session().idFront, m_front);
    QVERIFY(!m_flow->isBusy());
}

void tst_OnboardingFlow::invalidPhoneSendsNothing()
{
    m_flow->start(QLocale(QLocale::English));
    m_flow->setConsent(true);
    const int before = m_server->requestCount();
    m_flow->submitCustomer(u"01001234567"_s, {});
    QCOMPARE(m_failures->size(), 1);
    QCOMPARE(m_failures->first().first().value<Failure>().action, Failure::Action::Recapture);
    QCOMPARE(m_server->requestCount(), before);
    QCOMPARE(m_flow->step(), Step::Customer);
    QVERIFY(OnboardingFlow::isValidPhoneNumber(u"+201001234567"_s));
    QVERIFY(!OnboardingFlow::isValidPhoneNumber(u"+20 100"_s));
}

void tst_OnboardingFlow::consentDeclinedEndsTheSession()
{
    QSignalSpy ended(m_flow.get(), &OnboardingFlow::sessionEnded);
    m_flow->start(QLocale(QLocale::English));
    m_flow->setConsent(false);
    QCOMPARE(m_flow->step(), Step::Welcome);
    QCOMPARE(ended.size(), 1);
    QCOMPARE(ended.first().first().value<flow::EndReason>(), flow::EndReason::ConsentDeclined);
    QVERIFY(m_flow->session().isEmpty());
}

void tst_OnboardingFlow::referToAgentEndsWithThatOutcome()
{
    goToCapture();
    m_flow->referToAgent();
    QCOMPARE(m_flow->step(), Step::Result);
    QCOMPARE(m_flow->outcome(), flow::Outcome::ReferredToAgent);
    m_flow->endSession(flow::EndReason::AgentEnded);
    QVERIFY(m_flow->session().isEmpty());
}

void tst_OnboardingFlow::optionsChangeOnlyBetweenSessions()
{
    flow::FlowOptions options;
    options.mode = flow::Mode::CaptureFirst;
    options.maxQualityRetries = 0;
    QVERIFY(m_flow->setOptions(options));
    QCOMPARE(m_flow->mode(), flow::Mode::CaptureFirst);
    QCOMPARE(m_flow->options().maxQualityRetries, 1);
    m_flow->start(QLocale(QLocale::English));
    options.mode = flow::Mode::RegisterFirst;
    QVERIFY(!m_flow->setOptions(options)); // a customer is at the counter
    m_flow->setConsent(true);
    QCOMPARE(m_flow->step(), Step::IdFront);
    m_flow->endSession(flow::EndReason::CustomerLeft);
    QVERIFY(m_flow->setOptions(options));
    QCOMPARE(m_flow->mode(), flow::Mode::RegisterFirst);
}

QTEST_MAIN(tst_OnboardingFlow)
#include "tst_onboardingflow.moc"
