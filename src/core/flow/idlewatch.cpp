#include "idlewatch.h"

#include "logging.h"

namespace kiosk::flow {

IdleWatch::IdleWatch(QObject *parent)
    : QObject(parent)
{
    m_idle.setSingleShot(true);
    m_expiry.setSingleShot(true);
    m_expiry.setTimerType(Qt::PreciseTimer);
    m_tick.setTimerType(Qt::PreciseTimer);
    connect(&m_idle, &QTimer::timeout, this, &IdleWatch::startWarning);
    connect(&m_tick, &QTimer::timeout, this, &IdleWatch::tick);
    connect(&m_expiry, &QTimer::timeout, this, &IdleWatch::expire);
}

void IdleWatch::setDurations(int idleMs, int warningMs)
{
    m_idleMs = qMax(1, idleMs);
    m_warningMs = qMax(0, warningMs);
    if (m_armed && !m_warning)
        m_idle.start(m_idleMs);
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
    m_idle.stop();
    m_tick.stop();
    m_expiry.stop();
    if (wasWarning)
        Q_EMIT warningCancelled();
}

int IdleWatch::secondsLeft() const
{
    if (!m_warning)
        return 0;
    const qint64 ms = m_deadline.remainingTime();
    return int((qMax<qint64>(0, ms) + 999) / 1000);
}

void IdleWatch::activity()
{
    if (!m_armed)
        return;
    if (m_warning) {
        m_warning = false;
        m_tick.stop();
        m_expiry.stop();
        Q_EMIT warningCancelled();
    }
    m_idle.start(m_idleMs);
}

void IdleWatch::startWarning()
{
    if (!m_armed)
        return;
    m_warning = true;
    m_deadline = QDeadlineTimer(m_warningMs, Qt::PreciseTimer);
    qCInfo(lcFlow) << "idle: warning for" << m_warningMs << "ms";
    m_expiry.start(m_warningMs);
    m_tick.start(qMin(1000, qMax(1, m_warningMs)));
    Q_EMIT warningStarted(secondsLeft());
}

void IdleWatch::tick()
{
    if (m_warning && secondsLeft() > 0)
        Q_EMIT countdown(secondsLeft());
}

void IdleWatch::expire()
{
    if (!m_warning)
        return;
    qCInfo(lcFlow) << "idle: timed out";
    m_armed = false;
    m_warning = false;
    m_tick.stop();
    Q_EMIT expired();
}

} // namespace kiosk::flow
