#include "sessionjournal.h"

#include "sessiontracker.h"

#include <QCoreApplication>

#include <sys/uio.h>
#include <systemd/sd-journal.h>

#include <vector>

using namespace Qt::StringLiterals;

namespace kiosk::metrics {

JournalSink::~JournalSink() = default;

void SystemdJournalSink::send(const Fields &fields)
{
    std::vector<QByteArray> lines;
    lines.reserve(size_t(fields.size()));
    std::vector<iovec> vector;
    vector.reserve(size_t(fields.size()));
    for (const auto &field : fields) {
        lines.push_back(field.first + '=' + field.second);
        vector.push_back({lines.back().data(), size_t(lines.back().size())});
    }
    sd_journal_sendv(vector.data(), int(vector.size()));
}

SessionJournal::SessionJournal(SessionTracker *tracker, JournalSink *sink, QObject *parent)
    : QObject(parent)
    , m_sink(sink)
{
    connect(tracker, &SessionTracker::sessionStarted, this, [this] {
        send("session started", {{"KIOSK_EVENT", "session_started"}});
    });
    connect(tracker, &SessionTracker::stepFailed, this,
            [this](const flow::Failure &failure, bool retake, const QString &transactionId) {
                const QByteArray step = stepName(failure.step).toLatin1();
                const QByteArray code =
                    (failure.error.isError() ? errorCode(failure.error) : failureReason(failure))
                        .toLatin1();
                JournalSink::Fields fields{{"KIOSK_EVENT", "step_failed"},
                                           {"KIOSK_STEP", step},
                                           {"KIOSK_ERROR_CODE", code},
                                           {"KIOSK_RETAKE", retake ? "1" : "0"}};
                if (!failure.error.requestId().isEmpty())
                    fields.append({"KIOSK_REQUEST_ID", failure.error.requestId().toLatin1()});
                if (!transactionId.isEmpty())
                    fields.append({"KIOSK_TRANSACTION_ID", transactionId.toLatin1()});
                send("step " + step + " failed: " + code, fields);
            });
    connect(tracker, &SessionTracker::sessionFinished, this,
            [this](const SessionLabels &labels, double seconds, const QString &transactionId,
                   const QString &lastRequestId) {
                const QByteArray outcome = labels.outcome.toLatin1();
                JournalSink::Fields fields{
                    {"KIOSK_EVENT", "session_ended"},
                    {"KIOSK_OUTCOME", outcome},
                    {"KIOSK_REASON", labels.reason.toLatin1()},
                    {"KIOSK_DURATION_S", QByteArray::number(seconds, 'f', 1)}};
                if (!lastRequestId.isEmpty())
                    fields.append({"KIOSK_REQUEST_ID", lastRequestId.toLatin1()});
                if (!transactionId.isEmpty())
                    fields.append({"KIOSK_TRANSACTION_ID", transactionId.toLatin1()});
                send("session ended: " + outcome + " (" + labels.reason.toLatin1() + ")", fields);
            });
}

void SessionJournal::send(const QByteArray &message, const JournalSink::Fields &fields)
{
    JournalSink::Fields all{{"MESSAGE", message},
                            {"PRIORITY", "6"},
                            {"SYSLOG_IDENTIFIER", QCoreApplication::applicationName().toLatin1()}};
    all += fields;
    m_sink->send(all);
}

} // namespace kiosk::metrics
