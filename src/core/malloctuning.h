#pragma once

#include <cstddef>

namespace kiosk {

// How glibc's malloc keeps the memory the kiosk frees. A kiosk's day is hundreds of
// customers, each with hundreds of full HD frames decoded, converted, analysed and encoded on
// worker threads; by default glibc keeps much of that freed memory:
// - each thread that allocates gets its own arena, up to eight per core, and freed memory
//   stays in it for reuse: about 600 MB after ten sessions (bench_soak, docs/soak.md);
// - a block larger than the mmap threshold (128 KB at first) is mapped on its own and given
//   back on free, but freeing one raises the threshold to its size (up to 32 MB), so from
//   then on every frame-sized buffer comes from an arena's heap, where freed frames leave
//   holes that are not given back: the resident size grew by about 6 MB a session.
// tuneMalloc() caps the arenas at `arenas` and fixes the mmap threshold at
// `mmapThresholdBytes` (a fixed threshold is never raised): every frame buffer is then
// mapped and unmapped on its own. Call it first thing in main(), before any thread starts.
// Returns false when glibc refused either setting, or is not the allocator (sanitizer
// builds replace it); the kiosk then runs with the defaults.
bool tuneMalloc(int arenas = 2, std::size_t mmapThresholdBytes = 1024 * 1024);

} // namespace kiosk
