#pragma once

#include <QHostAddress>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>
#include <optional>

namespace kiosk::sandbox {

using namespace Qt::StringLiterals;

// How one sandbox instance is set up; the defaults are the documented demo credentials.
struct SandboxOptions
{
    QHostAddress address = QHostAddress::LocalHost; // refuse non-loopback unless --bind-any
    quint16 port = 0;                               // 0 = pick one
    QString databasePath = u":memory:"_s;           // SQLite file, or in memory
    QString personasFile;                           // empty = built-in (qrc) personas.json
    QString apiKey = u"sandbox-api-key"_s;          // the tenant's ApiKey
    QString tenancyName = u"sandbox"_s;
    QString adminUser = u"admin"_s; // has the `Requests` permission
    QString adminPassword = u"sandbox-admin"_s;
    QString clerkUser = u"clerk"_s; // admin login WITHOUT `Requests`
    QString clerkPassword = u"sandbox-clerk"_s;
    QString boldSignApiKey = u"sandbox-boldsign-key"_s;
    int accessTokenLifetimeSec = 86400;
    // Request bodies, checked from the headers before a byte of the body is read (Qt
    // HttpServer 6.4 buffers whole bodies): a request without the tenant's ApiKey (or the
    // BoldSign X-API-KEY) gets the small limit, an authenticated one the large limit.
    qint64 maxUnauthenticatedBodyBytes = 1024 * 1024;
    qint64 maxBodyBytes = 32 * 1024 * 1024;
    QStringList faults;            // always-on fault specs (--fault)
    bool allowNonLoopback = false; // --bind-any
};

// One injected misbehaviour.
struct Fault
{
    enum class Kind
    {
        Latency,
        HttpStatus,
        ErrorCode,
        ExpiredToken,
        AmlMatch,
        Spoof,
        LivenessFail,
        MalformedJson,
        Truncate,
        CloseConnection,
        Drip,
        Gateway // the service acts on the request; a gateway answers its own 5xx instead
    };
    Kind kind = Kind::Latency;
    // ms for Latency, status for HttpStatus and Gateway, code for ErrorCode, bytes per second
    // for Drip
    int value = 0;
    QString path;  // applies to requests whose path contains this ("" = all)
    int count = 1; // how many matching requests; -1 = forever
    // spec grammar: "kind[=value][,path=/x/y][,count=N]", kinds: latency, http, error_code,
    // expired_token, aml_match, spoof, liveness_fail, malformed_json, truncate, close, drip,
    // gateway (drip=N: the answer's body is sent at N bytes per second, so a client's total
    // deadline must end the request; gateway=5xx: the request is acted on, then a gateway's
    // error page replaces the answer)
    static std::optional<Fault> parse(const QString &spec, QString *error = nullptr);
    QString toString() const;
};

// A seeded BoldSign document whose signer verified (or not) with a persona's card.
struct BoldSignDocument
{
    QString documentId;
    QString personaId;
    QString emailId;     // email delivery; empty for SMS
    QString countryCode; // SMS delivery
    QString phoneNumber;
    int order = 1;
    QString status;      // "Passed", "Failed" or "Pending" (the signer has not verified yet)
    QStringList fileIds; // front, back, selfie
};
// The documents every sandbox seeds (stable ids, for demos and tests).
QList<BoldSignDocument> seededBoldSignDocuments();

class SandboxServerPrivate;

// vlens-sandbox: a local server speaking the Vlens Digital Identity and BoldSign
// identity-verification contracts over Qt HttpServer, with state in SQLite, specimen
// persona cards recognised by feature matching, and injectable faults.
class SandboxServer : public QObject
{
    Q_OBJECT
public:
    explicit SandboxServer(SandboxOptions options, QObject *parent = nullptr);
    ~SandboxServer() override;

    bool start(QString *error = nullptr); // binds, opens the DB, seeds, loads personas
    quint16 port() const;
    QUrl baseUrl() const;                 // http://127.0.0.1:<port>
    void injectFault(const Fault &fault); // queued; consumed by matching requests
    void clearFaults();
    // what tests may inspect
    int requestCount(const QString &pathContains = {}) const;
    // How many distinct request paths are remembered for requestCount() (bounded).
    int trackedPathCount() const;
    QByteArray lastRequestId() const; // the X-Request-Id of the last request

Q_SIGNALS:
    // One line per answered request (method, path, status, error_code, request id, ms).
    void requestLogged(const QString &line);

private:
    std::unique_ptr<SandboxServerPrivate> d;
};

} // namespace kiosk::sandbox
