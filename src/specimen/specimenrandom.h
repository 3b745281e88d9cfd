#pragma once

#include <QString>

namespace kiosk::specimen {

// Stable across runs and Qt versions (unlike qHash with a process seed).
inline quint32 fnv1a(const QString &text, quint32 salt)
{
    quint32 h = 2166136261u ^ salt;
    for (QChar c : text) {
        h ^= c.unicode();
        h *= 16777619u;
    }
    return h;
}

// Small deterministic generator (xorshift32): same sequence everywhere, so specimen
// drawings are the same pixels on every machine and with every compiler. Draw once per
// statement: in f(rng.range(...), rng.range(...)) the order of the two draws is the
// compiler's choice (GCC and clang differ), and so would be the picture.
class Rng
{
public:
    explicit Rng(quint32 seed)
        : m_state(seed ? seed : 0x9e3779b9u)
    {}
    quint32 next()
    {
        m_state ^= m_state << 13;
        m_state ^= m_state >> 17;
        m_state ^= m_state << 5;
        return m_state;
    }
    double uniform(double lo, double hi) { return lo + (hi - lo) * (next() % 100000) / 100000.0; }
    int range(int lo, int hi) { return lo + int(next() % quint32(hi - lo + 1)); }

private:
    quint32 m_state;
};

} // namespace kiosk::specimen
