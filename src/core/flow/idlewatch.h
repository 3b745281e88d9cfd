#pragma once

#include <QDeadlineTimer>
#include <QObject>
#include <QTimer>

namespace kiosk::flow {

// Watches a customer's inactivity while a session runs: after idleMs without activity()
// a visible warning of warningMs starts (countdown() once a second), then expired().
// Any activity during the warning cancels it. Disarmed (at the welcome page) it does nothing.
class IdleWatch : public QObject
{
    Q_OBJECT

public:
    explicit IdleWatch(QObject *parent = nullptr);

    void setDurations(int idleMs, int warningMs);
    int idleMs() const { return m_idleMs; }
    int warningMs() const { return m_warningMs; }

    void arm();
    void disarm();
    bool isArmed() const { return m_armed; }
    bool isWarning() const { return m_warning; }
    // Whole seconds left in the warning (rounded up); 0 when not warning.
    int secondsLeft() const;

public Q_SLOTS:
    // Input from the customer or the agent: restarts the idle period.
    void activity();

Q_SIGNALS:
    void warningStarted(int secondsLeft);
    void countdown(int secondsLeft);
    void warningCancelled();
    void expired();

private:
    void startWarning();
    void tick();
    void expire();

    QTimer m_idle;
    QTimer m_tick;
    QTimer m_expiry;
    QDeadlineTimer m_deadline;
    int m_idleMs = 90000;
    int m_warningMs = 20000;
    bool m_armed = false;
    bool m_warning = false;
};

} // namespace kiosk::flow
