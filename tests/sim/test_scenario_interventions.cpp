// The scenario key "interventions" (sim/scenario_interventions): parsed, merged by lesson steps,
// written back, and every bad value named with its key and what was expected.
#include "scenario.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace sh::sim;

namespace {
std::string error_of(const std::string& json) {
    try {
        parse_scenario(json, "s.json");
    } catch (const ScenarioError& e) {
        return e.what();
    }
    return {};
}
} // namespace

TEST_CASE("scenario interventions: parsed, with the device's cycle for a bare ipc", "[scenario]") {
    const Scenario s = parse_scenario(
        R"({"posture": "standing", "interventions": {"stocking_mmHg": 30, "stocking_length": "thigh",
            "stocking_material": "inelastic", "ipc": "foot", "calf_strength": "deconditioned"}})",
        "s.json");
    CHECK(s.interventions.stocking_ankle_mmHg == 30.0);
    CHECK(s.interventions.stocking_length == StockingLength::Thigh);
    CHECK(s.interventions.stocking_material == StockingMaterial::Inelastic);
    CHECK(s.interventions.ipc == IpcSite::Foot);
    CHECK(s.interventions.ipc_cycle.pressure_mmHg ==
          default_ipc_cycle(IpcSite::Foot).pressure_mmHg);
    CHECK(s.interventions.calf_strength == CalfStrength::Deconditioned);
    CHECK_FALSE(s.interventions.elevation_deg.has_value());
    // A written scenario reads back the same, with and without interventions.
    CHECK(parse_scenario_object(to_json(s), "round trip") == s);
    CHECK(to_json(Scenario{}).count("interventions") == 0);
    Scenario lying = parse_scenario(
        R"({"posture": "lying", "interventions": {"elevation_deg": 30, "ipc": "calf",
            "ipc_cycle": {"pressure_mmHg": 60, "on_s": 12, "off_s": 48}}})",
        "s.json");
    CHECK(*lying.interventions.elevation_deg == 30.0);
    CHECK(lying.interventions.ipc_cycle.pressure_mmHg == 60.0);
    CHECK(lying.interventions.ipc_cycle.off_s == 48.0);
    CHECK(parse_scenario_object(to_json(lying), "round trip") == lying);
}

TEST_CASE("scenario interventions: an object replaces them all, {} takes them off", "[scenario]") {
    Scenario s;
    merge_scenario_object(nlohmann::json::parse(R"({"interventions": {"stocking_mmHg": 20}})"), s,
                          "lesson.json", "steps[1].settings.");
    CHECK(s.interventions.stocking_ankle_mmHg == 20.0);
    merge_scenario_object(nlohmann::json::parse(R"({"posture": "sitting"})"), s, "lesson.json");
    CHECK(s.interventions.stocking_ankle_mmHg == 20.0); // untouched by other keys
    merge_scenario_object(nlohmann::json::parse(R"({"interventions": {}})"), s, "lesson.json");
    CHECK(s.interventions == Interventions{});
}

TEST_CASE("scenario interventions: bad values name the key and the accepted values", "[scenario]") {
    CHECK_THAT(error_of(R"({"interventions": {"stocking_mmHg": 70}})"),
               Catch::Contains("s.json: key \"interventions.stocking_mmHg\": expected a number "
                               "from 0 to 50 (mmHg at the ankle), got 70"));
    CHECK_THAT(error_of(R"({"interventions": {"stocking_length": "knee"}})"),
               Catch::Contains("\"interventions.stocking_length\": expected one of below-knee, "
                               "thigh, got \"knee\""));
    CHECK_THAT(error_of(R"({"interventions": {"ipc": "arm"}})"),
               Catch::Contains("expected one of none, calf, foot"));
    CHECK_THAT(error_of(R"({"interventions": {"calf_strength": 3}})"),
               Catch::Contains("expected one of average, untrained, trained, deconditioned"));
    CHECK_THAT(error_of(R"({"interventions": {"elevation_deg": -5}})"),
               Catch::Contains("\"interventions.elevation_deg\": expected a number from 0 to 80"));
    CHECK_THAT(error_of(R"({"interventions": {"socks": 1}})"),
               Catch::Contains("\"interventions.socks\": unknown key"));
    CHECK_THAT(error_of(R"({"interventions": {"ipc_cycle": {"on_s": 5}}})"),
               Catch::Contains("no cycle without \"ipc\""));
    CHECK_THAT(error_of(R"({"interventions": {"ipc": "calf", "ipc_cycle": {"on_s": 0}}})"),
               Catch::Contains("\"interventions.ipc_cycle.on_s\": expected a number from 1 to 60"));
    CHECK_THAT(error_of(R"({"interventions": 20})"),
               Catch::Contains("\"interventions\": expected an object"));
}
