#include "shutdown_signal.hpp"

#include <csignal>
#include <cstdio>

namespace sh::app {
namespace {

volatile std::sig_atomic_t g_signal = 0; // the first signal's number, 0 before any
bool g_installed = false;
bool g_reported = false;

extern "C" void on_shutdown_signal(int sig) {
    if (g_signal != 0) {
        // The second one: the user insists. Default action (terminate) right now.
        std::signal(sig, SIG_DFL);
        std::raise(sig);
        return;
    }
    g_signal = sig;
}

} // namespace

void install_shutdown_signals() {
    if (g_installed) return;
    g_installed = true;
    struct sigaction action {};
    action.sa_handler = on_shutdown_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART; // a blocking read or write goes on; the loop checks the flag
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGINT, &action, nullptr);
}

bool shutdown_requested() {
    const int sig = g_signal;
    if (sig == 0) return false;
    if (!g_reported) {
        g_reported = true;
        std::fprintf(stderr,
                     "secondheart: %s received: finishing this frame, the recording and the "
                     "screenshot, then exiting (send it again to stop at once)\n",
                     sig == SIGTERM ? "SIGTERM" : "SIGINT");
    }
    return true;
}

} // namespace sh::app
