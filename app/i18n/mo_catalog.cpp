#include "mo_catalog.hpp"

#include <algorithm>
#include <cstdint>

namespace sh::i18n {
namespace {

constexpr std::uint32_t k_magic = 0x950412de;
constexpr char k_context_separator = '\x04';

// Reads the 32-bit word at `offset` in the file's byte order.
std::uint32_t word(std::string_view bytes, std::size_t offset, bool swapped) {
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i)
        v |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[offset + i])) << (8 * i);
    if (swapped) v = ((v & 0xffu) << 24) | ((v & 0xff00u) << 8) | ((v >> 8) & 0xff00u) | (v >> 24);
    return v;
}

// Orders an entry's id against the key "context\x04msgid" (or "msgid" without a context)
// without building that string: lookups run every frame and must not allocate.
int compare_key(std::string_view id, std::string_view context, std::string_view msgid) {
    std::size_t pos = 0;
    auto compare_part = [&](std::string_view part) {
        const std::string_view head = id.substr(std::min(pos, id.size()), part.size());
        if (const int c = head.compare(part); c != 0) return c;
        pos += part.size();
        return 0;
    };
    if (!context.empty()) {
        if (const int c = compare_part(context); c != 0) return c;
        if (const int c = compare_part(std::string_view(&k_context_separator, 1)); c != 0) return c;
    }
    if (const int c = compare_part(msgid); c != 0) return c;
    return id.size() > pos ? 1 : 0;
}

std::string header_field(std::string_view header, std::string_view name) {
    std::size_t at = 0;
    while (at < header.size()) {
        std::size_t end = header.find('\n', at);
        if (end == std::string_view::npos) end = header.size();
        const std::string_view line = header.substr(at, end - at);
        if (line.substr(0, name.size()) == name) {
            std::string_view value = line.substr(name.size());
            while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
            return std::string(value);
        }
        at = end + 1;
    }
    return {};
}

} // namespace

std::optional<MoCatalog> MoCatalog::parse(std::string_view bytes, std::string& error) {
    if (bytes.size() < 20) {
        error = "too short for a .mo file (" + std::to_string(bytes.size()) + " bytes)";
        return std::nullopt;
    }
    bool swapped = false;
    if (word(bytes, 0, false) != k_magic) {
        swapped = true;
        if (word(bytes, 0, true) != k_magic) {
            error = "not a .mo file (no 0x950412de magic number)";
            return std::nullopt;
        }
    }
    if (const std::uint32_t revision = word(bytes, 4, swapped); (revision >> 16) != 0) {
        error = "unknown .mo revision " + std::to_string(revision >> 16);
        return std::nullopt;
    }
    const std::size_t count = word(bytes, 8, swapped);
    const std::size_t originals = word(bytes, 12, swapped);
    const std::size_t translations = word(bytes, 16, swapped);
    if (count > bytes.size() / 16 || originals + count * 8 > bytes.size() ||
        translations + count * 8 > bytes.size()) {
        error = "its string tables lie outside the file";
        return std::nullopt;
    }
    MoCatalog c;
    c.bytes_.assign(bytes);
    // A (length, offset) pair naming a NUL-terminated string inside the file.
    auto string_at = [&](std::size_t table, std::size_t i, std::size_t& offset,
                         std::size_t& length) {
        length = word(bytes, table + i * 8, swapped);
        offset = word(bytes, table + i * 8 + 4, swapped);
        return offset < bytes.size() && length < bytes.size() - offset &&
               bytes[offset + length] == '\0';
    };
    for (std::size_t i = 0; i < count; ++i) {
        std::size_t id_offset = 0, id_length = 0, str_offset = 0, str_length = 0;
        if (!string_at(originals, i, id_offset, id_length) ||
            !string_at(translations, i, str_offset, str_length)) {
            error = "string " + std::to_string(i) + " lies outside the file or is not terminated";
            return std::nullopt;
        }
        // A plural entry: the key is the singular, the translation its first form.
        const std::string_view id(c.bytes_.data() + id_offset, id_length);
        id_length = std::min(id_length, id.find('\0'));
        if (id_length == 0) {
            c.language_ = header_field(std::string_view(c.bytes_.data() + str_offset, str_length),
                                       "Language:");
            continue;
        }
        c.entries_.push_back({id_offset, id_length, str_offset});
    }
    std::sort(c.entries_.begin(), c.entries_.end(),
              [&c](const Entry& l, const Entry& r) { return c.id_of(l) < c.id_of(r); });
    return c;
}

const char* MoCatalog::find(std::string_view context, std::string_view msgid) const {
    const auto it = std::lower_bound(entries_.begin(), entries_.end(), 0, [&](const Entry& e, int) {
        return compare_key(id_of(e), context, msgid) < 0;
    });
    if (it == entries_.end() || compare_key(id_of(*it), context, msgid) != 0) return nullptr;
    const char* text = bytes_.data() + it->str_offset;
    return *text != '\0' ? text : nullptr; // an empty msgstr is an untranslated entry
}

} // namespace sh::i18n
