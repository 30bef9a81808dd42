#include "font_lookup.hpp"

#include <algorithm>
#include <cctype>
#include <fontconfig/fontconfig.h>
#include <memory>

namespace sh::ui {
namespace {

bool same_family(std::string a, std::string b) {
    const auto lower = [](std::string& s) {
        std::transform(s.begin(), s.end(), s.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    };
    lower(a);
    lower(b);
    return a == b;
}

} // namespace

std::optional<std::filesystem::path>
fontconfig_font_file(const std::string& family, bool exact_family, const std::string& language) {
    // A configuration of our own (not the library's global one), destroyed after the query, so
    // FONTCONFIG_FILE is read at each call and nothing stays allocated.
    const std::unique_ptr<FcConfig, decltype(&FcConfigDestroy)> config(FcInitLoadConfigAndFonts(),
                                                                       &FcConfigDestroy);
    if (!config) return std::nullopt;
    const std::unique_ptr<FcPattern, decltype(&FcPatternDestroy)> pattern(FcPatternCreate(),
                                                                          &FcPatternDestroy);
    if (!pattern) return std::nullopt;
    const auto* name = reinterpret_cast<const FcChar8*>(family.c_str());
    FcPatternAddString(pattern.get(), FC_FAMILY, name);
    FcPatternAddBool(pattern.get(), FC_SCALABLE, FcTrue);
    if (!language.empty())
        FcPatternAddString(pattern.get(), FC_LANG,
                           reinterpret_cast<const FcChar8*>(language.c_str()));
    FcConfigSubstitute(config.get(), pattern.get(), FcMatchPattern);
    FcDefaultSubstitute(pattern.get());
    FcResult result = FcResultNoMatch;
    const std::unique_ptr<FcPattern, decltype(&FcPatternDestroy)> match(
        FcFontMatch(config.get(), pattern.get(), &result), &FcPatternDestroy);
    if (!match || result != FcResultMatch) return std::nullopt;
    FcChar8* file = nullptr;
    FcChar8* matched_family = nullptr;
    FcBool scalable = FcFalse;
    if (FcPatternGetString(match.get(), FC_FILE, 0, &file) != FcResultMatch || !file)
        return std::nullopt;
    if (FcPatternGetBool(match.get(), FC_SCALABLE, 0, &scalable) == FcResultMatch && !scalable)
        return std::nullopt; // a bitmap font: FreeType would give it at one size only
    if (exact_family &&
        (FcPatternGetString(match.get(), FC_FAMILY, 0, &matched_family) != FcResultMatch ||
         !same_family(reinterpret_cast<const char*>(matched_family), family)))
        return std::nullopt;
    if (!language.empty()) {
        FcLangSet* langs = nullptr;
        if (FcPatternGetLangSet(match.get(), FC_LANG, 0, &langs) != FcResultMatch ||
            FcLangSetHasLang(langs, reinterpret_cast<const FcChar8*>(language.c_str())) ==
                FcLangDifferentLang)
            return std::nullopt;
    }
    std::filesystem::path path(reinterpret_cast<const char*>(file));
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) return std::nullopt;
    return path;
}

} // namespace sh::ui
