#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <algorithm>

namespace kiosk::sandbox {

// Compares two byte strings in a time that depends on their lengths only, never on where
// they first differ (a signature or key compared with == leaks, byte by byte, how much of
// a forged value is right). Bytes needs size() and operator[]; every byte of both is read.
template<typename Bytes>
bool constantTimeEquals(const Bytes &a, const Bytes &b)
{
    const qsizetype n = std::max<qsizetype>(a.size(), b.size());
    unsigned difference = a.size() == b.size() ? 0u : 1u;
    for (qsizetype i = 0; i < n; ++i) {
        // Past the end of the shorter one, compare with 0: the loop still runs n times.
        const unsigned x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0u;
        const unsigned y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0u;
        difference |= x ^ y;
    }
    return difference == 0;
}

// Issues and checks JWT-shaped access tokens (HS256, with iat/exp/jti), signed with a
// secret that lives only in memory: a restarted sandbox invalidates old tokens.
class TokenIssuer
{
public:
    enum class Check
    {
        Valid,
        Malformed,
        BadSignature,
        Expired
    };

    explicit TokenIssuer(QByteArray secret);

    // Adds iat, exp (now + lifetime) and a random jti to claims.
    QString issue(QJsonObject claims, qint64 nowSecs, int lifetimeSecs) const;
    Check verify(const QString &token, qint64 nowSecs, QJsonObject *claims = nullptr) const;

    static QByteArray randomSecret();

private:
    QByteArray sign(const QByteArray &signingInput) const;

    QByteArray m_secret;
};

} // namespace kiosk::sandbox
