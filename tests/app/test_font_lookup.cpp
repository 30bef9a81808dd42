// The UI font found through fontconfig: DejaVu Sans wherever the system's font configuration has
// it (here a private configuration with the font under another name in a folder of its own, so
// the answer can only have come from fontconfig), families it lacks refused, languages checked.
#include "font_lookup.hpp"
#include "scoped_env.hpp"
#include "ui_font.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace sh;
namespace fs = std::filesystem;

TEST_CASE("ui font: fontconfig finds DejaVu Sans where the configuration puts it", "[font]") {
    testing::ScopedEnv no_choice("SECONDHEART_FONT", std::nullopt);
    const auto system = ui::fontconfig_font_file("DejaVu Sans", true);
    REQUIRE(system); // setup.sh installs fonts-dejavu-core
    CHECK(system->filename() == "DejaVuSans.ttf");
    CHECK_FALSE(ui::fontconfig_font_file("No Such Family Qx7", true));

    const fs::path dir =
        fs::temp_directory_path() / ("secondheart-fontconfig-" + std::to_string(::getpid()));
    fs::create_directories(dir / "fonts");
    fs::copy_file(*system, dir / "fonts" / "Renamed.ttf", fs::copy_options::overwrite_existing);
    std::ofstream(dir / "fonts.conf")
        << "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n<fontconfig>\n"
        << "  <dir>" << (dir / "fonts").string() << "</dir>\n"
        << "  <cachedir>" << (dir / "cache").string() << "</cachedir>\n</fontconfig>\n";
    {
        testing::ScopedEnv conf("FONTCONFIG_FILE", (dir / "fonts.conf").string());
        const auto found = ui::fontconfig_font_file("DejaVu Sans", true);
        REQUIRE(found);
        CHECK(*found == dir / "fonts" / "Renamed.ttf");
        std::string why_not;
        CHECK(ui::find_ui_font(why_not) == dir / "fonts" / "Renamed.ttf");
        // DejaVu Sans covers Russian and Hebrew, not Japanese.
        CHECK(ui::fontconfig_font_file("DejaVu Sans", true, "ru"));
        CHECK(ui::fontconfig_font_file("DejaVu Sans", true, "he"));
        CHECK_FALSE(ui::fontconfig_font_file("DejaVu Sans", true, "ja"));
    }
    std::ofstream(dir / "empty.conf")
        << "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n<fontconfig>\n"
        << "  <cachedir>" << (dir / "cache").string() << "</cachedir>\n</fontconfig>\n";
    {
        // A configuration with no fonts: fontconfig offers none; the known path still serves.
        testing::ScopedEnv conf("FONTCONFIG_FILE", (dir / "empty.conf").string());
        CHECK_FALSE(ui::fontconfig_font_file("sans-serif", false));
        std::string why_not;
        const auto path = ui::find_ui_font(why_not);
        REQUIRE(path);
        CHECK(path->filename() == "DejaVuSans.ttf");
    }
    fs::remove_all(dir);
}
