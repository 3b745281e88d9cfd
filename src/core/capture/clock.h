#pragma once

#include <QDateTime>

namespace kiosk {

// Time as the capture code sees it, injected so tests control it (KeePassXC's
// core/Clock). monotonicUs() orders frames and measures spans; currentDateTimeUtc()
// stamps capture times into the JPEGs. Tests move a ManualClock (src/specimen, never in the
// kiosk).
class Clock
{
public:
    virtual ~Clock();
    virtual qint64 monotonicUs() const;
    virtual QDateTime currentDateTimeUtc() const;
};

} // namespace kiosk
