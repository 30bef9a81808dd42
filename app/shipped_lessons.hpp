// The lessons that ship with the program (assets/lessons/*.json), embedded at build time so that
// nothing is read relative to the working directory, and the lessons a user names on the
// command line. A broken lesson is reported and skipped; the others still play.
#pragma once

#include "lesson.hpp"

#include <string>
#include <vector>

namespace sh::app {

// The shipped lessons in file-name order. A lesson that fails to parse (it cannot, the tests
// check them, but an edited build might) is added to `problems` and skipped.
std::vector<Lesson> shipped_lessons(std::vector<std::string>& problems);

// The named files in order; broken ones go to `problems`. When none is usable, the shipped
// lessons instead (and a problem saying so).
std::vector<Lesson> lessons_for_run(const std::vector<std::string>& files,
                                    std::vector<std::string>& problems);

} // namespace sh::app
