// The shipped scenarios (app/logic/shipped_scenarios): the files in assets/scenarios are the one
// source of the panel's presets, embedded in the program exactly as they are on disk.
#include "shipped_scenarios.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <set>

using namespace sh;

namespace {
const std::filesystem::path k_dir = std::filesystem::path(SH_SOURCE_DIR) / "assets/scenarios";
}

TEST_CASE("shipped scenarios: every file is embedded, parsed, and equal to the file",
          "[scenarios]") {
    CHECK(app::shipped_scenario_problems().empty());
    std::set<std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(k_dir))
        if (entry.path().extension() == ".json") files.insert(entry.path().stem().string());
    std::set<std::string> embedded;
    for (const app::ShippedScenario& s : app::shipped_scenarios()) {
        INFO(s.id);
        embedded.insert(s.id);
        CHECK(s.scenario == sim::load_scenario_file((k_dir / (s.id + ".json")).string()));
    }
    CHECK(embedded == files); // a new file must be added to the embedded list too
}

TEST_CASE("shipped scenarios: the panel's presets in the order of its buttons", "[scenarios]") {
    const char* names[] = {"Healthy walk", "Long-haul flight", "Desk day with breaks",
                           "Varicose veins", "Post-thrombotic leg"};
    REQUIRE(app::shipped_scenarios().size() == 5);
    for (std::size_t i = 0; i < 5; ++i)
        CHECK(app::shipped_scenarios()[i].scenario.name == names[i]);
    // An unknown id gives a healthy leg standing still rather than nothing.
    const sim::Scenario& none = app::shipped_scenario("no_such_scenario");
    CHECK(none.condition == "healthy");
    CHECK(none.activity.kind == sim::Activity::Still);
}

// The time-lapse is chosen for a person watching: the whole sitting period must fit a lecture
// slide (under a minute) yet leave time to watch the swelling rise (at least 20 s), and a break
// must stay on screen long enough to be seen walking (at least half a second, 30 frames).
TEST_CASE("shipped scenarios: time-lapses a viewer can follow", "[scenarios]") {
    for (const app::ShippedScenario& s : app::shipped_scenarios()) {
        const sim::Scenario& sc = s.scenario;
        if (sc.sitting_hours <= 0) continue;
        INFO(s.id << " x" << sc.time_lapse);
        const double wall_s = sc.sitting_hours * 3600.0 / sc.time_lapse;
        CHECK(wall_s >= 20.0);
        CHECK(wall_s <= 60.0);
        if (sc.breaks) CHECK(sc.breaks->minutes * 60.0 / sc.time_lapse >= 0.5);
    }
}
