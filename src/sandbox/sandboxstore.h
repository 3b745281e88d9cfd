#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>

class QSqlQuery;

namespace kiosk::sandbox {

struct BoldSignDocument;

// The sandbox's state in SQLite (Qt SQL): tenants, API keys, admin users and their
// permissions, end users, tokens, transactions and stored images. Secrets are kept as
// (salted) hashes. Only the tenant, its key hash and the admin users go to the database
// file; end users, tokens, transactions, OCR results and images live in an attached
// in-memory database, so personal data never reaches the disk.
class SandboxStore
{
public:
    struct Admin
    {
        qint64 id = 0;
        qint64 tenantId = 0;
        QString userName;
        QStringList permissions;
    };
    struct EndUser
    {
        qint64 id = 0;
        qint64 tenantId = 0;
        QString phoneNumber;
        QString email;
        bool verified = false;
    };
    struct Token
    {
        QString kind; // "admin" or "user"
        qint64 subject = 0;
        qint64 expiresAt = 0; // seconds since epoch
        bool refresh = false;
    };
    struct Transaction
    {
        QString id; // lowercase uuid
        qint64 tenantId = 0;
        qint64 userId = 0; // 0 = not linked to a user
        bool apiKeyOnly = false;
        bool frontDone = false;
        bool backDone = false;
        bool livenessDone = false;
        QString frontPersona;
        QString backPersona;
        QByteArray ocrFront; // JSON of idFrontData
        QByteArray ocrBack;  // JSON of idBackData
    };

    SandboxStore();
    ~SandboxStore();
    SandboxStore(const SandboxStore &) = delete;
    SandboxStore &operator=(const SandboxStore &) = delete;

    bool open(const QString &path, QString *error = nullptr);

    // Seeding (idempotent on an existing database file).
    qint64 ensureTenant(const QString &name, const QString &apiKey);
    qint64 ensureAdmin(qint64 tenantId, const QString &userName, const QString &password,
                       const QStringList &permissions);

    std::optional<qint64> tenantForApiKey(const QString &apiKey) const;
    std::optional<qint64> tenantByName(const QString &name) const;

    std::optional<Admin> checkAdmin(qint64 tenantId, const QString &userName,
                                    const QString &password) const;
    std::optional<Admin> admin(qint64 id) const;

    // Empty optional when the phone number is taken (error says so).
    std::optional<EndUser> createUser(qint64 tenantId, const QString &phone, const QString &email,
                                      const QString &password);
    std::optional<EndUser> checkUser(qint64 tenantId, const QString &phone,
                                     const QString &password) const;
    std::optional<EndUser> user(qint64 id) const;
    std::optional<EndUser> userByPhoneOrEmail(qint64 tenantId, const QString &key) const;
    void setUserVerified(qint64 id, bool verified);

    void storeToken(const QByteArray &tokenHash, const Token &token);
    std::optional<Token> token(const QByteArray &tokenHash) const;

    Transaction createTransaction(qint64 tenantId, qint64 userId, bool apiKeyOnly);
    std::optional<Transaction> transaction(const QString &id) const;
    void updateTransaction(const Transaction &transaction);
    std::optional<Transaction> latestTransactionOfUser(qint64 userId) const;

    // role: idFrontImage, idBackImage, livenessImage, livenessFace01Image..03
    void storeImage(const QString &transactionId, const QString &role, const QString &fileName,
                    const QByteArray &bytes);
    std::optional<QByteArray> image(const QString &transactionId, const QString &fileName) const;
    QHash<QString, QString> imageNamesByRole(const QString &transactionId) const;

    void storeBoldSignDocument(const BoldSignDocument &document);
    void storeBoldSignFile(const QString &documentId, const QString &fileId,
                           const QByteArray &bytes);
    std::optional<BoldSignDocument> boldSignDocument(const QString &documentId) const;
    std::optional<QByteArray> boldSignFile(const QString &documentId, const QString &fileId) const;

    static QByteArray hashSecret(const QString &secret, const QByteArray &salt);

private:
    bool exec(const QString &sql, QString *error = nullptr);
    // Runs q, which selects (id, salt, password_hash) of one row: the id if password matches.
    static std::optional<qint64> idIfPasswordMatches(QSqlQuery &q, const QString &password);

    QString m_connection;
};

} // namespace kiosk::sandbox
