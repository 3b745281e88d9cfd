#include "burstcontroller.h"

#include "cameraoptions.h"
#include "clock.h"
#include "framesource.h"
#include "imaging/budgetencoder.h"
#include "imaging/burstcheck.h"
#include "imaging/matimage.h"
#include "logging.h"
#include "settings/settings.h"
#include "threadhandover.h"

#include <opencv2/imgproc.hpp>

#include <QElapsedTimer>
#include <QRunnable>
#include <QScopeGuard>

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>

using namespace Qt::StringLiterals;

namespace kiosk {

BurstOptions BurstOptions::fromSettings(const Settings &settings)
{
    BurstOptions o;
    const QList<int> offsets = parseOffsets(settings.string(Settings::Key::BurstOffsetsMs));
    if (offsets.size() >= 2)
        o.offsetsMs = offsets;
    o.windowMs = qMax(1, settings.integer(Settings::Key::BurstMaxSpanMs));
    o.attempts = qMax(1, settings.integer(Settings::Key::BurstAttempts));
    return o;
}

const char *burstMissName(BurstMiss miss)
{
    switch (miss) {
    case BurstMiss::Late:
        return "late";
    case BurstMiss::NotDistinct:
        return "not-distinct";
    case BurstMiss::Interrupted:
        return "interrupted";
    case BurstMiss::TimedOut:
        return "timed-out";
    case BurstMiss::EncodeFailed:
        return "encode-failed";
    }
    return "unknown";
}

double BurstResult::plannedSpanMs() const
{
    return plannedMs.isEmpty() ? 0 : plannedMs.constLast() - plannedMs.constFirst();
}

double BurstResult::spanMs() const
{
    return achievedMs.isEmpty() ? 0 : achievedMs.constLast() - achievedMs.constFirst();
}

namespace {

// Times of a burst on one clock: the backend's when every frame has one, else arrival.
bool allTimestamped(const QList<CameraFrame> &frames)
{
    return std::all_of(frames.cbegin(), frames.cend(),
                       [](const CameraFrame &f) { return f.timestampUs >= 0; });
}

qint64 frameTime(const CameraFrame &f, bool backend)
{
    return backend ? f.timestampUs : f.arrivalUs;
}

// A small BGR copy of the frame for the distinctness check (area-downscaled to at most
// checkWidth wide).
cv::Mat checkCopy(const QImage &image, int width)
{
    const cv::Mat pixels = matViewOrCopy(image);
    if (pixels.empty())
        return {};
    cv::Mat small = pixels;
    if (pixels.cols > width) {
        const int height = std::max(1, cvRound(double(pixels.rows) * width / pixels.cols));
        cv::resize(pixels, small, cv::Size(width, height), 0, 0, cv::INTER_AREA);
    }
    cv::Mat bgr;
    if (small.channels() == 4)
        cv::cvtColor(small, bgr, cv::COLOR_BGRA2BGR);
    else
        bgr = small.data == pixels.data ? small.clone() : small; // never the image's memory
    return bgr;
}

} // namespace

struct BurstController::Taken
{
    explicit Taken(CameraFrame taken)
        : frame(std::move(taken))
    {}

    // Converts, encodes and copies the frame once: the first caller does the work, a
    // caller that comes while it runs waits for it, later ones find it done. Thread-safe.
    void ensure(const Encoder &encoder, bool fromEarlyPool = false)
    {
        const std::lock_guard<std::mutex> locker(lock);
        if (done)
            return;
        done = true;
        early = fromEarlyPool;
        QElapsedTimer timer;
        timer.start();
        try {
            small = checkCopy(frame.image(), checkWidth);
            if (encoder)
                jpeg = encoder(frame);
        } catch (const std::exception &e) { // cv::Exception, or no memory for a 4K frame
            qCWarning(lcCamera) << "burst frame work failed:" << e.what();
            jpeg.clear();
            small = cv::Mat();
        }
        workMs = timer.elapsed();
    }
    // ensure() from the early pool: skipped once the attempt is over.
    void ensureEarly(const Encoder &encoder)
    {
        if (!abandoned.load())
            ensure(encoder, true);
    }

