#include "sandboxstore.h"

#include "logging.h"
#include "sandboxserver.h"

#include <QAtomicInteger>
#include <QCryptographicHash>
#include <QPasswordDigestor>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace kiosk::sandbox {

namespace {

QAtomicInteger<int> g_connectionCounter;

QByteArray randomSalt()
{
    QByteArray salt(16, Qt::Uninitialized);
    QRandomGenerator::system()->generate(salt.begin(), salt.end());
    return salt;
}

} // namespace

SandboxStore::SandboxStore()
    : m_connection(u"kiosk-sandbox-%1"_s.arg(g_connectionCounter.fetchAndAddRelaxed(1)))
{}

SandboxStore::~SandboxStore()
{
    if (QSqlDatabase::contains(m_connection)) {
        QSqlDatabase::database(m_connection, false).close();
        QSqlDatabase::removeDatabase(m_connection);
    }
}

QByteArray SandboxStore::hashSecret(const QString &secret, const QByteArray &salt)
{
    return QPasswordDigestor::deriveKeyPbkdf2(QCryptographicHash::Sha256, secret.toUtf8(), salt,
                                              2000, 32);
}

std::optional<qint64> SandboxStore::idIfPasswordMatches(QSqlQuery &q, const QString &password)
{
    if (!q.exec() || !q.next())
        return std::nullopt;
    if (hashSecret(password, q.value(1).toByteArray()) != q.value(2).toByteArray())
        return std::nullopt;
    return q.value(0).toLongLong();
}

bool SandboxStore::exec(const QString &sql, QString *error)
{
    QSqlQuery query(QSqlDatabase::database(m_connection));
    if (!query.exec(sql)) {
        if (error)
            *error = u"database: %1"_s.arg(query.lastError().text());
        return false;
    }
    return true;
}

bool SandboxStore::open(const QString &path, QString *error)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connection);
    db.setDatabaseName(path);
    if (!db.open()) {
        if (error)
            *error = u"database: cannot open: %1"_s.arg(db.lastError().text());
        return false;
    }
    const QStringList schema = {
        u"PRAGMA foreign_keys = ON"_s,
        u"ATTACH DATABASE ':memory:' AS volatile"_s,
        u"CREATE TABLE IF NOT EXISTS tenants (id INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL)"_s,
        u"CREATE TABLE IF NOT EXISTS api_keys (id INTEGER PRIMARY KEY, tenant_id INTEGER NOT NULL "
        "REFERENCES tenants(id), key_hash BLOB UNIQUE NOT NULL)"_s,
        u"CREATE TABLE IF NOT EXISTS admin_users (id INTEGER PRIMARY KEY, tenant_id INTEGER NOT "
        "NULL REFERENCES tenants(id), user_name TEXT NOT NULL, salt BLOB NOT NULL, "
        "password_hash BLOB NOT NULL, UNIQUE(tenant_id, user_name))"_s,
        u"CREATE TABLE IF NOT EXISTS admin_permissions (admin_id INTEGER NOT NULL REFERENCES "
        "admin_users(id), name TEXT NOT NULL, PRIMARY KEY(admin_id, name))"_s,
        // Everything about end users (phones, emails, tokens, transactions, OCR results,
        // images) lives in memory only, even with a database file.
        u"CREATE TABLE IF NOT EXISTS volatile.end_users (id INTEGER PRIMARY KEY, tenant_id "
        "INTEGER NOT NULL, phone TEXT NOT NULL, email TEXT, salt BLOB NOT NULL, "
        "password_hash BLOB NOT NULL, verified INTEGER NOT NULL DEFAULT 0, "
        "UNIQUE(tenant_id, phone))"_s,
        u"CREATE TABLE IF NOT EXISTS volatile.tokens (token_hash BLOB PRIMARY KEY, kind TEXT NOT "
        u"NULL, "
        "subject INTEGER NOT NULL, expires_at INTEGER NOT NULL, refresh INTEGER NOT NULL)"_s,
        u"CREATE TABLE IF NOT EXISTS volatile.transactions (id TEXT PRIMARY KEY, tenant_id INTEGER "
        u"NOT "
        "NULL, user_id INTEGER, api_key_only INTEGER NOT NULL, front_done INTEGER NOT NULL "
        "DEFAULT 0, back_done INTEGER NOT NULL DEFAULT 0, liveness_done INTEGER NOT NULL "
        "DEFAULT 0, front_persona TEXT, back_persona TEXT, updated INTEGER NOT NULL)"_s,
        u"CREATE TABLE IF NOT EXISTS volatile.ocr_results (transaction_id TEXT PRIMARY KEY, "
        "front TEXT, back TEXT)"_s,
        u"CREATE TABLE IF NOT EXISTS volatile.images (transaction_id TEXT NOT NULL, role TEXT "
        "NOT NULL, file_name TEXT NOT NULL, bytes BLOB NOT NULL, PRIMARY KEY(transaction_id, "
        "role))"_s,
        u"CREATE TABLE IF NOT EXISTS volatile.boldsign_documents (document_id TEXT PRIMARY KEY, "
        "persona_id TEXT NOT NULL, email TEXT, country_code TEXT, phone TEXT, signer_order "
        "INTEGER NOT NULL, status TEXT NOT NULL, file_ids TEXT NOT NULL)"_s,
        u"CREATE TABLE IF NOT EXISTS volatile.boldsign_files (document_id TEXT NOT NULL, file_id "
        "TEXT NOT NULL, bytes BLOB NOT NULL, PRIMARY KEY(document_id, file_id))"_s,
    };
    for (const QString &sql : schema) {
        if (!exec(sql, error))
            return false;
    }
    return true;
}

