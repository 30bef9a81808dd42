#include "ui_font.hpp"

#include "font_lookup.hpp"

#include <cstdlib>
#include <fstream>
#include <imgui.h>
#include <imgui_freetype.h>
#include <iterator>
#include <string>
#include <vector>

namespace sh::ui {
namespace {

constexpr const char* k_preferred_family = "DejaVu Sans";

// Debian's packages of sans-serif fonts with wide coverage, in order of preference.
constexpr const char* k_known_fonts[] = {
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",                  // fonts-dejavu-core
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",              // fonts-noto-core
    "/usr/share/fonts/truetype/freefont/FreeSans.ttf",                  // fonts-freefont-ttf
    "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf", // fonts-liberation2
};

// Basic Latin to Latin Extended-B (all European languages written in Latin script), Greek and
// Coptic, Cyrillic, general punctuation (dashes, quotes, bullet, ellipsis), superscripts and
// subscripts, the arrows and mathematical operators (<=, +-, minus) of the panels' numbers.
constexpr ImWchar k_glyph_ranges[] = {
    0x0020, 0x024F, 0x0370, 0x03FF, 0x0400, 0x04FF, 0x2000, 0x206F,
    0x2070, 0x209F, 0x2190, 0x21FF, 0x2200, 0x22FF, 0,
};

std::optional<std::vector<char>> read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad() || bytes.empty()) return std::nullopt;
    return bytes;
}

void use_builtin_font(ImFontAtlas& atlas, float size_px) {
    atlas.Clear();
    atlas.FontBuilderIO = nullptr; // stb_truetype, ImGui's own, for its own font
    ImFontConfig config;
    config.SizePixels = size_px;
    atlas.AddFontDefault(&config);
    atlas.Build();
}

} // namespace

std::optional<std::filesystem::path> find_ui_font(std::string& why_not) {
    std::error_code ec;
    if (const char* chosen = std::getenv("SECONDHEART_FONT"); chosen != nullptr && *chosen) {
        if (std::filesystem::is_regular_file(chosen, ec)) return std::filesystem::path(chosen);
        why_not = std::string("SECONDHEART_FONT=") + chosen + " is not a font file";
        return std::nullopt;
    }
    // DejaVu Sans wherever fontconfig knows it, then the packages' known paths, then any
    // scalable sans-serif font fontconfig offers (the first two keep the look, and the reference
    // images, the same on every machine that has DejaVu).
    if (auto found = fontconfig_font_file(k_preferred_family, true)) return found;
    for (const char* path : k_known_fonts)
        if (std::filesystem::is_regular_file(path, ec)) return std::filesystem::path(path);
    if (auto found = fontconfig_font_file("sans-serif", false)) return found;
    why_not = std::string("no TrueType font found (fontconfig offers no scalable '") +
              k_preferred_family + "' or sans-serif font, and none of " +
              std::to_string(std::size(k_known_fonts)) +
              " known paths exists; Debian: apt-get install fonts-dejavu-core; or set "
              "SECONDHEART_FONT=/path/to/font.ttf)";
    return std::nullopt;
}

std::string build_ui_font_atlas(ImFontAtlas& atlas, float size_px) {
    std::string why_not;
    const std::optional<std::filesystem::path> path = find_ui_font(why_not);
    std::optional<std::vector<char>> bytes;
    if (path) {
        bytes = read_file(*path);
        if (!bytes) why_not = path->string() + " cannot be read";
    }
    if (bytes) {
        atlas.Clear();
        atlas.FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
        atlas.FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting;
        ImFontConfig config;
        config.SizePixels = size_px;
        config.OversampleH = 1; // FreeType hints at the exact size: no oversampling needed
        config.OversampleV = 1;
        // The atlas keeps (and frees) its own copy of the file.
        void* data = IM_ALLOC(bytes->size());
        std::copy(bytes->begin(), bytes->end(), static_cast<char*>(data));
        const ImFont* font = atlas.AddFontFromMemoryTTF(data, static_cast<int>(bytes->size()),
                                                        size_px, &config, k_glyph_ranges);
        if (font != nullptr && atlas.Build()) return {};
        why_not = path->string() + " could not be rasterised by FreeType (not a font file?)";
    }
    use_builtin_font(atlas, size_px);
    return why_not + "; using ImGui's built-in font (English letters only)";
}

} // namespace sh::ui
