// The settings file's values of the wrong type, the PIN rule, numbers too large for a double and
// a folder where the file should be: each named with the key and what was expected, the default
// kept, nothing thrown.
#include "settings.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace sh::app;
namespace fs = std::filesystem;

namespace {

std::string settings_file(const char* name, const std::string& text) {
    const fs::path dir =
        fs::temp_directory_path() / ("secondheart-bad-settings-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const fs::path p = dir / name;
    std::ofstream(p) << text;
    return p.string();
}

std::string joined(const std::vector<std::string>& problems) {
    std::string all;
    for (const auto& p : problems) all += p + "\n";
    return all;
}

} // namespace

TEST_CASE("settings: a value of the wrong type is named with its key and type, not converted",
          "[settings]") {
    const std::string path = settings_file(
        "types.json", R"({"particles": true, "display": 1.5, "idle_s": "60", "palette": 3})");
    std::vector<std::string> problems;
    const Settings s = load_settings(path, problems);
    // nlohmann would have read true as 1 particle and 1.5 as display 1.
    CHECK(s.particles == Settings{}.particles);
    CHECK(s.display == Settings{}.display);
    CHECK(s.idle_s == Settings{}.idle_s);
    CHECK(s.palette == Settings{}.palette);
    REQUIRE(problems.size() == 4);
    CHECK_THAT(problems[0],
               Catch::Contains("key \"display\"") && Catch::Contains("got a number (1.5)"));
    CHECK_THAT(joined(problems),
               Catch::Contains("key \"particles\": expected 0 (automatic) to 4000000, got a "
                               "boolean (true); using the default"));
    CHECK_THAT(joined(problems), Catch::Contains("key \"idle_s\": expected 10 to 3600 seconds, "
                                                 "got a string (\"60\")"));
}

TEST_CASE("settings: the kiosk PIN is 4 to 8 digits given as a string", "[settings]") {
    const auto pin_of = [](const std::string& json_value, bool& named) {
        const std::string path = settings_file("pin.json", "{\"kiosk_pin\": " + json_value + "}");
        std::vector<std::string> problems;
        const Settings s = load_settings(path, problems);
        named = problems.size() == 1 &&
                problems[0].find("key \"kiosk_pin\": expected 4 to 8 digits as a string") !=
                    std::string::npos;
        return s.kiosk_pin;
    };
    bool named = false;
    CHECK(pin_of("\"2468\"", named) == "2468");
    CHECK_FALSE(named);
    CHECK(pin_of("\"12345678\"", named) == "12345678");
    for (const char* bad : {"\"123\"", "\"123456789\"", "\"12a4\"", "\"12 34\"", "\"-123\"",
                            "\"１２３４\"", "2468", "true"}) {
        INFO("kiosk_pin " << bad);
        CHECK(pin_of(bad, named).empty()); // refused: no PIN, the kiosk cannot be left
        CHECK(named);
    }
    CHECK(pin_of("\"\"", named).empty()); // empty is allowed and means "no exit"
    CHECK_FALSE(named);
}

TEST_CASE("settings: 1e999 and a folder are named, the defaults used", "[settings]") {
    std::vector<std::string> problems;
    const Settings s =
        load_settings(settings_file("overflow.json", R"({"idle_s": 1e999})"), problems);
    CHECK(s.idle_s == Settings{}.idle_s);
    REQUIRE(problems.size() == 1);
    CHECK_THAT(problems[0], Catch::Contains("overflow.json: key \"idle_s\": the number 1e999 is "
                                            "out of range"));

    problems.clear();
    const std::string folder = settings_file("x", "");
    fs::remove(folder);
    fs::create_directories(folder);
    (void)load_settings(folder, problems);
    REQUIRE(problems.size() == 1);
    CHECK_THAT(problems[0], Catch::Contains("is a folder, not a settings file"));
}
