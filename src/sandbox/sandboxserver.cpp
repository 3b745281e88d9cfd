#include "sandboxserver.h"

#include "sandboxlogging.h"
#include "sandboxservice.h"
#include "sandboxstore.h"
#include "tokenissuer.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUuid>

#include <limits>
#include <memory>

#include <sys/socket.h>

namespace kiosk::sandbox {

namespace {

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    default:
        return "OTHER";
    }
}

// Request ids are echoed and logged: keep them short and printable.
QByteArray cleanRequestId(const QByteArray &raw)
{
    QByteArray id;
    for (char c : raw.left(80)) {
        if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
            c == '-' || c == '_' || c == '.')
            id += c;
    }
    if (id.isEmpty())
        id = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    return id;
}

// Distinct paths remembered for requestCount(), and the longest path kept: a client
// sending random paths cannot grow the sandbox's memory.
constexpr int kMaxTrackedPaths = 256;
constexpr qsizetype kMaxTrackedPathLength = 200;
constexpr qsizetype kMaxHeaderBytes = 64 * 1024;

// Refuses oversized request bodies before Qt HttpServer reads them. Qt HttpServer 6.4 has
// no body limit and keeps the whole body (twice: its socket transaction and the request),
// so this listener's sockets are watched first: their readyRead reaches this guard before
// the server's handler, which sees the same bytes. The guard follows the framing of each
// request (headers, then Content-Length bytes); a request whose declared body is over its
// limit gets a 413 (chunked bodies a 411) and the connection is closed without reading on.
class GuardedTcpServer : public QTcpServer
{
public:
    GuardedTcpServer(const SandboxOptions &options, QObject *parent)
        : QTcpServer(parent)
        , m_apiKey(options.apiKey.toUtf8())
        , m_boldSignKey(options.boldSignApiKey.toUtf8())
        , m_smallLimit(options.maxUnauthenticatedBodyBytes)
        , m_largeLimit(options.maxBodyBytes)
    {}

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QTcpSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        auto state = std::make_shared<Framing>();
        connect(socket, &QTcpSocket::readyRead, this,
                [this, socket, state] { inspect(socket, state.get()); });
        addPendingConnection(socket);
    }

