#include "api/vlensclient.h"
#include "cardfixture.h"
#include "flow/onboardingflow.h"
#include "sandboxflow.h"
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

private Q_SLOTS:
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
    void goToCapture();

    test::SandboxFlow m_sandbox;
    test::CardFixture m_cards;
    int m_serial = 0;
};

void tst_OnboardingFlow::initTestCase()
{
    m_sandbox.startWithCards(&m_cards);
}

void tst_OnboardingFlow::init()
{
    m_sandbox.server()->clearFaults();
    makeFlow(flow::Mode::RegisterFirst);
}

void tst_OnboardingFlow::cleanup()
{
    m_sandbox.reset();
}

void tst_OnboardingFlow::makeFlow(flow::Mode mode)
{
    flow::FlowOptions options;
    options.mode = mode;
    options.maxQualityRetries = 3;
    m_sandbox.makeFlow(options);
}

void tst_OnboardingFlow::goToCapture()
{
    m_sandbox.flow()->start(QLocale(QLocale::Arabic, QLocale::Egypt));
    QCOMPARE(m_sandbox.flow()->step(), Step::Consent);
    m_sandbox.flow()->setConsent(true);
    QCOMPARE(m_sandbox.flow()->step(), Step::Customer);
    m_sandbox.flow()->submitCustomer(u"+2010077%1"_s.arg(++m_serial, 5, 10, QChar(u'0')), {});
    QVERIFY(m_sandbox.flow()->isBusy());
    QTRY_COMPARE_WITH_TIMEOUT(m_sandbox.flow()->step(), Step::IdFront, 10000);
}

void tst_OnboardingFlow::registerFirstToVerified()
{
    QSignalSpy steps(m_sandbox.flow(), &OnboardingFlow::stepChanged);
    QSignalSpy progress(m_sandbox.flow(), &OnboardingFlow::uploadProgress);
    QSignalSpy ended(m_sandbox.flow(), &OnboardingFlow::sessionEnded);
    goToCapture();
    m_sandbox.flow()->submitDocument(Side::Front, m_cards.front);
    QTRY_COMPARE_WITH_TIMEOUT(m_sandbox.flow()->step(), Step::IdBack, 15000);
    QVERIFY(!m_sandbox.flow()->session().transactionId.isEmpty());
    QCOMPARE(m_sandbox.flow()->session().frontData->idNumber, u"29003150101235"_s);
    m_sandbox.flow()->submitDocument(Side::Back, m_cards.back);
    QTRY_COMPARE_WITH_TIMEOUT(m_sandbox.flow()->step(), Step::Liveness, 15000);
    m_sandbox.flow()->submitFaces(m_cards.faces);
    QTRY_COMPARE_WITH_TIMEOUT(m_sandbox.flow()->step(), Step::Review, 15000);
    QVERIFY(m_sandbox.failures()->isEmpty());
    m_sandbox.flow()->confirmReview();
    QCOMPARE(m_sandbox.flow()->step(), Step::Result);
    QCOMPARE(m_sandbox.flow()->outcome(), flow::Outcome::Verified);
    QVERIFY(progress.size() > 0);
    QCOMPARE(m_sandbox.flow()->session().requestIds.size(), 4);

    m_sandbox.flow()->endSession(flow::EndReason::Finished);
    QCOMPARE(m_sandbox.flow()->step(), Step::Welcome);
    QVERIFY(m_sandbox.flow()->session().isEmpty());
    QVERIFY(m_sandbox.client()->userTokens().accessToken.isEmpty());
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
    m_sandbox.flow()->start(QLocale(QLocale::English));
    m_sandbox.flow()->setConsent(true);
    QCOMPARE(m_sandbox.flow()->step(), Step::IdFront); // no customer yet: API key only
    m_sandbox.flow()->submitDocument(Side::Back, m_cards.back);
    QTRY_VERIFY_WITH_TIMEOUT(m_sandbox.flow()->hasSide(Side::Back), 15000);
    QCOMPARE(m_sandbox.flow()->step(), Step::IdFront);
    m_sandbox.flow()->submitDocument(Side::Front, m_cards.front);
    QTRY_COMPARE_WITH_TIMEOUT(m_sandbox.flow()->step(), Step::Liveness, 15000);
    m_sandbox.flow()->submitFaces(m_cards.faces);
    QTRY_COMPARE_WITH_TIMEOUT(m_sandbox.flow()->step(), Step::Customer, 15000);
    m_sandbox.flow()->submitCustomer(u"+2010088%1"_s.arg(++m_serial, 5, 10, QChar(u'0')), {});
    QTRY_COMPARE_WITH_TIMEOUT(m_sandbox.flow()->step(), Step::Review, 15000);
    QVERIFY2(m_sandbox.failures()->isEmpty(), "no failure expected");
    m_sandbox.flow()->confirmReview();
    QCOMPARE(m_sandbox.flow()->outcome(), flow::Outcome::Verified);
    QCOMPARE(m_sandbox.flow()->session().requestIds.size(),
             5); // back, front, liveness, register, link
}

