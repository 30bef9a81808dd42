#include "output_failures.hpp"

#include "secondheart_options.hpp" // the exit codes

#include <cstdio>
#include <mutex>

namespace sh::app {
namespace {

std::mutex g_mutex;
std::string g_first;
bool g_failed = false;
int g_count = 0;

} // namespace

void note_output_failure(const std::string& what) {
    std::lock_guard lock(g_mutex);
    if (!g_failed) g_first = what;
    g_failed = true;
    ++g_count;
}

bool any_output_failed() {
    std::lock_guard lock(g_mutex);
    return g_failed;
}

std::string first_output_failure() {
    std::lock_guard lock(g_mutex);
    return g_first;
}

int report_output_failures() {
    std::lock_guard lock(g_mutex);
    std::fprintf(stderr, "secondheart: FAILED: a requested output was not written: %s%s\n",
                 g_first.c_str(),
                 g_count > 1 ? (" (and " + std::to_string(g_count - 1) + " more)").c_str() : "");
    return k_exit_output_failed;
}

} // namespace sh::app
