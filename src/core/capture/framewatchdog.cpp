#include "framewatchdog.h"

#include "clock.h"
#include "logging.h"

namespace kiosk {

FrameWatchdog::FrameWatchdog(const Clock &clock, WatchdogOptions options, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_options(options)
{
    // Poll a few times per timeout: a stall is noticed within 1.25 timeouts.
    m_timer.setInterval(qBound(10, qMin(options.stallTimeoutMs, options.startTimeoutMs) / 4, 250));
    connect(&m_timer, &QTimer::timeout, this, &FrameWatchdog::poll);
}

void FrameWatchdog::arm()
{
    m_armed = true;
    m_gotFrame = false;
    m_armedUs = m_clock.monotonicUs();
    m_lastTimestampUs = -1;
    m_lastLumaUs = -1;
    m_darkSinceUs = -1;
    m_timer.start();
}

void FrameWatchdog::disarm()
{
    m_armed = false;
    m_timer.stop();
}

bool FrameWatchdog::admit(qint64 timestampUs)
{
    m_lastFrameUs = m_clock.monotonicUs();
    m_gotFrame = true;
    if (timestampUs >= 0) {
        if (m_lastTimestampUs >= 0 && timestampUs <= m_lastTimestampUs)
            return false;
        m_lastTimestampUs = timestampUs;
    }
    return true;
}

bool FrameWatchdog::wantsLuma() const
{
    return m_lastLumaUs < 0 ||
           m_clock.monotonicUs() - m_lastLumaUs >= qint64(m_options.lumaEveryMs) * 1000;
}

void FrameWatchdog::noteLuma(double mean)
{
    const qint64 now = m_clock.monotonicUs();
    m_lastLumaUs = now;
    if (mean > m_options.blackLuma) {
        m_darkSinceUs = -1;
        if (m_black) {
            m_black = false;
            Q_EMIT blackChanged(false);
        }
        return;
    }
    if (m_darkSinceUs < 0)
        m_darkSinceUs = now;
    if (!m_black && now - m_darkSinceUs >= qint64(m_options.blackMs) * 1000) {
        m_black = true;
        Q_EMIT blackChanged(true);
    }
}

void FrameWatchdog::poll()
{
    if (!m_armed)
        return;
    const qint64 now = m_clock.monotonicUs();
    if (!m_gotFrame) {
        if (now - m_armedUs >= qint64(m_options.startTimeoutMs) * 1000) {
            qCWarning(lcCamera) << "no first frame after" << m_options.startTimeoutMs << "ms";
            disarm();
            Q_EMIT stalled(true);
        }
    } else if (now - m_lastFrameUs >= qint64(m_options.stallTimeoutMs) * 1000) {
        qCWarning(lcCamera) << "no frame for" << (now - m_lastFrameUs) / 1000 << "ms";
        disarm();
        Q_EMIT stalled(false);
    }
}

} // namespace kiosk
