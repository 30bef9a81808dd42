// The UI's font: a TrueType font from a Debian package (DejaVu Sans, fonts-dejavu-core),
// rasterised by FreeType through imgui_freetype (in Debian's libimgui-dev) at the exact pixel
// size each mode uses, with the glyphs of Western and Central European languages, Greek and
// Cyrillic, typographic punctuation and the arrows and symbols the panels use. Crisp at every
// size, unlike ImGui's built-in 13 px bitmap font scaled up.
//
// Which file: SECONDHEART_FONT (a .ttf or .otf path) when set, else DejaVu Sans as fontconfig
// finds it (font_lookup.hpp), else the first of the known paths of Debian's fonts that exists,
// else the scalable sans-serif font fontconfig matches. When none can be read, or FreeType cannot rasterise it, the
// built-in font is used and the reason comes back as a note for stderr.
//
// Hebrew comes from DejaVu Sans too (drawn left to right: ImGui has no bidirectional layout).
// Chinese, Japanese and Korean text (a lesson written in one of them) needs a CJK font: when the
// text in use (set_ui_text_in_use) has characters the main font lacks, they are merged into the
// atlas from the first CJK font found (SECONDHEART_CJK_FONT, else a font fontconfig says has
// Chinese glyphs, else the known paths of Debian's fonts-noto-cjk,
// fonts-wqy-microhei, fonts-wqy-zenhei), and only those characters, so the atlas stays small
// (a CJK font has 30,000 glyphs). Without one they show as "?" and a note names the packages.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

struct ImFontAtlas;

namespace sh::ui {

// The font file to use, or nullopt with `why_not` saying what was looked for.
std::optional<std::filesystem::path> find_ui_font(std::string& why_not);

// The text the program will show besides its catalogues (lesson titles and captions): its
// characters outside the ranges above are added to the atlas at the next build. Call before
// the UI layer is created.
void set_ui_text_in_use(std::string utf8);

// The CJK font file to use, or nullopt with `why_not` saying what was looked for.
std::optional<std::filesystem::path> find_cjk_font(std::string& why_not);

// Clears `atlas` and fills it with the UI font at `size_px` pixels, built (rasterised) here so
// that a failure can fall back to the built-in font. Returns "" or a note saying which font is
// used instead and why.
std::string build_ui_font_atlas(ImFontAtlas& atlas, float size_px);

} // namespace sh::ui
