#include "conditions.hpp"

#include <algorithm>

namespace sh::sim {
namespace {

ValveSettings failing(std::initializer_list<ValveGroup> groups, double obstruction = 0) {
    ValveSettings v;
    for (ValveGroup g : groups) v.severity[static_cast<int>(g)] = 1.0;
    v.deep_obstruction = obstruction;
    return v;
}

} // namespace

const std::vector<Condition>& conditions() {
    using G = ValveGroup;
    static const std::vector<Condition> list = {
        {"healthy", "All valves competent.", {}},
        {"gsv-reflux",
         "Great saphenous vein valves fail (varicose veins): blood falls back down the inner leg.",
         failing({G::Gsv})},
        {"ssv-reflux", "Small saphenous vein valves fail: reflux behind the calf.",
         failing({G::Ssv})},
        {"perforator-incompetence",
         "Calf perforator valves fail: the pump squeezes blood out into the skin veins.",
         failing({G::Perforator})},
        {"deep-incompetence", "Deep vein valves fail (tibial, popliteal, femoral).",
         failing({G::Tibial, G::Popliteal, G::Femoral})},
        {"post-thrombotic",
         "After a deep vein thrombosis: deep valves destroyed, perforators failing, and the deep "
         "outflow partly blocked by scarring.",
         failing({G::Tibial, G::Popliteal, G::Femoral, G::Perforator}, 0.5)},
        {"no-valves", "Every valve absent: the pump squeezes, but blood falls straight back.",
         failing({G::Gsv, G::Ssv, G::Perforator, G::Popliteal, G::Femoral, G::Tibial, G::Foot})},
    };
    return list;
}

std::optional<ValveSettings> condition_valves(std::string_view name, double severity) {
    for (const Condition& c : conditions()) {
        if (c.name != name) continue;
        ValveSettings v = c.valves;
        double s = std::clamp(severity, 0.0, 1.0);
        for (double& g : v.severity) g *= s;
        v.deep_obstruction *= s;
        return v;
    }
    return std::nullopt;
}

std::string condition_names() {
    std::string out;
    for (const Condition& c : conditions()) out += (out.empty() ? "" : ", ") + std::string(c.name);
    return out;
}

} // namespace sh::sim
