// Scenario files: every shipped scenario parses, round trips, and every mistake a user can make
// in one is reported with the key that caused it.

#include "conditions.hpp"
#include "scenario.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

using namespace sh::sim;
using Catch::Matchers::Contains;
using nlohmann::json;

namespace {

const std::filesystem::path kScenarioDir =
    std::filesystem::path(SH_SOURCE_DIR) / "assets/scenarios";

double group(const ValveSettings& v, ValveGroup g) {
    return v.severity[static_cast<int>(g)];
}

// The message of the ScenarioError a document raises ("" when it parses).
std::string error_of(const std::string& text, const char* source = "flight.json") {
    try {
        parse_scenario(text, source);
    } catch (const ScenarioError& e) {
        return e.what();
    }
    return {};
}

} // namespace

TEST_CASE("every shipped scenario parses and round trips", "[scenario]") {
    std::set<std::string> found;
    for (const auto& entry : std::filesystem::directory_iterator(kScenarioDir)) {
        if (entry.path().extension() != ".json") continue;
        INFO(entry.path().filename().string());
        Scenario s;
        REQUIRE_NOTHROW(s = load_scenario_file(entry.path().string()));
        CHECK_FALSE(s.name.empty());
        CHECK_FALSE(s.description.empty());
        CHECK(parse_scenario(to_json(s).dump(), "round trip") == s);
        found.insert(entry.path().filename().string());
    }
    for (const char* required :
         {"healthy_walk.json", "long_haul_flight.json", "desk_day_with_breaks.json",
          "varicose_veins.json", "post_thrombotic.json"})
        CHECK(found.count(required) == 1);
}

TEST_CASE("shipped scenarios say what their names promise", "[scenario]") {
    auto load = [](const char* name) { return load_scenario_file((kScenarioDir / name).string()); };

    Scenario walk = load("healthy_walk.json");
    CHECK(walk.activity.kind == Activity::Walking);
    CHECK(walk.activity.speed_kmh > 0);
    for (double s : walk.valve_settings().severity) CHECK(s == 0);

    Scenario flight = load("long_haul_flight.json");
    CHECK(flight.posture == Posture::Sitting);
    CHECK(flight.activity.kind == Activity::Still);
    CHECK(flight.sitting_hours == 9);
    CHECK_FALSE(flight.breaks.has_value());

    Scenario desk = load("desk_day_with_breaks.json");
    CHECK(desk.posture == Posture::Sitting);
    CHECK(desk.sitting_hours == 8);
    REQUIRE(desk.breaks.has_value());
    CHECK(desk.breaks->every_min == 60);
    CHECK(desk.breaks->activity == Activity::Walking);
    CHECK(desk.breaks->minutes == 5);

    Scenario varicose = load("varicose_veins.json");
    CHECK(varicose.activity.kind == Activity::Walking);
    CHECK(varicose.activity.speed_kmh == 3);
    CHECK(group(varicose.valve_settings(), ValveGroup::Gsv) == 1);
    CHECK(group(varicose.valve_settings(), ValveGroup::Tibial) == 0);

    Scenario ptv = load("post_thrombotic.json");
    CHECK(ptv.valve_settings().deep_obstruction > 0);
    CHECK(group(ptv.valve_settings(), ValveGroup::Popliteal) > 0);
}

TEST_CASE("an empty scenario is a healthy adult standing still", "[scenario]") {
    Scenario s = parse_scenario("{}", "empty.json");
    CHECK(s.height_cm == 175);
    CHECK(s.posture == Posture::Standing);
    CHECK(s.activity.kind == Activity::Still);
    CHECK(s.condition == "healthy");
    CHECK_FALSE(s.breaks.has_value());
    CHECK(s.time_lapse == 1);
    CHECK(s == Scenario{});
}

TEST_CASE("walking or running without a speed gets a sensible gait speed", "[scenario]") {
    CHECK(parse_scenario(R"({"activity": "walking"})", "x").activity.speed_kmh == 3.0);
    CHECK(parse_scenario(R"({"activity": "running"})", "x").activity.speed_kmh == 10.0);
    CHECK(parse_scenario(R"({"activity": "running", "gait_speed_kmh": 14})", "x")
              .activity.speed_kmh == 14.0);
}

