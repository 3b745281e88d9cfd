#include "tokenissuer.h"

#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace kiosk::sandbox {

namespace {

constexpr auto Base64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

} // namespace

TokenIssuer::TokenIssuer(QByteArray secret)
    : m_secret(std::move(secret))
{}

QByteArray TokenIssuer::randomSecret()
{
    QByteArray secret(32, Qt::Uninitialized);
    QRandomGenerator::system()->generate(secret.begin(), secret.end());
    return secret;
}

QByteArray TokenIssuer::sign(const QByteArray &signingInput) const
{
    return QMessageAuthenticationCode::hash(signingInput, m_secret, QCryptographicHash::Sha256)
        .toBase64(Base64Url);
}

QString TokenIssuer::issue(QJsonObject claims, qint64 nowSecs, int lifetimeSecs) const
{
    claims.insert(u"iat"_s, nowSecs);
    claims.insert(u"exp"_s, nowSecs + lifetimeSecs);
    claims.insert(u"jti"_s, QUuid::createUuid().toString(QUuid::WithoutBraces));
    const QByteArray header =
        QJsonDocument(QJsonObject{{u"alg"_s, u"HS256"_s}, {u"typ"_s, u"JWT"_s}})
            .toJson(QJsonDocument::Compact)
            .toBase64(Base64Url);
    const QByteArray payload =
        QJsonDocument(claims).toJson(QJsonDocument::Compact).toBase64(Base64Url);
    const QByteArray input = header + '.' + payload;
    return QString::fromLatin1(input + '.' + sign(input));
}

TokenIssuer::Check TokenIssuer::verify(const QString &token, qint64 nowSecs,
                                       QJsonObject *claims) const
{
    const QByteArray raw = token.toLatin1();
    const QList<QByteArray> parts = raw.split('.');
    if (parts.size() != 3)
        return Check::Malformed;
    const QByteArray input = parts.at(0) + '.' + parts.at(1);
    if (!constantTimeEquals(QByteArrayView(sign(input)), QByteArrayView(parts.at(2))))
        return Check::BadSignature;
    const auto decoded = QByteArray::fromBase64Encoding(parts.at(1), Base64Url);
    if (!decoded)
        return Check::Malformed;
    const QJsonDocument doc = QJsonDocument::fromJson(*decoded);
    if (!doc.isObject())
        return Check::Malformed;
    const QJsonObject object = doc.object();
    if (claims)
        *claims = object;
    if (nowSecs >= object.value("exp"_L1).toInteger())
        return Check::Expired;
    return Check::Valid;
}

} // namespace kiosk::sandbox
