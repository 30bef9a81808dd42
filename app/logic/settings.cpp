#include "settings.hpp"

#include "json_parse_keyed.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <type_traits>
#include <unistd.h>

namespace sh::app {
namespace {

using nlohmann::json;

// Whether the JSON value has the type T needs. nlohmann would turn true into 1 and 2.7 into 2
// for an int: a settings file saying "particles": true must be named, not read as 1.
template <typename T>
bool has_type(const json& v) {
    if constexpr (std::is_same_v<T, std::string>)
        return v.is_string();
    else if constexpr (std::is_integral_v<T>)
        return v.is_number_integer();
    else
        return v.is_number();
}

template <typename T, typename Check>
void read_value(const json& doc, const char* key, T& into, Check ok, const char* expected,
                const std::string& path, std::vector<std::string>& problems) {
    auto it = doc.find(key);
    if (it == doc.end()) return;
    std::string got;
    if (has_type<T>(*it)) {
        T v = it->get<T>();
        if (ok(v)) {
            into = v;
            return;
        }
        got = it->dump();
    } else {
        got = std::string("a ") + it->type_name() + " (" + it->dump() + ")";
    }
    if (got.size() > 60) got = got.substr(0, 57) + "...";
    problems.push_back(path + ": key \"" + key + "\": expected " + expected + ", got " + got +
                       "; using the default");
}

} // namespace

std::string default_settings_path() {
    std::filesystem::path base;
    if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg)
        base = xdg;
    else if (const char* home = std::getenv("HOME"); home && *home)
        base = std::filesystem::path(home) / ".config";
    else
        base = ".";
    return (base / "secondheart" / "settings.json").string();
}

Settings load_settings(const std::string& path, std::vector<std::string>& problems) {
    Settings s;
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        problems.push_back(path + ": is a folder, not a settings file; using the defaults");
        return s;
    }
    std::ifstream in(path);
    if (!in) return s; // first run: no file yet
    std::stringstream ss;
    ss << in.rdbuf();
    json doc;
    std::string last_key;
    try {
        doc = sim::parse_json_keyed(ss.str(), last_key);
    } catch (const json::out_of_range& e) { // 1e999
        problems.push_back(path + ": " + sim::number_overflow_message(last_key, e) +
                           "; using the defaults");
        return s;
    } catch (const json::parse_error& e) {
        problems.push_back(path + ": not valid JSON (" + e.what() + "); using the defaults");
        return s;
    }
    if (!doc.is_object()) {
        problems.push_back(path + ": expected a JSON object; using the defaults");
        return s;
    }
    const char* known[] = {"kiosk_pin", "display",    "idle_s",     "countdown_s",
                           "particles", "palette",    "text_scale", "language",
                           "touch_mm",  "screen_dpi", "export_dir", "swelling_exaggeration"};
    for (auto& [key, _] : doc.items()) {
        bool found = false;
        for (const char* k : known) found = found || key == k;
        if (!found) problems.push_back(path + ": key \"" + key + "\": unknown, ignored");
    }
    read_value(
        doc, "kiosk_pin", s.kiosk_pin,
        [](const std::string& v) {
            return v.empty() || (v.size() >= 4 && v.size() <= 8 &&
                                 v.find_first_not_of("0123456789") == std::string::npos);
        },
        "4 to 8 digits as a string", path, problems);
    read_value(
        doc, "display", s.display, [](int v) { return v >= 0 && v < 16; }, "a display index 0-15",
        path, problems);
    read_value(
        doc, "idle_s", s.idle_s, [](double v) { return v >= 10 && v <= 3600; },
        "10 to 3600 seconds", path, problems);
    read_value(
        doc, "countdown_s", s.countdown_s, [](double v) { return v >= 3 && v <= 120; },
        "3 to 120 seconds", path, problems);
    read_value(
        doc, "particles", s.particles, [](int v) { return v >= 0 && v <= 4'000'000; },
        "0 (automatic) to 4000000", path, problems);
    read_value(
        doc, "palette", s.palette,
        [](const std::string& v) {
            return v == "dark" || v == "light" || v == "projector" || v == "cvd";
        },
        "dark, light, projector (light) or cvd (dark)", path, problems);
    read_value(
        doc, "text_scale", s.text_scale, [](double v) { return v >= 0.5 && v <= 4; }, "0.5 to 4",
        path, problems);
    read_value(
        doc, "touch_mm", s.touch_mm, [](double v) { return v >= 5 && v <= 40; },
        "5 to 40 millimetres", path, problems);
    read_value(
        doc, "screen_dpi", s.screen_dpi, [](double v) { return v == 0 || (v >= 20 && v <= 1000); },
        "0 (ask the system) or 20 to 1000 dots per inch", path, problems);
    read_value(
        doc, "swelling_exaggeration", s.swelling_exaggeration,
        [](double v) { return v >= 1 && v <= 10; }, "1 (true scale) to 10", path, problems);
    read_value(
        doc, "language", s.language, [](const std::string&) { return true; },
        "a language code such as en, es or de (empty: the system's)", path, problems);
    read_value(
        doc, "export_dir", s.export_dir, [](const std::string&) { return true; },
        "a folder path as a string (empty: the default export folder)", path, problems);
    return s;
}

std::optional<std::string> save_settings(const Settings& s, const std::string& path) {
    json doc = {{"kiosk_pin", s.kiosk_pin},   {"display", s.display},
                {"idle_s", s.idle_s},         {"countdown_s", s.countdown_s},
                {"particles", s.particles},   {"palette", s.palette},
                {"text_scale", s.text_scale}, {"language", s.language},
                {"touch_mm", s.touch_mm},     {"screen_dpi", s.screen_dpi},
                {"export_dir", s.export_dir}, {"swelling_exaggeration", s.swelling_exaggeration}};
    std::filesystem::path target(path);
    std::error_code ec;
    if (target.has_parent_path()) std::filesystem::create_directories(target.parent_path(), ec);
    if (ec) return path + ": cannot create its folder: " + ec.message();
    std::string tmp = path + ".tmp-" + std::to_string(::getpid());
    {
        std::FILE* f = std::fopen(tmp.c_str(), "wb");
        if (!f) return tmp + ": cannot open for writing";
        std::string text = doc.dump(2) + "\n";
        bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
        ok = std::fflush(f) == 0 && ok;
        ok = ::fsync(::fileno(f)) == 0 && ok; // on disk before the rename makes it visible
        ok = std::fclose(f) == 0 && ok;
        if (!ok) {
            std::filesystem::remove(tmp, ec);
            return tmp + ": write failed";
        }
    }
    std::filesystem::rename(tmp, target, ec);
    if (ec) {
        std::filesystem::remove(tmp, ec);
        return path + ": cannot replace the file: " + ec.message();
    }
    return std::nullopt;
}

} // namespace sh::app