TEST_CASE("a scenario with every key round trips through JSON", "[scenario]") {
    Scenario s;
    s.name = "everything";
    s.description = "all keys set";
    s.height_cm = 162.5;
    s.posture = Posture::LegRaised;
    s.activity = {Activity::Running, 12.5};
    s.condition = "deep-incompetence";
    s.severity = 0.4;
    s.valve_overrides[static_cast<int>(ValveGroup::Ssv)] = 0.3;
    s.valve_overrides[static_cast<int>(ValveGroup::Foot)] = 0.0;
    s.deep_obstruction = 0.2;
    s.sitting_hours = 2.5;
    s.breaks = SitBreaks{45, Activity::HeelRaises, 3};
    s.time_lapse = 600;
    s.duration_s = 3600;
    s.camera = CameraSetting{CameraPreset::Back, 30, -10, 1.5};
    s.swelling_exaggeration = 5;
    json j = to_json(s);
    Scenario back = parse_scenario(j.dump(2), "round trip");
    CHECK(back == s);
    CHECK(to_json(back) == j);
    // An override of 0 is kept: it says "this group is competent whatever the condition".
    CHECK(j["valves"]["foot"] == 0.0);
}

TEST_CASE("valve settings: condition scaled by severity, then per-group overrides", "[scenario]") {
    Scenario s = parse_scenario(R"({"condition": "gsv-reflux", "severity": 0.5})", "x");
    ValveSettings v = s.valve_settings();
    CHECK(group(v, ValveGroup::Gsv) == Approx(0.5));
    CHECK(group(v, ValveGroup::Ssv) == 0);

    s = parse_scenario(
        R"({"condition": "gsv-reflux", "severity": 0.5, "valves": {"gsv": 0.2, "tibial": 0.7}})",
        "x");
    v = s.valve_settings();
    CHECK(group(v, ValveGroup::Gsv) == Approx(0.2));    // override beats the condition
    CHECK(group(v, ValveGroup::Tibial) == Approx(0.7)); // override adds a failure
    CHECK(group(v, ValveGroup::Perforator) == 0);

    s = parse_scenario(R"({"condition": "post-thrombotic", "severity": 0.5})", "x");
    double half_obstruction = s.valve_settings().deep_obstruction;
    CHECK(half_obstruction > 0);
    CHECK(half_obstruction ==
          Approx(0.5 * parse_scenario(R"({"condition": "post-thrombotic"})", "x")
                           .valve_settings()
                           .deep_obstruction));
    s = parse_scenario(R"({"condition": "post-thrombotic", "deep_obstruction": 0.9})", "x");
    CHECK(s.valve_settings().deep_obstruction == Approx(0.9));
    s = parse_scenario(R"({"condition": "healthy", "deep_obstruction": 0.3})", "x");
    CHECK(s.valve_settings().deep_obstruction == Approx(0.3));
}

