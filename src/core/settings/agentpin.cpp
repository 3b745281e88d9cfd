#include "agentpin.h"

#include "identity/nationalid.h"

#include <QCryptographicHash>
#include <QPasswordDigestor>
#include <QRandomGenerator>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace kiosk::agentpin {

namespace {
constexpr int KeyLength = 32;
constexpr int SaltLength = 16;

QByteArray derive(const QString &pin, const QByteArray &salt, int iterations)
{
    return QPasswordDigestor::deriveKeyPbkdf2(
        QCryptographicHash::Sha256, normalizeDigits(pin).toUtf8(), salt, iterations, KeyLength);
}
} // namespace

bool isAcceptable(const QString &pin)
{
    static const QRegularExpression digits(
        u"^[0-9]{%1,%2}$"_s.arg(MinimumDigits).arg(MaximumDigits));
    return digits.match(normalizeDigits(pin)).hasMatch();
}

QString hash(const QString &pin, int iterations)
{
    QByteArray salt(SaltLength, '\0');
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(salt.data()),
                                          SaltLength / int(sizeof(quint32)));
    const QByteArray key = derive(pin, salt, iterations);
    return u"pbkdf2-sha256$%1$%2$%3"_s.arg(iterations)
        .arg(QString::fromLatin1(salt.toBase64()), QString::fromLatin1(key.toBase64()));
}

bool verify(const QString &pin, const QString &stored)
{
    const QStringList parts = stored.split(u'$');
    if (parts.size() != 4 || parts.at(0) != u"pbkdf2-sha256"_s)
        return false;
    bool ok = false;
    const int iterations = parts.at(1).toInt(&ok);
    if (!ok || iterations < 1 || iterations > 10000000)
        return false;
    const QByteArray salt = QByteArray::fromBase64(parts.at(2).toLatin1());
    const QByteArray expected = QByteArray::fromBase64(parts.at(3).toLatin1());
    if (salt.isEmpty() || expected.size() != KeyLength)
        return false;
    const QByteArray key = derive(pin, salt, iterations);
    // Constant time: every byte is compared whatever the first difference.
    unsigned char difference = 0;
    for (int i = 0; i < KeyLength; ++i)
        difference |= static_cast<unsigned char>(key.at(i) ^ expected.at(i));
    return difference == 0;
}

} // namespace kiosk::agentpin
