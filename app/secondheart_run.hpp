// Runs the secondheart program for parsed options: picks window or headless mode, brings up
// Vulkan, runs the frame loop (simulation -> content -> UI -> present or readback) and tears
// everything down. Returns the process exit code (secondheart_options.hpp).
#pragma once

#include "scenario.hpp"
#include "secondheart_options.hpp"

#include <optional>

namespace sh::app {

int run_secondheart(const Options& options, std::optional<sim::Scenario> scenario);

} // namespace sh::app
