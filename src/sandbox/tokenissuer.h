#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace kiosk::sandbox {

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