private:
    struct Framing
    {
        QByteArray header;   // the current request's header block so far
        qint64 bodyLeft = 0; // body bytes of the current request still to come
        bool refused = false;
    };

    void inspect(QTcpSocket *socket, Framing *f)
    {
        if (f->refused)
            return;
        // Unread bytes only: what arrived since the server's handler last read.
        const QByteArray fresh = socket->peek(socket->bytesAvailable());
        QByteArrayView data(fresh);
        QByteArray carry; // bytes after a header block: a body, or the next request
        while (!data.isEmpty() && !f->refused) {
            if (f->bodyLeft > 0) {
                const qint64 n = std::min<qint64>(f->bodyLeft, data.size());
                f->bodyLeft -= n;
                data = data.sliced(qsizetype(n));
                continue;
            }
            const qsizetype before = f->header.size();
            f->header += data;
            data = {};
            const qsizetype end = f->header.indexOf("\r\n\r\n", std::max<qsizetype>(0, before - 3));
            if (end < 0) {
                if (f->header.size() > kMaxHeaderBytes)
                    refuse(socket, f, 431, "Request Header Fields Too Large",
                           u"The request headers are too large"_s);
                return;
            }
            carry = f->header.mid(end + 4);
            const QByteArray head = f->header.left(end);
            f->header.clear();
            startRequest(socket, f, head);
            data = carry;
        }
    }

    // Reads one header block; refuses the request or expects its body.
    void startRequest(QTcpSocket *socket, Framing *f, const QByteArray &head)
    {
        qint64 length = 0;
        bool chunked = false;
        bool authenticated = false;
        const QList<QByteArray> lines = head.split('\n');
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray name = line.left(colon).trimmed().toLower();
            const QByteArray value = line.mid(colon + 1).trimmed();
            if (name == "content-length") {
                bool ok = false;
                length = value.toLongLong(&ok);
                if (!ok || length < 0)
                    length = std::numeric_limits<qint64>::max(); // unreadable: refused
            } else if (name == "transfer-encoding") {
                chunked = true;
            } else if (name == "apikey") {
                authenticated |=
                    constantTimeEquals(QByteArrayView(value), QByteArrayView(m_apiKey));
            } else if (name == "x-api-key") {
                authenticated |=
                    constantTimeEquals(QByteArrayView(value), QByteArrayView(m_boldSignKey));
            }
        }
        if (chunked) {
            refuse(socket, f, 411, "Length Required", u"Send the body with a Content-Length"_s);
            return;
        }
        const qint64 limit = authenticated ? m_largeLimit : m_smallLimit;
        if (length > limit) {
            refuse(socket, f, 413, "Payload Too Large",
                   (authenticated ? u"The request body is over %1 bytes"_s
                                  : u"The request body is over %1 bytes, the limit for a "
                                    "request without a valid ApiKey"_s)
                       .arg(limit));
            return;
        }
        f->bodyLeft = length;
    }

    void refuse(QTcpSocket *socket, Framing *f, int status, const char *reason,
                const QString &message)
    {
        f->refused = true;
        f->header.clear();
        // The server's handler must not read (and keep) any more of this connection: it is
        // cut off, and a transaction it may have opened on the socket is ended so that what
        // is read from now on is dropped, not retained.
        QObject::disconnect(socket, &QTcpSocket::readyRead, nullptr, nullptr);
        if (socket->isTransactionStarted())
            socket->commitTransaction();
        socket->setReadBufferSize(64 * 1024);
        const QByteArray body =
            QJsonDocument(QJsonObject{{u"data"_s, QJsonValue::Null},
                                      {u"error_code"_s, 5000},
                                      {u"error_message"_s, message},
                                      {u"error_descriptions"_s, QJsonValue::Null}})
                .toJson(QJsonDocument::Compact);
        socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reason +
                      "\r\nContent-Type: application/json\r\nContent-Length: " +
                      QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
        // A lingering close: once the answer is out, shut the sending side and discard what
        // the client still sends for a while. Closing at once, with its upload unread, would
        // make the kernel reset the connection, and the client could lose the answer.
        connect(socket, &QTcpSocket::bytesWritten, socket, [socket] {
            if (socket->bytesToWrite() == 0 && socket->socketDescriptor() >= 0)
                ::shutdown(int(socket->socketDescriptor()), SHUT_WR);
        });
        auto drained = std::make_shared<qint64>(0);
        connect(socket, &QTcpSocket::readyRead, socket, [socket, drained] {
            constexpr qint64 maxDrained = 64 * 1024 * 1024;
            *drained += socket->skip(socket->bytesAvailable());
            if (*drained > maxDrained)
                socket->abort();
        });
        QPointer<QTcpSocket> guard(socket);
        QTimer::singleShot(5000, this, [guard] {
            if (guard)
                guard->abort();
        });
        qCInfo(lcSandbox) << "refused a request before reading its body:" << status;
    }

    QByteArray m_apiKey;
    QByteArray m_boldSignKey;
    qint64 m_smallLimit;
    qint64 m_largeLimit;
};

// What the transport does with a reply (faults that are not business logic).
struct Transport
{
    int latencyMs = 0;
    bool malformedJson = false;
    bool truncate = false;
    bool close = false;
    int dripBytesPerSecond = 0; // > 0: the body goes out this slowly
    int gatewayStatus = 0;      // > 0: the service's answer is replaced by a gateway's
};

// Sends body at bytesPerSecond, ten times a second, through the responder (the status line
// and headers are written already). The responder is kept until the body is out or the
// client hung up; the timer lives with the socket.
void dripBody(std::shared_ptr<QHttpServerResponder> responder, const QByteArray &body,
              int bytesPerSecond)
{
    constexpr int TicksPerSecond = 10;
    QTcpSocket *socket = responder->socket();
    const qsizetype step = std::max<qsizetype>(1, bytesPerSecond / TicksPerSecond);
    auto *timer = new QTimer(socket);
    responder->writeBody(QByteArray()); // the blank line that ends the headers
    auto sent = std::make_shared<qsizetype>(0);
    QObject::connect(
        timer, &QTimer::timeout, socket, [socket, timer, body, sent, step, responder]() mutable {
            if (socket->state() != QAbstractSocket::ConnectedState || *sent >= body.size()) {
                timer->stop();
                timer->deleteLater();
                responder.reset();
                return;
            }
            const QByteArray chunk = body.mid(*sent, step);
            *sent += chunk.size();
            socket->write(chunk);
        });
    timer->start(1000 / TicksPerSecond);
}

} // namespace

class SandboxServerPrivate
{
public:
    SandboxServerPrivate(SandboxServer *q, SandboxOptions options)
        : q(q)
        , options(std::move(options))
    {}

