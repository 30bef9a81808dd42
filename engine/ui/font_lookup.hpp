// Finding a font file through fontconfig, the system's font configuration (Debian's
// libfontconfig1): the same answer `fc-match FAMILY` gives, wherever the font is installed.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace sh::ui {

// The file of the best scalable (TrueType or OpenType) font fontconfig matches for `family`
// ("DejaVu Sans", or a generic name such as "sans-serif"), with the glyphs of `language` (an
// RFC 3066 code such as "ja" or "he"; empty: any) when given. With `exact_family`, only a font
// of that family counts (fontconfig otherwise always offers some font). nullopt when fontconfig
// cannot be initialised or offers nothing that fits.
std::optional<std::filesystem::path> fontconfig_font_file(const std::string& family,
                                                          bool exact_family,
                                                          const std::string& language = {});

} // namespace sh::ui
