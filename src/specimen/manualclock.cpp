#include "manualclock.h"

namespace kiosk {

ManualClock::ManualClock(qint64 startUs, QDateTime wall)
    : m_us(startUs)
    , m_startUs(startUs)
    , m_wall(std::move(wall))
{}

QDateTime ManualClock::currentDateTimeUtc() const
{
    return m_wall.addMSecs((m_us - m_startUs) / 1000);
}

} // namespace kiosk
