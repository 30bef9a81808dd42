#include "child_process.hpp"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

namespace sh::app {
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// Only async-signal-safe calls in the child: argv is built before the fork.
int spawn(const std::vector<std::string>& args, int stdin_fd, int stdout_fd) {
    std::vector<char*> argv;
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::setpgid(0, 0);
        if (stdin_fd >= 0) ::dup2(stdin_fd, 0);
        if (stdout_fd >= 0) ::dup2(stdout_fd, 1);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    return pid;
}

namespace {

int exit_status(int status) {
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

} // namespace

void kill_group(int pid) {
    ::kill(-pid, SIGKILL);
    ::kill(pid, SIGKILL); // in case setpgid had not happened yet
}

std::optional<int> wait_exit_within(int pid, milliseconds timeout) {
    const Clock::time_point deadline = Clock::now() + timeout;
    for (;;) {
        int status = 0;
        const pid_t r = ::waitpid(pid, &status, WNOHANG);
        if (r == pid) return exit_status(status);
        if (r < 0 && errno != EINTR) return -1;
        if (Clock::now() >= deadline) break;
        ::usleep(10'000);
    }
    kill_group(pid);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return std::nullopt;
}

std::string seconds_text(milliseconds t) {
    char text[32];
    std::snprintf(text, sizeof text, "%g s", static_cast<double>(t.count()) / 1000.0);
    return text;
}

int ms_left(Clock::time_point deadline) {
    const auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now()).count();
    return static_cast<int>(std::clamp<long long>(left, 0, 1'000'000));
}

std::string write_all_within(int fd, const std::uint8_t* data, std::size_t size,
                             milliseconds timeout) {
    Clock::time_point deadline = Clock::now() + timeout;
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size);
        if (n > 0) {
            data += n;
            size -= static_cast<std::size_t>(n);
            deadline = Clock::now() + timeout; // progress: the limit is per stall
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) return std::strerror(errno);
        pollfd p{fd, POLLOUT, 0};
        const int left = ms_left(deadline);
        if (left == 0 || ::poll(&p, 1, left) == 0)
            return "it took no data for " + seconds_text(timeout) + " (hung?)";
    }
    return {};
}

} // namespace sh::app
