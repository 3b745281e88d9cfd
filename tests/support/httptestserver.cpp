#include "httptestserver.h"

#include <QJsonDocument>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace kiosk::test {

namespace {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 415:
        return "Unsupported Media Type";
    case 422:
        return "Unprocessable Entity";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

} // namespace

QByteArray HttpRequest::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

bool HttpRequest::hasHeader(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        Q_UNUSED(value)
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QString HttpRequest::queryItem(const QString &key) const
{
    const QUrlQuery q(QString::fromLatin1(query));
    return q.queryItemValue(key, QUrl::FullyDecoded);
}

bool HttpRequest::hasQueryItem(const QString &key) const
{
    return QUrlQuery(QString::fromLatin1(query)).hasQueryItem(key);
}

QJsonObject HttpRequest::json() const
{
    return QJsonDocument::fromJson(body).object();
}

void HttpResponse::setHeader(const QByteArray &name, const QByteArray &value)
{
    headers.append(QPair<QByteArray, QByteArray>(name, value));
}

HttpResponse HttpResponse::json(const QJsonObject &object, int status)
{
    return raw(status, QJsonDocument(object).toJson(QJsonDocument::Compact));
}

HttpResponse HttpResponse::raw(int status, const QByteArray &body, const QByteArray &contentType)
{
    HttpResponse r;
    r.status = status;
    r.body = body;
    if (!contentType.isEmpty())
        r.setHeader("Content-Type", contentType);
    return r;
}

HttpTestServer::HttpTestServer(QObject *parent)
    : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &HttpTestServer::onNewConnection);
}

HttpTestServer::~HttpTestServer() = default;

bool HttpTestServer::listen(quint16 port)
{
    return m_server.listen(QHostAddress::LocalHost, port);
}

quint16 HttpTestServer::port() const
{
    return m_server.serverPort();
}

QUrl HttpTestServer::url() const
{
    QUrl u;
    u.setScheme(u"http"_s);
    u.setHost(u"127.0.0.1"_s);
    u.setPort(port());
    return u;
}

quint16 HttpTestServer::unusedPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 1;
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

void HttpTestServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        socket->setParent(this);
        m_buffers.insert(socket, {});
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            m_busy.remove(socket);
            socket->deleteLater();
        });
    }
}

void HttpTestServer::onReadyRead(QTcpSocket *socket)
{
    QByteArray &buffer = m_buffers[socket];
    buffer += socket->readAll();
    while (!m_busy.value(socket)) {
        const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return;
        const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
        HttpRequest request;
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        request.method = requestLine.value(0);
        request.target = requestLine.value(1);
        const qsizetype q = request.target.indexOf('?');
        request.path = q < 0 ? request.target : request.target.left(q);
        request.query = q < 0 ? QByteArray() : request.target.mid(q + 1);
        qsizetype contentLength = 0;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray name = line.left(colon).trimmed();
            const QByteArray value = line.mid(colon + 1).trimmed();
            request.headers.append(QPair<QByteArray, QByteArray>(name, value));
            if (name.compare("content-length", Qt::CaseInsensitive) == 0)
                contentLength = value.toLongLong();
        }
        const qsizetype bodyStart = headerEnd + 4;
        if (buffer.size() < bodyStart + contentLength)
            return;
        request.body = buffer.mid(bodyStart, contentLength);
        buffer.remove(0, bodyStart + contentLength);

        m_requests.append(request);
        Q_EMIT requestReceived();
        HttpResponse response;
        if (m_handler)
            m_handler(request, &response);
        else
            response = HttpResponse::raw(404, "{}");
        m_busy[socket] = true;
        if (response.delayMs > 0) {
            QPointer<QTcpSocket> guard(socket);
            QTimer::singleShot(response.delayMs, this, [this, guard, request, response] {
                if (guard)
                    respond(guard, request, response);
            });
        } else {
            respond(socket, request, response);
        }
    }
}

void HttpTestServer::respond(QTcpSocket *socket, const HttpRequest &request,
                             const HttpResponse &response)
{
    Q_UNUSED(request)
    switch (response.action) {
    case HttpResponse::Action::Hang:
        return; // stays busy: nothing more is answered on this connection
    case HttpResponse::Action::Close:
        socket->disconnectFromHost();
        return;
    case HttpResponse::Action::Answer:
    case HttpResponse::Action::Truncate:
    case HttpResponse::Action::Drip:
    case HttpResponse::Action::Stream:
        break;
    }
    QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' +
                     reasonPhrase(response.status) + "\r\n";
    for (const auto &[name, value] : response.headers)
        out += name + ": " + value + "\r\n";
    const qint64 length = response.action == HttpResponse::Action::Stream
                              ? std::max<qint64>(response.streamBytes, response.body.size())
                              : response.body.size();
    if (response.action != HttpResponse::Action::Stream || response.announceLength) {
        out += "Content-Length: " + QByteArray::number(length) + "\r\n";
        out += "Connection: keep-alive\r\n\r\n";
    } else {
        out += "Connection: close\r\n\r\n";
    }
    if (response.action == HttpResponse::Action::Drip) {
        socket->write(out);
        drip(socket, response.body, 0, response.dripIntervalMs);
        return;
    }
    if (response.action == HttpResponse::Action::Stream) {
        socket->write(out + response.body);
        stream(socket, length - response.body.size());
        return;
    }
    if (response.action == HttpResponse::Action::Truncate) {
        const qsizetype sent =
            response.truncateTo >= 0 ? response.truncateTo : response.body.size() / 2;
        out += response.body.left(sent);
        socket->write(out);
        socket->flush();
        socket->disconnectFromHost();
        return;
    }
    out += response.body;
    socket->write(out);
    m_busy[socket] = false;
    if (!m_buffers.value(socket).isEmpty())
        QTimer::singleShot(0, socket, [this, socket] { onReadyRead(socket); });
}

void HttpTestServer::drip(QTcpSocket *socket, const QByteArray &body, qsizetype next,
                          int intervalMs)
{
    if (next >= body.size())
        return; // stays busy: the connection was used up by the drip
    QPointer<QTcpSocket> guard(socket);
    QTimer::singleShot(intervalMs, this, [this, guard, body, next, intervalMs] {
        if (!guard || guard->state() != QAbstractSocket::ConnectedState)
            return;
        guard->write(body.mid(next, 1));
        drip(guard, body, next + 1, intervalMs);
    });
}

void HttpTestServer::stream(QTcpSocket *socket, qint64 left)
{
    // Filler is written as the client drains the socket, so the test never holds the
    // whole announced answer in memory.
    m_streamLeft[socket] = left;
    const auto pump = [this, socket] {
        qint64 &remaining = m_streamLeft[socket];
        constexpr qint64 chunk = 256 * 1024;
        while (remaining > 0 && socket->bytesToWrite() < 2 * chunk) {
            const qint64 n = std::min(chunk, remaining);
            socket->write(QByteArray(n, 'A'));
            remaining -= n;
        }
    };
    connect(socket, &QTcpSocket::bytesWritten, this, pump);
    connect(socket, &QTcpSocket::disconnected, this,
            [this, socket] { m_streamLeft.remove(socket); });
    pump();
}

} // namespace kiosk::test