    const CameraFrame frame;
    std::atomic<bool> abandoned{false};
    std::mutex lock;
    // Under lock:
    bool done = false;
    bool early = false; // the work was done while the burst waited
    QByteArray jpeg;    // empty: no encoder, or the encode failed
    cv::Mat small;      // empty: the conversion failed
    qint64 workMs = 0;
};

// One frame's early work, on the early pool. A QRunnable of its own, so that it can take
// over (for ThreadSanitizer) before it reads anything it was given.
class BurstController::EarlyWork : public QRunnable
{
public:
    EarlyWork(std::shared_ptr<Taken> taken, Encoder encoder)
        : m_taken(std::move(taken))
        , m_encoder(std::move(encoder))
    {}

    void run() override
    {
        takeOver(this);
        m_taken->ensureEarly(m_encoder);
    }

private:
    std::shared_ptr<Taken> m_taken;
    Encoder m_encoder;
};

BurstController::BurstController(FrameSource *source, const Clock &clock, BurstOptions options,
                                 QObject *parent)
    : QObject(parent)
    , m_source(source)
    , m_clock(clock)
    , m_options(std::move(options))
    , m_validator(checkBurstValidator())
{
    qRegisterMetaType<kiosk::BurstResult>();
    m_early.setMaxThreadCount(1);
    if (m_options.offsetsMs.size() < 2)
        m_options.offsetsMs = BurstOptions().offsetsMs;
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this]() {
        miss(BurstMiss::TimedOut,
             u"%1 of %2 frames"_s.arg(m_taken.size()).arg(m_options.offsetsMs.size()));
    });
    connect(source, &FrameSource::frameArrived, this, &BurstController::onFrame);
    connect(source, &FrameSource::stateChanged, this, [this](FrameSource::State state) {
        if ((m_state == State::Collecting || m_state == State::Checking) &&
            state != FrameSource::State::Streaming) {
            m_worker.cancel();
            miss(BurstMiss::Interrupted, u"camera left streaming"_s);
        }
    });
}

void BurstController::setTrigger(Trigger trigger)
{
    m_trigger = std::move(trigger);
}

void BurstController::setEncoder(Encoder encoder)
{
    m_encoder = std::move(encoder);
}

BurstController::Encoder BurstController::budgetEncoder(const EncodeOptions &options)
{
    return [options](const CameraFrame &frame) {
        EncodeOptions o = options;
        o.captureTime = frame.captured;
        QElapsedTimer timer;
        timer.start();
        // A camera frame's pixels are read in place (RGB32 as BGRA): the encoder narrows
        // them before dropping the alpha byte, instead of copying the full frame twice.
        const QImage image = frame.image();
        const cv::Mat pixels = matViewOrCopy(image);
        const qint64 convertMs = timer.elapsed();
        const EncodeResult r = BudgetEncoder(o).encode(pixels);
        qCDebug(lcCamera) << "face frame" << frame.sequence << "converted in" << convertMs
                          << "ms, encoded in" << timer.elapsed() - convertMs << "ms";
        if (!r.ok())
            qCWarning(lcCamera) << "burst frame encode failed:" << r.error;
        return r.jpeg;
    };
}

BurstController::Validator BurstController::checkBurstValidator()
{
    return [](const QList<BurstFrame> &burst, int windowMs) {
        const BurstReport report = checkBurst(burst, windowMs, 18.0, int(burst.size()));
        if (report.ok())
            return QString();
        QStringList why;
        for (BurstProblem p : report.problems)
            why << QString::number(int(p));
        return u"checkBurst problems %1 (span %2 ms, scene difference %3)"_s.arg(
            why.join(u','), QString::number(report.spanMs),
            QString::number(report.sceneDifference, 'f', 1));
    };
}

