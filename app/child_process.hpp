// Child processes with time limits (ffmpeg for the recorder): start one in a process group of
// its own, wait for it at most so long, write to its pipe at most so long per stall. None of
// these can hang the program on a child that stopped answering.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sh::app {

// fork + exec of args[0] (a path) with argv built before the fork. stdin_fd / stdout_fd:
// descriptors to put in place of 0 / 1 in the child, or -1 to keep. The child gets a process
// group of its own, so that Ctrl+C in the terminal reaches only secondheart (which then finishes
// the recording itself, shutdown_signal.hpp) and a hung child is killed with all it started.
// Returns the pid, or <= 0 when fork failed.
int spawn(const std::vector<std::string>& args, int stdin_fd, int stdout_fd);

// SIGKILL to the child's process group.
void kill_group(int pid);

// The child's exit status (128 + signal when killed by one), or nullopt when it did not exit
// within `timeout`: it is then killed and reaped.
std::optional<int> wait_exit_within(int pid, std::chrono::milliseconds timeout);

// Milliseconds from now to `deadline`, 0 when past.
int ms_left(std::chrono::steady_clock::time_point deadline);

// Writes all of `data` to a non-blocking descriptor, waiting at most `timeout` for any progress.
// Returns "" or what went wrong ("Broken pipe", "it took no data for 10 s (hung?)").
std::string write_all_within(int fd, const std::uint8_t* data, std::size_t size,
                             std::chrono::milliseconds timeout);

// "5 s", "0.5 s".
std::string seconds_text(std::chrono::milliseconds t);

} // namespace sh::app
