#pragma once

#include "capture/clock.h"

namespace kiosk {

// A clock that moves only when told: for tests.
class ManualClock : public Clock
{
public:
    explicit ManualClock(qint64 startUs = 1'000'000,
                         QDateTime wall = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000,
                                                                         Qt::UTC));
    qint64 monotonicUs() const override { return m_us; }
    QDateTime currentDateTimeUtc() const override;
    void advanceUs(qint64 us) { m_us += us; }
    void advanceMs(qint64 ms) { m_us += ms * 1000; }

private:
    qint64 m_us;
    qint64 m_startUs;
    QDateTime m_wall;
};

} // namespace kiosk
