#include "mallocarenas.h"

#include <cstdlib> // defines __GLIBC__ on glibc

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace kiosk {

bool limitMallocArenas(int arenas)
{
#if defined(__GLIBC__)
    return arenas > 0 && mallopt(M_ARENA_MAX, arenas) == 1;
#else
    (void)arenas;
    return false;
#endif
}

} // namespace kiosk
