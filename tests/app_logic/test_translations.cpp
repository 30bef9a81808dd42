// The translations as the program looks them up: every entry of po/<code>.po (read here with a
// small .po parser, independently of msgfmt and of our .mo reader) must come back from tr() in
// that language; the .mo reader against hand-made and broken files; the order of the language
// sources; and the strings the screens show at run time (vocabulary labels, scenario names).
#include "conditions.hpp"
#include "mo_catalog.hpp"
#include "runtime_strings.hpp"
#include "shipped_scenarios.hpp"
#include "translate.hpp"
#include "vocabulary.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <fstream>
#include <sstream>

using namespace sh;

namespace {

struct PoEntry {
    std::string context, msgid, msgstr;
    bool fuzzy = false;
};

std::string unquote(const std::string& line) {
    const std::size_t a = line.find('"'), b = line.rfind('"');
    std::string out;
    for (std::size_t i = a + 1; i < b; ++i) {
        if (line[i] == '\\' && i + 1 < b) {
            const char c = line[++i];
            out += c == 'n' ? '\n' : c == 't' ? '\t' : c;
        } else {
            out += line[i];
        }
    }
    return out;
}

// The subset of the .po syntax our catalogues use: msgctxt, msgid, msgstr with continuation
// lines, "#, fuzzy" flags, comments.
std::vector<PoEntry> read_po(const std::string& path) {
    std::ifstream in(path);
    REQUIRE(in);
    std::vector<PoEntry> entries;
    PoEntry cur;
    std::string* field = nullptr;
    bool started = false;
    auto flush = [&] {
        if (started && !cur.msgid.empty()) entries.push_back(cur);
        cur = {};
        field = nullptr;
        started = false;
    };
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty()) {
            flush();
        } else if (line.rfind("#,", 0) == 0) {
            cur.fuzzy = cur.fuzzy || line.find("fuzzy") != std::string::npos;
        } else if (line[0] == '#') {
            continue;
        } else if (line.rfind("msgctxt ", 0) == 0) {
            started = true;
            field = &cur.context;
            *field = unquote(line);
        } else if (line.rfind("msgid ", 0) == 0) {
            started = true;
            field = &cur.msgid;
            *field = unquote(line);
        } else if (line.rfind("msgstr ", 0) == 0) {
            field = &cur.msgstr;
            *field = unquote(line);
        } else if (line[0] == '"' && field != nullptr) {
            *field += unquote(line);
        }
    }
    flush();
    return entries;
}

// A .mo file written by hand from the gettext manual's description, little-endian.
std::string make_mo(const std::vector<std::pair<std::string, std::string>>& pairs) {
    std::string out;
    auto put = [&out](std::uint32_t v) {
        for (int i = 0; i < 4; ++i) out += static_cast<char>((v >> (8 * i)) & 0xff);
    };
    const auto n = static_cast<std::uint32_t>(pairs.size());
    const std::uint32_t originals = 28, translations = originals + 8 * n;
    std::uint32_t data = translations + 8 * n;
    std::string strings;
    std::vector<std::uint32_t> table;
    for (int side = 0; side < 2; ++side)
        for (const auto& p : pairs) {
            const std::string& s = side == 0 ? p.first : p.second;
            table.push_back(static_cast<std::uint32_t>(s.size()));
            table.push_back(data + static_cast<std::uint32_t>(strings.size()));
            strings += s;
            strings += '\0';
        }
    put(0x950412de);
    put(0);
    put(n);
    put(originals);
    put(translations);
    put(0); // no hash table
    put(0);
    for (std::uint32_t v : table) put(v);
    return out + strings;
}

std::string byte_swapped_words(std::string mo, std::size_t words) {
    for (std::size_t w = 0; w < words; ++w)
        std::reverse(mo.begin() + 4 * w, mo.begin() + 4 * w + 4);
    return mo;
}

struct LanguageGuard {
    ~LanguageGuard() { i18n::set_language("en"); }
};

} // namespace

TEST_CASE("translations: every entry of each shipped .po comes back from tr()", "[i18n]") {
    LanguageGuard guard;
    for (const i18n::Language& language : i18n::available_languages()) {
        if (language.code == "en") continue;
        const std::string code(language.code);
        const auto entries = read_po(std::string(SH_SOURCE_DIR) + "/po/" + code + ".po");
        REQUIRE(entries.size() > 100);
        i18n::set_language(code);
        CHECK(i18n::current_language() == code);
        for (const PoEntry& e : entries) {
            INFO(code << ": " << e.context << " | " << e.msgid);
            CHECK_FALSE(e.fuzzy);
            CHECK_FALSE(e.msgstr.empty());
            const char* shown = e.context.empty() ? i18n::tr(e.msgid.c_str())
                                                  : i18n::trc(e.context.c_str(), e.msgid.c_str());
            CHECK(std::string(shown) == e.msgstr);
        }
    }
    // Two spot checks with the expected text written out, against a reader and parser that
    // agree with each other but not with the file.
    i18n::set_language("de");
    CHECK(std::string(i18n::tr("Cancel")) == "Abbrechen");
    CHECK(std::string(i18n::trc("view", "back")) == "hinten");
    i18n::set_language("es");
    CHECK(std::string(i18n::trc("blood colour", "speed")) == "velocidad");
    CHECK(std::string(i18n::tr("Still there?")) == "¿Sigue ahí?");
    i18n::set_language("en");
    CHECK(std::string(i18n::tr("Cancel")) == "Cancel");
    const char* untranslated = "a string no catalogue has";
    i18n::set_language("de");
    CHECK(i18n::tr(untranslated) == untranslated); // the English text itself
}

