#include "lesson.hpp"

#include <catch2/catch.hpp>
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
