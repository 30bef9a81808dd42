// What the process holds in memory, for the kiosk memory figure (--report-rss-every): the
// resident set split into anonymous pages (heap, driver allocations) and file pages (code,
// mapped libraries), and what the C allocator has handed out versus what it keeps from the
// kernel. Growth of "in use" is allocations we (or a library) still hold; growth of "held"
// without "in use" is the allocator's fragmentation; anonymous growth beyond "held" is memory
// mapped outside malloc (e.g. the Vulkan driver's device memory on lavapipe).
#pragma once

#include <string>

namespace sh::app {

struct ProcessMemory {
    long rss_kib = 0;         // VmRSS of /proc/self/status; 0 when unknown
    long rss_anon_kib = 0;    // RssAnon
    long rss_file_kib = 0;    // RssFile
    long heap_in_use_kib = 0; // malloc: bytes handed out and not freed (all arenas and mmaps)
    long heap_held_kib = 0;   // malloc: bytes taken from the kernel (all arenas and mmaps)
};

ProcessMemory process_memory();

// Hands the allocator's free pages back to the system (glibc malloc_trim over every arena);
// false where there is no such call. The kiosk calls it each time its attract loop starts
// over: after the timers stopped growing, a headless kiosk run still showed malloc's held
// memory rising while its in-use memory stayed flat (fragmentation from the per-step
// allocations of the simulator, the clinical-numbers worker and the driver).
bool release_free_heap();

// One line for the log: "rss N KiB anon N file N heap-in-use N heap-held N".
std::string describe(const ProcessMemory& m);

} // namespace sh::app
