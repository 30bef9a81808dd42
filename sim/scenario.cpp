#include "scenario.hpp"

#include "conditions.hpp"
#include "json_parse_keyed.hpp"
#include "scenario_interventions.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace sh::sim {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 17> kKeys = {
    "name",           "description",  "height_cm",        "posture",    "activity",
    "gait_speed_kmh", "condition",    "severity",         "valves",     "deep_obstruction",
    "sitting_hours",  "breaks",       "time_lapse",       "duration_s", "interventions",
    "camera",         "swelling_exaggeration"};

// The activities a scenario may name: the sustained ones of the vocabulary (calf_squeeze is a
// one-shot manoeuvre of the reflux protocol, not something a leg keeps doing).
std::string scenario_activity_names() {
    return id_list<Activity>([](const ActivityTerm& t) { return t.sustained; });
}

std::optional<Activity> scenario_activity(std::string_view name) {
    auto a = activity_from_string(name);
    if (!a || !is_sustained(*a)) return std::nullopt;
    return a;
}

std::string format_number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

// What a value is, for "got ..." in messages: the type, or the value itself for short scalars so
// that a user sees what the parser saw.
std::string describe(const json& v) {
    if (v.is_number()) return format_number(v.get<double>());
    if (v.is_string()) return "\"" + v.get<std::string>() + "\"";
    return v.type_name();
}

// Walks one JSON object and turns every problem into a ScenarioError naming the key.
class Reader {
public:
    Reader(std::string_view source, std::string_view prefix) : source_(source), prefix_(prefix) {}

    [[noreturn]] void fail(std::string_view key, const std::string& expected,
                           const std::string& got) const {
        std::string msg = std::string(source_) + ": key \"" + std::string(prefix_) +
                          std::string(key) + "\": expected " + expected;
        if (!got.empty()) msg += ", got " + got;
        throw ScenarioError(msg);
    }
    [[noreturn]] void unknown(std::string_view key, const std::string& known) const {
        throw ScenarioError(std::string(source_) + ": key \"" + std::string(prefix_) +
                            std::string(key) + "\": unknown key (expected one of " + known + ")");
    }
    // A number in [lo, hi]; `unit` goes into the message after the range.
    double number(const json& v, std::string_view key, double lo, double hi,
                  std::string_view unit) const {
        std::string expected = "a number from " + format_number(lo) + " to " + format_number(hi);
        if (!unit.empty()) expected += " (" + std::string(unit) + ")";
        if (!v.is_number()) fail(key, expected, v.type_name());
        double d = v.get<double>();
        if (!(d >= lo && d <= hi)) fail(key, expected, format_number(d));
        return d;
    }
    std::string string(const json& v, std::string_view key, const std::string& expected) const {
        if (!v.is_string()) fail(key, expected, v.type_name());
        return v.get<std::string>();
    }

private:
    std::string_view source_, prefix_;
};

// The checks shared by the string and object forms of `breaks`; empty when fine.
std::string check_breaks(const SitBreaks& b) {
    if (!(b.every_min > 0 && b.every_min <= 1440))
        return "the interval EVERY_MIN must be more than 0 and at most 1440 minutes";
    if (!(b.minutes > 0 && b.minutes < b.every_min))
        return "the break MIN must be more than 0 and shorter than the interval EVERY_MIN";
    return {};
}

std::optional<double> to_double(std::string_view s) {
    double v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
    return v;
}

const char* kBreaksExpected =
    "\"EVERY_MIN:ACTIVITY:MIN\" (e.g. \"60:walking:5\") or an object {\"every_min\": 60, "
    "\"activity\": \"walking\", \"minutes\": 5}";

