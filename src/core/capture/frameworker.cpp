#include "frameworker.h"

#include "logging.h"
#include "threadhandover.h"

#include <QRunnable>

#include <atomic>
#include <exception>
#include <memory>

namespace kiosk {

struct FrameWorker::Job
{
    QList<Part> parts;
    Completion done;
    quint64 generation = 0;
    std::atomic<int> remaining{0};
};

class FrameWorker::PartRunner : public QRunnable
{
public:
    PartRunner(FrameWorker *worker, std::shared_ptr<Job> job, qsizetype index)
        : m_worker(worker)
        , m_job(std::move(job))
        , m_index(index)
    {}

    void run() override
    {
        takeOver(this);
        try {
            m_job->parts[m_index]();
        } catch (const std::exception &e) {
            // Parts catch cv::Exception themselves; this is the last line of defence,
            // since no exception may leave a pool thread.
            qCWarning(lcCamera) << "image work failed:" << e.what();
        }
        if (m_job->remaining.fetch_sub(1, std::memory_order_acq_rel) == 1) {
            handOver(m_job.get());
            QMetaObject::invokeMethod(m_worker, "complete", Qt::QueuedConnection,
                                      Q_ARG(quint64, m_job->generation));
        }
    }

private:
    FrameWorker *m_worker;
    std::shared_ptr<Job> m_job;
    qsizetype m_index;
};

FrameWorker::FrameWorker(int threads, QObject *parent)
    : QObject(parent)
{
    m_pool.setMaxThreadCount(qMax(1, threads));
    // Threads stay for a session; a worker idle for long gives its threads back.
    m_pool.setExpiryTimeout(60000);
}

FrameWorker::~FrameWorker()
{
    // Parts hold no pointer to this object, but the queued completion does: it is
    // posted before the pool reports done, and ~QObject drops events not yet delivered.
    m_pool.waitForDone();
}

bool FrameWorker::tryRun(QList<Part> parts, Completion done)
{
    if (m_busy || parts.isEmpty())
        return false;
    m_busy = true;
    auto job = std::make_shared<Job>();
    job->parts = std::move(parts);
    job->done = std::move(done);
    job->generation = m_generation;
    job->remaining.store(int(job->parts.size()), std::memory_order_relaxed);
    m_job = job;
    for (qsizetype i = 0; i < job->parts.size(); ++i) {
        auto *runner = new PartRunner(this, job, i);
        handOver(runner);
        m_pool.start(runner); // the pool deletes it after run()
    }
    return true;
}

void FrameWorker::cancel()
{
    ++m_generation;
}

void FrameWorker::complete(quint64 generation)
{
    const std::shared_ptr<Job> job = std::move(m_job);
    if (job)
        takeOver(job.get());
    m_busy = false;
    if (job && generation == m_generation && job->done)
        job->done();
    if (!m_busy) // the completion may have started the next job
        Q_EMIT idle();
}

} // namespace kiosk
