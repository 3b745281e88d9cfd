#include "api/vlensclient.h"
#include "cardfixture.h"
#include "flow/onboardingflow.h"
#include "sandboxflow.h"
#include "sandboxserver.h"
#include "specimen/idcardrenderer.h"
#include "specimen/persona.h"

#include <QBuffer>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QScopeGuard>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <memory>

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
    // Issue 11 (fault matrix): a lost Register answer, then Try again.
    void sessionPasswordMeetsTheRules();
    void lostRegisterAnswerSignsInWithTheSessionPassword_data();
    void lostRegisterAnswerSignsInWithTheSessionPassword();
    void numberOfAnotherCustomerStillReadsAlreadyRegistered();
    void definiteRefusalDoesNotSignIn();

private:
    void makeFlow(flow::Mode mode);
    void goToCapture();

    test::SandboxFlow m_sandbox;
    test::CardFixture m_cards;
    int m_serial = 0;
};

namespace {
QStringList *g_log = nullptr;
void captureLog(QtMsgType, const QMessageLogContext &, const QString &message)
{
    if (g_log)
        g_log->append(message);
}

// Registers phone at the sandbox from another session (another client, its own password).
bool registerElsewhere(sandbox::SandboxServer *server, const QString &phone)
{
    QNetworkAccessManager nam;
    api::VlensConfig config;
    config.baseUrl = server->baseUrl();
    config.apiKey = u"sandbox-api-key"_s;
    api::VlensClient other(&nam, config);
    api::RegisterRequest request;
    request.phoneNumber = phone;
    request.password = u"Another-customer-9"_s;
    std::unique_ptr<api::ApiReply<api::SessionResult>> reply(other.registerUser(request));
    return reply->waitForFinished(10000);
}
} // namespace

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
    // The session's Register password, held by the session alone; another holder of the
    // same buffer sees it zeroed by the wipe.
    const QString password = m_sandbox.flow()->session().password;
    QCOMPARE(password.size(), qsizetype(26));

    m_sandbox.flow()->endSession(flow::EndReason::Finished);
    QCOMPARE(m_sandbox.flow()->step(), Step::Welcome);
    QVERIFY(m_sandbox.flow()->session().isEmpty());
    QVERIFY(m_sandbox.flow()->session().password.isEmpty());
    QCOMPARE(password, QString(26, QChar(0)));
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

void tst_OnboardingFlow::sessionPasswordMeetsTheRules()
{
    QSet<QString> seen;
    for (int i = 0; i < 200; ++i) {
        const QString password = OnboardingFlow::sessionPassword();
        QCOMPARE(password.size(), qsizetype(26)); // ABP: at least 6, at most 32
        const auto has = [&password](auto predicate) {
            return std::any_of(password.begin(), password.end(), predicate);
        };
        QVERIFY(has([](QChar c) { return c.isLower(); }));
        QVERIFY(has([](QChar c) { return c.isUpper(); }));
        QVERIFY(has([](QChar c) { return c.isDigit(); }));
        QVERIFY(has([](QChar c) { return !c.isLetterOrNumber(); }));
        QVERIFY(std::all_of(password.begin(), password.end(),
                            [](QChar c) { return c.unicode() > 32 && c.unicode() < 127; }));
        seen.insert(password);
    }
    QCOMPARE(seen.size(), 200);
}

void tst_OnboardingFlow::lostRegisterAnswerSignsInWithTheSessionPassword_data()
{
    QTest::addColumn<QString>("fault");
    QTest::addColumn<int>("kind"); // what the customer's first failure reports
    const int badResponse = int(api::ApiError::Kind::BadResponse);
    QTest::newRow("truncated body") << u"truncate,path=/DigitalIdentity/Register"_s << badResponse;
    QTest::newRow("malformed JSON")
        << u"malformed_json,path=/DigitalIdentity/Register"_s << badResponse;
    // A gateway lost the service's answer: its 502 or 504 says nothing of the user.
    const int serverError = int(api::ApiError::Kind::ServerError);
    QTest::newRow("gateway 502") << u"gateway=502,path=/DigitalIdentity/Register"_s << serverError;
    QTest::newRow("gateway 504") << u"gateway=504,path=/DigitalIdentity/Register"_s << serverError;
}

