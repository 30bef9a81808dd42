#include "lesson.hpp"
#include "translate.hpp"

#include <catch2/catch.hpp>
#include <cctype>
#include <string>

using namespace sh::app;

namespace {
const std::string kLessons = std::string(SH_SOURCE_DIR) + "/assets/lessons";

std::string error_of(const std::string& json) {
    try {
        parse_lesson(json, "bad.json");
    } catch (const LessonError& e) {
        return e.what();
    }
    return "(no error)";
}

const char* kGood = R"({"format":"secondheart-lesson","title":"T","steps":[
  {"caption":"a","settings":{"activity":"walking","gait_speed_kmh":4},"duration_s":5},
  {"caption":"b","settings":{"condition":"gsv-reflux"},"advance":"wait","camera":"cutaway"}]})";
} // namespace

TEST_CASE("the three shipped lessons load and have captions and timing", "[lessons]") {
    std::vector<std::string> problems;
    auto lessons = load_lessons(kLessons, problems);
    INFO((problems.empty() ? std::string() : problems.front()));
    CHECK(problems.empty());
    REQUIRE(lessons.size() >= 3);
    for (const auto& l : lessons) {
        CHECK(!l.title.empty());
        for (const auto& s : l.steps) {
            CHECK(!s.caption.empty());
            CHECK(s.kiosk_duration_s > 0);
        }
    }
}

TEST_CASE("step settings accumulate from step to step", "[lessons]") {
    Lesson l = parse_lesson(kGood, "good.json");
    REQUIRE(l.steps.size() == 2);
    CHECK(l.steps[0].settings.activity.kind == sh::sim::Activity::Walking);
    CHECK(l.steps[1].settings.activity.speed_kmh == Approx(4.0)); // carried over
    CHECK(l.steps[1].settings.condition == "gsv-reflux");
    CHECK(!l.steps[1].duration_s);
    CHECK(l.steps[1].camera.preset == CameraPreset::Cutaway);
}

TEST_CASE("a broken lesson names the step and key and what was expected", "[lessons]") {
    std::string e = error_of(R"({"format":"secondheart-lesson","title":"T","steps":[
      {"caption":"a","duration_s":5},
      {"caption":"b","settings":{"gait_speed_kmh":"fast"},"duration_s":5}]})");
    CHECK_THAT(e, Catch::Contains("bad.json") &&
                      Catch::Contains("steps[1].settings.gait_speed_kmh") &&
                      Catch::Contains("expected a number"));
    CHECK_THAT(error_of(R"({"format":"secondheart-lesson","title":"T","steps":[{"caption":"a"}]})"),
               Catch::Contains("steps[0].duration_s") && Catch::Contains("missing"));
    CHECK_THAT(
        error_of(
            R"({"format":"secondheart-lesson","title":"T","steps":[{"caption":"a","duration_s":5,"camera":"top"}]})"),
        Catch::Contains("steps[0].camera") && Catch::Contains("front, back, medial, cutaway"));
    CHECK_THAT(
        error_of(
            R"({"format":"secondheart-lesson","title":"T","steps":[{"caption":"a","duration_s":5,"colour":1}]})"),
        Catch::Contains("steps[0].colour") && Catch::Contains("unknown key"));
    CHECK_THAT(error_of(R"({"format":"secondheart-lesson","title":"T","steps":[]})"),
               Catch::Contains("\"steps\""));
    CHECK_THAT(
        error_of(
            R"({"format":"secondheart-lesson","title":"T","steps":[{"caption":"a","duration_s":-1}]})"),
        Catch::Contains("steps[0].duration_s"));
    CHECK_THAT(error_of("{\"format\": \"secondheart-lesson\",\n \"title\": }"),
               Catch::Contains("line 2"));
    CHECK_THAT(error_of(R"({"title":"T","steps":[{"caption":"a","duration_s":5}]})"),
               Catch::Contains("format"));
}

TEST_CASE("a folder with a broken lesson still loads the others", "[lessons]") {
    std::vector<std::string> problems;
    auto lessons = load_lessons(
        std::string(SH_SOURCE_DIR) + "/tests/app_logic/lessons_with_a_bad_one", problems);
    CHECK(lessons.size() == 1);
    REQUIRE(problems.size() == 1);
    CHECK_THAT(problems[0], Catch::Contains("broken.json") && Catch::Contains("steps[0]"));
}

