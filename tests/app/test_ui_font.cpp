// The UI font without a GPU: DejaVu Sans (fonts-dejavu-core, which scripts/setup.sh installs)
// rasterised by FreeType at the asked pixel size with the glyphs of accented Latin, Greek and
// Cyrillic text; a file that is no font, or none at all, falls back to ImGui's own font with a
// message naming what was wrong.
#include "scoped_env.hpp"
#include "ui_font.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <imgui.h>
#include <unistd.h>

using namespace sh;

TEST_CASE("ui font: DejaVu Sans through FreeType, with accented, Greek and Cyrillic glyphs",
          "[font]") {
    testing::ScopedEnv no_choice("SECONDHEART_FONT", std::nullopt);
    std::string why_not;
    const auto path = ui::find_ui_font(why_not);
    REQUIRE(path); // setup.sh installs fonts-dejavu-core
    for (const float px : {13.0f, 24.0f, 48.0f}) {
        ImFontAtlas atlas;
        CHECK(ui::build_ui_font_atlas(atlas, px).empty());
        REQUIRE(atlas.Fonts.Size == 1);
        const ImFont* font = atlas.Fonts[0];
        CHECK(font->FontSize == px);
        // é ß ñ ő (Hungarian) Ω Ж – “ ” …
        for (const unsigned c : {0x00E9u, 0x00DFu, 0x00F1u, 0x0151u, 0x03A9u, 0x0416u, 0x2013u,
                                 0x201Cu, 0x201Du, 0x2026u}) {
            INFO("U+" << std::hex << c << " at " << px << " px");
            CHECK(font->FindGlyphNoFallback(static_cast<ImWchar>(c)) != nullptr);
        }
        // ImGui's FreeType builder fits ascender + descender (1901 + 483 font units in DejaVu
        // Sans) into the asked size, so a capital's ink (cap height 1493 units) is 0.626 of it:
        // rasterised at the size asked, not scaled from 13 px. Hinting rounds to whole pixels.
        const ImFontGlyph* h = font->FindGlyphNoFallback('H');
        REQUIRE(h != nullptr);
        CHECK(h->Y1 - h->Y0 == Approx(1493.0 / 2384.0 * px).margin(1.0));
    }
}

TEST_CASE("ui font: not a font, or no file, falls back to the built-in font and says why",
          "[font]") {
    const std::filesystem::path text = std::filesystem::temp_directory_path() /
                                       ("secondheart-not-a-font-" + std::to_string(::getpid()));
    std::ofstream(text) << "this is not a TrueType font\n";
    {
        testing::ScopedEnv bad("SECONDHEART_FONT", text.string());
        ImFontAtlas atlas;
        const std::string note = ui::build_ui_font_atlas(atlas, 20.0f);
        CHECK_THAT(note, Catch::Contains(text.string()) &&
                             Catch::Contains("could not be rasterised") &&
                             Catch::Contains("built-in font"));
        REQUIRE(atlas.Fonts.Size == 1);
        CHECK(atlas.IsBuilt());
    }
    {
        testing::ScopedEnv missing("SECONDHEART_FONT", "/nonexistent/font.ttf");
        ImFontAtlas atlas;
        CHECK_THAT(ui::build_ui_font_atlas(atlas, 20.0f),
                   Catch::Contains("/nonexistent/font.ttf is not a font file"));
        CHECK(atlas.IsBuilt());
    }
    std::filesystem::remove(text);
}