// The service created the user, and its answer was lost: Try again sends Register again,
// which the service refuses ("already registered"); the flow signs in with the session's
// password and goes on with the user token. The password shows in no log line.
void tst_OnboardingFlow::lostRegisterAnswerSignsInWithTheSessionPassword()
{
    QFETCH(QString, fault);
    QFETCH(int, kind);
    QLoggingCategory::setFilterRules(u"kiosk.*.debug=true"_s);
    QStringList log;
    g_log = &log;
    const QtMessageHandler previous = qInstallMessageHandler(captureLog);
    const auto restore = qScopeGuard([previous] {
        qInstallMessageHandler(previous);
        g_log = nullptr;
        QLoggingCategory::setFilterRules({});
    });

    const int registers = m_sandbox.server()->requestCount(u"/DigitalIdentity/Register"_s);
    const int logins = m_sandbox.server()->requestCount(u"/DigitalIdentity/Login"_s);
    m_sandbox.fault(fault);
    m_sandbox.flow()->start(QLocale(QLocale::English));
    m_sandbox.flow()->setConsent(true);
    m_sandbox.flow()->submitCustomer(u"+2010066%1"_s.arg(++m_serial, 5, 10, QChar(u'0')), {});
    QTRY_COMPARE_WITH_TIMEOUT(m_sandbox.failures()->size(), 1, 15000);
    const auto failure = m_sandbox.failures()->first().first().value<Failure>();
    QCOMPARE(failure.step, Step::Customer);
    QCOMPARE(int(failure.error.kind()), kind);
    QVERIFY(!failure.imagesKept); // no picture exists yet
    QVERIFY(m_sandbox.client()->userTokens().accessToken.isEmpty());
    // A deep copy: the wipe at the end of the session zeroes every shared copy.
    const QString password(m_sandbox.flow()->session().password.constData(),
                           m_sandbox.flow()->session().password.size());
    QVERIFY(!password.isEmpty());

    m_sandbox.flow()->retry();
    QTRY_COMPARE_WITH_TIMEOUT(m_sandbox.flow()->step(), Step::IdFront, 15000);
    QCOMPARE(m_sandbox.failures()->size(), 1);
    QCOMPARE(m_sandbox.server()->requestCount(u"/DigitalIdentity/Register"_s), registers + 2);
    QCOMPARE(m_sandbox.server()->requestCount(u"/DigitalIdentity/Login"_s), logins + 1);
    QVERIFY(!m_sandbox.client()->userTokens().accessToken.isEmpty());
    QCOMPARE(m_sandbox.flow()->session().password, password); // the same for every retry

    // The user token works: the front of the card is verified with it.
    m_sandbox.flow()->submitDocument(Side::Front, m_cards.front);
    QTRY_COMPARE_WITH_TIMEOUT(m_sandbox.flow()->step(), Step::IdBack, 15000);
    QCOMPARE(m_sandbox.failures()->size(), 1);
    QVERIFY(!m_sandbox.flow()->session().transactionId.isEmpty());

    m_sandbox.flow()->endSession(flow::EndReason::CustomerLeft);
    QVERIFY(m_sandbox.flow()->session().isEmpty());
    QVERIFY2(!log.isEmpty(), "nothing was logged");
    for (const QString &line : std::as_const(log))
        QVERIFY2(!line.contains(password), "the session password reached the log");
}

// A number someone else registered (with another password): the retry after a lost answer
// is refused, the login with this session's password fails, and the customer reads why
// Register was refused, not why the login was.
void tst_OnboardingFlow::numberOfAnotherCustomerStillReadsAlreadyRegistered()
{
    const QString phone = u"+2010055%1"_s.arg(++m_serial, 5, 10, QChar(u'0'));
    QVERIFY(registerElsewhere(m_sandbox.server(), phone));
    const int logins = m_sandbox.server()->requestCount(u"/DigitalIdentity/Login"_s);
    m_sandbox.fault(u"truncate,path=/DigitalIdentity/Register"_s);
    m_sandbox.flow()->start(QLocale(QLocale::English));
    m_sandbox.flow()->setConsent(true);
    m_sandbox.flow()->submitCustomer(phone, {});
    QTRY_COMPARE_WITH_TIMEOUT(m_sandbox.failures()->size(), 1, 15000);
    QCOMPARE(m_sandbox.failures()->first().first().value<Failure>().error.kind(),
             api::ApiError::Kind::BadResponse);

    m_sandbox.flow()->retry();
    QTRY_COMPARE_WITH_TIMEOUT(m_sandbox.failures()->size(), 2, 15000);
    QVERIFY(!m_sandbox.flow()->isBusy());
    QCOMPARE(m_sandbox.server()->requestCount(u"/DigitalIdentity/Login"_s), logins + 1);
    const auto failure = m_sandbox.failures()->last().first().value<Failure>();
    QCOMPARE(failure.step, Step::Customer);
    QCOMPARE(failure.error.kind(), api::ApiError::Kind::Service);
    QCOMPARE(failure.error.serviceCode(), 5000);
    QCOMPARE(failure.error.httpStatus(), 200); // the Register answer, not the login's 401
    QVERIFY2(failure.error.serverMessage().contains(u"already registered"_s),
             qPrintable(failure.error.serverMessage()));
    QCOMPARE(m_sandbox.flow()->step(), Step::Customer);
    QVERIFY(m_sandbox.client()->userTokens().accessToken.isEmpty());

    // Try again: the same, and still no way in.
    m_sandbox.flow()->retry();
    QTRY_COMPARE_WITH_TIMEOUT(m_sandbox.failures()->size(), 3, 15000);
    QCOMPARE(m_sandbox.failures()->last().first().value<Failure>().error.serviceCode(), 5000);
    QCOMPARE(m_sandbox.flow()->step(), Step::Customer);
}

// The first Register was refused outright: the service created nothing for this session,
// so the flow never tries the login, not even on Try again.
void tst_OnboardingFlow::definiteRefusalDoesNotSignIn()
{
    const QString phone = u"+2010044%1"_s.arg(++m_serial, 5, 10, QChar(u'0'));
    QVERIFY(registerElsewhere(m_sandbox.server(), phone));
    const int logins = m_sandbox.server()->requestCount(u"/DigitalIdentity/Login"_s);
    m_sandbox.flow()->start(QLocale(QLocale::English));
    m_sandbox.flow()->setConsent(true);
    m_sandbox.flow()->submitCustomer(phone, {});
    QTRY_COMPARE_WITH_TIMEOUT(m_sandbox.failures()->size(), 1, 15000);
    QCOMPARE(m_sandbox.failures()->last().first().value<Failure>().error.serviceCode(), 5000);
    m_sandbox.flow()->retry();
    QTRY_COMPARE_WITH_TIMEOUT(m_sandbox.failures()->size(), 2, 15000);
    QCOMPARE(m_sandbox.failures()->last().first().value<Failure>().error.serviceCode(), 5000);
    QCOMPARE(m_sandbox.server()->requestCount(u"/DigitalIdentity/Login"_s), logins);
    QCOMPARE(m_sandbox.flow()->step(), Step::Customer);
}

QTEST_MAIN(tst_OnboardingFlow)
#include "tst_onboardingflow.moc"
