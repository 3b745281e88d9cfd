#pragma once

#include <QByteArray>
#include <QImage>
#include <QString>

#include <cstddef>

namespace cv {
class Mat;
}

namespace kiosk {

// Overwrites customer data before its memory is released, so that freed heap pages (reused,
// swapped, or in a crash dump) no longer hold it. Qt and OpenCV share buffers implicitly:
//   Shared::Keep  zeroes only a buffer this object alone holds, and otherwise just drops
//                 this reference (the other holder still uses the bytes; the last holder
//                 to wipe zeroes them). Safe everywhere.
//   Shared::Zero  also zeroes a buffer other objects hold: for the end of a customer
//                 session, when every copy of the customer's data is dying anyway.
// Static or foreign data (string literals, QByteArray::fromRawData, a cv::Mat over someone
// else's memory) is never written, nor is a QImage shared with another holder. Returns true when
// bytes were overwritten. docs/privacy.md says what this reaches and what it cannot.
enum class Shared
{
    Keep,
    Zero
};

// Overwrites size bytes at data in a way the compiler may not drop (explicit_bzero).
void secureZero(void *data, std::size_t size);

// Zero in place and keep the object (same size, all zero).
bool secureZero(QByteArray &bytes, Shared shared = Shared::Keep);
bool secureZero(QString &text, Shared shared = Shared::Keep);
bool secureZero(QImage &image, Shared shared = Shared::Keep);
bool secureZero(cv::Mat &mat, Shared shared = Shared::Keep);

// Zero, then release (the object ends up empty).
bool secureWipe(QByteArray &bytes, Shared shared = Shared::Keep);
bool secureWipe(QString &text, Shared shared = Shared::Keep);
bool secureWipe(QImage &image, Shared shared = Shared::Keep);
bool secureWipe(cv::Mat &mat, Shared shared = Shared::Keep);

// The kiosk process: no core dump, and no ptrace or /proc/PID/mem reading by other
// processes of the same user (PR_SET_DUMPABLE 0, RLIMIT_CORE 0). Call first thing in main().
// Returns false with the reason when the kernel refused.
bool disableCoreDumps(QString *error = nullptr);

} // namespace kiosk
