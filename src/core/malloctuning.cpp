#include "malloctuning.h"

#include <cstdlib> // defines __GLIBC__ on glibc

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <limits>

namespace kiosk {

bool tuneMalloc(int arenas, std::size_t mmapThresholdBytes)
{
#if defined(__GLIBC__)
    if (arenas <= 0 || mmapThresholdBytes == 0 ||
        mmapThresholdBytes > std::size_t(std::numeric_limits<int>::max()))
        return false;
    const bool arenasSet = mallopt(M_ARENA_MAX, arenas) == 1;
    const bool thresholdSet = mallopt(M_MMAP_THRESHOLD, int(mmapThresholdBytes)) == 1;
    return arenasSet && thresholdSet;
#else
    (void)arenas;
    (void)mmapThresholdBytes;
    return false;
#endif
}

} // namespace kiosk