qint64 SandboxStore::ensureTenant(const QString &name, const QString &apiKey)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    QSqlQuery q(db);
    q.prepare(u"INSERT OR IGNORE INTO tenants(name) VALUES(?)"_s);
    q.addBindValue(name);
    q.exec();
    const qint64 id = tenantByName(name).value_or(0);
    q.prepare(u"INSERT OR IGNORE INTO api_keys(tenant_id, key_hash) VALUES(?, ?)"_s);
    q.addBindValue(id);
    q.addBindValue(QCryptographicHash::hash(apiKey.toUtf8(), QCryptographicHash::Sha256));
    q.exec();
    return id;
}

qint64 SandboxStore::ensureAdmin(qint64 tenantId, const QString &userName, const QString &password,
                                 const QStringList &permissions)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    QSqlQuery q(db);
    const QByteArray salt = randomSalt();
    q.prepare(u"INSERT INTO admin_users(tenant_id, user_name, salt, password_hash) VALUES(?,?,?,?) "
              "ON CONFLICT(tenant_id, user_name) DO UPDATE SET salt = excluded.salt, "
              "password_hash = excluded.password_hash"_s);
    q.addBindValue(tenantId);
    q.addBindValue(userName);
    q.addBindValue(salt);
    q.addBindValue(hashSecret(password, salt));
    q.exec();
    q.prepare(u"SELECT id FROM admin_users WHERE tenant_id = ? AND user_name = ?"_s);
    q.addBindValue(tenantId);
    q.addBindValue(userName);
    q.exec();
    const qint64 id = q.next() ? q.value(0).toLongLong() : 0;
    q.prepare(u"DELETE FROM admin_permissions WHERE admin_id = ?"_s);
    q.addBindValue(id);
    q.exec();
    for (const QString &permission : permissions) {
        q.prepare(u"INSERT INTO admin_permissions(admin_id, name) VALUES(?, ?)"_s);
        q.addBindValue(id);
        q.addBindValue(permission);
        q.exec();
    }
    return id;
}