    void dispatch(const EndpointInfo *endpoint, const QHttpServerRequest &request,
                  QHttpServerResponder &&responder);
    SandboxReply faultsEndpoint(const SandboxRequest &request, bool fromLoopback);
    void consumeFaults(const QString &path, FaultEffects *effects, Transport *transport,
                       std::optional<SandboxReply> *override);
    void finish(const EndpointInfo *endpoint, const SandboxRequest &request,
                QHttpServerResponder &responder, const FaultEffects &effects,
                const Transport &transport, std::optional<SandboxReply> override,
                const QElapsedTimer &timer);

    SandboxServer *q;
    SandboxOptions options;
    QHttpServer *http = nullptr;
    SandboxStore store;
    std::unique_ptr<SandboxService> service;
    QList<Fault> faults;
    QHash<QString, int> pathCounts; // at most kMaxTrackedPaths distinct paths
    int requestTotal = 0;
    QByteArray lastRequestId;
    quint16 port = 0;
};

SandboxServer::SandboxServer(SandboxOptions options, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<SandboxServerPrivate>(this, std::move(options)))
{}

SandboxServer::~SandboxServer() = default;

bool SandboxServer::start(QString *error)
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (d->http)
        return fail(u"the sandbox is already started"_s);
    if (!d->options.address.isLoopback() && !d->options.allowNonLoopback)
        return fail(u"refusing to listen on a non-loopback address without --bind-any"_s);
    for (const QString &spec : std::as_const(d->options.faults)) {
        QString problem;
        std::optional<Fault> fault = Fault::parse(spec, &problem);
        if (!fault)
            return fail(u"--fault %1: %2"_s.arg(spec, problem));
        // Always-on unless the spec names a count.
        if (!spec.contains("count="_L1))
            fault->count = -1;
        d->faults.append(*fault);
    }
    QString problem;
    if (!d->store.open(d->options.databasePath, &problem))
        return fail(problem);
    d->service = std::make_unique<SandboxService>(d->options, d->store);
    if (!d->service->prepare(&problem))
        return fail(problem);

    d->http = new QHttpServer(this);
    for (const EndpointInfo &info : endpointTable()) {
        const EndpointInfo *endpoint = &info;
        d->http->route(QString(info.path), [this, endpoint](const QHttpServerRequest &request,
                                                            QHttpServerResponder &&responder) {
            d->dispatch(endpoint, request, std::move(responder));
        });
    }
    // ASP.NET routes ignore case: so does the sandbox (exact routes above are the fast path).
    d->http->setMissingHandler(
        [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            const QString path = request.url().path();
            for (const EndpointInfo &info : endpointTable()) {
                if (path.compare(info.path, Qt::CaseInsensitive) == 0) {
                    d->dispatch(&info, request, std::move(responder));
                    return;
                }
            }
            d->dispatch(nullptr, request, std::move(responder));
        });
    auto *listener = new GuardedTcpServer(d->options, d->http);
    if (listener->listen(d->options.address, d->options.port)) {
        d->http->bind(listener);
        d->port = listener->serverPort();
    }
    if (d->port == 0)
        return fail(
            u"cannot listen on %1:%2"_s.arg(d->options.address.toString()).arg(d->options.port));
    qCInfo(lcSandbox) << "listening on port" << d->port << "with" << d->service->personas().size()
                      << "personas";
    return true;
}

quint16 SandboxServer::port() const
{
    return d->port;
}

QUrl SandboxServer::baseUrl() const
{
    QUrl url;
    url.setScheme(u"http"_s);
    url.setHost(d->options.address == QHostAddress::Any || d->options.address.isLoopback()
                    ? u"127.0.0.1"_s
                    : d->options.address.toString());
    url.setPort(d->port);
    return url;
}

void SandboxServer::injectFault(const Fault &fault)
{
    d->faults.append(fault);
}

void SandboxServer::clearFaults()
{
    d->faults.clear();
}

int SandboxServer::requestCount(const QString &pathContains) const
{
    if (pathContains.isEmpty())
        return d->requestTotal;
    int count = 0;
    for (auto it = d->pathCounts.cbegin(); it != d->pathCounts.cend(); ++it) {
        if (it.key().contains(pathContains))
            count += it.value();
    }
    return count;
}

int SandboxServer::trackedPathCount() const
{
    return int(d->pathCounts.size());
}

QByteArray SandboxServer::lastRequestId() const
{
    return d->lastRequestId;
}

