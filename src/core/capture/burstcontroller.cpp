#include "burstcontroller.h"

#include "cameraoptions.h"
#include "clock.h"
#include "framesource.h"
#include "imaging/budgetencoder.h"
#include "imaging/burstcheck.h"
#include "imaging/matimage.h"
#include "logging.h"
#include "settings/settings.h"

#include <QElapsedTimer>
#include <QScopeGuard>
#include <algorithm>

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

} // namespace

BurstController::BurstController(FrameSource *source, const Clock &clock, BurstOptions options,
                                 QObject *parent)
    : QObject(parent)
    , m_source(source)
    , m_clock(clock)
    , m_options(std::move(options))
    , m_validator(checkBurstValidator())
{
    qRegisterMetaType<kiosk::BurstResult>();
    if (m_options.offsetsMs.size() < 2)
        m_options.offsetsMs = BurstOptions().offsetsMs;
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this]() {
        miss(BurstMiss::TimedOut,
             u"%1 of %2 frames"_s.arg(m_frames.size()).arg(m_options.offsetsMs.size()));
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
        const cv::Mat pixels = matFromImage(frame.image());
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
    return [](const QList<CameraFrame> &frames, int windowMs) {
        QList<BurstFrame> burst;
        for (const CameraFrame &f : frames)
            burst.append({matFromImage(f.image()), QByteArray(), f.captured});
        const BurstReport report = checkBurst(burst, windowMs, 18.0, int(frames.size()));
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
    m_frames.clear();
    m_state = State::WaitingTrigger;
}

void BurstController::cancel()
{
    m_worker.cancel();
    m_deadline.stop();
    m_frames.clear();
    m_state = State::Idle;
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
        m_frames = {frame};
        m_state = State::Collecting;
        const double interval = qMax(frameIntervalMs(), 33.0);
        m_deadline.start(int(m_options.offsetsMs.constLast() + 4 * interval + 200));
        prepare(frame);
        return;
    }
    if (m_state != State::Collecting)
        return;
    const CameraFrame &first = m_frames.constFirst();
    if (frame.session != first.session) {
        miss(BurstMiss::Interrupted, u"camera session restarted"_s);
        return;
    }
    const bool backend = first.timestampUs >= 0 && frame.timestampUs >= 0;
    const double elapsedMs = (frameTime(frame, backend) - frameTime(first, backend)) / 1000.0;
    const int k = int(m_frames.size());
    const double target = m_options.offsetsMs.at(k) - m_options.offsetsMs.constFirst();
    const double halfInterval = qMax(frameIntervalMs(), 1.0) / 2;
    if (elapsedMs < target - halfInterval)
        return;
    if (elapsedMs > m_options.windowMs) {
        miss(BurstMiss::Late, u"frame %1 came %2 ms after the first"_s.arg(k + 1).arg(elapsedMs));
        return;
    }
    m_frames.append(frame);
    if (m_frames.size() == m_options.offsetsMs.size())
        finish();
    else
        prepare(frame);
}

// The frames taken are converted (decoded, to RGB) while the burst waits for the next one,
// 120 ms later: the check and the encodes then find them ready, since a CameraFrame
// converts once for every holder. After the last frame only its own conversion is left
// (4K: about 60 ms a frame on a kiosk's core). Refused while the previous one still runs:
// the final work converts what was not.
void BurstController::prepare(const CameraFrame &frame)
{
    m_prepare.tryRun([frame]() { (void)frame.image(); }, {});
}

void BurstController::finish()
{
    m_deadline.stop();
    BurstResult result;
    result.frames = m_frames;
    result.plannedMs = m_options.offsetsMs;
    result.attempt = m_attempt;
    result.backendTimestamps = allTimestamped(m_frames);
    const qint64 t0 = frameTime(m_frames.constFirst(), result.backendTimestamps);
    for (const CameraFrame &f : std::as_const(m_frames))
        result.achievedMs.append(m_options.offsetsMs.constFirst() +
                                 (frameTime(f, result.backendTimestamps) - t0) / 1000.0);

    if (result.spanMs() > m_options.windowMs) {
        miss(BurstMiss::Late,
             u"span %1 ms over %2 ms"_s.arg(result.spanMs()).arg(m_options.windowMs));
        return;
    }
    // The distinctness check and the encodes, all at once on the worker: on a kiosk's
    // two cores the three encodes of a 4K burst take about the time of one and a half.
    struct Work
    {
        QString why;
        std::vector<QByteArray> jpegs;
        qint64 checkMs = 0;
        std::vector<qint64> encodeMs;
    };
    auto work = std::make_shared<Work>();
    const QList<CameraFrame> frames = m_frames;
    QList<FrameWorker::Part> parts;
    parts.append([work, frames, validator = m_validator, window = m_options.windowMs]() {
        QElapsedTimer timer;
        timer.start();
        const auto done = qScopeGuard([&] { work->checkMs = timer.elapsed(); });
        try {
            work->why = validator ? validator(frames, window) : QString();
        } catch (const cv::Exception &e) {
            work->why = u"check failed: "_s + QString::fromUtf8(e.what());
        }
    });
    if (m_encoder) {
        work->jpegs.resize(size_t(frames.size()));
        work->encodeMs.resize(size_t(frames.size()));
        for (qsizetype i = 0; i < frames.size(); ++i) {
            parts.append([work, i, frame = frames.at(i), encoder = m_encoder]() {
                QElapsedTimer timer;
                timer.start();
                const auto done = qScopeGuard([&] { work->encodeMs[size_t(i)] = timer.elapsed(); });
                try {
                    work->jpegs[size_t(i)] = encoder(frame);
                } catch (const cv::Exception &e) {
                    qCWarning(lcCamera) << "burst frame encode failed:" << e.what();
                }
            });
        }
    }
    m_state = State::Checking;
    const bool started = m_worker.tryRun(std::move(parts), [this, work, result]() {
        if (m_state != State::Checking)
            return;
        qCDebug(lcCamera) << "burst work: check" << work->checkMs << "ms, encodes (ms)"
                          << QList<qint64>(work->encodeMs.cbegin(), work->encodeMs.cend());
        QList<QByteArray> jpegs(work->jpegs.cbegin(), work->jpegs.cend());
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
    m_frames.clear();
    m_state = State::Idle;
    Q_EMIT burstCaptured(result);
}

void BurstController::miss(BurstMiss kind, const QString &detail)
{
    m_deadline.stop();
    m_frames.clear();
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