TEST_CASE("scenario errors name the file, the key and what was expected", "[scenario]") {
    SECTION("unknown key") {
        std::string e = error_of(R"({"gait_speed": 3})");
        CHECK_THAT(e, Contains("flight.json") && Contains("\"gait_speed\"") &&
                          Contains("gait_speed_kmh"));
    }
    SECTION("wrong type") {
        CHECK(error_of(R"({"gait_speed_kmh": "fast"})") ==
              "flight.json: key \"gait_speed_kmh\": expected a number from 0 to 8 (km/h), got "
              "string");
        CHECK_THAT(error_of(R"({"posture": 3})"),
                   Contains("\"posture\"") && Contains("standing") && Contains("got number"));
        CHECK_THAT(error_of(R"({"name": ["a"]})"), Contains("\"name\"") && Contains("got array"));
    }
    SECTION("out of range") {
        CHECK_THAT(error_of(R"({"height_cm": 300})"),
                   Contains("\"height_cm\"") && Contains("120 to 220") && Contains("got 300"));
        CHECK_THAT(error_of(R"({"severity": 1.5})"),
                   Contains("\"severity\"") && Contains("0 to 1"));
        CHECK_THAT(error_of(R"({"time_lapse": 0.5})"), Contains("\"time_lapse\""));
        CHECK_THAT(error_of(R"({"sitting_hours": 25})"), Contains("\"sitting_hours\""));
        CHECK_THAT(error_of(R"({"duration_s": -1})"), Contains("\"duration_s\""));
        CHECK_THAT(error_of(R"({"deep_obstruction": 2})"), Contains("\"deep_obstruction\""));
        // The speed range depends on the activity: 12 km/h is a run, not a walk.
        CHECK_THAT(error_of(R"({"activity": "walking", "gait_speed_kmh": 12})"),
                   Contains("\"gait_speed_kmh\"") && Contains("0 to 8"));
        CHECK(error_of(R"({"activity": "running", "gait_speed_kmh": 12})").empty());
        CHECK_THAT(error_of(R"({"activity": "running", "gait_speed_kmh": 20})"),
                   Contains("6 to 16"));
        // Running is modelled from 6 km/h (sim/gait_kinematics): 4 km/h is a walk, rejected
        // with the range and the activity named, not clamped silently.
        CHECK(error_of(R"({"activity": "running", "gait_speed_kmh": 4})") ==
              "flight.json: key \"gait_speed_kmh\": expected a number from 6 to 16 (km/h, "
              "running), got 4");
        CHECK(error_of(R"({"activity": "running", "gait_speed_kmh": 6})").empty());
        CHECK(error_of(R"({"activity": "walking", "gait_speed_kmh": 4})").empty());
    }
    SECTION("bad names") {
        CHECK_THAT(error_of(R"({"condition": "gout"})"),
                   Contains("\"condition\"") && Contains("gsv-reflux") && Contains("\"gout\""));
        CHECK_THAT(error_of(R"({"activity": "flying"})"),
                   Contains("\"activity\"") && Contains("ankle_pumps"));
        CHECK_THAT(error_of(R"({"activity": "calf_squeeze"})"), Contains("\"activity\""));
        CHECK_THAT(error_of(R"({"posture": "kneeling"})"), Contains("\"posture\""));
    }
    SECTION("bad valve group or severity") {
        CHECK_THAT(error_of(R"({"valves": {"gsvv": 1}})"),
                   Contains("\"valves.gsvv\"") && Contains("perforator"));
        CHECK_THAT(error_of(R"({"valves": {"gsv": "yes"}})"),
                   Contains("\"valves.gsv\"") && Contains("got string"));
        CHECK_THAT(error_of(R"({"valves": ["gsv"]})"), Contains("\"valves\""));
    }
    SECTION("bad breaks") {
        CHECK_THAT(error_of(R"({"breaks": "60:flying:5"})"),
                   Contains("\"breaks\"") && Contains("EVERY_MIN:ACTIVITY:MIN") &&
                       Contains("flying"));
        CHECK_THAT(error_of(R"({"breaks": "60-walking-5"})"), Contains("\"breaks\""));
        CHECK_THAT(error_of(R"({"breaks": "5:walking:60"})"), Contains("\"breaks\""));
        CHECK_THAT(error_of(R"({"breaks": 60})"), Contains("\"breaks\"") && Contains("got number"));
        CHECK_THAT(error_of(R"({"breaks": {"every_min": 60, "mins": 5}})"),
                   Contains("\"breaks.mins\""));
        CHECK_THAT(error_of(R"({"breaks": {"every_min": 60}})"), Contains("\"breaks.minutes\""));
        CHECK(error_of(R"({"breaks": {"every_min": 30, "activity": "heel_raises", "minutes": 2}})")
                  .empty());
    }
    SECTION("JSON syntax error gives line and column") {
        std::string e = error_of("{\n  \"height_cm\": 170,\n  \"posture\" \"sitting\"\n}");
        CHECK_THAT(e, Contains("flight.json") && Contains("line 3") && Contains("column"));
        CHECK_THAT(error_of("[1, 2]"), Contains("flight.json") && Contains("object"));
    }
    SECTION("missing file") {
        std::string path = (kScenarioDir / "no_such_scenario.json").string();
        CHECK_THROWS_AS(load_scenario_file(path), ScenarioError);
        CHECK_THROWS_WITH(load_scenario_file(path), Contains("no_such_scenario.json"));
    }
}

TEST_CASE("scenario keys embedded in another file carry their prefix", "[scenario]") {
    json step = {{"posture", "kneeling"}};
    CHECK_THROWS_WITH(parse_scenario_object(step, "lesson.json", "steps[2]."),
                      Contains("lesson.json") && Contains("\"steps[2].posture\""));
}

TEST_CASE("merging keys changes only what they name and nothing on error", "[scenario]") {
    Scenario s = parse_scenario(R"({"condition": "gsv-reflux", "posture": "sitting"})", "x");
    merge_scenario_object(json{{"activity", "walking"}, {"posture", "standing"}}, s, "step");
    CHECK(s.condition == "gsv-reflux");
    CHECK(s.posture == Posture::Standing);
    CHECK(s.activity.kind == Activity::Walking);
    CHECK(s.activity.speed_kmh == 3.0);

    Scenario before = s;
    CHECK_THROWS_AS(merge_scenario_object(json{{"posture", "lying"}, {"severity", 7}}, s, "step"),
                    ScenarioError);
    CHECK(s == before);
}