void SandboxServerPrivate::consumeFaults(const QString &path, FaultEffects *effects,
                                         Transport *transport,
                                         std::optional<SandboxReply> *override)
{
    for (auto it = faults.begin(); it != faults.end();) {
        if (!it->path.isEmpty() && !path.contains(it->path, Qt::CaseInsensitive)) {
            ++it;
            continue;
        }
        switch (it->kind) {
        case Fault::Kind::Latency:
            transport->latencyMs += it->value;
            break;
        case Fault::Kind::HttpStatus: {
            SandboxReply reply =
                envelopeError(it->value, 5000,
                              it->value == 429 ? u"Too many requests, slow down (sandbox fault)"_s
                                               : u"Service error (sandbox fault)"_s);
            if (it->value == 429 || it->value == 503)
                reply.extraHeaders.append(std::pair<QByteArray, QByteArray>("Retry-After", "1"));
            *override = reply;
            break;
        }
        case Fault::Kind::ErrorCode:
            *override = envelopeError(200, it->value, messageForErrorCode(it->value));
            break;
        case Fault::Kind::ExpiredToken:
            effects->expiredToken = true;
            break;
        case Fault::Kind::AmlMatch:
            effects->amlMatch = true;
            break;
        case Fault::Kind::Spoof:
            effects->spoof = true;
            break;
        case Fault::Kind::LivenessFail:
            effects->livenessFail = true;
            break;
        case Fault::Kind::MalformedJson:
            transport->malformedJson = true;
            break;
        case Fault::Kind::Truncate:
            transport->truncate = true;
            break;
        case Fault::Kind::CloseConnection:
            transport->close = true;
            break;
        case Fault::Kind::Drip:
            transport->dripBytesPerSecond = it->value;
            break;
        case Fault::Kind::Gateway:
            transport->gatewayStatus = it->value;
            break;
        }
        if (it->count > 0 && --it->count == 0)
            it = faults.erase(it);
        else
            ++it;
    }
}

SandboxReply SandboxServerPrivate::faultsEndpoint(const SandboxRequest &request, bool fromLoopback)
{
    if (!fromLoopback)
        return envelopeError(403, 5000, u"The fault endpoint is for loopback clients only"_s);
    if (request.method == "DELETE") {
        faults.clear();
        return envelope(200, QJsonObject{{u"faults"_s, QJsonArray()}});
    }
    if (request.method == "POST") {
        const QJsonDocument doc = QJsonDocument::fromJson(request.body);
        const QString spec = doc.object().value("spec"_L1).toString();
        QString problem;
        const std::optional<Fault> fault = Fault::parse(spec, &problem);
        if (!fault)
            return envelopeError(400, 5008, problem);
        faults.append(*fault);
    } else if (request.method != "GET") {
        return envelopeError(405, 5000, u"Use GET, POST or DELETE"_s);
    }
    QJsonArray list;
    for (const Fault &f : std::as_const(faults))
        list.append(f.toString());
    return envelope(200, QJsonObject{{u"faults"_s, list}});
}

void SandboxServerPrivate::dispatch(const EndpointInfo *endpoint,
                                    const QHttpServerRequest &httpRequest,
                                    QHttpServerResponder &&responder)
{
    QElapsedTimer timer;
    timer.start();
    SandboxRequest request;
    request.method = methodName(httpRequest.method());
    request.path = httpRequest.url().path();
    request.query = httpRequest.query();
    for (const auto &header : httpRequest.headers())
        request.headers.insert(header.first.toLower(), header.second);
    request.body = httpRequest.body();
    request.requestId = cleanRequestId(request.header("x-request-id"));
    ++requestTotal;
    {
        // Endpoints count under their own path (whatever the case sent); other paths only
        // while fewer than kMaxTrackedPaths are known, then in the total alone.
        const QString key =
            endpoint ? QString(endpoint->path) : request.path.left(kMaxTrackedPathLength);
        auto it = pathCounts.find(key);
        if (it != pathCounts.end())
            ++it.value();
        else if (endpoint || pathCounts.size() < kMaxTrackedPaths + endpointTable().size())
            pathCounts.insert(key, 1);
    }
    lastRequestId = request.requestId;

    FaultEffects effects;
    Transport transport;
    std::optional<SandboxReply> override;
    if (endpoint && endpoint->endpoint == Endpoint::SandboxFaults) {
        override = faultsEndpoint(request, httpRequest.remoteAddress().isLoopback());
    } else {
        consumeFaults(request.path, &effects, &transport, &override);
        if (!endpoint)
            override = override.value_or(envelopeError(404, 5000, u"No such endpoint"_s));
        else if (request.method != QByteArray(endpoint->method.data(), endpoint->method.size()))
            override = override.value_or(envelopeError(405, 5000, u"Method not allowed"_s));
    }

    if (transport.latencyMs <= 0) {
        finish(endpoint, request, responder, effects, transport, std::move(override), timer);
        return;
    }
    // Deferred answer: keep the responder alive, and give up if the client went away.
    auto shared = std::make_shared<QHttpServerResponder>(std::move(responder));
    QPointer<QTcpSocket> socket = shared->socket();
    QTimer::singleShot(
        transport.latencyMs, q,
        [this, shared, socket, endpoint, request, effects, transport, override, timer]() {
            if (!socket || socket->state() != QAbstractSocket::ConnectedState) {
                const QString line =
                    u"%1 %2 0 error_code=0 id=%3 %4ms (client left before the delayed answer)"_s
                        .arg(QString::fromLatin1(request.method), request.path,
                             QString::fromLatin1(request.requestId),
                             QString::number(timer.elapsed()));
                qCDebug(lcSandbox).noquote() << line;
                Q_EMIT q->requestLogged(line);
                return;
            }
            finish(endpoint, request, *shared, effects, transport, override, timer);
        });
}

