#pragma once

#include "flow/onboardingflow.h"
#include "sessionlabels.h"

#include <QObject>

#include <array>
#include <optional>

namespace kiosk {
class Clock;
}

namespace kiosk::metrics {

// Follows an OnboardingFlow through its signals and reports each session in the terms
// monitoring needs: how long each step took (Clock seam), which failures were retakes,
// and how the session ended (outcome and reason). It keeps only ids (transaction and
// request ids) and outcomes, never the customer's data. Metrics and the journal both
// listen to it, so they always agree.
class SessionTracker : public QObject
{
    Q_OBJECT

public:
    SessionTracker(flow::OnboardingFlow *flow, const Clock &clock, QObject *parent = nullptr);

Q_SIGNALS:
    void sessionStarted();
    // A step was left (to the next one, back to a failed one, or at the session's end).
    void stepFinished(kiosk::flow::Step step, double seconds);
    // retake: the failure used up one capture of the step (the picture is taken again).
    void stepFailed(const kiosk::flow::Failure &failure, bool retake, const QString &transactionId);
    void sessionFinished(const kiosk::metrics::SessionLabels &labels, double seconds,
                         const QString &transactionId, const QString &lastRequestId);

private:
    void onStepChanged(flow::Step step);
    void onFailed(const flow::Failure &failure);
    void onSessionEnded(flow::EndReason reason, flow::Outcome outcome);
    void noteIds();
    double secondsSince(qint64 us) const;

    flow::OnboardingFlow *m_flow;
    const Clock &m_clock;
    bool m_active = false;
    flow::Step m_step = flow::Step::Welcome;
    qint64 m_stepSinceUs = 0;
    qint64 m_sessionSinceUs = 0;
    std::optional<flow::Failure> m_lastFailure;
    std::array<int, 8> m_attemptsSeen{};
    QString m_transactionId;
    QString m_lastRequestId;
};

} // namespace kiosk::metrics

Q_DECLARE_METATYPE(kiosk::metrics::SessionLabels)
