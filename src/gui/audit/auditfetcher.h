#pragma once

#include "api/apicall.h"
#include "api/apierror.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>

class QLabel;

namespace kiosk {

// One audit tab's requests and its message line. It starts a call and tracks it until it
// ends (isBusy()/busyChanged() drive the host's progress bar), turns an api::ApiError into
// the text the agent reads, and shows every message as plain text (service texts are never
// markup). Messages are functions so that a language change shows them again, translated.
class AuditFetcher : public QObject
{
    Q_OBJECT

public:
    using Text = std::function<QString()>;
    // The headline for a failed call; the details and the request ID are added to it.
    using Headline = std::function<QString(const api::ApiError &)>;
    enum class Severity
    {
        Info,
        Error
    };

    explicit AuditFetcher(QLabel *messageLabel, QObject *parent = nullptr);
    ~AuditFetcher() override;

    // Tracks reply until it finishes, then calls handler(const api::ApiReply<T> &).
    template<typename Reply, typename Handler>
    void start(Reply *reply, Handler handler)
    {
        m_calls.append(reply);
        connect(reply, &api::ApiCall::finished, this, [this, reply, handler] {
            m_calls.removeAll(reply);
            reply->deleteLater();
            handler(*reply);
            updateBusy();
        });
        updateBusy();
    }
    // Deletes the calls in flight (aborting their transfers); no handler runs for them.
    void drop();
    // Asks the calls in flight to cancel: their handlers see ApiError::Kind::Cancelled.
    void cancel();
    bool isBusy() const { return m_busy; }

    void setMessage(Severity severity, Text text);
    void clearMessage() { setMessage(Severity::Info, {}); }
    // A failed call as an error message: cancelled() when the agent cancelled it, else the
    // headline with the error's details.
    void showFailure(const api::ApiError &error, Headline headline, Text cancelled);
    void retranslate();

    // The headline, the error's full message and, when the service gave one, the request ID.
    static QString failureText(const QString &headline, const api::ApiError &error);
    // The text for an image that could not be fetched.
    static QString imageFailureText(const api::ApiError &error);
    // A 401 that survived the client's one token refresh: only a new sign-in helps.
    static bool needsSignIn(const api::ApiError &error);

Q_SIGNALS:
    void busyChanged(bool busy);

private:
    void deleteCalls();
    void updateBusy();

    QLabel *m_label;
    QList<QPointer<api::ApiCall>> m_calls;
    Text m_text;
    bool m_busy = false;
};

} // namespace kiosk
