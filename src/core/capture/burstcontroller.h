#pragma once

#include "cameraframe.h"
#include "frameworker.h"

#include <QList>
#include <QObject>
#include <QThreadPool>
#include <QTimer>

#include <functional>
#include <memory>

namespace kiosk {

class Clock;
class FrameSource;
struct BurstFrame;
class Settings;
struct EncodeOptions;

struct BurstOptions
{
    // Offsets of the frames from the first one. Spaced so the frames carry the natural
    // micro-motion passive liveness looks for, and ending well inside the window so a
    // late frame still fits.
    QList<int> offsetsMs{0, 120, 240};
    int windowMs = 500; // the whole burst must fit (Vlens: 0.5 s)
    int attempts = 3;   // silent retries before the burst is reported failed

    static BurstOptions fromSettings(const Settings &settings);
};

// Why an attempt was discarded.
enum class BurstMiss
{
    Late,        // span over the window
    NotDistinct, // two frames identical, or not the same scene (checkBurst)
    Interrupted, // the camera session changed or the source stopped mid-burst
    TimedOut,    // the frames did not come in time
    EncodeFailed,
};
const char *burstMissName(BurstMiss miss);

struct BurstResult
{
    QList<CameraFrame> frames;
    QList<QByteArray> jpegs;        // one per frame when an encoder is set
    QList<int> plannedMs;           // the offsets asked for
    QList<double> achievedMs;       // offsets achieved, on the frames' own timestamps
    bool backendTimestamps = false; // false: arrival times on the monotonic clock
    int attempt = 1;

    double plannedSpanMs() const;
    double spanMs() const;
};

// The timed liveness burst. Armed, it waits for the trigger ("face placed well", from
// the imaging engine's guidance) on each frame, then takes the frame at each planned
// offset: the first frame at or past offset - half a frame interval, i.e. the nearest.
// It checks the achieved span on the frames' own timestamps against the window and that
// the frames are distinct (imaging's checkBurst), encodes them with their capture times,
// and on a miss discards and retries without telling the customer. Each frame taken is
// converted, encoded and shrunk for the check while the burst waits for the next one, off
// the source's thread; after the last frame only its own work is left, run in parallel
// with waiting for the others on a FrameWorker, and the result comes back on the source's
// thread.
class BurstController : public QObject
{
    Q_OBJECT

public:
    using Trigger = std::function<bool(const CameraFrame &)>;
    // Runs on a worker thread: it must only use what it captured by value.
    using Encoder = std::function<QByteArray(const CameraFrame &)>;
    // Returns an empty string when the frames are acceptable, else why not (worker thread).
    // The frames' pixels are the small copies taken for the check (checkWidth wide).
    using Validator = std::function<QString(const QList<BurstFrame> &, int windowMs)>;
    // Width of the copies the distinctness check compares (area-downscaled, never up).
    static constexpr int checkWidth = 640;

    BurstController(FrameSource *source, const Clock &clock, BurstOptions options = {},
                    QObject *parent = nullptr);

    // Default: every frame triggers (kioskctl, benchmarks).
    void setTrigger(Trigger trigger);
    // Default: none (results carry frames only).
    void setEncoder(Encoder encoder);

    // The imaging engine's budget JPEG encoder, with each frame's capture time in EXIF.
    static Encoder budgetEncoder(const EncodeOptions &options);
    // imaging/checkBurst on the frames' small copies, encoded bytes and capture times.
    static Validator checkBurstValidator();

    void arm();
    void cancel();
    bool isArmed() const { return m_state != State::Idle; }
    // The frames are taken and being checked and encoded.
    bool isChecking() const { return m_state == State::Checking; }
    const BurstOptions &options() const { return m_options; }
    // Frame interval the controller measured (ms), 0 before two frames.
    double frameIntervalMs() const;

Q_SIGNALS:
    void burstCaptured(const kiosk::BurstResult &result);
    void attemptMissed(kiosk::BurstMiss miss, const QString &detail);
    void burstFailed(kiosk::BurstMiss miss, const QString &detail);

private:
    enum class State
    {
        Idle,
        WaitingTrigger,
        Collecting,
        Checking,
    };

    void onFrame(const CameraFrame &frame);
    void miss(BurstMiss miss, const QString &detail);
    void finish();
    void take(const CameraFrame &frame);
    void abandon();
    void checked(const BurstResult &result, const QString &why, const QList<QByteArray> &jpegs);
    void noteInterval(const CameraFrame &frame);

    FrameSource *m_source;
    const Clock &m_clock;
    BurstOptions m_options;
    Trigger m_trigger;
    Encoder m_encoder;
    Validator m_validator;
    State m_state = State::Idle;
    int m_attempt = 0;
    // The frames taken so far, each with its work (conversion, encode, small copy), done
    // once by whichever thread needs it first; a missed attempt's is abandoned.
    struct Taken;
    class EarlyWork;
    QList<std::shared_ptr<Taken>> m_taken;
    QTimer m_deadline;
    QList<qint64> m_gapsUs;
    qint64 m_lastTimeUs = -1;
    int m_lastSession = -1;
    FrameWorker m_worker{4}; // the last frame's work and the waits for the others
    // Works on each frame taken while the burst waits for the next (take()), one frame at a
    // time: a kiosk's second core also decodes the camera. Destroyed first (waits).
    QThreadPool m_early;
};

} // namespace kiosk

Q_DECLARE_METATYPE(kiosk::BurstResult)
