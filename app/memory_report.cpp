#include "memory_report.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace sh::app {

namespace {

// The KiB value of a "Name:   123 kB" line of /proc/self/status.
void read_status(ProcessMemory& m) {
    std::FILE* f = std::fopen("/proc/self/status", "r");
    if (f == nullptr) return;
    char line[256];
    const struct {
        const char* key;
        long ProcessMemory::*field;
    } keys[] = {{"VmRSS:", &ProcessMemory::rss_kib},
                {"RssAnon:", &ProcessMemory::rss_anon_kib},
                {"RssFile:", &ProcessMemory::rss_file_kib}};
    while (std::fgets(line, sizeof line, f) != nullptr)
        for (const auto& k : keys)
            if (std::strncmp(line, k.key, std::strlen(k.key)) == 0)
                m.*k.field = std::strtol(line + std::strlen(k.key), nullptr, 10);
    std::fclose(f);
}

} // namespace

ProcessMemory process_memory() {
    ProcessMemory m;
    read_status(m);
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
    // mallinfo2 sums every arena (the worker threads' too) and the mmapped chunks.
    const struct mallinfo2 mi = mallinfo2();
    m.heap_in_use_kib = static_cast<long>((mi.uordblks + mi.hblkhd) / 1024);
    m.heap_held_kib = static_cast<long>((mi.arena + mi.hblkhd) / 1024);
#endif
    return m;
}

bool release_free_heap() {
#if defined(__GLIBC__)
    malloc_trim(0);
    return true;
#else
    return false;
#endif
}

std::string describe(const ProcessMemory& m) {
    char text[160];
    std::snprintf(text, sizeof text, "rss %ld KiB anon %ld file %ld heap-in-use %ld heap-held %ld",
                  m.rss_kib, m.rss_anon_kib, m.rss_file_kib, m.heap_in_use_kib, m.heap_held_kib);
    return text;
}

} // namespace sh::app