void BurstController::arm()
{
    m_worker.cancel();
    m_deadline.stop();
    m_attempt = 1;
    abandon();
    m_state = State::WaitingTrigger;
}

void BurstController::cancel()
{
    m_worker.cancel();
    m_deadline.stop();
    abandon();
    m_state = State::Idle;
}

// The frames of the attempt are let go: work not started on them never starts.
void BurstController::abandon()
{
    for (const auto &taken : std::as_const(m_taken))
        taken->abandoned.store(true);
    m_taken.clear();
}

double BurstController::frameIntervalMs() const
{
    if (m_gapsUs.isEmpty())
        return 0;
    QList<qint64> gaps = m_gapsUs;
    std::sort(gaps.begin(), gaps.end());
    return gaps.at(gaps.size() / 2) / 1000.0;
}

void BurstController::noteInterval(const CameraFrame &frame)
{
    const qint64 t = frame.timeUs();
    if (frame.session == m_lastSession && m_lastTimeUs >= 0 && t > m_lastTimeUs) {
        m_gapsUs.append(t - m_lastTimeUs);
        if (m_gapsUs.size() > 15)
            m_gapsUs.removeFirst();
    }
    m_lastTimeUs = t;
    m_lastSession = frame.session;
}

void BurstController::onFrame(const CameraFrame &frame)
{
    noteInterval(frame);
    if (m_state == State::WaitingTrigger) {
        if (m_trigger && !m_trigger(frame))
            return;
        abandon();
        m_state = State::Collecting;
        const double interval = qMax(frameIntervalMs(), 33.0);
        m_deadline.start(int(m_options.offsetsMs.constLast() + 4 * interval + 200));
        take(frame);
        return;
    }
    if (m_state != State::Collecting)
        return;
    const CameraFrame &first = m_taken.constFirst()->frame;
    if (frame.session != first.session) {
        miss(BurstMiss::Interrupted, u"camera session restarted"_s);
        return;
    }
    const bool backend = first.timestampUs >= 0 && frame.timestampUs >= 0;
    const double elapsedMs = (frameTime(frame, backend) - frameTime(first, backend)) / 1000.0;
    const int k = int(m_taken.size());
    const double target = m_options.offsetsMs.at(k) - m_options.offsetsMs.constFirst();
    const double halfInterval = qMax(frameIntervalMs(), 1.0) / 2;
    if (elapsedMs < target - halfInterval)
        return;
    if (elapsedMs > m_options.windowMs) {
        miss(BurstMiss::Late, u"frame %1 came %2 ms after the first"_s.arg(k + 1).arg(elapsedMs));
        return;
    }
    take(frame);
    if (m_taken.size() == m_options.offsetsMs.size())
        finish();
}

// Each frame taken is converted (decoded, to RGB), encoded and copied small for the check
// while the burst waits for the next one, 120 ms later, one frame at a time. The last
// frame's work starts at once in finish(), which also waits for the earlier frames' work
// (or does it, when the early pool has not reached it yet).
void BurstController::take(const CameraFrame &frame)
{
    auto taken = std::make_shared<Taken>(frame);
    m_taken.append(taken);
    if (m_taken.size() >= m_options.offsetsMs.size())
        return;
    auto *work = new EarlyWork(std::move(taken), m_encoder); // the pool deletes it
    handOver(work);
    m_early.start(work);
}

