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

TEST_CASE("ui font: Hebrew from DejaVu Sans", "[font]") {
    testing::ScopedEnv no_choice("SECONDHEART_FONT", std::nullopt);
    ImFontAtlas atlas;
    REQUIRE(ui::build_ui_font_atlas(atlas, 24.0f).empty());
    // alef, shin, final nun
    for (const unsigned c : {0x05D0u, 0x05E9u, 0x05DFu})
        CHECK(atlas.Fonts[0]->FindGlyphNoFallback(static_cast<ImWchar>(c)) != nullptr);
}

namespace {
// The text in use, cleared again after the test (other tests build plain atlases).
struct TextInUse {
    explicit TextInUse(const char* utf8) { ui::set_ui_text_in_use(utf8); }
    ~TextInUse() { ui::set_ui_text_in_use({}); }
};
constexpr ImWchar k_heart = 0x5FC3;  // 心, in the text below
constexpr ImWchar k_blood = 0x8840;  // 血, not in it
constexpr ImWchar k_hangul = 0xD53C; // 피, in it
} // namespace

TEST_CASE("ui font: the CJK characters of the text in use come from a CJK font, and only those",
          "[font]") {
    testing::ScopedEnv no_choice("SECONDHEART_FONT", std::nullopt);
    testing::ScopedEnv no_cjk_choice("SECONDHEART_CJK_FONT", std::nullopt);
    std::string why_not;
    if (!ui::find_cjk_font(why_not)) {
        // scripts/setup.sh installs fonts-wqy-microhei; a machine without it cannot test this.
        WARN("SKIPPED: " << why_not);
        return;
    }
    TextInUse text("第二の心臓 (second heart), 피, Ñandú");
    ImFontAtlas atlas;
    CHECK(ui::build_ui_font_atlas(atlas, 24.0f).empty());
    REQUIRE(atlas.Fonts.Size == 1); // merged into the one UI font
    const ImFont* font = atlas.Fonts[0];
    CHECK(font->FindGlyphNoFallback(k_heart) != nullptr);
    CHECK(font->FindGlyphNoFallback(k_hangul) != nullptr);
    CHECK(font->FindGlyphNoFallback(0x306E) != nullptr);  // の
    CHECK(font->FindGlyphNoFallback(k_blood) == nullptr); // not in the text: not in the atlas
    CHECK(font->FindGlyphNoFallback(0x00D1) != nullptr);  // Ñ still from the main font
    // Only the text's glyphs: the atlas stays the size of the plain one, not 30,000 glyphs.
    ImFontAtlas plain;
    {
        TextInUse none("");
        REQUIRE(ui::build_ui_font_atlas(plain, 24.0f).empty());
    }
    CHECK(font->Glyphs.Size - plain.Fonts[0]->Glyphs.Size <= 8);
    CHECK(atlas.TexHeight <= 2 * plain.TexHeight);
}

TEST_CASE("ui font: without a CJK font, CJK text is named and the rest still draws", "[font]") {
    testing::ScopedEnv no_choice("SECONDHEART_FONT", std::nullopt);
    testing::ScopedEnv missing("SECONDHEART_CJK_FONT", "/nonexistent/cjk.ttc");
    TextInUse text("心臓");
    ImFontAtlas atlas;
    CHECK_THAT(ui::build_ui_font_atlas(atlas, 20.0f),
               Catch::Contains("Chinese, Japanese or Korean") &&
                   Catch::Contains("/nonexistent/cjk.ttc is not a font file") &&
                   Catch::Contains("show as '?'"));
    REQUIRE(atlas.Fonts.Size == 1);
    CHECK(atlas.Fonts[0]->FindGlyphNoFallback(0x00E9) != nullptr); // é: DejaVu as before
    CHECK(atlas.Fonts[0]->FindGlyphNoFallback(k_heart) == nullptr);
}
