#pragma once

#include "apierror.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

#include <functional>

class QJsonObject;
class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;
class QTimer;

namespace kiosk::api {

// The https rule of both clients: https://, or http:// to a literal loopback address
// (127.0.0.0/8 or ::1) for the sandbox and tests. Host names are refused for http://,
// "localhost" and "*.localhost" included: a name may be answered by network DNS, which
// would send the API key and the customer's images in clear text off the machine.
bool isAllowedBaseUrl(const QUrl &url, QString *why = nullptr);

// Largest answers accepted, enforced while the answer streams in. A JSON envelope is a few
// kilobytes; a base64 image is at most ~4/3 of the 5 MB the service stores (vlens-api.md),
// so three times that image leaves room for JSON around it.
constexpr qint64 kMaxJsonResponseBytes = 4 * 1024 * 1024;
constexpr qint64 kMaxImageResponseBytes = 15 * 1024 * 1024;
// Longest timeout or deadline a request may have (a day): larger values saturate to it.
constexpr qint64 kMaxRequestTimeoutMs = 24 * 60 * 60 * 1000;

// How GETs are retried on connection errors, 429 and 503 (POSTs never are).
struct RetryPolicy
{
    int maxRetries = 3;    // retries after the first attempt
    int baseDelayMs = 500; // first back-off; doubles on each retry
    int maxDelayMs = 8000; // cap of one back-off, Retry-After included
    double jitter = 0.25;  // +-25% random spread, so kiosks do not retry in step
};

// One request as the client describes it; the call turns it into HTTP attempts.
struct ApiRequest
{
    enum class Auth
    {
        None,  // API key only
        Admin, // admin/service bearer token
        User,  // end-user bearer token
    };

    QByteArray method = "GET"; // "GET" or "POST"
    QUrl url;                  // full URL, query included
    QString logPath;           // path without query (the query may hold personal data)
    QByteArray body;           // JSON for POSTs
    QList<QPair<QByteArray, QByteArray>> headers;
    Auth auth = Auth::None;
    int timeoutMs = 30000; // inactivity: no byte moved for this long ends the attempt
    qint64 deadlineMs = 0; // total per attempt (connect + transfer); 0 = timeoutMs
    qint64 maxResponseBytes = kMaxJsonResponseBytes; // larger answers are aborted
    bool retryable = false; // idempotent: may be replayed on connection errors, 429, 503

    void addHeader(const QByteArray &name, const QByteArray &value)
    {
        headers.append(QPair<QByteArray, QByteArray>(name, value));
    }

    // A POST of body as compact JSON to path below baseUrl's own path (one slash between
    // them), with no query and no header yet: both clients' requests start here.
    static ApiRequest jsonPost(const QUrl &baseUrl, const QString &path, const QJsonObject &body);
};

// The complete HTTP answer handed to the interpreter of a call.
struct HttpAnswer
{
    int status = 0;
    QByteArray body;
    QByteArray contentType;
};

// One asynchronous API call: a QObject the caller keeps until finished() and then
// deletes (deleteLater) — it is a child of the client, so it also dies with it.
//
// GUI: connect finished() (and uploadProgress()), then read isSuccess()/error() and the
// typed result() of ApiReply<T>. CLI: call waitForFinished() and read the same.
// finished() is emitted exactly once and always from the event loop, never from
// inside the call that created the reply, so connecting after the call is safe.
//
// Behaviour: every HTTP attempt carries a fresh lowercase X-Request-Id (requestId() is
// the last one), an inactivity timeout and a total deadline (a server dripping one byte a
// second cannot keep it alive). An answer larger than the request's maxResponseBytes is
// aborted while it streams in (ResponseTooLarge); a redirect to another origin is refused
// (RedirectRefused). No cookie is ever stored or sent: one QNetworkAccessManager serves
// agent and customers in turn, and a cookie must not carry over from one to the next. On 401 the
// client may refresh the bearer token once and re-send (the server did not process the request).
// Retryable requests (GETs) are re-sent with exponential back-off and jitter on connection errors,
// 429 and 503, honouring Retry-After. A timed-out request is never re-sent. POST bodies are handed
// to Qt unbuffered and non-rewindable, so Qt's own silent re-send of a request whose connection
// closed before any answer cannot replay a POST either (it becomes a Network error); the price is
// that a POST cannot follow a 307/308 redirect.
//
// Privacy: the reply holds the parsed answer (personal data) in memory only; logs carry
// method, path without query, status, error summary, request id, attempts, ms and sizes.
class ApiCall : public QObject
{
    Q_OBJECT

public:
    // Supplied by the client: set the Authorization header and return the token used
    // (empty when none is available); start a token refresh for an auth kind and call
    // back with its outcome (return false if no refresh is possible); turn a complete
    // HTTP answer into a result (true) or an error.
    using Authorizer = std::function<QByteArray(ApiRequest::Auth, QNetworkRequest *)>;
    using Refresher =
        std::function<bool(ApiRequest::Auth, const QByteArray &staleToken, QObject *context,
                           std::function<void(bool refreshed)> done)>;
    using Interpreter = std::function<bool(const HttpAnswer &answer, ApiError *error)>;

