#pragma once

#include "cameraframe.h"

#include <QObject>
#include <QTimer>

namespace kiosk {

class Clock;

struct WatchdogOptions
{
    int startTimeoutMs = 4000; // from start to the first frame
    int stallTimeoutMs = 1500; // between two frames once streaming
    double blackLuma = 16;     // mean grey level at or under which a frame is dark
    int blackMs = 1500;        // dark this long: the camera is reported black
    int lumaEveryMs = 200;     // how often a frame's brightness is measured
};

// The health of one camera session, apart from any camera API: it drops repeated and
// out-of-order frames (Qt 6.4 emits the first frame twice with one start time), notices
// when frames stop (or never come) and when they stay dark. Times come from the Clock;
// a timer polls it, so tests move a ManualClock and poll() or wait for the signal.
class FrameWatchdog : public QObject
{
    Q_OBJECT

public:
    explicit FrameWatchdog(const Clock &clock, WatchdogOptions options = {},
                           QObject *parent = nullptr);

    // A new session began: timestamps start over, the start timeout runs.
    void arm();
    void disarm();
    bool isArmed() const { return m_armed; }

    // Whether to deliver a frame with this backend timestamp (-1: none); counts it as
    // a sign of life either way, since even a repeat shows the pipeline moves.
    bool admit(qint64 timestampUs);
    // Whether the next admitted frame should have its brightness measured.
    bool wantsLuma() const;
    void noteLuma(double mean);

    bool isBlack() const { return m_black; }
    // Reads the clock and reports a stall it shows; the watchdog's timer calls it.
    void poll();
    const WatchdogOptions &options() const { return m_options; }

Q_SIGNALS:
    // No frame in time: firstFrame is true when the session never delivered one.
    void stalled(bool firstFrame);
    void blackChanged(bool black);

private:
    const Clock &m_clock;
    WatchdogOptions m_options;
    QTimer m_timer;
    bool m_armed = false;
    bool m_gotFrame = false;
    qint64 m_armedUs = 0;
    qint64 m_lastFrameUs = 0;
    qint64 m_lastTimestampUs = -1;
    qint64 m_lastLumaUs = -1;
    qint64 m_darkSinceUs = -1;
    bool m_black = false;
};

} // namespace kiosk
