#pragma once

#include <QString>

namespace kiosk {

// The agent PIN that unlocks the kiosk's settings and exit. Only a salted PBKDF2-SHA256
// hash is stored (settings key security/agentPinHash), in the form
// "pbkdf2-sha256$<iterations>$<salt, base64>$<key, base64>".
namespace agentpin {

inline constexpr int DefaultIterations = 100000;
inline constexpr int MinimumDigits = 4;
inline constexpr int MaximumDigits = 12;

// MinimumDigits to MaximumDigits ASCII or Arabic-Indic digits.
bool isAcceptable(const QString &pin);
// A new random salt each call.
QString hash(const QString &pin, int iterations = DefaultIterations);
// Constant-time comparison; false for a malformed stored value.
bool verify(const QString &pin, const QString &stored);

} // namespace agentpin
} // namespace kiosk