void tst_OnboardingFlow::droppedUploadIsRetriedWithoutRecapture()
{
    goToCapture();
    const int before = m_sandbox.server()->requestCount(u"/verify/id/front"_s);
    m_sandbox.fault(u"close,path=/verify/id/front"_s);
    m_sandbox.flow()->submitDocument(Side::Front, m_cards.front);
    QTRY_COMPARE_WITH_TIMEOUT(m_sandbox.failures()->size(), 1, 15000);
    const auto failure = m_sandbox.failures()->first().first().value<Failure>();
    QCOMPARE(failure.action, Failure::Action::RetrySend);
    QVERIFY(failure.error.isTransport());
    QVERIFY(failure.imagesKept);
    QCOMPARE(m_sandbox.flow()->session().idFront, m_cards.front);
    // Not replayed behind our back by the HTTP stack.
    QCOMPARE(m_sandbox.server()->requestCount(u"/verify/id/front"_s), before + 1);

    m_sandbox.flow()->retry(); // no new capture
    QTRY_COMPARE_WITH_TIMEOUT(m_sandbox.flow()->step(), Step::IdBack, 15000);
    QCOMPARE(m_sandbox.server()->requestCount(u"/verify/id/front"_s), before + 2);
}

void tst_OnboardingFlow::qualityFailuresThenAgentDecides()
{
    goToCapture();
    m_sandbox.fault(u"error_code=3011,path=/verify/id/front,count=3"_s);
    for (int attempt = 1; attempt <= 3; ++attempt) {
        m_sandbox.flow()->submitDocument(Side::Front, m_cards.front);
        QTRY_COMPARE_WITH_TIMEOUT(m_sandbox.failures()->size(), attempt, 15000);
        const auto failure = m_sandbox.failures()->last().first().value<Failure>();
        QCOMPARE(failure.error.serviceCode(), 3011);
        QCOMPARE(failure.attempts, attempt);
        QCOMPARE(failure.action,
                 attempt < 3 ? Failure::Action::Recapture : Failure::Action::AgentDecides);
        QCOMPARE(m_sandbox.flow()->step(), Step::IdFront);
        m_sandbox.flow()->recapture();
        QVERIFY(m_sandbox.flow()->session().idFront.isEmpty());
    }
    m_sandbox.flow()->submitDocument(Side::Front,
                                     m_cards.front); // the agent let the customer try again
    QTRY_COMPARE_WITH_TIMEOUT(m_sandbox.flow()->step(), Step::IdBack, 15000);
}

void tst_OnboardingFlow::livenessFailedAsksForNewFaces()
{
    goToCapture();
    m_sandbox.flow()->submitDocument(Side::Front, m_cards.front);
    QTRY_COMPARE_WITH_TIMEOUT(m_sandbox.flow()->step(), Step::IdBack, 15000);
    m_sandbox.flow()->submitDocument(Side::Back, m_cards.back);
    QTRY_COMPARE_WITH_TIMEOUT(m_sandbox.flow()->step(), Step::Liveness, 15000);
    m_sandbox.fault(u"liveness_fail"_s);
    m_sandbox.flow()->submitFaces(m_cards.faces);
    QTRY_COMPARE_WITH_TIMEOUT(m_sandbox.failures()->size(), 1, 15000);
    const auto failure = m_sandbox.failures()->first().first().value<Failure>();
    QCOMPARE(failure.step, Step::Liveness);
    QCOMPARE(failure.action, Failure::Action::Recapture);
    m_sandbox.flow()->recapture();
    m_sandbox.flow()->submitFaces(m_cards.faces);
    QTRY_COMPARE_WITH_TIMEOUT(m_sandbox.flow()->step(), Step::Review, 15000);
}

void tst_OnboardingFlow::spoofedDocumentGoesToAgent()
{
    goToCapture();
    m_sandbox.flow()->submitDocument(Side::Front, m_cards.spoofFront);
    QTRY_COMPARE_WITH_TIMEOUT(m_sandbox.failures()->size(), 1, 15000);
    const auto failure = m_sandbox.failures()->first().first().value<Failure>();
    QCOMPARE(failure.action, Failure::Action::AgentDecides);
    QCOMPARE(m_sandbox.flow()->step(), Step::IdFront);
    QVERIFY(!m_sandbox.flow()->hasSide(Side::Front));
}

void tst_OnboardingFlow::expiredTokenIsRefreshedOnce()
{
    goToCapture();
    const int refreshes = m_sandbox.server()->requestCount(u"RefreshToken"_s);
    m_sandbox.fault(u"expired_token,path=/verify/id/front"_s);
    m_sandbox.flow()->submitDocument(Side::Front, m_cards.front);
    QTRY_COMPARE_WITH_TIMEOUT(m_sandbox.flow()->step(), Step::IdBack, 15000);
    QVERIFY(m_sandbox.failures()->isEmpty());
    QCOMPARE(m_sandbox.server()->requestCount(u"RefreshToken"_s), refreshes + 1);
}

