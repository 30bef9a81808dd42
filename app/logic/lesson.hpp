#pragma once
// Lessons: a titled sequence of steps, each with a caption, simulator settings (the scenario
// keys), a camera (a preset, or turned and zoomed) and either a duration or a wait for the
// presenter to advance. The same file drives lecture mode (manual advance) and the kiosk attract
// loop (auto-advance).

#include "scenario.hpp"

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sh::app {

// Raised for a broken lesson file; the message names the file, the step and the key.
struct LessonError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// The camera's preset views (one enum for the whole program: sim/vocabulary.hpp).
using sim::CameraPreset;

// A lesson's text in one or more languages. In the file either a plain string (one language,
// whatever the lesson is written in) or an object of language codes, e.g.
//   "caption": {"en": "Each step...", "es": "En cada paso...", "de": "Bei jedem Schritt..."}
struct LocalizedText {
    std::string text; // the default: the plain string, else "en", else the first one listed
    std::vector<std::pair<std::string, std::string>> languages; // as listed in the file
    // The text in `code` ("es", or "es_MX" falling back to "es"), else the default.
    const std::string& in(std::string_view code) const;
    bool empty() const { return text.empty(); }
    bool operator==(std::string_view other) const { return text == other; }
};

struct LessonStep {
    LocalizedText caption;
    sim::Scenario settings; // accumulated: each step starts from the previous one
    // The view: a preset, turned and zoomed (sim/scenario_view.hpp). The exaggeration of the
    // swelling is a scenario key: settings.swelling_exaggeration (unset: as the viewer has it).
    sim::CameraSetting camera;
    std::optional<double> duration_s; // absent: wait for the presenter to advance
    double kiosk_duration_s = 10;     // how long the attract loop shows a wait-for-advance step
};

struct Lesson {
    LocalizedText title;
    LocalizedText description;
    std::vector<LessonStep> steps;
};

// Text limits, in characters (UTF-8 code points). A caption is read aloud from a projector: the
// shipped ones are under 140 characters; 400 is about five lines of the lecture caption bar at
// 1920x1080 and keeps a caption far below what ImGui can draw in one call (about 16,000
// characters: its 16-bit vertex indices).
constexpr std::size_t k_max_caption_chars = 400;
constexpr std::size_t k_max_title_chars = 120;
constexpr std::size_t k_max_description_chars = 2000;

Lesson parse_lesson(std::string_view json_text, std::string_view source_name);
Lesson load_lesson_file(const std::string& path);

// Loads every *.json lesson in a folder, sorted by file name. A broken lesson is skipped and its
// message added to `problems`; the others still load.
std::vector<Lesson> load_lessons(const std::string& folder, std::vector<std::string>& problems);

} // namespace sh::app
