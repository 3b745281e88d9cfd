#include "frameworker.h"

#include "logging.h"

#include <atomic>
#include <exception>
#include <memory>

namespace kiosk {

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
    const quint64 generation = m_generation;
    auto remaining = std::make_shared<std::atomic<int>>(int(parts.size()));
    auto shared = std::make_shared<Completion>(std::move(done));
    for (Part &part : parts) {
        m_pool.start([this, part = std::move(part), remaining, shared, generation]() {
            try {
                part();
            } catch (const std::exception &e) {
                // Parts catch cv::Exception themselves; this is the last line of defence,
                // since no exception may leave a pool thread.
                qCWarning(lcCamera) << "image work failed:" << e.what();
            }
            if (remaining->fetch_sub(1, std::memory_order_acq_rel) == 1) {
                QMetaObject::invokeMethod(
                    this, [this, shared, generation]() { complete(generation, *shared); },
                    Qt::QueuedConnection);
            }
        });
    }
    return true;
}

void FrameWorker::cancel()
{
    ++m_generation;
}

void FrameWorker::complete(quint64 generation, const Completion &done)
{
    m_busy = false;
    if (generation == m_generation && done)
        done();
    if (!m_busy) // the completion may have started the next job
        Q_EMIT idle();
}

} // namespace kiosk
