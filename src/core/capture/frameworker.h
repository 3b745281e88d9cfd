#pragma once

#include <QList>
#include <QObject>
#include <QThreadPool>

#include <functional>

namespace kiosk {

// Runs image work (analysis, cropping, encoding) off the GUI thread with one job in
// flight: a job offered while one runs is refused, so the caller drops that frame and
// offers a later one instead of queueing stale frames. A job is one or more parts run in
// parallel on the worker's own pool; when the last part is done, the completion runs on
// the worker's thread (the GUI thread) through a queued call, unless cancel() came
// between. Parts must only touch what they were given (copies, or results owned by the
// job); the completion may use the owner freely. The destructor waits for the job.
class FrameWorker : public QObject
{
    Q_OBJECT

public:
    using Part = std::function<void()>;
    using Completion = std::function<void()>;

    explicit FrameWorker(int threads = 1, QObject *parent = nullptr);
    ~FrameWorker() override;

    // A job is in flight (its completion has not run yet, even after cancel()).
    bool isBusy() const { return m_busy; }
    // Starts the parts unless a job is in flight; false: refused (the frame is dropped).
    bool tryRun(QList<Part> parts, Completion done);
    bool tryRun(Part part, Completion done)
    {
        return tryRun(QList<Part>{std::move(part)}, std::move(done));
    }
    // The completion of the job in flight will not run (its parts still finish).
    void cancel();

Q_SIGNALS:
    // After each job, cancelled or not: the worker takes a new one.
    void idle();

private:
    void complete(quint64 generation, const Completion &done);

    QThreadPool m_pool;
    bool m_busy = false;
    quint64 m_generation = 0;
};

} // namespace kiosk