std::optional<qint64> SandboxStore::tenantForApiKey(const QString &apiKey) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(u"SELECT tenant_id FROM api_keys WHERE key_hash = ?"_s);
    q.addBindValue(QCryptographicHash::hash(apiKey.toUtf8(), QCryptographicHash::Sha256));
    if (q.exec() && q.next())
        return q.value(0).toLongLong();
    return std::nullopt;
}

std::optional<qint64> SandboxStore::tenantByName(const QString &name) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(u"SELECT id FROM tenants WHERE lower(name) = lower(?)"_s);
    q.addBindValue(name);
    if (q.exec() && q.next())
        return q.value(0).toLongLong();
    return std::nullopt;
}

std::optional<SandboxStore::Admin>
SandboxStore::checkAdmin(qint64 tenantId, const QString &userName, const QString &password) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(u"SELECT id, salt, password_hash FROM admin_users WHERE tenant_id = ? AND "
              "lower(user_name) = lower(?)"_s);
    q.addBindValue(tenantId);
    q.addBindValue(userName);
    const std::optional<qint64> id = idIfPasswordMatches(q, password);
    return id ? admin(*id) : std::nullopt;
}

std::optional<SandboxStore::Admin> SandboxStore::admin(qint64 id) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(u"SELECT id, tenant_id, user_name FROM admin_users WHERE id = ?"_s);
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    Admin a;
    a.id = q.value(0).toLongLong();
    a.tenantId = q.value(1).toLongLong();
    a.userName = q.value(2).toString();
    QSqlQuery p(QSqlDatabase::database(m_connection));
    p.prepare(u"SELECT name FROM admin_permissions WHERE admin_id = ?"_s);
    p.addBindValue(id);
    p.exec();
    while (p.next())
        a.permissions << p.value(0).toString();
    return a;
}

std::optional<SandboxStore::EndUser> SandboxStore::createUser(qint64 tenantId, const QString &phone,
                                                              const QString &email,
                                                              const QString &password)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    const QByteArray salt = randomSalt();
    q.prepare(u"INSERT INTO end_users(tenant_id, phone, email, salt, password_hash) "
              "VALUES(?,?,?,?,?)"_s);
    q.addBindValue(tenantId);
    q.addBindValue(phone);
    q.addBindValue(email);
    q.addBindValue(salt);
    q.addBindValue(hashSecret(password, salt));
    if (!q.exec())
        return std::nullopt;
    return user(q.lastInsertId().toLongLong());
}

std::optional<SandboxStore::EndUser> SandboxStore::checkUser(qint64 tenantId, const QString &phone,
                                                             const QString &password) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(u"SELECT id, salt, password_hash FROM end_users WHERE tenant_id = ? AND phone = ?"_s);
    q.addBindValue(tenantId);
    q.addBindValue(phone);
    const std::optional<qint64> id = idIfPasswordMatches(q, password);
    return id ? user(*id) : std::nullopt;
}

std::optional<SandboxStore::EndUser> SandboxStore::user(qint64 id) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(u"SELECT id, tenant_id, phone, email, verified FROM end_users WHERE id = ?"_s);
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    EndUser u;
    u.id = q.value(0).toLongLong();
    u.tenantId = q.value(1).toLongLong();
    u.phoneNumber = q.value(2).toString();
    u.email = q.value(3).toString();
    u.verified = q.value(4).toBool();
    return u;
}

std::optional<SandboxStore::EndUser> SandboxStore::userByPhoneOrEmail(qint64 tenantId,
                                                                      const QString &key) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(u"SELECT id FROM end_users WHERE tenant_id = ? AND (phone = ? OR (email <> '' AND "
              "lower(email) = lower(?)))"_s);
    q.addBindValue(tenantId);
    q.addBindValue(key);
    q.addBindValue(key);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return user(q.value(0).toLongLong());
}

void SandboxStore::setUserVerified(qint64 id, bool verified)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(u"UPDATE end_users SET verified = ? WHERE id = ?"_s);
    q.addBindValue(verified ? 1 : 0);
    q.addBindValue(id);
    q.exec();
}

