#include "settings.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

using namespace sh::app;

namespace {
std::string temp_path(const char* name) {
    auto dir = std::filesystem::temp_directory_path() / "secondheart-settings-test";
    std::filesystem::create_directories(dir);
    return (dir / name).string();
}
void write(const std::string& path, const std::string& text) {
    std::ofstream(path) << text;
}
} // namespace

TEST_CASE("settings: missing file gives the defaults without complaint", "[settings]") {
    std::vector<std::string> problems;
    Settings s = load_settings(temp_path("does-not-exist.json"), problems);
    CHECK(problems.empty());
    CHECK(s.idle_s == Settings{}.idle_s);
}

TEST_CASE("settings: save is atomic and round-trips", "[settings]") {
    std::string path = temp_path("roundtrip.json");
    Settings s;
    s.kiosk_pin = "2468";
    s.display = 1;
    s.idle_s = 90;
    s.palette = "projector";
    REQUIRE_FALSE(save_settings(s, path));
    std::vector<std::string> problems;
    Settings back = load_settings(path, problems);
    CHECK(problems.empty());
    CHECK(back.kiosk_pin == "2468");
    CHECK(back.display == 1);
    CHECK(back.idle_s == 90);
    CHECK(back.palette == "projector");
    for (const auto& e :
         std::filesystem::directory_iterator(std::filesystem::path(path).parent_path()))
        CHECK(e.path().string().find(".tmp-") == std::string::npos);
}

TEST_CASE("settings: a corrupt file is reported and the defaults used", "[settings]") {
    std::string path = temp_path("corrupt.json");
    write(path, "{ \"idle_s\": 30, ");
    std::vector<std::string> problems;
    Settings s = load_settings(path, problems);
    REQUIRE(problems.size() == 1);
    CHECK_THAT(problems[0], Catch::Contains("corrupt.json") && Catch::Contains("not valid JSON"));
    CHECK(s.idle_s == Settings{}.idle_s);
}

TEST_CASE("settings: each bad value is named and keeps its default", "[settings]") {
    std::string path = temp_path("half.json");
    write(path, R"({"idle_s": 5, "kiosk_pin": 1234, "palette": "neon", "display": 2, "wat": 1})");
    std::vector<std::string> problems;
    Settings s = load_settings(path, problems);
    CHECK(s.display == 2); // the good value is kept
    CHECK(s.idle_s == Settings{}.idle_s);
    CHECK(s.kiosk_pin.empty());
    CHECK(s.palette == "dark");
    REQUIRE(problems.size() == 4);
    std::string all;
    for (auto& p : problems) all += p + "\n";
    CHECK_THAT(all, Catch::Contains("\"idle_s\"") && Catch::Contains("\"kiosk_pin\"") &&
                        Catch::Contains("\"palette\"") && Catch::Contains("\"wat\""));
}

TEST_CASE("settings: touch size, screen DPI and the light palette", "[settings]") {
    std::string path = temp_path("touch.json");
    write(path, R"({"touch_mm": 15, "screen_dpi": 40, "palette": "light"})");
    std::vector<std::string> problems;
    Settings s = load_settings(path, problems);
    CHECK(problems.empty());
    CHECK(s.touch_mm == 15);
    CHECK(s.screen_dpi == 40);
    CHECK(s.palette == "light");

    write(path, R"({"touch_mm": 2, "screen_dpi": 5})");
    problems.clear();
    s = load_settings(path, problems);
    REQUIRE(problems.size() == 2);
    CHECK(problems[0].find("\"touch_mm\"") != std::string::npos);
    CHECK(problems[1].find("\"screen_dpi\"") != std::string::npos);
    CHECK(s.touch_mm == Settings{}.touch_mm);
    CHECK(s.screen_dpi == Settings{}.screen_dpi);
}

TEST_CASE("settings: the swelling exaggeration is 1 to 10, saved and named when wrong",
          "[settings]") {
    std::string path = temp_path("exaggerate.json");
    CHECK(Settings{}.swelling_exaggeration == 1.0); // true scale unless asked
    write(path, R"({"swelling_exaggeration": 5})");
    std::vector<std::string> problems;
    Settings s = load_settings(path, problems);
    CHECK(problems.empty());
    CHECK(s.swelling_exaggeration == 5.0);
    s.swelling_exaggeration = 7.5;
    REQUIRE_FALSE(save_settings(s, path));
    CHECK(load_settings(path, problems).swelling_exaggeration == 7.5);
    for (const char* bad : {R"({"swelling_exaggeration": 0.5})", R"({"swelling_exaggeration": 11})",
                            R"({"swelling_exaggeration": "x5"})"}) {
        write(path, bad);
        problems.clear();
        s = load_settings(path, problems);
        INFO(bad);
        REQUIRE(problems.size() == 1);
        CHECK_THAT(problems[0], Catch::Contains("\"swelling_exaggeration\"") &&
                                    Catch::Contains("1 (true scale) to 10"));
        CHECK(s.swelling_exaggeration == 1.0);
    }
}
