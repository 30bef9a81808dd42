// The lesson player on a fake clock: presenter stepping, timed and wait steps, the kiosk's
// attract loop across lessons, and the settings and camera each step carries.
#include "lesson_player.hpp"

#include <catch2/catch.hpp>
#include <string>

using namespace sh::app;

namespace {

// Lesson A: timed 10 s (walking, cutaway), wait (kiosk 4 s), timed 5 s (gait 6).
// Lesson B: one wait step (default kiosk duration 10 s).
Lesson lesson_a() {
    return parse_lesson(R"({"format": "secondheart-lesson", "title": "A", "steps": [
        {"caption": "a1", "settings": {"activity": "walking", "gait_speed_kmh": 3},
         "camera": "cutaway", "duration_s": 10},
        {"caption": "a2", "advance": "wait", "kiosk_duration_s": 4},
        {"caption": "a3", "settings": {"gait_speed_kmh": 6}, "camera": "back", "duration_s": 5}
    ]})",
                        "a.json");
}
Lesson lesson_b() {
    return parse_lesson(R"({"format": "secondheart-lesson", "title": "B", "steps": [
        {"caption": "b1", "settings": {"posture": "sitting"}, "advance": "wait"}]})",
                        "b.json");
}

std::string where(const LessonPlayer& p) {
    return p.lesson().title.text + std::to_string(p.step_index() + 1);
}

} // namespace

TEST_CASE("lesson player: presenter next, previous, restart across lessons", "[lessons]") {
    LessonPlayer p({lesson_a(), lesson_b()}, LessonPlayback::Presenter);
    REQUIRE(where(p) == "A1");
    const auto r0 = p.revision();
    p.previous(); // nothing before the first step
    CHECK(where(p) == "A1");
    CHECK(p.revision() == r0);
    p.next();
    CHECK(where(p) == "A2");
    CHECK(p.revision() != r0);
    p.next();
    p.next(); // past the last step of A: the next lesson
    CHECK(where(p) == "B1");
    p.next(); // the very end: stays, nothing re-applied
    const auto r_end = p.revision();
    p.next();
    CHECK(where(p) == "B1");
    CHECK(p.revision() == r_end);
    p.previous(); // back into A's last step
    CHECK(where(p) == "A3");
    p.restart();
    CHECK(where(p) == "A1");
    const auto r_restart = p.revision();
    p.restart(); // a restart re-applies even on the first step
    CHECK(p.revision() != r_restart);
}

TEST_CASE("lesson player: presenter timed steps advance, wait steps wait", "[lessons]") {
    LessonPlayer p({lesson_a(), lesson_b()}, LessonPlayback::Presenter);
    p.tick(9.9);
    CHECK(where(p) == "A1");
    CHECK(p.step_elapsed_s() == Approx(9.9));
    p.tick(0.2); // 10 s: on to the wait step
    CHECK(where(p) == "A2");
    CHECK(p.waiting_for_presenter());
    CHECK(p.step_length_s() == 0);
    p.tick(1000); // the presenter is talking: it waits
    CHECK(where(p) == "A2");
    p.next();
    CHECK_FALSE(p.waiting_for_presenter());
    p.tick(60); // A's last step is timed but the lesson does not run into the next one
    CHECK(where(p) == "A3");
}

TEST_CASE("lesson player: attract loop plays every step and cycles through all lessons",
          "[lessons][kiosk]") {
    LessonPlayer p({lesson_a(), lesson_b()}, LessonPlayback::Attract);
    std::vector<std::string> seen{where(p)};
    std::uint64_t revision = p.revision();
    // 60 frames a second, 60 s: A1 10 s, A2 4 s (kiosk duration), A3 5 s, B1 10 s (default),
    // then A again: a cycle is 29 s, so the third starts at 58 s.
    for (int frame = 0; frame < 60 * 60; ++frame) {
        p.tick(1.0 / 60.0);
        if (p.revision() != revision) {
            revision = p.revision();
            seen.push_back(where(p));
        }
    }
    const std::vector<std::string> expected = {"A1", "A2", "A3", "B1", "A1",
                                               "A2", "A3", "B1", "A1"};
    CHECK(seen == expected);
    p.start_over();
    CHECK(where(p) == "A1");
    p.next();
    CHECK(p.step_length_s() == Approx(4.0)); // A2 waits in a lecture, 4 s in the kiosk
    p.next();
    p.next();
    CHECK(where(p) == "B1");
    CHECK(p.step_length_s() == Approx(10.0)); // the default kiosk duration
}

TEST_CASE("lesson player: steps carry accumulated settings and their camera", "[lessons]") {
    LessonPlayer p({lesson_a()}, LessonPlayback::Presenter);
    CHECK(p.step().camera.preset == CameraPreset::Cutaway);
    CHECK(p.step().settings.activity.kind == sh::sim::Activity::Walking);
    CHECK(p.step().settings.activity.speed_kmh == Approx(3.0));
    p.next();
    p.next();
    CHECK(p.step().camera.preset == CameraPreset::Back);
    CHECK(p.step().settings.activity.kind == sh::sim::Activity::Walking); // from step 1
    CHECK(p.step().settings.activity.speed_kmh == Approx(6.0));
    CHECK(p.step().caption == "a3");
}

TEST_CASE("lesson player: no lessons is safe", "[lessons]") {
    LessonPlayer p({}, LessonPlayback::Attract);
    CHECK(p.empty());
    p.next();
    p.previous();
    p.tick(100);
    p.start_over();
    CHECK(p.empty());
    CHECK_FALSE(p.waiting_for_presenter());
}
