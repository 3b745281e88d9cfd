#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QTcpServer>
#include <QUrl>

#include <functional>

class QTcpSocket;

namespace kiosk::test {

// One request as the server received it.
struct HttpRequest
{
    QByteArray method;
    QByteArray target; // as sent: path and query, percent-encoded
    QByteArray path;   // target without the query
    QByteArray query;  // raw query, without '?'
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    // Case-insensitive; empty if absent.
    QByteArray header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const;
    // A query item, percent-decoded ("%2B" -> "+"); empty if absent.
    QString queryItem(const QString &key) const;
    bool hasQueryItem(const QString &key) const;
    QJsonObject json() const; // body as a JSON object (empty if not one)
};

// What the handler wants sent back.
struct HttpResponse
{
    enum class Action
    {
        Answer,   // status line, headers, body
        Truncate, // announce the full Content-Length, send fewer bytes, then close
        Close,    // close the connection without answering
        Hang,     // never answer (client-side timeouts)
        Drip,     // headers at once, then the body one byte every dripIntervalMs
        Stream,   // announce streamBytes, send body then filler as fast as the client reads
    };

    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    Action action = Action::Answer;
    int delayMs = 0;            // wait before acting
    int truncateTo = -1;        // Truncate: body bytes actually sent (-1 = half)
    int dripIntervalMs = 1000;  // Drip: pause between two bytes
    qint64 streamBytes = 0;     // Stream: bytes sent (body first, then filler)
    bool announceLength = true; // Stream: false = no Content-Length, the end is the close

    void setHeader(const QByteArray &name, const QByteArray &value);
    static HttpResponse json(const QJsonObject &object, int status = 200);
    static HttpResponse raw(int status, const QByteArray &body,
                            const QByteArray &contentType = "application/json");
};

// A small HTTP/1.1 server on 127.0.0.1:<any port> for network tests (after Qt's
// qrestaccessmanager httptestserver_p.h): a handler callback answers each request and
// every request is recorded so that tests can assert on method, path, headers, body.
// Keep-alive connections are served sequentially. Answers 404 when no handler is set.
class HttpTestServer : public QObject
{
    Q_OBJECT

public:
    using Handler = std::function<void(const HttpRequest &request, HttpResponse *response)>;

    explicit HttpTestServer(QObject *parent = nullptr);
    ~HttpTestServer() override;

    // 127.0.0.1 on the given port (0 = any free one).
    bool listen(quint16 port = 0);
    quint16 port() const;
    QUrl url() const; // http://127.0.0.1:<port>

    void setHandler(Handler handler) { m_handler = std::move(handler); }
    QList<HttpRequest> requests() const { return m_requests; }
    int requestCount() const { return int(m_requests.size()); }
    HttpRequest lastRequest() const { return m_requests.value(m_requests.size() - 1); }
    void clearRequests() { m_requests.clear(); }

    // A loopback port nothing listens on (bound, then released).
    static quint16 unusedPort();

Q_SIGNALS:
    void requestReceived();

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void respond(QTcpSocket *socket, const HttpRequest &request, const HttpResponse &response);
    void drip(QTcpSocket *socket, const QByteArray &body, qsizetype next, int intervalMs);
    void stream(QTcpSocket *socket, qint64 left);

    QTcpServer m_server;
    Handler m_handler;
    QList<HttpRequest> m_requests;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QHash<QTcpSocket *, bool> m_busy;         // a response is pending on this connection
    QHash<QTcpSocket *, qint64> m_streamLeft; // Stream: filler bytes still to send
};

} // namespace kiosk::test
