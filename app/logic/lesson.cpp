#include "lesson.hpp"

#include "json_parse_keyed.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

namespace sh::app {
namespace {

using nlohmann::json;

[[noreturn]] void fail(std::string_view source, const std::string& key, const std::string& what) {
    throw LessonError(std::string(source) + ": key \"" + key + "\": " + what);
}

std::string type_of(const json& v) {
    return v.type_name();
}

// Characters as a reader counts them: UTF-8 code points (continuation bytes not counted).
std::size_t utf8_length(const std::string& text) {
    std::size_t n = 0;
    for (const char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

// A non-empty (or, with allow_empty, any) string of at most `max_chars` characters.
std::string limited_string(const json& v, std::size_t max_chars, std::string_view source,
                           const std::string& key, bool allow_empty = false) {
    if (!v.is_string() || (!allow_empty && v.get<std::string>().empty()))
        fail(source, key, allow_empty ? "expected a string" : "expected a non-empty string");
    std::string text = v.get<std::string>();
    if (const std::size_t n = utf8_length(text); n > max_chars)
        fail(source, key,
             "too long: " + std::to_string(n) + " characters, at most " +
                 std::to_string(max_chars) + " (split it over several steps)");
    return text;
}

// "en", "de", "pt_BR", "zh-Hant" (ISO 639 language, optionally a region or script).
bool is_language_code(const std::string& code) {
    std::size_t n = 0;
    while (n < code.size() && code[n] >= 'a' && code[n] <= 'z') ++n;
    if (n < 2 || n > 3) return false;
    if (n == code.size()) return true;
    if (code[n] != '_' && code[n] != '-') return false;
    const std::size_t rest = code.size() - n - 1;
    if (rest < 2 || rest > 4) return false;
    for (std::size_t i = n + 1; i < code.size(); ++i)
        if (!std::isalnum(static_cast<unsigned char>(code[i]))) return false;
    return true;
}

// A plain string or an object of language code -> string, each within `max_chars`.
LocalizedText limited_text(const json& v, std::size_t max_chars, std::string_view source,
                           const std::string& key, bool allow_empty = false) {
    LocalizedText out;
    if (!v.is_object()) {
        if (!v.is_string())
            fail(source, key,
                 "expected a string, or an object of languages such as {\"en\": \"...\", "
                 "\"de\": \"...\"}");
        out.text = limited_string(v, max_chars, source, key, allow_empty);
        return out;
    }
    if (v.empty()) fail(source, key, "expected at least one language, such as \"en\"");
    for (auto& [code, text] : v.items()) {
        if (!is_language_code(code))
            fail(source, key + "." + code,
                 "expected a language code such as \"en\", \"es\" or \"pt_BR\"");
        out.languages.emplace_back(
            code, limited_string(text, max_chars, source, key + "." + code, allow_empty));
    }
    const auto en = std::find_if(out.languages.begin(), out.languages.end(),
                                 [](const auto& l) { return l.first == "en"; });
    out.text = en != out.languages.end() ? en->second : out.languages.front().second;
    return out;
}

double positive_seconds(const json& v, std::string_view source, const std::string& key) {
    if (!v.is_number()) fail(source, key, "expected a number of seconds, got " + type_of(v));
    double d = v.get<double>();
    if (!(d > 0 && d <= 3600)) fail(source, key, "expected seconds from 0 (exclusive) to 3600");
    return d;
}

LessonStep parse_step(const json& js, const sim::Scenario& previous, std::string_view source,
                      const std::string& prefix) {
    if (!js.is_object()) fail(source, prefix, "expected an object (a lesson step)");
    static const std::set<std::string> known = {"caption",    "settings", "camera",
                                                "duration_s", "advance",  "kiosk_duration_s"};
    for (auto& [key, _] : js.items())
        if (!known.count(key))
            fail(source, prefix + "." + key,
                 "unknown key (expected caption, settings, camera, duration_s, advance, "
                 "kiosk_duration_s)");
    LessonStep step;
    auto caption = js.find("caption");
    if (caption == js.end()) fail(source, prefix + ".caption", "missing (every step needs one)");
    step.caption = limited_text(*caption, k_max_caption_chars, source, prefix + ".caption");
    step.settings = previous;
    if (auto s = js.find("settings"); s != js.end()) {
        if (!s->is_object())
            fail(source, prefix + ".settings", "expected an object of scenario keys");
        try {
            sim::merge_scenario_object(*s, step.settings, source, prefix + ".settings.");
        } catch (const std::exception& e) {
            throw LessonError(e.what());
        }
    }
    // The step's camera: its own "camera" key (a preset, or turned and zoomed:
    // sim/scenario_view.hpp), else one its settings name, else the front view.
    if (auto s = js.find("settings"); s != js.end() && s->contains("camera"))
        step.camera = *step.settings.camera;
    if (auto c = js.find("camera"); c != js.end()) {
        try {
            step.camera = sim::read_camera_setting(*c, source, prefix + ".camera");
        } catch (const std::exception& e) {
            throw LessonError(e.what());
        }
    }
    bool wait = false;
    if (auto a = js.find("advance"); a != js.end()) {
        if (!a->is_string() || (*a != "wait" && *a != "auto"))
            fail(source, prefix + ".advance", "expected \"wait\" (presenter advances) or \"auto\"");
        wait = *a == "wait";
    }
    if (auto d = js.find("duration_s"); d != js.end()) {
        if (wait) fail(source, prefix + ".duration_s", "not allowed with \"advance\": \"wait\"");
        step.duration_s = positive_seconds(*d, source, prefix + ".duration_s");
    } else if (!wait) {
        fail(source, prefix + ".duration_s", "missing: give a duration or \"advance\": \"wait\"");
    }
    if (auto k = js.find("kiosk_duration_s"); k != js.end())
        step.kiosk_duration_s = positive_seconds(*k, source, prefix + ".kiosk_duration_s");
    return step;
}

} // namespace

const std::string& LocalizedText::in(std::string_view code) const {
    for (const auto& [language, translated] : languages)
        if (language == code) return translated;
    const std::string_view base = code.substr(0, code.find_first_of("_-"));
    for (const auto& [language, translated] : languages)
        if (language == base) return translated;
    return text;
}

Lesson parse_lesson(std::string_view json_text, std::string_view source_name) {
    json doc;
    std::string last_key;
    try {
        doc = sim::parse_json_keyed(json_text, last_key);
    } catch (const json::out_of_range& e) { // 1e999
        throw LessonError(std::string(source_name) + ": " +
                          sim::number_overflow_message(last_key, e));
    } catch (const json::parse_error& e) {
        throw LessonError(std::string(source_name) + ": not valid JSON: " + e.what());
    }
    if (!doc.is_object()) fail(source_name, "(top level)", "expected an object");
    static const std::set<std::string> known = {"format", "version", "title", "description",
                                                "steps"};
    for (auto& [key, _] : doc.items())
        if (!known.count(key))
            fail(source_name, key,
                 "unknown key (expected format, version, title, description, steps)");
    if (!doc.contains("format") || doc["format"] != "secondheart-lesson")
        fail(source_name, "format", "expected \"secondheart-lesson\"");
    Lesson lesson;
    if (!doc.contains("title")) fail(source_name, "title", "missing (a non-empty string)");
    lesson.title = limited_text(doc["title"], k_max_title_chars, source_name, "title");
    if (doc.contains("description"))
        lesson.description = limited_text(doc["description"], k_max_description_chars, source_name,
                                          "description", true);
    if (!doc.contains("steps") || !doc["steps"].is_array() || doc["steps"].empty())
        fail(source_name, "steps", "expected a non-empty array of steps");
    sim::Scenario running; // defaults: a healthy adult standing still
    for (size_t i = 0; i < doc["steps"].size(); ++i) {
        LessonStep step =
            parse_step(doc["steps"][i], running, source_name, "steps[" + std::to_string(i) + "]");
        running = step.settings;
        lesson.steps.push_back(std::move(step));
    }
    return lesson;
}

Lesson load_lesson_file(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        throw LessonError(path + ": is a folder, not a lesson file");
    std::ifstream in(path);
    if (!in)
        throw LessonError(path + ": cannot open the lesson file (" +
                          (std::filesystem::exists(path, ec) ? "not readable" : "no such file") +
                          ")");
    std::stringstream ss;
    ss << in.rdbuf();
    return parse_lesson(ss.str(), path);
}

std::vector<Lesson> load_lessons(const std::string& folder, std::vector<std::string>& problems) {
    std::vector<std::string> files;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(folder, ec))
        if (entry.path().extension() == ".json") files.push_back(entry.path().string());
    if (ec) problems.push_back(folder + ": cannot list lessons: " + ec.message());
    std::sort(files.begin(), files.end());
    std::vector<Lesson> lessons;
    for (const auto& f : files) {
        try {
            lessons.push_back(load_lesson_file(f));
        } catch (const std::exception& e) {
            problems.push_back(e.what());
        }
    }
    return lessons;
}

} // namespace sh::app
