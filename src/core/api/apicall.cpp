#include "apicall.h"

#include "logging.h"
#include "saturating.h"
#include "securewipe.h"

#include <QDateTime>
#include <QEventLoop>
#include <QHostAddress>
#include <QIODevice>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QTimer>
#include <QUuid>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

using namespace Qt::StringLiterals;

namespace kiosk::api {

namespace {

// Errors QNAM reports for a complete answer with an HTTP error status.
bool isHttpLevelError(QNetworkReply::NetworkError error)
{
    const int e = int(error);
    return error == QNetworkReply::NoError || (e >= 201 && e <= 299) ||
           error == QNetworkReply::ProtocolInvalidOperationError || (e >= 401 && e <= 499);
}

// Connection failures after which an idempotent request may be replayed.
bool isRetryableConnectionError(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
        return true;
    default:
        return false;
    }
}

ApiError transportError(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::ProxyConnectionRefusedError:
        return ApiError(ApiError::Kind::ConnectionRefused);
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::ProxyNotFoundError:
        return ApiError(ApiError::Kind::HostNotFound);
    case QNetworkReply::SslHandshakeFailedError:
    case QNetworkReply::InsecureRedirectError:
        return ApiError(ApiError::Kind::Tls);
    case QNetworkReply::TimeoutError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::OperationCanceledError: // Qt 6.4 reports a transfer timeout so
        return ApiError(ApiError::Kind::Timeout);
    default:
        return ApiError(ApiError::Kind::Network);
    }
}

// Retry-After: delay-seconds or an HTTP date; -1 when absent or unreadable.
qint64 retryAfterMs(const QByteArray &value)
{
    const QByteArray v = value.trimmed();
    if (v.isEmpty())
        return -1;
    bool ok = false;
    const qint64 seconds = v.toLongLong(&ok);
    if (ok)
        return seconds < 0 ? -1 : saturating::multiply(seconds, 1000);
    if (!v.isEmpty() &&
        std::all_of(v.cbegin(), v.cend(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::numeric_limits<qint64>::max(); // more digits than a qint64 holds
    const QDateTime when = QDateTime::fromString(QString::fromLatin1(v), Qt::RFC2822Date);
    if (!when.isValid())
        return -1;
    return std::max<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(when));
}

// A request body that cannot be rewound. Qt 6.4's HTTP stack silently re-sends a request
// whose connection closed before any byte of the answer (it takes it for a stale
// keep-alive connection): for a POST that is a blind replay of something the server may
// have processed. Unbuffered and sequential, the body cannot be re-read, so such a resend
// fails (ContentReSendError) and the call reports a network error instead.
class OneShotBody : public QIODevice
{
public:
    OneShotBody(QByteArray data, QObject *parent)
        : QIODevice(parent)
        , m_data(std::move(data))
    {
        open(QIODevice::ReadOnly);
    }
    // The body holds base64 customer images: the last holder zeroes it (securewipe.h).
    ~OneShotBody() override { secureWipe(m_data); }
    bool isSequential() const override { return true; }
    bool reset() override { return false; }
    qint64 bytesAvailable() const override
    {
        return (m_data.size() - m_pos) + QIODevice::bytesAvailable();
    }
    bool atEnd() const override { return m_pos >= m_data.size() && QIODevice::atEnd(); }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 n = std::min<qint64>(maxSize, m_data.size() - m_pos);
        if (n <= 0)
            return m_pos >= m_data.size() ? -1 : 0;
        memcpy(data, m_data.constData() + m_pos, size_t(n));
        m_pos += n;
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_data;
    qint64 m_pos = 0;
};

} // namespace

ApiRequest ApiRequest::jsonPost(const QUrl &baseUrl, const QString &path, const QJsonObject &body)
{
    ApiRequest r;
    r.method = "POST";
    r.url = baseUrl;
    QString basePath = r.url.path();
    while (basePath.endsWith(u'/'))
        basePath.chop(1);
    r.url.setPath(basePath + path);
    r.url.setQuery(QString());
    r.logPath = path;
    r.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return r;
}

bool isAllowedBaseUrl(const QUrl &url, QString *why)
{
    auto fail = [why](const QString &reason) {
        if (why)
            *why = reason;
        return false;
    };
    if (!url.isValid() || url.host().isEmpty())
        return fail(u"the service URL is not a valid absolute URL"_s);
    const QString scheme = url.scheme().toLower();
    if (scheme == u"https"_s)
        return true;
    if (scheme != u"http"_s)
        return fail(u"the service URL must use https://"_s);
    // Literal addresses only: a name (even "localhost") goes through the resolver, and
    // *.localhost is not guaranteed to stay on this machine with every resolver setup.
    const QString host = url.host().toLower();
    const QHostAddress address(host);
    if (!address.isNull() && address.isLoopback())
        return true;
    return fail(u"http:// is only allowed for a literal loopback address (127.0.0.1 or ::1); "
                "use https:// for %1"_s.arg(host));
}

ApiCall::ApiCall(QNetworkAccessManager *nam, ApiRequest request, QObject *parent)
    : QObject(parent)
    , m_nam(nam)
    , m_request(std::move(request))
{
    m_clock.start();
}

ApiCall::~ApiCall()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
    secureWipe(m_request.body); // base64 images; zeroed here if the upload device is gone
}

