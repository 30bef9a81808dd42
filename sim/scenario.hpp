#pragma once
// Scenario files (assets/scenarios/*.json): who the leg belongs to, what it is doing and which
// valves have failed. The same keys drive lesson steps and the control panel, so the parser works
// on a JSON object with a key prefix for error messages, and can merge keys into an existing
// scenario (a lesson step changes only what it names).
//
// Keys (all optional): name, description, height_cm, posture, activity, gait_speed_kmh,
// condition, severity, valves {group: severity}, deep_obstruction, sitting_hours, breaks,
// time_lapse, duration_s, interventions (stockings, elevation, IPC, calf strength:
// sim/scenario_interventions.hpp), camera and swelling_exaggeration (how the leg is shown:
// sim/scenario_view.hpp). Anything else is an error, so that a typo never silently runs
// the default.

#include "activity.hpp"
#include "leg_model.hpp"
#include "posture.hpp"
#include "protocols.hpp"
#include "scenario_view.hpp"

#include <array>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

namespace sh::sim {

// Raised for any problem in a scenario: the message names the file, the key and what was
// expected, e.g. `flight.json: key "gait_speed_kmh": expected a number from 0 to 8 (km/h), got
// string`.
struct ScenarioError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct Scenario {
    std::string name;
    std::string description;
    double height_cm = 175;
    Posture posture = Posture::Standing;
    ActivitySpec activity; // kind and gait speed
    std::string condition = "healthy";
    double severity = 1.0; // scales the condition's failures
    // Per-group failure severities that replace the condition's value for that group.
    std::array<std::optional<double>, kValveGroupCount> valve_overrides{};
    std::optional<double> deep_obstruction; // replaces the condition's obstruction when set
    double sitting_hours = 0;
    std::optional<SitBreaks> breaks;
    double time_lapse = 1; // simulated seconds per wall second (the slow system fast-forwards)
    double duration_s = 0; // 0: until stopped
    // How the leg is shown (sim/scenario_view.hpp); unset: as the viewer has it.
    std::optional<CameraSetting> camera;
    std::optional<double> swelling_exaggeration;
    Interventions interventions; // issue 11: stockings, elevation, IPC, calf strength

    // The condition scaled by severity, then the per-group overrides and deep_obstruction.
    ValveSettings valve_settings() const;
};

bool operator==(const Scenario& a, const Scenario& b);

// Gait speed used when a scenario names walking or running but no speed: the AVP protocol's
// 3 km/h stroll and an easy 10 km/h run.
double default_gait_speed_kmh(Activity a);
// The top-level keys a scenario accepts (lesson files use it to tell scenario keys apart).
std::span<const std::string_view> scenario_keys();

// Parses a whole scenario document. `source_name` (a file name) prefixes every error message.
Scenario parse_scenario(std::string_view json_text, std::string_view source_name);
// Reads and parses a file; an unreadable file is a ScenarioError naming the path.
Scenario load_scenario_file(const std::string& path);
// Parses a JSON object of scenario keys on top of the defaults. `key_prefix` is put before every
// key in messages ("steps[2]." gives `key "steps[2].posture"`).
Scenario parse_scenario_object(const nlohmann::json& obj, std::string_view source_name,
                               std::string_view key_prefix = {});
// Applies only the keys present in `obj` to `into` (lesson steps, panel edits). Setting
// `activity` without `gait_speed_kmh` resets the speed to default_gait_speed_kmh. On error `into`
// is left unchanged.
void merge_scenario_object(const nlohmann::json& obj, Scenario& into, std::string_view source_name,
                           std::string_view key_prefix = {});
// Every key, so that parse_scenario_object(to_json(s)) == s.
nlohmann::json to_json(const Scenario& s);

// Sets valves, posture, activity and interventions on a model. Height is fixed when a LegModel is
// built; pass Scenario::height_cm to its constructor. Field-wise: settings equal to the model's
// change nothing, so the gait keeps its phase (LegModel::set_activity).
void apply(const Scenario& s, LegModel& model);

// "EVERY_MIN:ACTIVITY:MIN", e.g. "60:walking:5": every 60 minutes of sitting, 5 minutes of
// walking. On failure returns nullopt and says why in `error`.
std::optional<SitBreaks> parse_breaks(std::string_view text, std::string& error);
std::string format_breaks(const SitBreaks& b); // the inverse, "60:walking:5"

} // namespace sh::sim
