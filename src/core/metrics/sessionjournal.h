#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>

namespace kiosk::metrics {

class SessionTracker;

// Where structured journal entries go. Fields are journald's: upper-case names,
// MESSAGE and PRIORITY included.
class JournalSink
{
public:
    using Fields = QList<QPair<QByteArray, QByteArray>>;
    virtual ~JournalSink();
    virtual void send(const Fields &fields) = 0;
};

// The production sink: sd_journal_sendv() to the local journald (nothing happens when
// no journald runs; stderr still carries the ordinary log lines).
class SystemdJournalSink : public JournalSink
{
public:
    void send(const Fields &fields) override;
};

// Session events as structured journal entries for central log shipping:
// KIOSK_EVENT (session_started, step_failed, session_ended), KIOSK_OUTCOME, KIOSK_STEP,
// KIOSK_ERROR_CODE, KIOSK_REQUEST_ID, KIOSK_TRANSACTION_ID. Ids and outcomes only:
// never a phone, name, national ID or image.
class SessionJournal : public QObject
{
    Q_OBJECT

public:
    SessionJournal(SessionTracker *tracker, JournalSink *sink, QObject *parent = nullptr);

private:
    void send(const QByteArray &message, const JournalSink::Fields &fields);

    JournalSink *m_sink;
};

} // namespace kiosk::metrics
