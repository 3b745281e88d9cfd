// Preloaded into the kiosk by tst_kioskmain: when the kiosk exits, writes what the kernel says
// about the process itself (PR_GET_DUMPABLE, RLIMIT_CORE) to $KIOSK_DUMPABLE_PROBE. Seen
// from inside, so it holds whatever the kernel does with /proc for root.
// It reports from an exit handler registered when it is loaded, so it runs when the kiosk's
// main() returns, before the exit handlers registered earlier: LeakSanitizer's leak check
// (the ASan run) is one of those, and it makes the process dumpable to stop its threads.
// Only the process it was loaded into first reports: it takes the variable out of the
// environment, so a program the kiosk starts (LeakSanitizer's llvm-symbolizer, which inherits
// LD_PRELOAD and exits after the kiosk) cannot overwrite the report with its own state.
#include <sys/prctl.h>
#include <sys/resource.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {

char g_path[4096];

void reportDumpable()
{
    rlimit core{};
    getrlimit(RLIMIT_CORE, &core);
    if (FILE *out = std::fopen(g_path, "w")) {
        std::fprintf(out, "dumpable=%d core=%llu/%llu\n", prctl(PR_GET_DUMPABLE, 0, 0, 0, 0),
                     static_cast<unsigned long long>(core.rlim_cur),
                     static_cast<unsigned long long>(core.rlim_max));
        std::fclose(out);
    }
}

__attribute__((constructor)) void armReport()
{
    const char *path = std::getenv("KIOSK_DUMPABLE_PROBE");
    if (!path || std::strlen(path) >= sizeof g_path)
        return;
    std::strcpy(g_path, path);
    unsetenv("KIOSK_DUMPABLE_PROBE");
    std::atexit(reportDumpable);
}

} // namespace
