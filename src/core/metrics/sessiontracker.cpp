#include "sessiontracker.h"

#include "capture/clock.h"

namespace kiosk::metrics {

using flow::Step;

SessionTracker::SessionTracker(flow::OnboardingFlow *flow, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_flow(flow)
    , m_clock(clock)
{
    connect(flow, &flow::OnboardingFlow::stepChanged, this, &SessionTracker::onStepChanged);
    connect(flow, &flow::OnboardingFlow::failed, this, &SessionTracker::onFailed);
    connect(flow, &flow::OnboardingFlow::sessionEnded, this, &SessionTracker::onSessionEnded);
}

double SessionTracker::secondsSince(qint64 us) const
{
    return double(m_clock.monotonicUs() - us) / 1e6;
}

void SessionTracker::noteIds()
{
    const flow::CustomerSession &session = m_flow->session();
    // A deep copy: the session's own strings are zeroed in place when it is wiped.
    if (!session.transactionId.isEmpty())
        m_transactionId = QString(session.transactionId.constData(), session.transactionId.size());
    if (!session.requestIds.isEmpty())
        m_lastRequestId = QString(session.requestIds.constLast().constData(),
                                  session.requestIds.constLast().size());
}

void SessionTracker::onStepChanged(Step step)
{
    const qint64 now = m_clock.monotonicUs();
    if (!m_active && step != Step::Welcome) {
        m_active = true;
        m_sessionSinceUs = now;
        m_lastFailure.reset();
        m_attemptsSeen.fill(0);
        m_transactionId.clear();
        m_lastRequestId.clear();
        Q_EMIT sessionStarted();
    } else if (m_active) {
        Q_EMIT stepFinished(m_step, double(now - m_stepSinceUs) / 1e6);
    }
    m_step = step;
    m_stepSinceUs = now;
    if (step == Step::Welcome)
        return; // the flow wiped the session already; sessionEnded() follows
    noteIds();
    // Moving on to another step means the standing failure was overcome; the result page
    // keeps it (a referral after failures is counted with their reason).
    if (m_lastFailure && step != m_lastFailure->step && step != Step::Result)
        m_lastFailure.reset();
}

void SessionTracker::onFailed(const flow::Failure &failure)
{
    noteIds();
    if (!failure.error.requestId().isEmpty())
        m_lastRequestId =
            QString(failure.error.requestId().constData(), failure.error.requestId().size());
    int &seen = m_attemptsSeen.at(size_t(failure.step));
    const bool imageStep = failure.step == Step::IdFront || failure.step == Step::IdBack ||
                           failure.step == Step::Liveness;
    const bool retake = imageStep && failure.attempts > seen;
    seen = failure.attempts;
    m_lastFailure = failure;
    Q_EMIT stepFailed(failure, retake, m_transactionId);
}

void SessionTracker::onSessionEnded(flow::EndReason reason, flow::Outcome outcome)
{
    if (!m_active)
        return;
    m_active = false;
    const SessionLabels labels = sessionLabels(reason, outcome, m_lastFailure);
    const double seconds = secondsSince(m_sessionSinceUs);
    Q_EMIT sessionFinished(labels, seconds, m_transactionId, m_lastRequestId);
    m_lastFailure.reset();
    m_transactionId.clear();
    m_lastRequestId.clear();
}

} // namespace kiosk::metrics