void SandboxServerPrivate::finish(const EndpointInfo *endpoint, const SandboxRequest &request,
                                  QHttpServerResponder &responder, const FaultEffects &effects,
                                  const Transport &transport, std::optional<SandboxReply> override,
                                  const QElapsedTimer &timer)
{
    const auto log = [&](int status, int errorCode, const char *note) {
        const QString line = u"%1 %2 %3 error_code=%4 id=%5 %6ms%7"_s.arg(
            QString::fromLatin1(request.method), request.path, QString::number(status),
            QString::number(errorCode), QString::fromLatin1(request.requestId),
            QString::number(timer.elapsed()), QString::fromLatin1(note));
        qCDebug(lcSandbox).noquote() << line;
        Q_EMIT q->requestLogged(line);
    };
    QTcpSocket *socket = responder.socket();
    if (transport.close) {
        log(0, 0, " (fault: connection closed)");
        socket->disconnectFromHost();
        return;
    }
    SandboxReply reply =
        override ? *override : service->handle(endpoint->endpoint, request, effects);
    if (transport.gatewayStatus > 0) {
        // What a reverse proxy sends when it lost the upstream's answer: the service has
        // acted on the request (a user may be registered), the client cannot know.
        const QByteArray title = QByteArray::number(transport.gatewayStatus) + " Gateway Error";
        reply = SandboxReply{transport.gatewayStatus,
                             "text/html",
                             "<html><head><title>" + title + "</title></head><body><h1>" + title +
                                 "</h1></body></html>\n",
                             0,
                             {}};
    }
    QByteArray body = reply.body;
    if (transport.malformedJson && reply.contentType == "application/json")
        body = body.left(body.size() / 2) + "<!-- upstream error -->";
    responder.writeStatusLine(QHttpServerResponder::StatusCode(reply.status));
    responder.writeHeader("Content-Type", reply.contentType);
    responder.writeHeader("X-Request-Id", request.requestId);
    // Like any real server (RFC 9110): kioskctl doctor compares it with the local clock.
    responder.writeHeader(
        "Date", QLocale::c()
                    .toString(QDateTime::currentDateTimeUtc(), u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s)
                    .toLatin1());
    for (const auto &header : std::as_const(reply.extraHeaders))
        responder.writeHeader(header.first, header.second);
    responder.writeHeader("Content-Length", QByteArray::number(body.size()));
    if (transport.truncate) {
        // Promise the whole body, send half of it, hang up.
        responder.writeBody(body.left(body.size() / 2));
        socket->flush();
        socket->disconnectFromHost();
        log(reply.status, reply.errorCode, " (fault: truncated)");
        return;
    }
    if (transport.dripBytesPerSecond > 0) {
        dripBody(std::make_shared<QHttpServerResponder>(std::move(responder)), body,
                 transport.dripBytesPerSecond);
        log(reply.status, reply.errorCode, " (fault: slow drip)");
        return;
    }
    responder.writeBody(body);
    log(reply.status, reply.errorCode, transport.malformedJson ? " (fault: malformed json)" : "");
}

} // namespace kiosk::sandbox
