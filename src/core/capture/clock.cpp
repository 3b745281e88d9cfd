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

} // namespace kiosk
