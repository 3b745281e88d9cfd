#include "agentpin.h"

#include "capture/clock.h"
#include "identity/nationalid.h"
#include "logging.h"
#include "settings.h"

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
    static const QRegularExpression digits(u"^[0-9]{%1,%2}$"_s.arg(MinDigits).arg(MaxDigits));
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

qint64 backoffMs(int failures, int lockAfter, qint64 firstMs, qint64 maxMs)
{
    if (failures < lockAfter || firstMs <= 0)
        return 0;
    qint64 ms = firstMs;
    for (int i = lockAfter; i < failures && ms < maxMs; ++i)
        ms *= 2;
    return qMin(ms, maxMs);
}

qint64 lockMsAfter(int failures)
{
    return backoffMs(failures, LockAfterFailures, FirstLockMs, MaxLockMs);
}

Guard::Guard(Settings *settings, const Clock &clock)
    : m_settings(settings)
    , m_clock(clock)
{}

int Guard::failures() const
{
    bool ok = false;
    const int n = m_settings->value(Settings::Key::PinFailures).toInt(&ok);
    return ok ? qBound(0, n, 1000000) : 0;
}

qint64 Guard::lockedForMs() const
{
    bool ok = false;
    const qint64 until = m_settings->value(Settings::Key::PinLockedUntil).toLongLong(&ok);
    if (!ok || until <= 0)
        return 0;
    const qint64 left = until - m_clock.currentDateTimeUtc().toMSecsSinceEpoch();
    // A clock set back must not lock the agent out for longer than the longest lock.
    return qBound<qint64>(0, left, MaxLockMs);
}

qint64 Guard::recordFailure()
{
    const int n = failures() + 1;
    const qint64 lock = lockMsAfter(n);
    const qint64 now = m_clock.currentDateTimeUtc().toMSecsSinceEpoch();
    store(n, lock > 0 ? now + lock : 0);
    qCWarning(lcSettings) << "wrong agent PIN, failure" << n << "lock" << lock << "ms";
    return lock;
}

void Guard::recordSuccess()
{
    if (failures() != 0 || lockedForMs() != 0)
        store(0, 0);
}

void Guard::store(int failures, qint64 lockedUntilMs)
{
    const std::pair<Settings::Key, QVariant> values[] = {
        {Settings::Key::PinFailures, failures}, {Settings::Key::PinLockedUntil, lockedUntilMs}};
    for (const auto &[key, value] : values) {
        QString error;
        if (!m_settings->setValue(key, value, &error))
            qCWarning(lcSettings) << "PIN lock not stored:" << error;
        // This run goes by the latest count whatever the file or the environment say.
        m_settings->setOverride(key, value);
    }
}

} // namespace kiosk::agentpin
