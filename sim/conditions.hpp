#pragma once
// Named clinical conditions: each is only a set of valve failure severities (and, for the
// post-thrombotic leg, a partial obstruction of the deep outflow). The model's parameters are the
// same for all of them.

#include "leg_model.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sh::sim {

struct Condition {
    std::string_view name;
    std::string_view description; // plain language, for the panel and --help
    ValveSettings valves;
};

// healthy, gsv-reflux, ssv-reflux, perforator-incompetence, deep-incompetence, post-thrombotic,
// no-valves.
const std::vector<Condition>& conditions();
std::optional<ValveSettings> condition_valves(std::string_view name, double severity = 1.0);
std::string condition_names();

} // namespace sh::sim
