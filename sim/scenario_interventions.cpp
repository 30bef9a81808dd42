#include "scenario_interventions.hpp"

#include "scenario.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

namespace sh::sim {
namespace {

using nlohmann::json;

// Ranges: stocking classes by ankle pressure end at RAL class IV (> 49 mmHg), 50 here as on the
// command line; elevation as --elevation (80 degrees is a lower leg about horizontal on a
// footrest); IPC cuffs as devices use them (foot pumps up to 200 mmHg, Br J Surg 1993, 80:198;
// on times of 1-3 s for foot pumps to about 12 s for sequential calf sleeves).
constexpr double kMaxStockingMmHg = 50, kMaxElevationDeg = 80;
constexpr double kMinIpcMmHg = 10, kMaxIpcMmHg = 200;
constexpr double kMinIpcOnS = 1, kMaxIpcOnS = 60, kMinIpcOffS = 1, kMaxIpcOffS = 600;

class Keys {
public:
    Keys(std::string_view source, std::string_view prefix) : source_(source), prefix_(prefix) {}
    [[noreturn]] void fail(const std::string& key, const std::string& expected,
                           const json& got) const {
        std::string shown = got.is_number() || got.is_string() ? got.dump() : got.type_name();
        throw ScenarioError(std::string(source_) + ": key \"" + std::string(prefix_) +
                            "interventions" + key + "\": expected " + expected + ", got " + shown);
    }
    double number(const json& v, const std::string& key, double lo, double hi,
                  const char* unit) const {
        char expected[96];
        std::snprintf(expected, sizeof expected, "a number from %g to %g (%s)", lo, hi, unit);
        if (!v.is_number() || !(v.get<double>() >= lo && v.get<double>() <= hi))
            fail(key, expected, v);
        return v.get<double>();
    }
    // One of the names `parse` accepts, listed in `names` for the message.
    template <class Parse>
    auto word(const json& v, const std::string& key, const char* names, Parse parse) const {
        auto parsed = v.is_string() ? parse(v.get<std::string>()) : std::nullopt;
        if (!parsed) fail(key, std::string("one of ") + names, v);
        return *parsed;
    }
    void only(const json& obj, const std::string& key, std::initializer_list<const char*> known,
              const char* list) const {
        if (!obj.is_object()) fail(key, std::string("an object with the keys ") + list, obj);
        for (auto& [k, _] : obj.items()) {
            bool ok = false;
            for (const char* name : known) ok = ok || k == name;
            if (!ok)
                throw ScenarioError(std::string(source_) + ": key \"" + std::string(prefix_) +
                                    "interventions" + key + "." + k +
                                    "\": unknown key (expected one of " + list + ")");
        }
    }

private:
    std::string_view source_, prefix_;
};

} // namespace

Interventions read_interventions(const json& v, std::string_view source,
                                 std::string_view key_prefix) {
    const Keys k(source, key_prefix);
    k.only(v, "",
           {"stocking_mmHg", "stocking_length", "stocking_material", "elevation_deg", "ipc",
            "ipc_cycle", "calf_strength"},
           "stocking_mmHg, stocking_length, stocking_material, elevation_deg, ipc, ipc_cycle, "
           "calf_strength");
    Interventions iv;
    if (v.contains("stocking_mmHg"))
        iv.stocking_ankle_mmHg = k.number(v["stocking_mmHg"], ".stocking_mmHg", 0, kMaxStockingMmHg,
                                          "mmHg at the ankle");
    if (v.contains("stocking_length"))
        iv.stocking_length = k.word(v["stocking_length"], ".stocking_length", "below-knee, thigh",
                                    stocking_length_from_string);
    if (v.contains("stocking_material"))
        iv.stocking_material = k.word(v["stocking_material"], ".stocking_material",
                                      "elastic, inelastic", stocking_material_from_string);
    if (v.contains("elevation_deg"))
        iv.elevation_deg =
            k.number(v["elevation_deg"], ".elevation_deg", 0, kMaxElevationDeg, "degrees");
    if (v.contains("ipc"))
        iv.ipc = k.word(v["ipc"], ".ipc", "none, calf, foot", ipc_site_from_string);
    iv.ipc_cycle = default_ipc_cycle(iv.ipc);
    if (v.contains("ipc_cycle")) {
        const json& c = v["ipc_cycle"];
        k.only(c, ".ipc_cycle", {"pressure_mmHg", "on_s", "off_s"}, "pressure_mmHg, on_s, off_s");
        if (iv.ipc == IpcSite::None)
            k.fail(".ipc_cycle", "no cycle without \"ipc\": \"calf\" or \"foot\"", c);
        if (c.contains("pressure_mmHg"))
            iv.ipc_cycle.pressure_mmHg = k.number(c["pressure_mmHg"], ".ipc_cycle.pressure_mmHg",
                                                  kMinIpcMmHg, kMaxIpcMmHg, "mmHg");
        if (c.contains("on_s"))
            iv.ipc_cycle.on_s = k.number(c["on_s"], ".ipc_cycle.on_s", kMinIpcOnS, kMaxIpcOnS, "s");
        if (c.contains("off_s"))
            iv.ipc_cycle.off_s =
                k.number(c["off_s"], ".ipc_cycle.off_s", kMinIpcOffS, kMaxIpcOffS, "s");
    }
    if (v.contains("calf_strength"))
        iv.calf_strength =
            k.word(v["calf_strength"], ".calf_strength",
                   "average, untrained, trained, deconditioned", calf_strength_from_string);
    return iv;
}

json to_json(const Interventions& iv) {
    json j = {{"stocking_mmHg", iv.stocking_ankle_mmHg},
              {"stocking_length", to_string(iv.stocking_length)},
              {"stocking_material", to_string(iv.stocking_material)},
              {"ipc", to_string(iv.ipc)},
              {"calf_strength", to_string(iv.calf_strength)}};
    // Only an elevation that was asked for is written: the output never holds null.
    if (iv.elevation_deg) j["elevation_deg"] = *iv.elevation_deg;
    if (iv.ipc != IpcSite::None)
        j["ipc_cycle"] = {{"pressure_mmHg", iv.ipc_cycle.pressure_mmHg},
                          {"on_s", iv.ipc_cycle.on_s},
                          {"off_s", iv.ipc_cycle.off_s}};
    return j;
}

} // namespace sh::sim