TEST_CASE("break syntax EVERY_MIN:ACTIVITY:MIN", "[scenario]") {
    std::string err;
    auto b = parse_breaks("60:walking:5", err);
    REQUIRE(b.has_value());
    CHECK(b->every_min == 60);
    CHECK(b->activity == Activity::Walking);
    CHECK(b->minutes == 5);
    CHECK(format_breaks(*b) == "60:walking:5");

    b = parse_breaks("30:heel_raises:1.5", err);
    REQUIRE(b.has_value());
    CHECK(b->minutes == 1.5);

    for (const char* bad :
         {"", "60", "60:walking", "60:walking:5:1", "x:walking:5", "60:walking:y", "60:swimming:5",
          "60:walking:0", "60:walking:90", "0:walking:5", "-60:walking:5"}) {
        INFO(bad);
        err.clear();
        CHECK_FALSE(parse_breaks(bad, err).has_value());
        CHECK_FALSE(err.empty());
    }
}

TEST_CASE("apply sets valves, posture and activity on a model", "[scenario]") {
    Scenario s = parse_scenario(R"({"condition": "ssv-reflux", "posture": "standing",
                                    "activity": "walking", "gait_speed_kmh": 4.5,
                                    "valves": {"femoral": 0.25}})",
                                "x");
    LegModel model(default_network(), {}, s.height_cm);
    apply(s, model);
    CHECK(model.posture() == Posture::Standing);
    CHECK(model.activity().kind == Activity::Walking);
    CHECK(model.activity().speed_kmh == 4.5);
    CHECK(model.valves().severity[static_cast<int>(ValveGroup::Ssv)] == 1.0);
    CHECK(model.valves().severity[static_cast<int>(ValveGroup::Femoral)] == 0.25);
    CHECK(model.valves().severity[static_cast<int>(ValveGroup::Gsv)] == 0.0);

    s = parse_scenario(R"({"posture": "lying"})", "x");
    apply(s, model);
    CHECK(model.posture() == Posture::Lying);
    CHECK(model.activity().kind == Activity::Still);
    CHECK(model.valves().severity[static_cast<int>(ValveGroup::Ssv)] == 0.0);
}

TEST_CASE("scenario camera and swelling exaggeration: a preset or turned and zoomed, ranges named",
          "[scenario]") {
    // Unset: the viewer keeps the camera and exaggeration they have.
    const Scenario none = parse_scenario("{}", "x.json");
    CHECK_FALSE(none.camera);
    CHECK_FALSE(none.swelling_exaggeration);
    CHECK_FALSE(to_json(none).contains("camera"));

    const Scenario preset = parse_scenario(R"({"camera": "x-ray"})", "x.json");
    REQUIRE(preset.camera);
    CHECK(preset.camera->preset == CameraPreset::Cutaway);
    CHECK(to_json(preset)["camera"] == "cutaway"); // the id, never the alias

    const Scenario turned = parse_scenario(
        R"({"camera": {"yaw_deg": -45, "zoom": 2}, "swelling_exaggeration": 10})", "x.json");
    REQUIRE(turned.camera);
    CHECK(turned.camera->preset == CameraPreset::Front); // no preset named: the front view
    CHECK(turned.camera->yaw_deg == -45);
    CHECK(turned.camera->pitch_deg == 0);
    CHECK(turned.camera->zoom == 2);
    CHECK(turned.swelling_exaggeration == 10.0);

    CHECK(error_of(R"({"camera": "sideways"})") ==
          "flight.json: key \"camera\": expected one of front, back, medial, cutaway, got "
          "\"sideways\"");
    CHECK_THAT(error_of(R"({"camera": {"yaw_deg": 200}})"),
               Contains("\"camera.yaw_deg\"") && Contains("-180 to 180") && Contains("got 200"));
    CHECK_THAT(error_of(R"({"camera": {"pitch_deg": "up"}})"),
               Contains("\"camera.pitch_deg\"") && Contains("-80 to 80"));
    CHECK_THAT(error_of(R"({"camera": {"zoom": 0}})"),
               Contains("\"camera.zoom\"") && Contains("0.25 to 4"));
    CHECK_THAT(error_of(R"({"camera": {"roll_deg": 3}})"),
               Contains("\"camera.roll_deg\"") && Contains("preset, yaw_deg, pitch_deg, zoom"));
    CHECK_THAT(error_of(R"({"camera": 3})"), Contains("\"camera\"") && Contains("a preset"));
    CHECK_THAT(error_of(R"({"swelling_exaggeration": 20})"),
               Contains("\"swelling_exaggeration\"") && Contains("1 to 10") && Contains("got 20"));
    CHECK_THAT(error_of(R"({"swelling_exaggeration": 0.5})"), Contains("1 to 10"));
}
