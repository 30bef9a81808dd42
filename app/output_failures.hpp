// Whether an output the user asked for on the command line (--screenshot, --record) failed: the
// writer that failed says why where it happens and records it here; at the end the run exits
// with k_exit_output_failed (6) instead of 0, so a script never takes a cut-off file for a good
// one. Thread-safe (the recorder writes from its own thread).
#pragma once

#include <string>

namespace sh::app {

void note_output_failure(const std::string& what);
bool any_output_failed();
std::string first_output_failure(); // "" when none
// Prints "FAILED: <the first failure>" (and how many more) and returns k_exit_output_failed.
int report_output_failures();

} // namespace sh::app