namespace {
std::string lesson_with_caption(const std::string& caption) {
    return R"({"format":"secondheart-lesson","title":"T","steps":[{"caption":)" + caption +
           R"(,"duration_s":5}]})";
}
} // namespace

// Lessons in several languages: "caption", "title" and "description" as a plain string (as
// before) or an object of language codes, the fallback when a language is missing, the errors
// for a bad object, and every shipped lesson complete in every shipped language.
TEST_CASE("lesson languages: a caption per language, with fallbacks", "[lessons][i18n]") {
    const Lesson l = parse_lesson(
        R"({"format":"secondheart-lesson",
            "title":{"en":"The pump","de":"Die Pumpe"},
            "description":"Only one language",
            "steps":[{"caption":{"es":"Caminar","en":"Walking","de":"Gehen"},"duration_s":5},
                     {"caption":"Plain text, as before","duration_s":5}]})",
        "multi.json");
    const LocalizedText& c = l.steps[0].caption;
    CHECK(c.text == "Walking"); // the default is English even when listed second
    CHECK(c.in("de") == "Gehen");
    CHECK(c.in("es") == "Caminar");
    CHECK(c.in("es_MX") == "Caminar"); // a regional code falls back to its language
    CHECK(c.in("fr") == "Walking");    // a missing language falls back to the default
    CHECK(l.title.in("es") == "The pump");
    CHECK(l.title.in("de") == "Die Pumpe");
    CHECK(l.description.in("de") == "Only one language");
    CHECK(l.steps[1].caption.in("de") == "Plain text, as before");

    // Without English, the first language listed is the default.
    const Lesson de_only =
        parse_lesson(lesson_with_caption(R"({"de":"Nur Deutsch","es":"Solo español"})"), "x");
    CHECK(de_only.steps[0].caption.text == "Nur Deutsch");
    CHECK(de_only.steps[0].caption.in("en") == "Nur Deutsch");
}

TEST_CASE("lesson languages: a bad caption object is named", "[lessons][i18n]") {
    CHECK_THAT(error_of(lesson_with_caption("{}")),
               Catch::Contains("steps[0].caption") && Catch::Contains("at least one language"));
    CHECK_THAT(error_of(lesson_with_caption(R"({"english":"x"})")),
               Catch::Contains("steps[0].caption.english") &&
                   Catch::Contains("expected a language code"));
    CHECK_THAT(error_of(lesson_with_caption(R"({"en":3})")),
               Catch::Contains("steps[0].caption.en") &&
                   Catch::Contains("expected a non-empty string"));
    CHECK_THAT(error_of(lesson_with_caption(R"({"en":""})")),
               Catch::Contains("steps[0].caption.en") && Catch::Contains("non-empty"));
    CHECK_THAT(error_of(lesson_with_caption(R"({"de":")" + std::string(401, 'x') + "\"}")),
               Catch::Contains("steps[0].caption.de") && Catch::Contains("too long"));
    CHECK_THAT(error_of(lesson_with_caption("[\"en\"]")),
               Catch::Contains("steps[0].caption") && Catch::Contains("an object of languages"));
    // Codes with a region or script are accepted.
    CHECK(error_of(lesson_with_caption(R"({"pt_BR":"a","zh-Hant":"b"})")) == "(no error)");
}

TEST_CASE("lesson languages: the shipped lessons speak every shipped language", "[lessons][i18n]") {
    std::vector<std::string> problems;
    const auto lessons = load_lessons(std::string(SH_SOURCE_DIR) + "/assets/lessons", problems);
    CHECK(problems.empty());
    REQUIRE(lessons.size() >= 3);
    auto complete = [](const LocalizedText& t) {
        for (const sh::i18n::Language& l : sh::i18n::available_languages()) {
            bool found = false;
            for (const auto& [code, text] : t.languages)
                found = found || (code == l.code && !text.empty());
            if (!found) return std::string(l.code);
        }
        return std::string();
    };
    for (const Lesson& l : lessons) {
        INFO(l.title.text);
        CHECK(complete(l.title).empty());
        CHECK(complete(l.description).empty());
        for (std::size_t i = 0; i < l.steps.size(); ++i) {
            INFO("step " << i + 1 << " lacks the language " << complete(l.steps[i].caption));
            CHECK(complete(l.steps[i].caption).empty());
        }
    }
}

