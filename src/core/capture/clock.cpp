#include "clock.h"

#include <chrono>

namespace kiosk {

Clock::~Clock() = default;

qint64 Clock::monotonicUs() const
{
    using namespace std::chrono;
    return duration_cast<microseconds>(steady_clock::now().time_since_epoch()).count();
}

QDateTime Clock::currentDateTimeUtc() const
{
    return QDateTime::currentDateTimeUtc();
}

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
