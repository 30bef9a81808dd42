// Export files: the folder rule, names that never overwrite, atomic writes, an unwritable folder
// reported; and the CSV of the live time series against the simulation's own values.
#include "export_files.hpp"
#include "scoped_env.hpp"
#include "series_csv.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

using namespace sh;
namespace fs = std::filesystem;

namespace {

fs::path fresh_dir(const char* name) {
    const fs::path dir = fs::temp_directory_path() /
                         ("secondheart-export-test-" + std::to_string(::getpid())) / name;
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

std::string read(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::vector<std::string> split(const std::string& line, char sep) {
    std::vector<std::string> out;
    std::stringstream ss(line);
    for (std::string cell; std::getline(ss, cell, sep);) out.push_back(cell);
    return out;
}

} // namespace

TEST_CASE("export: the folder follows the setting, then Pictures, then XDG data", "[export]") {
    const fs::path home = fresh_dir("home");
    testing::ScopedEnv h("HOME", home.string());
    testing::ScopedEnv p("XDG_PICTURES_DIR", std::nullopt);
    testing::ScopedEnv d("XDG_DATA_HOME", std::nullopt);
    CHECK(app::default_export_dir("/somewhere/else") == fs::path("/somewhere/else"));
    CHECK(app::default_export_dir("") == home / ".local/share" / "secondheart" / "exports");
    {
        testing::ScopedEnv d2("XDG_DATA_HOME", (home / "data").string());
        CHECK(app::default_export_dir("") == home / "data" / "secondheart" / "exports");
    }
    fs::create_directories(home / "Pictures");
    CHECK(app::default_export_dir("") == home / "Pictures" / "SecondHeart");
    fs::create_directories(home / "Bilder");
    testing::ScopedEnv p2("XDG_PICTURES_DIR", (home / "Bilder").string());
    CHECK(app::default_export_dir("") == home / "Bilder" / "SecondHeart");
}

TEST_CASE("export: files are never overwritten and appear whole", "[export]") {
    const fs::path dir = fresh_dir("never-overwrite") / "created-on-first-export";
    const auto a = app::write_text_export(dir, "shot", ".csv", "first\n");
    const auto b = app::write_text_export(dir, "shot", ".csv", "second\n");
    const auto c = app::write_text_export(dir, "shot", ".csv", "third\n");
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    REQUIRE(c.ok());
    CHECK(a.path == dir / "shot.csv");
    CHECK(b.path == dir / "shot-2.csv");
    CHECK(c.path == dir / "shot-3.csv");
    CHECK(read(a.path) == "first\n");
    CHECK(read(b.path) == "second\n");
    CHECK(read(c.path) == "third\n");
    int files = 0;
    for (const auto& e : fs::directory_iterator(dir)) {
        ++files;
        CHECK(e.path().filename().string().find(".tmp-") == std::string::npos);
    }
    CHECK(files == 3);
    // A failing writer leaves nothing behind and says why.
    const auto failed = app::write_export(dir, "broken", ".png",
                                          [](const fs::path&) { return std::string("no pixels"); });
    CHECK_FALSE(failed.ok());
    CHECK(failed.error == "no pixels");
    CHECK_FALSE(fs::exists(dir / "broken.png"));
}

TEST_CASE("export: an unwritable folder gives a message naming it, not a crash", "[export]") {
    // A path under a regular file can never be a folder, even for root (who ignores modes).
    const fs::path base = fresh_dir("unwritable");
    std::ofstream(base / "a-file") << "x";
    const fs::path dir = base / "a-file" / "exports";
    const auto out = app::write_text_export(dir, "series", ".csv", "t\n");
    CHECK_FALSE(out.ok());
    CHECK_THAT(out.error, Catch::Contains(dir.string()) && Catch::Contains("export_dir"));
    CHECK_FALSE(app::prepare_export_dir(dir).ok());
}

TEST_CASE("export: timestamped names", "[export]") {
    const auto t = std::chrono::system_clock::from_time_t(0);
    const std::string stem = app::timestamped_stem("secondheart", t);
    CHECK(stem.rfind("secondheart-19", 0) == 0); // 1969/1970 depending on the time zone
    CHECK(stem.size() == std::string("secondheart-1970-01-01_00-00-00").size());
    CHECK(stem.find(':') == std::string::npos); // valid on every file system
}

TEST_CASE("export: the CSV has a header with units and one row per live sample", "[export]") {
    sim::Scenario s;
    s.activity = {sim::Activity::Walking, 4.0};
    app::LiveSimulation live(s);
    for (int i = 0; i < 120; ++i) live.advance(1.0 / 60.0, 1000.0);
    const auto& h = live.history();
    REQUIRE(h.size() > 60);

    const std::string csv = app::series_csv(h);
    std::stringstream lines(csv);
    std::string header;
    std::getline(lines, header);
    const std::vector<std::string> columns = split(header, ',');
    const std::vector<std::string> expected = {"time_s",
                                               "ankle_superficial_mmHg",
                                               "ankle_deep_mmHg",
                                               "calf_venous_volume_mL",
                                               "popliteal_flow_mL_s",
                                               "soleus_pressure_mmHg",
                                               "activity",
                                               "speed_km_h",
                                               "posture",
                                               "leg_swelling_pct"};
    CHECK(columns == expected);

    std::size_t row = 0;
    for (std::string line; std::getline(lines, line); ++row) {
        REQUIRE(row < h.size());
        const auto cells = split(line, ',');
        REQUIRE(cells.size() == expected.size());
        const app::LiveSample& x = h[row];
        CHECK(std::stod(cells[0]) == x.time_s); // round-trips exactly
        CHECK(std::stof(cells[1]) == x.gsv_ankle_mmHg);
        CHECK(std::stof(cells[2]) == x.deep_ankle_mmHg);
        CHECK(std::stof(cells[3]) == x.calf_volume_ml);
        CHECK(std::stof(cells[4]) == x.popliteal_flow_ml_s);
        CHECK(std::stof(cells[5]) == x.soleus_mmHg);
        CHECK(cells[6] == "walking");
        CHECK(std::stof(cells[7]) == 4.0f);
        CHECK(cells[8] == "standing");
        CHECK(std::stof(cells[9]) == x.leg_swelling_pct);
    }
    CHECK(row == h.size());
    // Plausible physiology in the exported rows (independent of the writer): walking lowers the
    // ankle pressure below standing's ~90 mmHg at some point, and the soleus contracts.
    float lowest = 1e9f, highest_soleus = 0;
    for (const auto& x : h) {
        lowest = std::min(lowest, x.gsv_ankle_mmHg);
        highest_soleus = std::max(highest_soleus, x.soleus_mmHg);
    }
    CHECK(lowest < 80.0f);
    CHECK(highest_soleus > 50.0f);
}
