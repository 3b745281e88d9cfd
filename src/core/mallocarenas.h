#pragma once

namespace kiosk {

// The kiosk's malloc arenas (glibc). By default glibc gives each thread that allocates its own
// arena, up to eight per core, and keeps what is freed in them for reuse: the kiosk's image
// work on worker threads (decoding, analysing and encoding full HD frames) then held about
// 600 MB of freed memory after ten customer sessions (bench_soak, docs/soak.md), against a
// target of 300 MB. Two arenas keep it near 200 MB, at no measurable cost. Call first thing in
// main(), before any thread starts. Returns false when glibc refused (or is not the C
// library); the kiosk then runs with the default.
bool limitMallocArenas(int arenas = 2);

} // namespace kiosk
