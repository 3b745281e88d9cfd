#pragma once

#include <QObject>
#include <QTimer>

namespace kiosk {
class Clock;
}

namespace kiosk::flow {

// Watches a customer's inactivity while a session runs: after idleMs without activity()
// a visible warning of warningMs starts (countdown() each time the whole seconds left
// change), then expired(). Any activity during the warning cancels it. Disarmed (at the
// welcome page) it does nothing. Time comes from the Clock; a timer set to the next
// deadline calls poll(), so tests move a ManualClock and call poll() themselves.
class IdleWatch : public QObject
{
    Q_OBJECT

public:
    explicit IdleWatch(const Clock &clock, QObject *parent = nullptr);

    void setDurations(int idleMs, int warningMs);
    int idleMs() const { return m_idleMs; }
    int warningMs() const { return m_warningMs; }

    void arm();
    void disarm();
    bool isArmed() const { return m_armed; }
    bool isWarning() const { return m_warning; }
    // Whole seconds left in the warning (rounded up); 0 when not warning.
    int secondsLeft() const;

    // Reads the clock and acts on the deadlines it passed (warning, countdown, expiry).
    void poll();

public Q_SLOTS:
    // Input from the customer or the agent: restarts the idle period.
    void activity();

Q_SIGNALS:
    void warningStarted(int secondsLeft);
    void countdown(int secondsLeft);
    void warningCancelled();
    void expired();

private:
    void schedule();
    qint64 nowMs() const;

    const Clock &m_clock;
    QTimer m_timer;
    qint64 m_lastActivityMs = 0;
    qint64 m_deadlineMs = 0; // the end of the warning
    int m_shownSeconds = 0;  // the seconds left last announced
    int m_idleMs = 90000;
    int m_warningMs = 20000;
    bool m_armed = false;
    bool m_warning = false;
};

} // namespace kiosk::flow
