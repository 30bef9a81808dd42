#include "translate.hpp"

#include "mo_catalog.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdlib>
#include <memory>

// Generated at build time from po/*.po (app/i18n/CMakeLists.txt): each language's .mo bytes.
namespace sh::i18n::embedded {
struct Catalogue {
    const char* code;
    const unsigned char* data;
    std::size_t size;
};
extern const Catalogue k_catalogues[];
extern const std::size_t k_catalogue_count;
} // namespace sh::i18n::embedded

namespace sh::i18n {
namespace {

struct Loaded {
    Language language;
    std::unique_ptr<MoCatalog> catalogue; // null for English
};

// The language names in their own language, for a menu.
std::string_view native_name(std::string_view code) {
    if (code == "es") return "Español";
    if (code == "de") return "Deutsch";
    return code;
}

// The catalogues, parsed once. A broken embedded catalogue is a build error in practice (msgfmt
// wrote it); should one not parse, that language is left out and English stays usable.
const std::vector<Loaded>& loaded() {
    static const std::vector<Loaded> list = [] {
        std::vector<Loaded> out;
        out.push_back({{"en", "English"}, nullptr});
        for (std::size_t i = 0; i < embedded::k_catalogue_count; ++i) {
            const embedded::Catalogue& e = embedded::k_catalogues[i];
            std::string error;
            auto parsed = MoCatalog::parse(
                std::string_view(reinterpret_cast<const char*>(e.data), e.size), error);
            if (parsed)
                out.push_back({{e.code, native_name(e.code)},
                               std::make_unique<MoCatalog>(std::move(*parsed))});
        }
        return out;
    }();
    return list;
}

std::atomic<const Loaded*> g_current{nullptr};

const Loaded* find_loaded(std::string_view code) {
    for (const Loaded& l : loaded())
        if (l.language.code == code) return &l;
    return nullptr;
}

const char* lookup(std::string_view context, std::string_view msgid) {
    const Loaded* l = g_current.load(std::memory_order_acquire);
    if (l == nullptr || !l->catalogue) return nullptr;
    return l->catalogue->find(context, msgid);
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

} // namespace

const std::vector<Language>& available_languages() {
    static const std::vector<Language> list = [] {
        std::vector<Language> out;
        for (const Loaded& l : loaded()) out.push_back(l.language);
        return out;
    }();
    return list;
}

std::string available_language_list() {
    std::string out;
    for (const Language& l : available_languages())
        out += (out.empty() ? "" : ", ") + std::string(l.code);
    return out;
}

std::optional<std::string> match_language(std::string_view code) {
    // "de_AT.UTF-8@euro": the language is what comes before the territory, codeset, modifier.
    const std::string base = lower(code.substr(0, code.find_first_of("_-.@")));
    if (base.empty()) return std::nullopt;
    if (const Loaded* l = find_loaded(base)) return std::string(l->language.code);
    return std::nullopt;
}

void set_language(std::string_view code) {
    const Loaded* l = find_loaded(code);
    g_current.store(l != nullptr ? l : &loaded().front(), std::memory_order_release);
}

std::string_view current_language() {
    const Loaded* l = g_current.load(std::memory_order_acquire);
    return l != nullptr ? l->language.code : "en";
}

const char* tr(const char* msgid) {
    const char* t = lookup({}, msgid);
    return t != nullptr ? t : msgid;
}

const char* trc(const char* context, const char* msgid) {
    const char* t = lookup(context, msgid);
    return t != nullptr ? t : msgid;
}

const char* tr(std::string_view msgid) {
    if (const char* t = lookup({}, msgid)) return t;
    // Not translated: the caller's text. Labels of the vocabulary and scenario names are
    // NUL-terminated literals or strings that outlive the frame, so data() is safe to show.
    return msgid.data();
}

bool has_translation(std::string_view code, std::string_view context, std::string_view msgid) {
    const Loaded* l = find_loaded(code);
    return l != nullptr && l->catalogue && l->catalogue->find(context, msgid) != nullptr;
}

LanguageChoice choose_language(const LanguageSources& s) {
    LanguageChoice choice;
    if (s.command_line) {
        choice.code = match_language(*s.command_line).value_or("en");
        choice.source = "--language";
        return choice;
    }
    if (!s.settings_value.empty()) {
        choice.source = "settings";
        if (auto m = match_language(s.settings_value)) {
            choice.code = *m;
        } else {
            choice.code = "en";
            choice.notes.push_back(s.settings_path + ": key \"language\": unknown language '" +
                                   s.settings_value + "' (available: " + available_language_list() +
                                   "); using English");
        }
        return choice;
    }
    // POSIX: LC_ALL overrides LC_MESSAGES, which overrides LANG. The first one set decides,
    // even when it names a language without a catalogue (then English, as for "C").
    const std::pair<const std::string*, const char*> env[] = {
        {&s.lc_all, "LC_ALL"}, {&s.lc_messages, "LC_MESSAGES"}, {&s.lang, "LANG"}};
    for (const auto& [value, name] : env) {
        if (value->empty()) continue;
        choice.code = match_language(*value).value_or("en");
        choice.source = name;
        return choice;
    }
    choice.source = "default";
    return choice;
}

LanguageSources sources_from_environment() {
    LanguageSources s;
    auto get = [](const char* name) {
        const char* v = std::getenv(name);
        return std::string(v != nullptr ? v : "");
    };
    s.lc_all = get("LC_ALL");
    s.lc_messages = get("LC_MESSAGES");
    s.lang = get("LANG");
    return s;
}

} // namespace sh::i18n