void tst_OnboardingFlow::tokenExpiredTwiceGoesToAgent()
{
    goToCapture();
    m_sandbox.fault(u"expired_token,path=/verify/id/front,count=2"_s);
    m_sandbox.flow()->submitDocument(Side::Front, m_cards.front);
    QTRY_COMPARE_WITH_TIMEOUT(m_sandbox.failures()->size(), 1, 15000);
    const auto failure = m_sandbox.failures()->first().first().value<Failure>();
    // HTTP 401 with the envelope's 5004 (check transaction id / token): start over.
    QCOMPARE(failure.error.httpStatus(), 401);
    QCOMPARE(failure.error.serviceCode(), 5004);
    QCOMPARE(failure.action, Failure::Action::AgentDecides);
    QVERIFY(failure.imagesKept);
    QCOMPARE(m_sandbox.flow()->session().idFront, m_cards.front);
}

void tst_OnboardingFlow::cancelKeepsTheImages()
{
    goToCapture();
    m_sandbox.fault(u"latency=4000,path=/verify/id/front"_s);
    m_sandbox.flow()->submitDocument(Side::Front, m_cards.front);
    QVERIFY(m_sandbox.flow()->isBusy());
    m_sandbox.flow()->cancelRequest();
    QTRY_COMPARE_WITH_TIMEOUT(m_sandbox.failures()->size(), 1, 5000);
    const auto failure = m_sandbox.failures()->first().first().value<Failure>();
    QCOMPARE(failure.error.kind(), api::ApiError::Kind::Cancelled);
    QCOMPARE(failure.action, Failure::Action::RetrySend);
    QCOMPARE(m_sandbox.flow()->session().idFront, m_cards.front);
    QVERIFY(!m_sandbox.flow()->isBusy());
}

void tst_OnboardingFlow::invalidPhoneSendsNothing()
{
    m_sandbox.flow()->start(QLocale(QLocale::English));
    m_sandbox.flow()->setConsent(true);
    const int before = m_sandbox.server()->requestCount();
    m_sandbox.flow()->submitCustomer(u"01001234567"_s, {});
    QCOMPARE(m_sandbox.failures()->size(), 1);
    QCOMPARE(m_sandbox.failures()->first().first().value<Failure>().action,
             Failure::Action::Recapture);
    QCOMPARE(m_sandbox.server()->requestCount(), before);
    QCOMPARE(m_sandbox.flow()->step(), Step::Customer);
    QVERIFY(OnboardingFlow::isValidPhoneNumber(u"+201001234567"_s));
    QVERIFY(!OnboardingFlow::isValidPhoneNumber(u"+20 100"_s));
}

void tst_OnboardingFlow::consentDeclinedEndsTheSession()
{
    QSignalSpy ended(m_sandbox.flow(), &OnboardingFlow::sessionEnded);
    m_sandbox.flow()->start(QLocale(QLocale::English));
    m_sandbox.flow()->setConsent(false);
    QCOMPARE(m_sandbox.flow()->step(), Step::Welcome);
    QCOMPARE(ended.size(), 1);
    QCOMPARE(ended.first().first().value<flow::EndReason>(), flow::EndReason::ConsentDeclined);
    QVERIFY(m_sandbox.flow()->session().isEmpty());
}

void tst_OnboardingFlow::referToAgentEndsWithThatOutcome()
{
    goToCapture();
    m_sandbox.flow()->referToAgent();
    QCOMPARE(m_sandbox.flow()->step(), Step::Result);
    QCOMPARE(m_sandbox.flow()->outcome(), flow::Outcome::ReferredToAgent);
    m_sandbox.flow()->endSession(flow::EndReason::AgentEnded);
    QVERIFY(m_sandbox.flow()->session().isEmpty());
}

void tst_OnboardingFlow::optionsChangeOnlyBetweenSessions()
{
    flow::FlowOptions options;
    options.mode = flow::Mode::CaptureFirst;
    options.maxQualityRetries = 0;
    QVERIFY(m_sandbox.flow()->setOptions(options));
    QCOMPARE(m_sandbox.flow()->mode(), flow::Mode::CaptureFirst);
    QCOMPARE(m_sandbox.flow()->options().maxQualityRetries, 1);
    m_sandbox.flow()->start(QLocale(QLocale::English));
    options.mode = flow::Mode::RegisterFirst;
    QVERIFY(!m_sandbox.flow()->setOptions(options)); // a customer is at the counter
    m_sandbox.flow()->setConsent(true);
    QCOMPARE(m_sandbox.flow()->step(), Step::IdFront);
    m_sandbox.flow()->endSession(flow::EndReason::CustomerLeft);
    QVERIFY(m_sandbox.flow()->setOptions(options));
    QCOMPARE(m_sandbox.flow()->mode(), flow::Mode::RegisterFirst);
}

QTEST_MAIN(tst_OnboardingFlow)
#include "tst_onboardingflow.moc"