void ApiCall::start()
{
    if (m_started)
        return;
    m_started = true;
    QTimer::singleShot(0, this, &ApiCall::sendAttempt);
}

void ApiCall::failBeforeSending(const ApiError &error)
{
    m_started = true;
    QTimer::singleShot(0, this, [this, error] { finish(error); });
}

void ApiCall::cancel()
{
    if (m_finished || m_cancelRequested)
        return;
    m_cancelRequested = true;
    if (m_retryTimer)
        m_retryTimer->stop();
    if (m_deadlineTimer)
        m_deadlineTimer->stop();
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
        m_reply = nullptr;
    }
    // finished() always comes from the event loop, never from inside cancel().
    QTimer::singleShot(0, this, [this] { finish(ApiError(ApiError::Kind::Cancelled)); });
}

bool ApiCall::waitForFinished(int timeoutMs)
{
    if (!m_finished) {
        QEventLoop loop;
        connect(this, &ApiCall::finished, &loop, &QEventLoop::quit);
        QTimer guard;
        if (timeoutMs >= 0) {
            guard.setSingleShot(true);
            connect(&guard, &QTimer::timeout, this, &ApiCall::cancel);
            guard.start(timeoutMs);
        }
        if (!m_finished)
            loop.exec();
    }
    return isSuccess();
}

void ApiCall::sendAttempt()
{
    if (m_finished || m_cancelRequested)
        return;

    QNetworkRequest request(m_request.url);
    for (const auto &[name, value] : std::as_const(m_request.headers))
        request.setRawHeader(name, value);
    m_requestId = QUuid::createUuid().toString(QUuid::WithoutBraces).toLower();
    m_requestIds.append(m_requestId);
    request.setRawHeader("X-Request-Id", m_requestId.toLatin1());
    // Out-of-range timeouts saturate: 0 or a negative value would disable Qt's timer.
    const qint64 timeoutMs = std::clamp<qint64>(m_request.timeoutMs, 1, kMaxRequestTimeoutMs);
    const qint64 deadlineMs =
        m_request.deadlineMs > 0 ? std::clamp<qint64>(m_request.deadlineMs, 1, kMaxRequestTimeoutMs)
                                 : timeoutMs;
    request.setTransferTimeout(saturating::timerMs(timeoutMs));
    // No cookie is stored or sent, whatever jar the manager has: the manager is shared by
    // the agent and every customer.
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    // Credentials must never follow a redirect to another origin.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::SameOriginRedirectPolicy);
    request.setAttribute(QNetworkRequest::AuthenticationReuseAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);

    if (m_request.auth != ApiRequest::Auth::None) {
        m_tokenUsed = m_authorizer ? m_authorizer(m_request.auth, &request) : QByteArray();
        if (m_tokenUsed.isEmpty()) {
            finish(ApiError(ApiError::Kind::NotAuthenticated));
            return;
        }
    }

    ++m_attempts;
    m_bytesSent = 0;
    m_body.clear();
    m_attemptClock.start();
    if (!m_deadlineTimer) {
        m_deadlineTimer = new QTimer(this);
        m_deadlineTimer->setSingleShot(true);
        connect(m_deadlineTimer, &QTimer::timeout, this, &ApiCall::onDeadline);
    }
    m_deadlineTimer->start(saturating::timerMs(deadlineMs));
    if (m_request.method == "GET") {
        m_reply = m_nam->get(request);
    } else {
        request.setHeader(QNetworkRequest::ContentLengthHeader, m_request.body.size());
        request.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
        auto *body = new OneShotBody(m_request.body, nullptr);
        m_reply = m_nam->sendCustomRequest(request, m_request.method, body);
        body->setParent(m_reply);
    }

    connect(m_reply, &QNetworkReply::uploadProgress, this, [this](qint64 sent, qint64 total) {
        if (sent == 0 && total == 0)
            return; // QNAM's closing (0, 0) would reset a progress bar
        m_bytesSent = sent;
        Q_EMIT uploadProgress(sent, total);
    });
    connect(m_reply, &QNetworkReply::metaDataChanged, this, [this] {
        if (!m_reply)
            return;
        // A declared size over the cap is refused before a byte of the body is read.
        const QVariant length = m_reply->header(QNetworkRequest::ContentLengthHeader);
        if (length.isValid() && length.toLongLong() > m_request.maxResponseBytes)
            failTooLarge(length.toLongLong());
    });
    connect(m_reply, &QNetworkReply::readyRead, this, &ApiCall::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &ApiCall::onReplyFinished);
}

