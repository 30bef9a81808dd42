// One language's translations, read from a GNU gettext .mo file (the binary catalogue msgfmt
// writes from a .po file). Our own reader rather than libc's gettext(): the catalogues are
// embedded in the program (no file to find at run time, no bindtextdomain path), the language
// can change while the program runs without touching the process locale (setlocale would also
// change number formatting and needs the locale to be generated on the machine, which a kiosk
// often has not), and a broken catalogue is reported instead of silently ignored.
//
// The format (gettext manual, "The Format of GNU MO Files"): a header of 32-bit words (magic
// 0x950412de in the file's byte order, revision, string count N, offset of the table of
// original strings, offset of the table of translations), then two tables of N (length, offset)
// pairs pointing at NUL-terminated strings. A msgid with a context is "context\x04msgid"; a
// plural entry is "singular\0plural" (only the first form is used here: the program has no
// plural strings). The entry with the empty msgid is the catalogue's header.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sh::i18n {

class MoCatalog {
public:
    // Parses `bytes` (copied); nullopt with `error` naming what is wrong (not a .mo file, a
    // string outside the file, an unknown revision).
    static std::optional<MoCatalog> parse(std::string_view bytes, std::string& error);

    // The translation of `msgid` (with `context` when not empty), or nullptr when the
    // catalogue has none. The pointer is NUL-terminated and lives as long as the catalogue.
    const char* find(std::string_view context, std::string_view msgid) const;
    const char* find(std::string_view msgid) const { return find({}, msgid); }

    std::size_t size() const { return entries_.size(); }
    // The header's "Language:" field ("" when absent).
    const std::string& language() const { return language_; }

private:
    struct Entry {
        std::size_t id_offset, id_length; // into bytes_: "context\x04msgid" or "msgid"
        std::size_t str_offset;           // into bytes_: NUL-terminated translation
    };
    std::string_view id_of(const Entry& e) const {
        return {bytes_.data() + e.id_offset, e.id_length};
    }

    std::string bytes_;
    std::vector<Entry> entries_; // sorted by id
    std::string language_;
};

} // namespace sh::i18n