TEST_CASE("lesson languages: translated captions state the English caption's numbers",
          "[lessons][i18n]") {
    // Every number of a caption ("about 105 mL", "6.7 litres") in the same order in each
    // language, the decimal comma of Spanish and German read as a point.
    auto numbers = [](const std::string& text) {
        std::vector<std::string> out;
        std::string cur;
        for (std::size_t i = 0; i <= text.size(); ++i) {
            const char c = i < text.size() ? text[i] : ' ';
            const bool decimal = (c == '.' || c == ',') && !cur.empty() && i + 1 < text.size() &&
                                 std::isdigit(static_cast<unsigned char>(text[i + 1]));
            if (std::isdigit(static_cast<unsigned char>(c)))
                cur += c;
            else if (decimal)
                cur += '.';
            else if (!cur.empty())
                out.push_back(cur), cur.clear();
        }
        return out;
    };
    std::vector<std::string> problems;
    const auto lessons = load_lessons(std::string(SH_SOURCE_DIR) + "/assets/lessons", problems);
    REQUIRE(lessons.size() >= 3);
    std::size_t compared = 0;
    for (const Lesson& l : lessons)
        for (const LessonStep& s : l.steps)
            for (const auto& [code, text] : s.caption.languages) {
                INFO(code << ": " << text);
                CHECK(numbers(text) == numbers(s.caption.text));
                compared += !numbers(text).empty();
            }
    CHECK(compared >= 10); // the heart lesson alone states about 30 numbers
}

TEST_CASE("lesson steps set the camera (preset, turned, zoomed) and the swelling exaggeration",
          "[lessons]") {
    const Lesson l = parse_lesson(R"({"format":"secondheart-lesson","title":"T","steps":[
      {"caption":"a","duration_s":5,"camera":{"preset":"medial","yaw_deg":20,"pitch_deg":-5,"zoom":1.5}},
      {"caption":"b","duration_s":5,"settings":{"swelling_exaggeration":5,"camera":"back"}},
      {"caption":"c","duration_s":5,"settings":{"posture":"sitting"}}]})",
                                  "view.json");
    REQUIRE(l.steps.size() == 3);
    CHECK(l.steps[0].camera == sh::sim::CameraSetting{CameraPreset::Medial, 20, -5, 1.5});
    CHECK_FALSE(l.steps[0].settings.swelling_exaggeration); // unset: as the viewer has it
    CHECK(l.steps[1].camera.preset == CameraPreset::Back);  // from its settings
    CHECK(l.steps[1].settings.swelling_exaggeration == 5.0);
    // Settings accumulate from step to step; a step without a camera shows the front view.
    CHECK(l.steps[2].settings.swelling_exaggeration == 5.0);
    CHECK(l.steps[2].camera == sh::sim::CameraSetting{});

    const auto error_of_step = [](const char* step) {
        try {
            (void)parse_lesson(
                std::string(R"({"format":"secondheart-lesson","title":"T","steps":[)") + step +
                    "]}",
                "bad.json");
        } catch (const LessonError& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    CHECK_THAT(error_of_step(R"({"caption":"a","duration_s":5,"camera":{"zoom":9}})"),
               Catch::Contains("bad.json") && Catch::Contains("steps[0].camera.zoom") &&
                   Catch::Contains("0.25 to 4") && Catch::Contains("got 9"));
    CHECK_THAT(error_of_step(R"({"caption":"a","duration_s":5,"camera":{"yaw_deg":"left"}})"),
               Catch::Contains("steps[0].camera.yaw_deg") && Catch::Contains("-180 to 180"));
    CHECK_THAT(
        error_of_step(R"({"caption":"a","duration_s":5,"settings":{"swelling_exaggeration":0}})"),
        Catch::Contains("steps[0].settings.swelling_exaggeration") && Catch::Contains("1 to 10"));
}