void ApiCall::onReadyRead()
{
    if (!m_reply)
        return;
    // Drained as it arrives, so Qt never buffers more than one read of an oversized answer.
    const qint64 available = m_reply->bytesAvailable();
    if (m_body.size() + available > m_request.maxResponseBytes) {
        failTooLarge(m_body.size() + available);
        return;
    }
    m_body += m_reply->readAll();
}

void ApiCall::failTooLarge(qint64 bytes)
{
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    const QVariant status =
        reply ? reply->attribute(QNetworkRequest::HttpStatusCodeAttribute) : QVariant();
    if (reply) {
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
    m_body.fill('\0');
    m_body.clear();
    m_httpStatus = status.isValid() ? status.toInt() : 0;
    const auto mb = [](qint64 n) { return QString::number(double(n) / (1024.0 * 1024.0), 'f', 1); };
    ApiError error(
        ApiError::Kind::ResponseTooLarge,
        u"answer of %1 MB or more refused: at most %2 MB are accepted for this call"_s.arg(
            mb(bytes), mb(m_request.maxResponseBytes)));
    error.setHttpStatus(m_httpStatus);
    logAttempt(m_httpStatus, error);
    finish(error);
}

void ApiCall::onDeadline()
{
    if (m_finished || !m_reply)
        return;
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    reply->disconnect(this);
    reply->abort();
    reply->deleteLater();
    m_httpStatus = status.isValid() ? status.toInt() : 0;
    // Never replayed: the server may be processing the request.
    const qint64 allowedMs =
        m_request.deadlineMs > 0 ? m_request.deadlineMs : qint64(m_request.timeoutMs);
    ApiError error(ApiError::Kind::Timeout,
                   u"no complete answer within the %1 s allowed for the whole request"_s.arg(
                       double(std::clamp<qint64>(allowedMs, 1, kMaxRequestTimeoutMs)) / 1000.0));
    logAttempt(m_httpStatus, error);
    finish(error);
}

void ApiCall::onReplyFinished()
{
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    if (!reply)
        return;
    reply->deleteLater();
    reply->disconnect(this);
    if (m_deadlineTimer)
        m_deadlineTimer->stop();
    if (m_finished)
        return;
    if (m_cancelRequested) {
        finish(ApiError(ApiError::Kind::Cancelled));
        return;
    }

    const QNetworkReply::NetworkError netError = reply->error();
    const QVariant statusAttribute = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const int status = statusAttribute.isValid() ? statusAttribute.toInt() : 0;

    if (netError == QNetworkReply::OperationCanceledError ||
        netError == QNetworkReply::TimeoutError) {
        // Not cancelled by us: the transfer timeout fired. Never replayed: the server
        // may be processing the request.
        m_httpStatus = status;
        finish(ApiError(ApiError::Kind::Timeout));
        return;
    }
    if (netError == QNetworkReply::InsecureRedirectError ||
        netError == QNetworkReply::TooManyRedirectsError) {
        // Credentials never follow a redirect to another origin (nor an endless chain).
        m_httpStatus = status;
        const QUrl target = reply->attribute(QNetworkRequest::RedirectionTargetAttribute).toUrl();
        const QUrl where = m_request.url.resolved(
            target.isValid() ? target : QUrl::fromEncoded(reply->rawHeader("Location")));
        QString host = where.host(QUrl::EncodeUnicode);
        if (host.isEmpty())
            host = u"unknown"_s;
        else if (where.port() > 0)
            host += u':' + QString::number(where.port());
        ApiError error(ApiError::Kind::RedirectRefused,
                       netError == QNetworkReply::TooManyRedirectsError
                           ? u"too many redirects refused"_s
                           : u"redirect to another host (%1) refused"_s.arg(host));
        error.setHttpStatus(status);
        logAttempt(status, error);
        finish(error);
        return;
    }
    if (status > 0 && isHttpLevelError(netError)) {
        handleAnswer(reply);
        return;
    }
    if (status > 0) {
        // Headers arrived but the body was cut short (or the framing was broken).
        m_httpStatus = status;
        ApiError error(ApiError::Kind::BadResponse, u"answer cut short"_s);
        error.setHttpStatus(status);
        finish(error);
        return;
    }
    const ApiError error = transportError(netError);
    logAttempt(0, error);
    if (m_request.retryable && isRetryableConnectionError(netError) && scheduleRetry({}))
        return;
    finish(error);
}

void ApiCall::handleAnswer(QNetworkReply *reply)
{
    HttpAnswer answer;
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (m_body.size() + reply->bytesAvailable() > m_request.maxResponseBytes) {
        m_reply = reply; // failTooLarge() disposes of it
        failTooLarge(m_body.size() + reply->bytesAvailable());
        return;
    }
    answer.body = m_body + reply->readAll();
    secureWipe(m_body);
    m_body.clear();
    // Response JSON (OCR, base64 images): zeroed once interpreted, unless still shared.
    const auto wipeBody = qScopeGuard([&answer] { secureWipe(answer.body); });
    answer.contentType = reply->rawHeader("Content-Type");
    m_httpStatus = answer.status;

    if (answer.status == 401 && m_request.auth != ApiRequest::Auth::None && !m_refreshTried &&
        m_refresher) {
        m_refreshTried = true;
        logAttempt(answer.status, ApiError::http(401));
        const bool started =
            m_refresher(m_request.auth, m_tokenUsed, this, [this, answer](bool ok) {
                m_waitingForRefresh = false;
                if (m_finished || m_cancelRequested)
                    return;
                if (ok) {
                    qCInfo(lcApi).noquote()
                        << m_request.method << m_request.logPath << "re-sent after token refresh";
                    sendAttempt();
                    return;
                }
                ApiError error;
                if (m_interpreter(answer, &error))
                    error = ApiError::http(401); // a 401 is never a success
                finish(error);
            });
        if (started) {
            m_waitingForRefresh = true;
            return;
        }
    }

    if (m_request.retryable && (answer.status == 429 || answer.status == 503)) {
        logAttempt(answer.status, ApiError::http(answer.status));
        if (scheduleRetry(reply->rawHeader("Retry-After")))
            return;
    }

    ApiError error;
    if (!m_interpreter) {
        error = ApiError(ApiError::Kind::BadResponse, u"no interpreter"_s);
    } else if (m_interpreter(answer, &error)) {
        error = ApiError();
    } else if (!error.isError()) {
        error = ApiError(ApiError::Kind::BadResponse);
    }
    if (error.isError() && error.httpStatus() == 0)
        error.setHttpStatus(answer.status);
    finish(error);
}

int ApiCall::backoffMs(const QByteArray &retryAfter) const
{
    const double base = double(m_retry.baseDelayMs) * std::pow(2.0, m_retriesDone);
    const double spread =
        1.0 + m_retry.jitter * (2.0 * QRandomGenerator::global()->generateDouble() - 1.0);
    qint64 delay = qint64(std::min(base, double(m_retry.maxDelayMs)) * spread);
    const qint64 serverDelay = retryAfterMs(retryAfter);
    if (serverDelay >= 0)
        delay = std::max(delay, serverDelay);
    return int(std::clamp<qint64>(delay, 0, m_retry.maxDelayMs));
}

bool ApiCall::scheduleRetry(const QByteArray &retryAfter)
{
    if (m_retriesDone >= m_retry.maxRetries)
        return false;
    const int delay = backoffMs(retryAfter);
    ++m_retriesDone;
    if (!m_retryTimer) {
        m_retryTimer = new QTimer(this);
        m_retryTimer->setSingleShot(true);
        connect(m_retryTimer, &QTimer::timeout, this, &ApiCall::sendAttempt);
    }
    qCInfo(lcApi).noquote() << m_request.method << m_request.logPath << "retry" << m_retriesDone
                            << "in" << delay << "ms";
    Q_EMIT retrying(m_retriesDone, delay);
    m_retryTimer->start(delay);
    return true;
}

void ApiCall::finish(const ApiError &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    m_error.setRequestId(m_requestId);
    m_elapsedMs = m_clock.elapsed();
    if (m_retryTimer)
        m_retryTimer->stop();
    if (m_deadlineTimer)
        m_deadlineTimer->stop();
    m_body.fill('\0'); // the answer may hold personal data
    m_body.clear();
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
        m_reply = nullptr;
    }
    qCInfo(lcApi).noquote() << m_request.method << m_request.logPath << "status" << m_httpStatus
                            << "result" << (m_error.isError() ? m_error.logSummary() : u"ok"_s)
                            << "request-id" << m_requestId << "attempts" << m_attempts << "ms"
                            << m_elapsedMs << "sent" << m_request.body.size() << "bytes";
    Q_EMIT finished();
}

void ApiCall::logAttempt(int status, const ApiError &error) const
{
    qCDebug(lcApi).noquote() << m_request.method << m_request.logPath << "attempt" << m_attempts
                             << "status" << status << "result" << error.logSummary() << "request-id"
                             << m_requestId << "ms" << m_attemptClock.elapsed();
}

} // namespace kiosk::api
