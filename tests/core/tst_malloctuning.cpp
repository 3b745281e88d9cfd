// glibc's malloc, tuned as the kiosk runs it (malloctuning.h): a frame-sized buffer freed
// goes back to the system every time, not only the first (glibc's own dynamic threshold
// keeps every later one in the heap).
#include "malloctuning.h"

#include <QFile>
#include <QTest>

#include <cstdlib>
#include <cstring>

// AddressSanitizer's allocator answers mallopt() with 0 (refused). (ThreadSanitizer's says 1
// and ignores it; this suite is not in the TSan run.)
#if defined(__SANITIZE_ADDRESS__)
#define KIOSK_SANITIZER_ALLOCATOR 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define KIOSK_SANITIZER_ALLOCATOR 1
#endif
#endif

class tst_MallocTuning : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void freedFramesGoBackToTheSystem();
    void refusesNonsense();
};

#ifndef KIOSK_SANITIZER_ALLOCATOR
namespace {

// Resident pages of this process, in KB (/proc/self/statm's second field).
long residentKb()
{
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly))
        return -1;
    return statm.readAll().split(' ').value(1).toLong() * 4;
}

char *volatile g_frame = nullptr; // the compiler may not drop what it cannot see used

} // namespace
#endif

void tst_MallocTuning::freedFramesGoBackToTheSystem()
{
#ifdef KIOSK_SANITIZER_ALLOCATOR
    // ASan's allocator replaces glibc's and takes no settings: refused, and said.
    QVERIFY(!kiosk::tuneMalloc());
#else
    QVERIFY(kiosk::tuneMalloc());
    constexpr std::size_t Frame = 1920 * 1080 * 4; // a full HD frame, RGB32
    for (int i = 0; i < 4; ++i) {
        g_frame = static_cast<char *>(std::malloc(Frame));
        QVERIFY(g_frame);
        std::memset(g_frame, i + 1, Frame); // resident now
        const long held = residentKb();
        std::free(g_frame);
        const long freed = residentKb();
        QVERIFY2(held - freed >= long(Frame / 1024) * 3 / 4,
                 qPrintable(QStringLiteral("frame %1: %2 KB resident with it, %3 KB after free")
                                .arg(i + 1)
                                .arg(held)
                                .arg(freed)));
    }
#endif
}

void tst_MallocTuning::refusesNonsense()
{
    QVERIFY(!kiosk::tuneMalloc(0));
    QVERIFY(!kiosk::tuneMalloc(2, 0));
    QVERIFY(!kiosk::tuneMalloc(2, std::size_t(1) << 40));
}

QTEST_GUILESS_MAIN(tst_MallocTuning)
#include "tst_malloctuning.moc"
