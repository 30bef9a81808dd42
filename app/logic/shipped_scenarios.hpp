// The scenarios that ship with the program (assets/scenarios/*.json), embedded at build time like
// the lessons, so that nothing is read relative to the working directory. They are the one source
// of the panel's presets and of the kiosk's and patient mode's scenes that show the same thing:
// to change a preset, edit its file.
#pragma once

#include "scenario.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace sh::app {

struct ShippedScenario {
    std::string id; // the file's name without .json ("long_haul_flight")
    sim::Scenario scenario;
};

// The panel's presets, in the order of its buttons: healthy walk, long-haul flight, desk day with
// breaks, varicose veins, post-thrombotic leg. Parsed once. A file that fails to parse (it
// cannot, the tests check them, but an edited build might) is left out and named by
// shipped_scenario_problems().
const std::vector<ShippedScenario>& shipped_scenarios();
const std::vector<std::string>& shipped_scenario_problems();

// The shipped scenario with this id; a healthy leg standing still (sim::Scenario's defaults) if
// there is none, so that a screen never lacks a scene.
const sim::Scenario& shipped_scenario(std::string_view id);

} // namespace sh::app
