#pragma once
// secondheart-sim's `run` (a scenario file) and `bench` (simulator speed) subcommands.

#include "scenario.hpp"

#include <nlohmann/json.hpp>
#include <string>

namespace sh::app {

// Runs a scenario for `seconds` of simulated time; writes the time series when csv_path is set.
nlohmann::json run_scenario(const sim::Scenario& scenario, double seconds,
                            const std::string& csv_path, const sim::Interventions& iv = {});
// Simulated seconds per wall second while walking (one core), and the wall time to
// fast-forward 8 hours of sitting.
nlohmann::json run_benchmark();

} // namespace sh::app