SitBreaks read_breaks(const Reader& r, const json& v) {
    if (v.is_string()) {
        std::string err;
        auto b = parse_breaks(v.get<std::string>(), err);
        if (!b) r.fail("breaks", kBreaksExpected, describe(v) + " (" + err + ")");
        return *b;
    }
    if (!v.is_object()) r.fail("breaks", kBreaksExpected, v.type_name());
    SitBreaks b;
    for (auto& [key, _] : v.items())
        if (key != "every_min" && key != "activity" && key != "minutes")
            r.unknown("breaks." + key, "every_min, activity, minutes");
    if (!v.contains("every_min")) r.fail("breaks.every_min", "a number of minutes", "nothing");
    if (!v.contains("minutes")) r.fail("breaks.minutes", "a number of minutes", "nothing");
    b.every_min = r.number(v["every_min"], "breaks.every_min", 1, 1440, "minutes");
    b.minutes = r.number(v["minutes"], "breaks.minutes", 0, 1440, "minutes");
    if (v.contains("activity")) {
        std::string expected = "one of " + scenario_activity_names();
        auto a = scenario_activity(r.string(v["activity"], "breaks.activity", expected));
        if (!a) r.fail("breaks.activity", expected, describe(v["activity"]));
        b.activity = *a;
    }
    if (std::string err = check_breaks(b); !err.empty())
        r.fail("breaks", kBreaksExpected, describe(v) + " (" + err + ")");
    return b;
}

} // namespace

ValveSettings Scenario::valve_settings() const {
    // An unknown condition cannot come from the parser; a hand-built Scenario falls back to
    // healthy rather than throwing in the middle of a frame.
    ValveSettings v = condition_valves(condition, severity).value_or(ValveSettings{});
    for (int g = 0; g < kValveGroupCount; ++g)
        if (valve_overrides[g]) v.severity[g] = std::clamp(*valve_overrides[g], 0.0, 1.0);
    if (deep_obstruction) v.deep_obstruction = std::clamp(*deep_obstruction, 0.0, 1.0);
    return v;
}

bool operator==(const Scenario& a, const Scenario& b) {
    auto same_breaks = [](const std::optional<SitBreaks>& x, const std::optional<SitBreaks>& y) {
        if (x.has_value() != y.has_value()) return false;
        return !x || (x->every_min == y->every_min && x->activity == y->activity &&
                      x->minutes == y->minutes);
    };
    return a.name == b.name && a.description == b.description && a.height_cm == b.height_cm &&
           a.posture == b.posture && a.activity.kind == b.activity.kind &&
           a.activity.speed_kmh == b.activity.speed_kmh && a.condition == b.condition &&
           a.severity == b.severity && a.valve_overrides == b.valve_overrides &&
           a.deep_obstruction == b.deep_obstruction && a.sitting_hours == b.sitting_hours &&
           same_breaks(a.breaks, b.breaks) && a.time_lapse == b.time_lapse &&
           a.duration_s == b.duration_s && a.interventions == b.interventions &&
           a.camera == b.camera && a.swelling_exaggeration == b.swelling_exaggeration;
}

double default_gait_speed_kmh(Activity a) {
    if (a == Activity::Walking) return 3.0;
    if (a == Activity::Running) return 10.0;
    return 0.0;
}

std::span<const std::string_view> scenario_keys() {
    return kKeys;
}

