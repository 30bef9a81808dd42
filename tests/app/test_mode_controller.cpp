// The modes without a window or a GPU: keys and touches through ModeController into a real
// SimDriver (the simulator the program runs), on a fake clock (update's dt). What is checked is
// what the simulator ends up running, against the shipped lessons' own steps and the plain
// scenes, and when the program would quit.
#include "mode_controller.hpp"
#include "shipped_lessons.hpp"

#include <catch2/catch.hpp>

using namespace sh::app;

namespace {

KeyPress key(const char* name) {
    auto k = parse_key_name(name);
    REQUIRE(k);
    return *k;
}

ModeSetup setup(AppMode mode, Settings settings = {}) {
    std::vector<std::string> problems;
    ModeSetup s;
    s.mode = mode;
    s.lessons = shipped_lessons(problems);
    REQUIRE(problems.empty());
    REQUIRE(s.lessons.size() == 4);
    s.settings = settings;
    return s;
}

const LessonStep& shipped_step(std::size_t lesson, std::size_t step) {
    static std::vector<std::string> problems;
    static const std::vector<Lesson> lessons = shipped_lessons(problems);
    return lessons.at(lesson).steps.at(step);
}

} // namespace

TEST_CASE("modes: lecture steps, blanks (paused) and leaves the lesson, never quits on Esc",
          "[modes]") {
    SimDriver sim(std::nullopt);
    ModeController m(setup(AppMode::Lecture));
    m.update(0.0, sim, nullptr);
    CHECK(sim.live().scenario() == shipped_step(0, 0).settings);

    m.on_key(key("PageDown"));
    m.update(1.0 / 60, sim, nullptr);
    CHECK(m.player().step_index() == 1);
    CHECK(sim.live().scenario() == shipped_step(0, 1).settings); // walking 3 km/h
    CHECK(sim.live().scenario().activity.kind == sh::sim::Activity::Walking);

    m.on_key(key("B"));
    m.update(1.0 / 60, sim, nullptr);
    CHECK(sim.paused());
    const double t = sim.time_s();
    (void)sim.advance(0.05);
    CHECK(sim.time_s() == t);  // the leg waits while the hall looks at the speaker
    m.on_key(key("PageDown")); // the first key after a blank only un-blanks
    m.update(1.0 / 60, sim, nullptr);
    CHECK_FALSE(sim.paused());
    CHECK(m.player().step_index() == 1);

    m.on_key(key("Esc"));
    m.update(1.0 / 60, sim, nullptr);
    CHECK_FALSE(m.presenting());
    CHECK_FALSE(m.quit_requested());
    m.on_key(key("PageDown")); // not presenting: no stepping
    m.update(1.0 / 60, sim, nullptr);
    CHECK(m.player().step_index() == 1);

    m.on_key(key("F5"));
    m.update(1.0 / 60, sim, nullptr);
    CHECK(m.presenting());
    CHECK(m.player().step_index() == 0);
    CHECK(sim.live().scenario() == shipped_step(0, 0).settings);

    // Step 1 is timed (12 s): it advances by itself.
    m.update(12.1, sim, nullptr);
    CHECK(m.player().step_index() == 1);

    m.on_key(key("Ctrl+Q"));
    CHECK(m.quit_requested());
}

TEST_CASE("modes: kiosk wakes, counts down, resets to the attract loop", "[modes][kiosk]") {
    Settings settings;
    settings.idle_s = 10;
    settings.countdown_s = 3;
    SimDriver sim(std::nullopt);
    ModeController m(setup(AppMode::Kiosk, settings));
    m.update(0.0, sim, nullptr);
    CHECK(m.kiosk_phase() == KioskPhase::Attract);
    CHECK(sim.live().scenario() == shipped_step(0, 0).settings);

    m.on_pointer_down(400, 300, 800, 600); // a touch in the middle
    m.on_pointer_up();
    m.update(1.0 / 60, sim, nullptr);
    CHECK(m.kiosk_phase() == KioskPhase::Active);
    CHECK(m.scene() == 0);
    CHECK(sim.live().scenario() == kiosk_scenes()[0].scenario);

    m.update(9.9, sim, nullptr);
    CHECK(m.kiosk_phase() == KioskPhase::Active);
    m.update(0.2, sim, nullptr);
    CHECK(m.kiosk_phase() == KioskPhase::StillThere);
    m.update(3.0, sim, nullptr);
    CHECK(m.kiosk_phase() == KioskPhase::Attract);
    CHECK(m.player().lesson_index() == 0);
    CHECK(m.player().step_index() == 0);
    CHECK(sim.live().scenario() == shipped_step(0, 0).settings); // the attract loop again

    // Unattended, the attract loop moves through the lessons on its own.
    for (int i = 0; i < 60 * 60; ++i) m.update(1.0 / 60, sim, nullptr);
    CHECK(m.player().lesson_index() == 1); // lesson 1 lasts 63 s in the kiosk
}

TEST_CASE("modes: kiosk leaves only with the PIN, quit keys do nothing", "[modes][kiosk]") {
    Settings settings;
    settings.kiosk_pin = "2468";
    SimDriver sim(std::nullopt);
    ModeController m(setup(AppMode::Kiosk, settings));
    m.update(0.0, sim, nullptr);
    m.on_key(key("Esc"));
    m.on_key(key("Ctrl+Q"));
    CHECK_FALSE(m.quit_requested());
    CHECK_FALSE(m.keypad_open());

    m.on_key(key("Ctrl+Shift+F12"));
    CHECK(m.keypad_open());
    for (const char* d : {"1", "2", "3", "4", "Enter"}) m.on_key(key(d));
    CHECK_FALSE(m.quit_requested());
    for (const char* d : {"2", "4", "6", "9", "Backspace", "8", "Enter"}) m.on_key(key(d));
    CHECK(m.quit_requested());
}

TEST_CASE("modes: kiosk corner hold opens the keypad, without a PIN it cannot be left",
          "[modes][kiosk]") {
    SimDriver sim(std::nullopt);
    ModeController m(setup(AppMode::Kiosk)); // no kiosk_pin
    m.update(0.0, sim, nullptr);
    m.on_pointer_down(5, 5, 800, 600);
    m.update(2.9, sim, nullptr);
    CHECK_FALSE(m.keypad_open());
    m.update(0.2, sim, nullptr);
    CHECK(m.keypad_open());
    for (const char* d : {"0", "0", "0", "0", "Enter"}) m.on_key(key(d));
    CHECK_FALSE(m.quit_requested());
}

TEST_CASE("modes: patient starts with the walking leg, Esc does not quit", "[modes]") {
    SimDriver sim(std::nullopt);
    ModeController m(setup(AppMode::Patient));
    m.update(0.0, sim, nullptr);
    CHECK(m.scene() == 0);
    CHECK(sim.live().scenario() == patient_scenes()[0].scenario);
    m.on_key(key("Esc"));
    CHECK_FALSE(m.quit_requested());
    m.on_key(key("Ctrl+Q"));
    CHECK(m.quit_requested());
}
