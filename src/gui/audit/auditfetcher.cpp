#include "auditfetcher.h"

#include <QLabel>

using namespace Qt::StringLiterals;

namespace kiosk {

AuditFetcher::AuditFetcher(QLabel *messageLabel, QObject *parent)
    : QObject(parent)
    , m_label(messageLabel)
{
    m_label->setTextFormat(Qt::PlainText);
}

AuditFetcher::~AuditFetcher()
{
    // The replies are children of the clients, which outlive the audit screen. No
    // busyChanged() now: the tab that would relay it is being destroyed.
    deleteCalls();
}

void AuditFetcher::drop()
{
    deleteCalls();
    updateBusy();
}

void AuditFetcher::deleteCalls()
{
    // Deleting a call aborts its transfer; no finished() is delivered to us any more.
    const QList<QPointer<api::ApiCall>> dropped = std::exchange(m_calls, {});
    for (const QPointer<api::ApiCall> &call : dropped) {
        if (call) {
            call->disconnect(this);
            delete call.data();
        }
    }
}

void AuditFetcher::cancel()
{
    // finished() follows from the event loop with Kind::Cancelled; the handlers show it.
    for (const QPointer<api::ApiCall> &call : std::as_const(m_calls)) {
        if (call)
            call->cancel();
    }
}

void AuditFetcher::setMessage(Severity severity, Text text)
{
    m_text = std::move(text);
    m_label->setText(m_text ? m_text() : QString());
    m_label->setStyleSheet(severity == Severity::Error ? u"color: #b00020;"_s : QString());
    m_label->setProperty("severity", severity == Severity::Error ? u"error"_s : u"info"_s);
}

void AuditFetcher::showFailure(const api::ApiError &error, Headline headline, Text cancelled)
{
    setMessage(Severity::Error, [error, headline, cancelled] {
        if (error.kind() == api::ApiError::Kind::Cancelled)
            return cancelled();
        return failureText(headline(error), error);
    });
}

void AuditFetcher::retranslate()
{
    if (m_text)
        m_label->setText(m_text());
}

QString AuditFetcher::failureText(const QString &headline, const api::ApiError &error)
{
    QString text = headline + u'\n' + error.fullMessage();
    if (!error.requestId().isEmpty())
        text += u'\n' + tr("Request ID for support: %1").arg(error.requestId());
    return text;
}

QString AuditFetcher::imageFailureText(const api::ApiError &error)
{
    return error.kind() == api::ApiError::Kind::Cancelled
               ? error.message()
               : failureText(tr("The image could not be fetched."), error);
}

bool AuditFetcher::needsSignIn(const api::ApiError &error)
{
    // Unauthorized, or the sandbox's and Vlens' envelope code 5004 with HTTP 401.
    return error.kind() == api::ApiError::Kind::Unauthorized ||
           error.kind() == api::ApiError::Kind::NotAuthenticated || error.httpStatus() == 401;
}

void AuditFetcher::updateBusy()
{
    const bool busy =
        std::any_of(m_calls.cbegin(), m_calls.cend(),
                    [](const QPointer<api::ApiCall> &call) { return !call.isNull(); });
    if (busy == m_busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged(busy);
}

} // namespace kiosk