void SandboxStore::storeToken(const QByteArray &tokenHash, const Token &token)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(u"INSERT OR REPLACE INTO tokens(token_hash, kind, subject, expires_at, refresh) "
              "VALUES(?,?,?,?,?)"_s);
    q.addBindValue(tokenHash);
    q.addBindValue(token.kind);
    q.addBindValue(token.subject);
    q.addBindValue(token.expiresAt);
    q.addBindValue(token.refresh ? 1 : 0);
    q.exec();
}

std::optional<SandboxStore::Token> SandboxStore::token(const QByteArray &tokenHash) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(u"SELECT kind, subject, expires_at, refresh FROM tokens WHERE token_hash = ?"_s);
    q.addBindValue(tokenHash);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return Token{q.value(0).toString(), q.value(1).toLongLong(), q.value(2).toLongLong(),
                 q.value(3).toBool()};
}

SandboxStore::Transaction SandboxStore::createTransaction(qint64 tenantId, qint64 userId,
                                                          bool apiKeyOnly)
{
    Transaction t;
    t.id = QUuid::createUuid().toString(QUuid::WithoutBraces).toLower();
    t.tenantId = tenantId;
    t.userId = userId;
    t.apiKeyOnly = apiKeyOnly;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(u"INSERT INTO transactions(id, tenant_id, user_id, api_key_only, updated) "
              "VALUES(?,?,?,?,?)"_s);
    q.addBindValue(t.id);
    q.addBindValue(tenantId);
    q.addBindValue(userId ? QVariant(userId) : QVariant());
    q.addBindValue(apiKeyOnly ? 1 : 0);
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    q.exec();
    return t;
}

std::optional<SandboxStore::Transaction> SandboxStore::transaction(const QString &id) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(u"SELECT t.id, t.tenant_id, t.user_id, t.api_key_only, t.front_done, t.back_done, "
              "t.liveness_done, t.front_persona, t.back_persona, o.front, o.back FROM "
              "transactions t LEFT JOIN volatile.ocr_results o ON o.transaction_id = t.id "
              "WHERE t.id = ?"_s);
    q.addBindValue(id.toLower());
    if (!q.exec() || !q.next())
        return std::nullopt;
    Transaction t;
    t.id = q.value(0).toString();
    t.tenantId = q.value(1).toLongLong();
    t.userId = q.value(2).isNull() ? 0 : q.value(2).toLongLong();
    t.apiKeyOnly = q.value(3).toBool();
    t.frontDone = q.value(4).toBool();
    t.backDone = q.value(5).toBool();
    t.livenessDone = q.value(6).toBool();
    t.frontPersona = q.value(7).toString();
    t.backPersona = q.value(8).toString();
    t.ocrFront = q.value(9).toString().toUtf8();
    t.ocrBack = q.value(10).toString().toUtf8();
    return t;
}

void SandboxStore::updateTransaction(const Transaction &t)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(u"UPDATE transactions SET user_id = ?, front_done = ?, back_done = ?, "
              "liveness_done = ?, front_persona = ?, back_persona = ?, updated = ? WHERE id = ?"_s);
    q.addBindValue(t.userId ? QVariant(t.userId) : QVariant());
    q.addBindValue(t.frontDone ? 1 : 0);
    q.addBindValue(t.backDone ? 1 : 0);
    q.addBindValue(t.livenessDone ? 1 : 0);
    q.addBindValue(t.frontPersona);
    q.addBindValue(t.backPersona);
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    q.addBindValue(t.id);
    q.exec();
    q.prepare(u"INSERT OR REPLACE INTO volatile.ocr_results(transaction_id, front, back) "
              "VALUES(?,?,?)"_s);
    q.addBindValue(t.id);
    q.addBindValue(QString::fromUtf8(t.ocrFront));
    q.addBindValue(QString::fromUtf8(t.ocrBack));
    q.exec();
}

