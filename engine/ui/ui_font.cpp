#include "ui_font.hpp"

#include "font_lookup.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <imgui.h>
#include <imgui_freetype.h>
#include <iterator>
#include <mutex>
#include <set>
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

// Debian's CJK fonts, in order of preference (a .ttc: the first face, the Simplified Chinese
// one of Noto CJK, which has the Japanese kana and Korean hangul too).
constexpr const char* k_known_cjk_fonts[] = {
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", // fonts-noto-cjk
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",         // fonts-wqy-microhei
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",           // fonts-wqy-zenhei
};

// Basic Latin to Latin Extended-B (all European languages written in Latin script), Greek and
// Coptic, Cyrillic, general punctuation (dashes, quotes, bullet, ellipsis), superscripts and
// subscripts, the arrows and mathematical operators (<=, +-, minus) of the panels' numbers,
// and Hebrew (DejaVu Sans has it).
constexpr ImWchar k_glyph_ranges[] = {
    0x0020, 0x024F, 0x0370, 0x03FF, 0x0400, 0x04FF, 0x0590, 0x05FF, 0x2000,
    0x206F, 0x2070, 0x209F, 0x2190, 0x21FF, 0x2200, 0x22FF, 0,
};

std::mutex g_text_mutex;
std::string g_text_in_use;

bool in_base_ranges(unsigned c) {
    for (const ImWchar* r = k_glyph_ranges; r[0] != 0; r += 2)
        if (c >= r[0] && c <= r[1]) return true;
    return false;
}

// The characters of the text in use that the base ranges lack, in ImGui's range format
// (pairs, 0-terminated); characters beyond the 16-bit ImWchar (emoji) cannot be drawn.
std::vector<ImWchar> extra_ranges() {
    std::string text;
    {
        const std::lock_guard<std::mutex> lock(g_text_mutex);
        text = g_text_in_use;
    }
    std::set<unsigned> extra;
    for (std::size_t i = 0; i < text.size();) {
        const auto b = static_cast<unsigned char>(text[i]);
        const int n = b < 0x80           ? 1
                      : (b >> 5) == 0x6  ? 2
                      : (b >> 4) == 0xE  ? 3
                      : (b >> 3) == 0x1E ? 4
                                         : 1;
        unsigned c = n == 1 ? b : b & (0x3Fu >> (n - 1));
        for (int k = 1; k < n && i + k < text.size(); ++k)
            c = (c << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3Fu);
        i += static_cast<std::size_t>(n);
        if (c >= 0x20 && c <= 0xFFFF && !in_base_ranges(c)) extra.insert(c);
    }
    std::vector<ImWchar> ranges;
    for (const unsigned c : extra) {
        ranges.push_back(static_cast<ImWchar>(c));
        ranges.push_back(static_cast<ImWchar>(c));
    }
    if (!ranges.empty()) ranges.push_back(0);
    return ranges;
}

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

// Adds `bytes` (copied: the atlas frees its own copy) as a font source.
ImFont* add_font(ImFontAtlas& atlas, const std::vector<char>& bytes, float size_px,
                 const ImWchar* ranges, bool merge) {
    ImFontConfig config;
    config.SizePixels = size_px;
    config.OversampleH = 1; // FreeType hints at the exact size: no oversampling needed
    config.OversampleV = 1;
    config.MergeMode = merge;
    void* data = IM_ALLOC(bytes.size());
    std::copy(bytes.begin(), bytes.end(), static_cast<char*>(data));
    return atlas.AddFontFromMemoryTTF(data, static_cast<int>(bytes.size()), size_px, &config,
                                      ranges);
}

// The file the environment variable `chosen_by` names: true with `found` set, or with `why_not`
// set when it names no file; false when it is not set.
bool chosen_by_environment(const char* chosen_by, std::optional<std::filesystem::path>& found,
                           std::string& why_not) {
    const char* chosen = std::getenv(chosen_by);
    if (chosen == nullptr || *chosen == '\0') return false;
    std::error_code ec;
    if (std::filesystem::is_regular_file(chosen, ec))
        found = std::filesystem::path(chosen);
    else
        why_not = std::string(chosen_by) + "=" + chosen + " is not a font file";
    return true;
}

} // namespace

void set_ui_text_in_use(std::string utf8) {
    const std::lock_guard<std::mutex> lock(g_text_mutex);
    g_text_in_use = std::move(utf8);
}

std::optional<std::filesystem::path> find_cjk_font(std::string& why_not) {
    std::optional<std::filesystem::path> found;
    if (chosen_by_environment("SECONDHEART_CJK_FONT", found, why_not)) return found;
    // A font fontconfig says has Chinese glyphs (Noto CJK, WenQuanYi also have kana and
    // hangul), then the packages' known paths.
    if (auto fc = fontconfig_font_file("sans-serif", false, "zh-cn")) return fc;
    std::error_code ec;
    for (const char* path : k_known_cjk_fonts)
        if (std::filesystem::is_regular_file(path, ec)) return std::filesystem::path(path);
    why_not = "no CJK font installed (Debian: apt-get install fonts-noto-cjk or "
              "fonts-wqy-microhei; or set SECONDHEART_CJK_FONT=/path/to/font.ttc)";
    return std::nullopt;
}

std::optional<std::filesystem::path> find_ui_font(std::string& why_not) {
    std::optional<std::filesystem::path> found;
    if (chosen_by_environment("SECONDHEART_FONT", found, why_not)) return found;
    // DejaVu Sans wherever fontconfig knows it, then the packages' known paths, then any
    // scalable sans-serif font fontconfig offers (the first two keep the look, and the reference
    // images, the same on every machine that has DejaVu).
    if (auto fc = fontconfig_font_file(k_preferred_family, true)) return fc;
    std::error_code ec;
    for (const char* path : k_known_fonts)
        if (std::filesystem::is_regular_file(path, ec)) return std::filesystem::path(path);
    if (auto fc = fontconfig_font_file("sans-serif", false)) return fc;
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
        const ImFont* font = add_font(atlas, *bytes, size_px, k_glyph_ranges, false);
        // The text's other characters: from the main font where it has them (the builder skips
        // what a font lacks), the rest from a CJK font merged into the same ImFont.
        const std::vector<ImWchar> extra = extra_ranges();
        std::string note;
        // Chinese, Japanese and Korean start at the CJK radicals (U+2E80); the rest of the
        // 16-bit range (hangul, kana, ideographs, full-width forms) is theirs too, mostly.
        const bool cjk_text =
            std::any_of(extra.begin(), extra.end(), [](ImWchar c) { return c >= 0x2E80; });
        if (font != nullptr && !extra.empty()) add_font(atlas, *bytes, size_px, extra.data(), true);
        if (font != nullptr && cjk_text) {
            std::string cjk_why_not;
            const auto cjk = find_cjk_font(cjk_why_not);
            const auto cjk_bytes = cjk ? read_file(*cjk) : std::nullopt;
            if (cjk_bytes)
                add_font(atlas, *cjk_bytes, size_px, extra.data(), true);
            else
                note = "the text in use has Chinese, Japanese or Korean characters, but " +
                       (cjk ? cjk->string() + " cannot be read" : cjk_why_not) +
                       ": they show as '?'";
        }
        if (font != nullptr && atlas.Build()) return note;
        why_not = path->string() + " could not be rasterised by FreeType (not a font file?)";
    }
    use_builtin_font(atlas, size_px);
    return why_not + "; using ImGui's built-in font (English letters only)";
}

} // namespace sh::ui