TEST_CASE("translations: the .mo reader", "[i18n]") {
    const std::string mo =
        make_mo({{"", "Language: de\nContent-Type: text/plain; charset=UTF-8\n"},
                 {"Cancel", "Abbrechen"},
                 {std::string("view") + '\x04' + "back", "hinten"},
                 {std::string("file\0files", 10), std::string("Datei\0Dateien", 13)},
                 {"Untranslated", ""}});
    std::string error;
    auto c = i18n::MoCatalog::parse(mo, error);
    REQUIRE(c);
    CHECK(error.empty());
    CHECK(c->language() == "de");
    CHECK(std::string(c->find("Cancel")) == "Abbrechen");
    CHECK(std::string(c->find("view", "back")) == "hinten");
    CHECK(c->find("back") == nullptr); // the context is part of the key
    CHECK(c->find("vie", "w\x04"
                         "back") == nullptr);       // ... and not just a concatenation
    CHECK(std::string(c->find("file")) == "Datei"); // a plural entry: its first form
    CHECK(c->find("Untranslated") == nullptr);
    CHECK(c->find("Cance") == nullptr);
    CHECK(c->find("Cancel!") == nullptr);

    SECTION("big-endian files read the same") {
        auto be = i18n::MoCatalog::parse(byte_swapped_words(mo, 7 + 4 * 5), error);
        REQUIRE(be);
        CHECK(std::string(be->find("view", "back")) == "hinten");
    }
    SECTION("broken files are named, not read") {
        CHECK_FALSE(i18n::MoCatalog::parse("", error));
        CHECK_THAT(error, Catch::Contains("too short"));
        CHECK_FALSE(i18n::MoCatalog::parse(std::string(40, 'x'), error));
        CHECK_THAT(error, Catch::Contains("not a .mo file"));
        CHECK_FALSE(i18n::MoCatalog::parse(mo.substr(0, 40), error));
        CHECK_THAT(error, Catch::Contains("outside the file"));
        std::string cut = mo.substr(0, mo.size() - 4); // the last string loses its end
        CHECK_FALSE(i18n::MoCatalog::parse(cut, error));
        CHECK_THAT(error, Catch::Contains("string"));
        std::string revision = mo;
        revision[6] = 1; // major revision 1
        CHECK_FALSE(i18n::MoCatalog::parse(revision, error));
        CHECK_THAT(error, Catch::Contains("revision"));
    }
}

TEST_CASE("translations: language codes and the order of the sources", "[i18n]") {
    CHECK(i18n::available_language_list() == "en, es, de");
    CHECK(i18n::match_language("de") == "de");
    CHECK(i18n::match_language("DE") == "de");
    CHECK(i18n::match_language("de_AT.UTF-8@euro") == "de");
    CHECK(i18n::match_language("es-MX") == "es");
    CHECK(i18n::match_language("en_GB") == "en");
    CHECK_FALSE(i18n::match_language("fr"));
    CHECK_FALSE(i18n::match_language("C"));
    CHECK_FALSE(i18n::match_language(""));

    i18n::LanguageSources s;
    s.lang = "es_ES.UTF-8";
    CHECK(i18n::choose_language(s).code == "es");
    CHECK(i18n::choose_language(s).source == "LANG");
    s.lc_messages = "de_DE.UTF-8"; // LC_MESSAGES before LANG
    CHECK(i18n::choose_language(s).code == "de");
    s.lc_all = "C"; // LC_ALL before both: C is English
    CHECK(i18n::choose_language(s).code == "en");
    CHECK(i18n::choose_language(s).source == "LC_ALL");
    s.settings_value = "es"; // the settings file before the system
    CHECK(i18n::choose_language(s).code == "es");
    s.command_line = "de"; // the command line before everything
    CHECK(i18n::choose_language(s).code == "de");
    CHECK(i18n::choose_language(s).notes.empty());

    i18n::LanguageSources bad;
    bad.settings_value = "klingon";
    bad.settings_path = "settings.json";
    bad.lang = "de_DE.UTF-8";
    const i18n::LanguageChoice c = i18n::choose_language(bad);
    CHECK(c.code == "en"); // a bad settings value: English, with a message naming it
    REQUIRE(c.notes.size() == 1);
    CHECK_THAT(c.notes[0], Catch::Contains("settings.json") && Catch::Contains("'klingon'") &&
                               Catch::Contains("en, es, de"));

    i18n::LanguageSources none;
    CHECK(i18n::choose_language(none).code == "en");
    CHECK(i18n::choose_language(none).source == "default");
}

TEST_CASE("translations: every label shown at run time is listed and translated", "[i18n]") {
    std::vector<std::pair<std::string, std::string>> shown; // context, text
    for (const auto& t : sim::kActivities) shown.emplace_back("", std::string(t.label));
    for (const auto& t : sim::kPostures) shown.emplace_back("", std::string(t.label));
    for (const auto& t : sim::kValveGroups) shown.emplace_back("", std::string(t.label));
    for (const auto& t : sim::kVeinSystems) shown.emplace_back("", std::string(t.label));
    for (const auto& s : app::shipped_scenarios()) shown.emplace_back("", s.scenario.name);
    for (const auto& c : sim::conditions())
        shown.emplace_back(i18n::k_condition_context, std::string(c.name));
    const auto& listed = i18n::runtime_strings();
    for (const auto& [context, text] : shown) {
        INFO(context << " | " << text);
        // Listed in app/i18n/runtime_strings.cpp, so that xgettext puts it in the template...
        CHECK(std::any_of(listed.begin(), listed.end(), [&](const i18n::RuntimeString& r) {
            return r.context == context && r.msgid == text;
        }));
        // ... and translated in every shipped language.
        for (const i18n::Language& l : i18n::available_languages())
            if (l.code != "en") CHECK(i18n::has_translation(l.code, context, text));
    }
}
