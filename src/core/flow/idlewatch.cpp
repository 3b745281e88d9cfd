#include "idlewatch.h"

#include "capture/clock.h"
#include "logging.h"

namespace kiosk::flow {

IdleWatch::IdleWatch(const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &IdleWatch::poll);
}

void IdleWatch::setDurations(int idleMs, int warningMs)
{
    m_idleMs = qMax(1, idleMs);
    m_warningMs = qMax(0, warningMs);
    if (m_armed && !m_warning) {
        m_lastActivityMs = nowMs();
        schedule();
    }
}

void IdleWatch::arm()
{
    m_armed = true;
    activity();
}

void IdleWatch::disarm()
{
    const bool wasWarning = m_warning;
    m_armed = false;
    m_warning = false;
    m_timer.stop();
    if (wasWarning)
        Q_EMIT warningCancelled();
}

int IdleWatch::secondsLeft() const
{
    if (!m_warning)
        return 0;
    const qint64 ms = m_deadlineMs - nowMs();
    return int((qMax<qint64>(0, ms) + 999) / 1000);
}

void IdleWatch::activity()
{
    if (!m_armed)
        return;
    m_lastActivityMs = nowMs();
    if (m_warning) {
        m_warning = false;
        Q_EMIT warningCancelled();
    }
    schedule();
}

void IdleWatch::poll()
{
    if (!m_armed)
        return;
    const qint64 now = nowMs();
    if (!m_warning && now - m_lastActivityMs >= m_idleMs) {
        m_warning = true;
        m_deadlineMs = now + m_warningMs;
        m_shownSeconds = secondsLeft();
        qCInfo(lcFlow) << "idle: warning for" << m_warningMs << "ms";
        Q_EMIT warningStarted(m_shownSeconds);
        if (!m_warning) // a receiver reacted with activity() or disarm()
            return;
    }
    if (m_warning && now >= m_deadlineMs) {
        qCInfo(lcFlow) << "idle: timed out";
        m_armed = false;
        m_warning = false;
        m_timer.stop();
        Q_EMIT expired();
        return;
    }
    if (m_warning && secondsLeft() != m_shownSeconds) {
        m_shownSeconds = secondsLeft();
        Q_EMIT countdown(m_shownSeconds);
        if (!m_armed)
            return;
    }
    schedule();
}

void IdleWatch::schedule()
{
    if (!m_armed) {
        m_timer.stop();
        return;
    }
    const qint64 now = nowMs();
    qint64 next;
    if (!m_warning) {
        next = m_lastActivityMs + m_idleMs;
    } else {
        // The expiry, or the next moment the whole seconds left change.
        const qint64 left = m_deadlineMs - now;
        const qint64 toNextSecond = (left - 1) % 1000 + 1;
        next = now + qMin(left, toNextSecond);
    }
    // A clock that does not move (a test's) would otherwise spin the timer at 0 ms.
    m_timer.start(int(qBound(qint64(1), next - now, qint64(24) * 3600 * 1000)));
}

qint64 IdleWatch::nowMs() const
{
    return m_clock.monotonicUs() / 1000;
}

} // namespace kiosk::flow
