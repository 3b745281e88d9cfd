#pragma once

// ThreadSanitizer sees the project's code only: the hand-overs inside Qt (the thread
// pool's queue, posted events) are invisible to it, so the code that hands data to
// another thread through Qt announces it (tests/sanitizers/run.sh tsan). No-ops in other
// builds.
#if defined(__SANITIZE_THREAD__)
#define KIOSK_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define KIOSK_TSAN 1
#endif
#endif
#ifdef KIOSK_TSAN
#include <sanitizer/tsan_interface.h>
#endif

namespace kiosk {

// Before giving what to Qt for another thread: everything written so far is published.
inline void handOver(void *what)
{
#ifdef KIOSK_TSAN
    __tsan_release(what);
#else
    (void)what;
#endif
}

// First thing in the thread that receives what.
inline void takeOver(void *what)
{
#ifdef KIOSK_TSAN
    __tsan_acquire(what);
#else
    (void)what;
#endif
}

} // namespace kiosk