void merge_scenario_object(const json& obj, Scenario& into, std::string_view source_name,
                           std::string_view key_prefix) {
    Reader r(source_name, key_prefix);
    if (!obj.is_object())
        throw ScenarioError(std::string(source_name) +
                            ": expected a JSON object of scenario keys (" +
                            std::string(key_prefix) + "...), got " + obj.type_name());
    for (auto& [key, _] : obj.items())
        if (std::find(kKeys.begin(), kKeys.end(), key) == kKeys.end()) {
            std::string known;
            for (auto k : kKeys) known += (known.empty() ? "" : ", ") + std::string(k);
            r.unknown(key, known);
        }

    // Work on a copy so that a failed merge leaves the caller's scenario as it was. Keys are
    // handled in a fixed order because the range of gait_speed_kmh depends on the activity.
    Scenario s = into;
    auto has = [&](const char* key) { return obj.contains(key); };
    if (has("name")) s.name = r.string(obj["name"], "name", "a string");
    if (has("description")) s.description = r.string(obj["description"], "description", "a string");
    if (has("height_cm")) s.height_cm = r.number(obj["height_cm"], "height_cm", 120, 220, "cm");
    if (has("posture")) {
        std::string expected = "one of " + posture_names();
        auto p = posture_from_string(r.string(obj["posture"], "posture", expected));
        if (!p) r.fail("posture", expected, describe(obj["posture"]));
        s.posture = *p;
    }
    if (has("activity")) {
        std::string expected = "one of " + scenario_activity_names();
        auto a = scenario_activity(r.string(obj["activity"], "activity", expected));
        if (!a) r.fail("activity", expected, describe(obj["activity"]));
        s.activity = {*a, default_gait_speed_kmh(*a)};
    }
    if (has("gait_speed_kmh")) {
        // Running is modelled from 6 to 16 km/h (sim/gait_kinematics), walking up to 8: a speed
        // outside the activity's range is rejected, naming the range, not clamped.
        const bool running = s.activity.kind == Activity::Running;
        s.activity.speed_kmh =
            r.number(obj["gait_speed_kmh"], "gait_speed_kmh", running ? 6.0 : 0.0,
                     running ? 16.0 : 8.0, running ? "km/h, running" : "km/h");
    }
    if (has("condition")) {
        std::string expected = "one of " + condition_names();
        std::string c = r.string(obj["condition"], "condition", expected);
        if (!condition_valves(c)) r.fail("condition", expected, describe(obj["condition"]));
        s.condition = c;
    }
    if (has("severity"))
        s.severity = r.number(obj["severity"], "severity", 0, 1, "0 mild to 1 full failure");
    if (has("valves")) {
        const json& v = obj["valves"];
        std::string expected =
            "an object valve group -> severity 0 to 1 (groups: " + valve_group_names() + ")";
        if (!v.is_object()) r.fail("valves", expected, v.type_name());
        s.valve_overrides = {};
        for (auto& [group, value] : v.items()) {
            auto g = valve_group_from_string(group);
            if (!g) r.unknown("valves." + group, "the valve groups " + valve_group_names());
            s.valve_overrides[static_cast<int>(*g)] =
                r.number(value, "valves." + group, 0, 1, "failure severity");
        }
    }
    if (has("deep_obstruction"))
        s.deep_obstruction =
            r.number(obj["deep_obstruction"], "deep_obstruction", 0, 1, "fraction of outflow");
    if (has("sitting_hours"))
        s.sitting_hours = r.number(obj["sitting_hours"], "sitting_hours", 0, 24, "hours");
    if (has("breaks")) s.breaks = read_breaks(r, obj["breaks"]);
    if (has("time_lapse"))
        s.time_lapse =
            r.number(obj["time_lapse"], "time_lapse", 1, 10000, "simulated seconds per second");
    if (has("duration_s")) s.duration_s = r.number(obj["duration_s"], "duration_s", 0, 86400, "s");
    if (has("interventions"))
        s.interventions = read_interventions(obj["interventions"], source_name, key_prefix);
    const std::string prefix(key_prefix);
    if (has("camera"))
        s.camera = read_camera_setting(obj["camera"], source_name, prefix + "camera");
    if (has("swelling_exaggeration"))
        s.swelling_exaggeration = read_exaggeration(obj["swelling_exaggeration"], source_name,
                                                    prefix + "swelling_exaggeration");
    into = std::move(s);
}

Scenario parse_scenario_object(const json& obj, std::string_view source_name,
                               std::string_view key_prefix) {
    Scenario s;
    merge_scenario_object(obj, s, source_name, key_prefix);
    return s;
}

Scenario parse_scenario(std::string_view json_text, std::string_view source_name) {
    json doc;
    std::string last_key;
    try {
        doc = parse_json_keyed(json_text, last_key);
    } catch (const json::out_of_range& e) { // 1e999: name the file and the key
        throw ScenarioError(std::string(source_name) + ": " + number_overflow_message(last_key, e));
    } catch (const json::parse_error& e) {
        // Line and column from the byte offset (1-based, the character that broke the parse),
        // so the message does not depend on the library's wording.
        size_t end = std::min<size_t>(e.byte == 0 ? 0 : e.byte - 1, json_text.size());
        size_t line = 1, column = 1;
        for (size_t i = 0; i < end; ++i) {
            if (json_text[i] == '\n')
                line++, column = 1;
            else
                column++;
        }
        std::string detail = e.what();
        if (auto pos = detail.find(": ", detail.find("parse error")); pos != std::string::npos)
            detail = detail.substr(pos + 2);
        throw ScenarioError(std::string(source_name) + ": line " + std::to_string(line) +
                            ", column " + std::to_string(column) +
                            ": JSON syntax error: " + detail);
    }
    return parse_scenario_object(doc, source_name);
}