    ~ApiCall() override;

    bool isFinished() const { return m_finished; }
    bool isSuccess() const { return m_finished && !m_error.isError(); }
    const ApiError &error() const { return m_error; }
    QString requestId() const { return m_requestId; }
    QStringList requestIds() const { return m_requestIds; }
    int httpStatus() const { return m_httpStatus; }
    int attempts() const { return m_attempts; }
    qint64 elapsedMs() const { return m_elapsedMs; }
    QString logPath() const { return m_request.logPath; }

    // Aborts the call; finished() follows with ApiError::Kind::Cancelled (no-op once
    // finished).
    void cancel();
    // Spins a local event loop until finished (CLI, tests). Returns isSuccess().
    // timeoutMs < 0 waits for the call's own timeouts; on expiry the call is cancelled.
    bool waitForFinished(int timeoutMs = -1);

Q_SIGNALS:
    void uploadProgress(qint64 bytesSent, qint64 bytesTotal);
    void retrying(int attempt, int delayMs);
    void finished();

protected:
    ApiCall(QNetworkAccessManager *nam, ApiRequest request, QObject *parent);

public:
    // Wiring by the client (not for callers).
    void setAuthorizer(Authorizer authorizer) { m_authorizer = std::move(authorizer); }
    void setRefresher(Refresher refresher) { m_refresher = std::move(refresher); }
    void setInterpreter(Interpreter interpreter) { m_interpreter = std::move(interpreter); }
    void setRetryPolicy(const RetryPolicy &policy) { m_retry = policy; }
    // Starts the first attempt from the event loop.
    void start();
    // Finishes (from the event loop) without sending anything.
    void failBeforeSending(const ApiError &error);

private:
    void sendAttempt();
    void onReadyRead();
    void onDeadline();
    void failTooLarge(qint64 bytes);
    void onReplyFinished();
    void handleAnswer(QNetworkReply *reply);
    bool scheduleRetry(const QByteArray &retryAfter);
    int backoffMs(const QByteArray &retryAfter) const;
    void finish(const ApiError &error);
    void logAttempt(int status, const ApiError &error) const;

    QNetworkAccessManager *m_nam;
    ApiRequest m_request;
    Authorizer m_authorizer;
    Refresher m_refresher;
    Interpreter m_interpreter;
    RetryPolicy m_retry;

    QPointer<QNetworkReply> m_reply;
    QTimer *m_retryTimer = nullptr;
    QTimer *m_deadlineTimer = nullptr;
    QByteArray m_body; // the answer so far, capped at m_request.maxResponseBytes
    QByteArray m_tokenUsed;
    bool m_refreshTried = false;
    bool m_waitingForRefresh = false;
    bool m_cancelRequested = false;
    bool m_started = false;
    bool m_finished = false;
    int m_retriesDone = 0;
    int m_attempts = 0;
    int m_httpStatus = 0;
    qint64 m_bytesSent = 0;
    qint64 m_elapsedMs = 0;
    QElapsedTimer m_clock;
    QElapsedTimer m_attemptClock;
    QString m_requestId;
    QStringList m_requestIds;
    ApiError m_error;
};

// A call with a typed result, valid once isSuccess().
template<typename T>
class ApiReply : public ApiCall
{
public:
    ApiReply(QNetworkAccessManager *nam, ApiRequest request, QObject *parent)
        : ApiCall(nam, std::move(request), parent)
    {}
    const T &result() const { return m_result; }
    T *resultStorage() { return &m_result; }

    // Runs a client's parser on what the answer carries (the envelope or the answer
    // itself) into the result. Both clients' rule: a parser's refusal is a BadResponse
    // with the reason and the answer's status.
    template<typename Input, typename Parser>
    bool parseInto(const Parser &parser, const Input &input, int httpStatus, ApiError *error)
    {
        QString reason;
        if (parser(input, &m_result, &reason))
            return true;
        *error = ApiError(ApiError::Kind::BadResponse, reason);
        error->setHttpStatus(httpStatus);
        return false;
    }

private:
    T m_result{};
};

} // namespace kiosk::api
