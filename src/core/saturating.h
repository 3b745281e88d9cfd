#pragma once

#include <QtGlobal>

#include <algorithm>
#include <cmath>
#include <limits>

// Saturating conversions for numbers that come from outside (HTTP headers, JSON, flags,
// settings): a double or a 64-bit integer becomes an int or a millisecond count without
// undefined behaviour. NaN becomes 0; anything out of range becomes the nearest bound.
namespace kiosk::saturating {

inline qint64 toInt64(double value)
{
    if (std::isnan(value))
        return 0;
    // 2^63 is exactly representable; every double below it converts without overflow.
    constexpr double limit = 9223372036854775808.0;
    if (value >= limit)
        return std::numeric_limits<qint64>::max();
    if (value < -limit)
        return std::numeric_limits<qint64>::min();
    return qint64(value);
}

inline int toInt(qint64 value)
{
    if (value > std::numeric_limits<int>::max())
        return std::numeric_limits<int>::max();
    if (value < std::numeric_limits<int>::min())
        return std::numeric_limits<int>::min();
    return int(value);
}

inline int toInt(double value)
{
    return toInt(toInt64(value));
}

inline qint64 multiply(qint64 a, qint64 b)
{
    qint64 result = 0;
    if (!__builtin_mul_overflow(a, b, &result))
        return result;
    return (a < 0) != (b < 0) ? std::numeric_limits<qint64>::min()
                              : std::numeric_limits<qint64>::max();
}

inline qint64 add(qint64 a, qint64 b)
{
    qint64 result = 0;
    if (!__builtin_add_overflow(a, b, &result))
        return result;
    return b < 0 ? std::numeric_limits<qint64>::min() : std::numeric_limits<qint64>::max();
}

// A QTimer interval: never negative, never past what an int holds.
inline int timerMs(qint64 ms)
{
    return int(std::clamp<qint64>(ms, 0, std::numeric_limits<int>::max()));
}

} // namespace kiosk::saturating
