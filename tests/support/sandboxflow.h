#pragma once

#include "api/vlensclient.h"
#include "cardfixture.h"
#include "flow/onboardingflow.h"
#include "sandboxserver.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

#include <memory>

namespace kiosk::test {

// Injects a sandbox fault given as a spec ("error_code=3011,path=/verify/id/front"); a spec
// that does not parse fails the test.
inline void injectFault(sandbox::SandboxServer &server, const QString &spec)
{
    const auto parsed = sandbox::Fault::parse(spec);
    QVERIFY2(parsed.has_value(), qPrintable(spec));
    server.injectFault(*parsed);
}

// The core suites' onboarding flow over an in-process sandbox: the server, a VlensClient
// with the sandbox's demo credentials, the flow and a spy on its failures.
class SandboxFlow
{
public:
    ~SandboxFlow() { reset(); }

    bool start(QString *error)
    {
        m_server = std::make_unique<sandbox::SandboxServer>(sandbox::SandboxOptions());
        return m_server->start(error);
    }
    // The suites' initTestCase: start(), and the pictures they send made into *cards (both
    // checked; the caller checks QTest::currentTestFailed()).
    void startWithCards(CardFixture *cards)
    {
        qRegisterMetaType<flow::Failure>();
        QString error;
        QVERIFY2(start(&error), qPrintable(error));
        *cards = CardFixture::make(&error);
        QVERIFY2(cards->isValid(), qPrintable(error));
    }
    // A new client and flow (the previous ones are dropped).
    void makeFlow(const flow::FlowOptions &options = {})
    {
        reset();
        api::VlensConfig config;
        config.baseUrl = m_server->baseUrl();
        config.apiKey = QStringLiteral("sandbox-api-key");
        config.tenancyName = QStringLiteral("sandbox");
        m_client = std::make_unique<api::VlensClient>(&m_nam, config);
        m_flow = std::make_unique<flow::OnboardingFlow>(m_client.get(), options);
        m_failures = std::make_unique<QSignalSpy>(m_flow.get(), &flow::OnboardingFlow::failed);
    }
    void reset()
    {
        m_failures.reset();
        m_flow.reset();
        m_client.reset();
    }
    void fault(const QString &spec) { injectFault(*m_server, spec); }
    // From the front step to the review: the card's front, its back and the faces, each
    // accepted (the caller checks QTest::currentTestFailed()).
    void captureToReview(const CardFixture &cards)
    {
        m_flow->submitDocument(flow::Side::Front, cards.front);
        QTRY_COMPARE_WITH_TIMEOUT(m_flow->step(), flow::Step::IdBack, 15000);
        m_flow->submitDocument(flow::Side::Back, cards.back);
        QTRY_COMPARE_WITH_TIMEOUT(m_flow->step(), flow::Step::Liveness, 15000);
        m_flow->submitFaces(cards.faces);
        QTRY_COMPARE_WITH_TIMEOUT(m_flow->step(), flow::Step::Review, 15000);
    }

    sandbox::SandboxServer *server() const { return m_server.get(); }
    api::VlensClient *client() const { return m_client.get(); }
    flow::OnboardingFlow *flow() const { return m_flow.get(); }
    QSignalSpy *failures() const { return m_failures.get(); }

private:
    std::unique_ptr<sandbox::SandboxServer> m_server;
    QNetworkAccessManager m_nam;
    std::unique_ptr<api::VlensClient> m_client;
    std::unique_ptr<flow::OnboardingFlow> m_flow;
    std::unique_ptr<QSignalSpy> m_failures;
};

} // namespace kiosk::test
