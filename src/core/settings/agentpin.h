#pragma once

#include <QString>

namespace kiosk {

class Clock;
class Settings;

// The agent PIN that unlocks the kiosk's settings and exit. Only a salted PBKDF2-SHA256
// hash is stored (settings key security/agentPinHash), in the form
// "pbkdf2-sha256$<iterations>$<salt, base64>$<key, base64>".
namespace agentpin {

inline constexpr int DefaultIterations = 100000;
inline constexpr int MinDigits = 6;
inline constexpr int MaxDigits = 12;

// 6 to 12 ASCII or Arabic-Indic digits.
bool isAcceptable(const QString &pin);
// A new random salt each call.
QString hash(const QString &pin, int iterations = DefaultIterations);
// Constant-time comparison; false for a malformed stored value.
bool verify(const QString &pin, const QString &stored);

// The lock after wrong PINs: the LockAfterFailures-th wrong PIN locks for FirstLockMs, and
// each one after it doubles the lock, up to MaxLockMs. The count resets only on a right PIN.
inline constexpr int LockAfterFailures = 3;
inline constexpr qint64 FirstLockMs = 30'000;
inline constexpr qint64 MaxLockMs = 3'600'000;
qint64 lockMsAfter(int failures);
// The same doubling for any throttle: 0 while failures < lockAfter, then firstMs, 2 × firstMs
// ... up to maxMs.
qint64 backoffMs(int failures, int lockAfter, qint64 firstMs, qint64 maxMs);

// Counts wrong PINs and holds the lock in the settings (security/pinFailures,
// security/pinLockedUntil, wall-clock milliseconds since the epoch), so that a restart
// of the kiosk neither resets the count nor lifts the lock. Time comes from the clock.
class Guard
{
public:
    Guard(Settings *settings, const Clock &clock);

    int failures() const;
    // Milliseconds until a PIN may be tried again; 0 when not locked.
    qint64 lockedForMs() const;
    // A wrong PIN: counts it and, past the free ones, locks. Returns the new lock in ms.
    qint64 recordFailure();
    void recordSuccess();

private:
    void store(int failures, qint64 lockedUntilMs);

    Settings *m_settings;
    const Clock &m_clock;
};

} // namespace agentpin
} // namespace kiosk