Scenario load_scenario_file(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        throw ScenarioError(path + ": is a folder, not a scenario file");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ScenarioError(path + ": cannot open the scenario file");
    std::stringstream ss;
    ss << in.rdbuf();
    if (in.bad()) throw ScenarioError(path + ": cannot read the scenario file");
    return parse_scenario(ss.str(), path);
}

json to_json(const Scenario& s) {
    json j = {
        {"name", s.name},
        {"description", s.description},
        {"height_cm", s.height_cm},
        {"posture", std::string(to_string(s.posture))},
        {"activity", std::string(to_string(s.activity.kind))},
        {"gait_speed_kmh", s.activity.speed_kmh},
        {"condition", s.condition},
        {"severity", s.severity},
        {"sitting_hours", s.sitting_hours},
        {"time_lapse", s.time_lapse},
        {"duration_s", s.duration_s},
    };
    json valves = json::object();
    for (int g = 0; g < kValveGroupCount; ++g)
        if (s.valve_overrides[g])
            valves[std::string(to_string(static_cast<ValveGroup>(g)))] = *s.valve_overrides[g];
    if (!valves.empty()) j["valves"] = valves;
    if (s.deep_obstruction) j["deep_obstruction"] = *s.deep_obstruction;
    if (s.breaks)
        j["breaks"] = {{"every_min", s.breaks->every_min},
                       {"activity", std::string(to_string(s.breaks->activity))},
                       {"minutes", s.breaks->minutes}};
    if (!(s.interventions == Interventions{})) j["interventions"] = to_json(s.interventions);
    if (s.camera) j["camera"] = to_json(*s.camera);
    if (s.swelling_exaggeration) j["swelling_exaggeration"] = *s.swelling_exaggeration;
    return j;
}

void apply(const Scenario& s, LegModel& model) {
    model.set_valves(s.valve_settings());
    model.set_posture(s.posture);
    model.set_activity(s.activity);
    // Only a change reaches the model: setting them restarts an IPC device's cycle.
    if (!(model.interventions() == s.interventions)) model.set_interventions(s.interventions);
}

std::optional<SitBreaks> parse_breaks(std::string_view text, std::string& error) {
    auto c1 = text.find(':');
    auto c2 = c1 == std::string_view::npos ? c1 : text.find(':', c1 + 1);
    if (c2 == std::string_view::npos || text.find(':', c2 + 1) != std::string_view::npos) {
        error = "expected EVERY_MIN:ACTIVITY:MIN, e.g. 60:walking:5";
        return std::nullopt;
    }
    SitBreaks b;
    auto every = to_double(text.substr(0, c1));
    auto minutes = to_double(text.substr(c2 + 1));
    auto activity = scenario_activity(text.substr(c1 + 1, c2 - c1 - 1));
    if (!every) {
        error = "EVERY_MIN '" + std::string(text.substr(0, c1)) + "' is not a number";
        return std::nullopt;
    }
    if (!activity) {
        error = "ACTIVITY '" + std::string(text.substr(c1 + 1, c2 - c1 - 1)) + "' is not one of " +
                scenario_activity_names();
        return std::nullopt;
    }
    if (!minutes) {
        error = "MIN '" + std::string(text.substr(c2 + 1)) + "' is not a number";
        return std::nullopt;
    }
    b.every_min = *every;
    b.activity = *activity;
    b.minutes = *minutes;
    if (std::string err = check_breaks(b); !err.empty()) {
        error = err;
        return std::nullopt;
    }
    return b;
}

std::string format_breaks(const SitBreaks& b) {
    return format_number(b.every_min) + ":" + std::string(to_string(b.activity)) + ":" +
           format_number(b.minutes);
}

} // namespace sh::sim
