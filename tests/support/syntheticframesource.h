#pragma once

#include "capture/clock.h"
#include "capture/framesource.h"
#include "specimen/manualclock.h"

#include <QImage>

namespace kiosk::test {

// A frame source for core tests: the test pushes frames with the timestamps it wants
// and moves the ManualClock, so burst and capture logic is tested frame by frame. (The
// real QCamera path is tested against the fake camera device in tests/media.)
class SyntheticFrameSource : public FrameSource
{
public:
    explicit SyntheticFrameSource(ManualClock &clock)
        : m_clock(clock)
    {}

    void start() override { setState(State::Streaming); }
    void stop() override { setState(State::Stopped); }
    QString cameraName() const override { return QStringLiteral("Synthetic"); }

    // Delivers a frame: advances the clock to the frame's arrival, stamps it and emits it.
    // timestampUs -1: a backend without timestamps.
    CameraFrame push(const QImage &image, qint64 timestampUs, qint64 advanceClockUs = 0)
    {
        return push(CameraFrame(image), timestampUs, advanceClockUs);
    }
    // The same for a frame the test made, e.g. one converted on demand as a camera's are.
    CameraFrame push(CameraFrame f, qint64 timestampUs, qint64 advanceClockUs = 0)
    {
        m_clock.advanceUs(advanceClockUs);
        f.timestampUs = timestampUs;
        f.arrivalUs = m_clock.monotonicUs();
        f.captured = m_clock.currentDateTimeUtc();
        f.sequence = ++m_sequence;
        f.session = m_session;
        Q_EMIT frameArrived(f);
        return f;
    }
    void newSession() { ++m_session; }
    void setSourceState(State state) { setState(state); }

private:
    ManualClock &m_clock;
    quint64 m_sequence = 0;
    int m_session = 1;
};

} // namespace kiosk::test
