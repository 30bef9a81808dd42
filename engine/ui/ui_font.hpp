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
#pragma once

#include <filesystem>
#include <optional>
#include <string>

struct ImFontAtlas;

namespace sh::ui {

// The font file to use, or nullopt with `why_not` saying what was looked for.
std::optional<std::filesystem::path> find_ui_font(std::string& why_not);

// Clears `atlas` and fills it with the UI font at `size_px` pixels, built (rasterised) here so
// that a failure can fall back to the built-in font. Returns "" or a note saying which font is
// used instead and why.
std::string build_ui_font_atlas(ImFontAtlas& atlas, float size_px);

} // namespace sh::ui