void BurstController::finish()
{
    m_deadline.stop();
    BurstResult result;
    for (const auto &t : std::as_const(m_taken))
        result.frames.append(t->frame);
    result.plannedMs = m_options.offsetsMs;
    result.attempt = m_attempt;
    result.backendTimestamps = allTimestamped(result.frames);
    const qint64 t0 = frameTime(result.frames.constFirst(), result.backendTimestamps);
    for (const CameraFrame &f : std::as_const(result.frames))
        result.achievedMs.append(m_options.offsetsMs.constFirst() +
                                 (frameTime(f, result.backendTimestamps) - t0) / 1000.0);

    if (result.spanMs() > m_options.windowMs) {
        miss(BurstMiss::Late,
             u"span %1 ms over %2 ms"_s.arg(result.spanMs()).arg(m_options.windowMs));
        return;
    }
    // On the worker: the last frame's own work, then the check once every frame's work is
    // done; the earlier frames' work is waited for (or done, if the early pool has not got
    // to it) in parallel.
    struct Work
    {
        QString why;
        qint64 checkMs = 0;
    };
    auto work = std::make_shared<Work>();
    const QList<std::shared_ptr<Taken>> taken = m_taken;
    QList<FrameWorker::Part> parts;
    parts.append(
        [work, taken, encoder = m_encoder, validator = m_validator, window = m_options.windowMs]() {
            taken.constLast()->ensure(encoder);
            QList<BurstFrame> burst;
            for (const auto &t : taken) {
                t->ensure(encoder);
                const std::lock_guard<std::mutex> locker(t->lock);
                burst.append({t->small, t->jpeg, t->frame.captured});
            }
            QElapsedTimer timer;
            timer.start();
            try {
                work->why = validator ? validator(burst, window) : QString();
            } catch (const std::exception &e) { // never an unchecked burst
                work->why = u"check failed: "_s + QString::fromUtf8(e.what());
            }
            work->checkMs = timer.elapsed();
        });
    for (qsizetype i = 0; i + 1 < taken.size(); ++i)
        parts.append([t = taken.at(i), encoder = m_encoder]() { t->ensure(encoder); });
    m_state = State::Checking;
    const bool started = m_worker.tryRun(std::move(parts), [this, work, taken, result]() {
        if (m_state != State::Checking)
            return;
        QList<QByteArray> jpegs;
        QList<qint64> workMs;
        int early = 0;
        for (const auto &t : taken) {
            const std::lock_guard<std::mutex> locker(t->lock);
            jpegs.append(t->jpeg);
            workMs.append(t->workMs);
            early += t->early ? 1 : 0;
        }
        qCDebug(lcCamera) << "burst work (ms): per frame" << workMs << "of which" << early
                          << "early, check" << work->checkMs;
        if (!m_encoder)
            jpegs.clear();
        checked(result, work->why, jpegs);
    });
    if (!started) // the job of a cancelled burst still runs: try again with the next frames
        miss(BurstMiss::Interrupted, u"previous check still running"_s);
}

void BurstController::checked(const BurstResult &checkedResult, const QString &why,
                              const QList<QByteArray> &jpegs)
{
    if (!why.isEmpty()) {
        miss(BurstMiss::NotDistinct, why);
        return;
    }
    BurstResult result = checkedResult;
    for (qsizetype i = 0; i < jpegs.size(); ++i) {
        if (jpegs.at(i).isEmpty()) {
            miss(BurstMiss::EncodeFailed, u"frame %1"_s.arg(result.frames.at(i).sequence));
            return;
        }
    }
    result.jpegs = jpegs;
    qCInfo(lcCamera) << "burst taken: planned span" << result.plannedSpanMs() << "ms, achieved"
                     << result.spanMs() << "ms, attempt" << m_attempt;
    abandon();
    m_state = State::Idle;
    Q_EMIT burstCaptured(result);
}

void BurstController::miss(BurstMiss kind, const QString &detail)
{
    m_deadline.stop();
    abandon();
    qCInfo(lcCamera) << "burst attempt" << m_attempt << "discarded:" << burstMissName(kind)
                     << detail;
    if (m_attempt >= m_options.attempts) {
        m_state = State::Idle;
        Q_EMIT burstFailed(kind, detail);
        return;
    }
    ++m_attempt;
    m_state = State::WaitingTrigger;
    Q_EMIT attemptMissed(kind, detail);
}

} // namespace kiosk
