// The program's languages: English (the source text in the code) and the gettext catalogues in
// po/*.po, compiled with msgfmt at build time and embedded (mo_catalog.hpp says why not libc's
// gettext). Screens wrap every string they show in tr("...") (or trc("context", "...") where
// one English word has two meanings, such as the "back" view); xgettext finds those calls and
// po/secondheart.pot lists them (po/README.md: how to add a string or a language).
//
// Which language: --language CODE, then the settings file's "language", then the system's
// (LC_ALL, LC_MESSAGES, LANG, as POSIX orders them), then English. Messages on stderr (logs,
// command-line errors) stay English: they are read by staff and by the tests, and searched for.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sh::i18n {

// Marks a string for extraction without translating it where it is written (a table of
// labels); it is translated later, where it is shown, with tr() or trc().
#define N_(text) text
#define NC_(context, text) text

struct Language {
    std::string_view code; // ISO 639-1: "en", "es", "de"
    std::string_view name; // in its own language: "English", "Español", "Deutsch"
};

// The languages with a catalogue, English first; the order of a language menu.
const std::vector<Language>& available_languages();
// "en, es, de" for messages.
std::string available_language_list();

// The available language `code` names: "de", "DE", "de_AT", "de-AT.UTF-8" all give "de".
// nullopt when there is none (also for "C" and "POSIX": English is chosen by name).
std::optional<std::string> match_language(std::string_view code);

// The language shown from now on (must be available: match_language first); thread-safe, so a
// language menu can switch it while the program runs.
void set_language(std::string_view code);
std::string_view current_language();

// The translation of `msgid` in the current language, or `msgid` itself (English, or a string
// the catalogue lacks). The pointer stays valid for the program's life.
const char* tr(const char* msgid);
const char* trc(const char* context, const char* msgid);
// The same for a string whose text is only known at run time (a vocabulary label, a preset's
// name); it must be one that an N_() marks somewhere so that it is in the catalogue.
const char* tr(std::string_view msgid);

// Whether `code`'s catalogue translates `msgid` (tests: every label a screen shows at run time
// has a translation).
bool has_translation(std::string_view code, std::string_view context, std::string_view msgid);

// The precedence of the language sources, without side effects (testable).
struct LanguageChoice {
    std::string code = "en";
    std::string source;             // "--language", "settings", "LC_MESSAGES", ... or "default"
    std::vector<std::string> notes; // problems to print (a bad settings value)
};
struct LanguageSources {
    std::optional<std::string> command_line; // already checked by the option parser
    std::string settings_value;              // "" when the settings file does not say
    std::string settings_path;               // for the message about a bad value
    std::string lc_all, lc_messages, lang;   // the environment ("" when unset)
};
LanguageChoice choose_language(const LanguageSources& sources);
// The environment part of LanguageSources from getenv.
LanguageSources sources_from_environment();

} // namespace sh::i18n
