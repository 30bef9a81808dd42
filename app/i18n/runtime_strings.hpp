// Strings that screens show but that are not written where they are shown: the labels of the
// simulator's vocabulary (sim/vocabulary.hpp), the shipped scenarios' names (the panel's
// presets, assets/scenarios/*.json) and the condition ids of the panel's menu. They are listed
// here, marked with N_()/NC_(), so that xgettext puts them into po/secondheart.pot; the screens
// translate them with tr()/trc() when they draw them. tests/app_logic/test_translations.cpp
// fails when a table gains a word that is missing here.
#pragma once

#include <string_view>
#include <vector>

namespace sh::i18n {

struct RuntimeString {
    std::string_view context; // "" or the msgctxt
    std::string_view msgid;
};

const std::vector<RuntimeString>& runtime_strings();

// The msgctxt of the panel's condition menu (the ids of sim/conditions.cpp).
inline constexpr const char* k_condition_context = "condition";

} // namespace sh::i18n