std::optional<SandboxStore::Transaction> SandboxStore::latestTransactionOfUser(qint64 userId) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(u"SELECT id FROM transactions WHERE user_id = ? ORDER BY updated DESC, rowid DESC "
              "LIMIT 1"_s);
    q.addBindValue(userId);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return transaction(q.value(0).toString());
}

void SandboxStore::storeImage(const QString &transactionId, const QString &role,
                              const QString &fileName, const QByteArray &bytes)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(u"INSERT OR REPLACE INTO volatile.images(transaction_id, role, file_name, bytes) "
              "VALUES(?,?,?,?)"_s);
    q.addBindValue(transactionId);
    q.addBindValue(role);
    q.addBindValue(fileName);
    q.addBindValue(bytes);
    q.exec();
}

std::optional<QByteArray> SandboxStore::image(const QString &transactionId,
                                              const QString &fileName) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(u"SELECT bytes FROM volatile.images WHERE transaction_id = ? AND file_name = ?"_s);
    q.addBindValue(transactionId.toLower());
    q.addBindValue(fileName);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return q.value(0).toByteArray();
}

QHash<QString, QString> SandboxStore::imageNamesByRole(const QString &transactionId) const
{
    QHash<QString, QString> names;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(u"SELECT role, file_name FROM volatile.images WHERE transaction_id = ?"_s);
    q.addBindValue(transactionId);
    q.exec();
    while (q.next())
        names.insert(q.value(0).toString(), q.value(1).toString());
    return names;
}

void SandboxStore::storeBoldSignDocument(const BoldSignDocument &d)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(u"INSERT OR REPLACE INTO volatile.boldsign_documents(document_id, persona_id, "
              "email, country_code, phone, signer_order, status, file_ids) "
              "VALUES(?,?,?,?,?,?,?,?)"_s);
    q.addBindValue(d.documentId);
    q.addBindValue(d.personaId);
    q.addBindValue(d.emailId);
    q.addBindValue(d.countryCode);
    q.addBindValue(d.phoneNumber);
    q.addBindValue(d.order);
    q.addBindValue(d.status);
    q.addBindValue(d.fileIds.join(u','));
    q.exec();
}

void SandboxStore::storeBoldSignFile(const QString &documentId, const QString &fileId,
                                     const QByteArray &bytes)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(u"INSERT OR REPLACE INTO volatile.boldsign_files(document_id, file_id, bytes) "
              "VALUES(?,?,?)"_s);
    q.addBindValue(documentId);
    q.addBindValue(fileId);
    q.addBindValue(bytes);
    q.exec();
}

std::optional<BoldSignDocument> SandboxStore::boldSignDocument(const QString &documentId) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(u"SELECT document_id, persona_id, email, country_code, phone, signer_order, status, "
              "file_ids FROM volatile.boldsign_documents WHERE document_id = ?"_s);
    q.addBindValue(documentId.toLower());
    if (!q.exec() || !q.next())
        return std::nullopt;
    BoldSignDocument d;
    d.documentId = q.value(0).toString();
    d.personaId = q.value(1).toString();
    d.emailId = q.value(2).toString();
    d.countryCode = q.value(3).toString();
    d.phoneNumber = q.value(4).toString();
    d.order = q.value(5).toInt();
    d.status = q.value(6).toString();
    d.fileIds = q.value(7).toString().split(u',', Qt::SkipEmptyParts);
    return d;
}

std::optional<QByteArray> SandboxStore::boldSignFile(const QString &documentId,
                                                     const QString &fileId) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(u"SELECT bytes FROM volatile.boldsign_files WHERE document_id = ? AND file_id = ?"_s);
    q.addBindValue(documentId.toLower());
    q.addBindValue(fileId.toLower());
    if (!q.exec() || !q.next())
        return std::nullopt;
    return q.value(0).toByteArray();
}

} // namespace kiosk::sandbox
