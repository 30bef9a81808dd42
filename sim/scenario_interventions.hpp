#pragma once
// The scenario key "interventions" (issue 11): stockings, elevation, IPC and calf strength in
// scenario files, lesson steps and the command line's JSON, in one spelling:
//
//   "interventions": {"stocking_mmHg": 30, "stocking_length": "thigh",
//                     "stocking_material": "elastic", "elevation_deg": 40,
//                     "ipc": "calf", "ipc_cycle": {"pressure_mmHg": 45, "on_s": 11, "off_s": 49},
//                     "calf_strength": "trained"}
//
// Every key is optional; the object replaces all interventions (what it does not name is off),
// as "valves" replaces all valve overrides. "ipc" without "ipc_cycle" takes the device's usual
// cycle (sim::default_ipc_cycle).

#include "interventions.hpp"

#include <nlohmann/json_fwd.hpp>
#include <string_view>

namespace sh::sim {

// Throws ScenarioError naming `source`, the key (after `key_prefix`) and what was expected.
Interventions read_interventions(const nlohmann::json& v, std::string_view source,
                                 std::string_view key_prefix);
// The same keys; elevation and the IPC cycle only when set (the output never holds null).
nlohmann::json to_json(const Interventions& iv);

} // namespace sh::sim
