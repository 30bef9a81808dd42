// Keys and touches per mode (pure mapping), the --test-keys syntax, the kiosk's corner hold,
// and the touch and caption sizes.
#include "mode_input.hpp"

#include <catch2/catch.hpp>

using namespace sh::app;

namespace {

KeyPress key(const char* name) {
    auto k = parse_key_name(name);
    REQUIRE(k);
    return *k;
}

} // namespace

TEST_CASE("mode input: lecture presenter-remote keys", "[modes]") {
    for (const char* next : {"PageDown", "Right", "Space", "Enter", "N"})
        CHECK(map_key(AppMode::Lecture, key(next)) == ModeAction::NextStep);
    for (const char* prev : {"PageUp", "Left", "Backspace", "P"})
        CHECK(map_key(AppMode::Lecture, key(prev)) == ModeAction::PreviousStep);
    CHECK(map_key(AppMode::Lecture, key("B")) == ModeAction::ToggleBlank);
    CHECK(map_key(AppMode::Lecture, key(".")) == ModeAction::ToggleBlank);
    CHECK(map_key(AppMode::Lecture, key("F5")) == ModeAction::StartLesson);
    // Clickers send Esc: it leaves the lesson, never the program.
    CHECK(map_key(AppMode::Lecture, key("Esc")) == ModeAction::LeaveLesson);
    CHECK(map_key(AppMode::Lecture, key("Ctrl+Q")) == ModeAction::Quit);
    CHECK(map_key(AppMode::Lecture, key("Q")) == ModeAction::None);
    CHECK(map_key(AppMode::Lecture, key("Ctrl+B")) == ModeAction::None);
    CHECK(map_key(AppMode::Lecture, key("7")) == ModeAction::None);
}

TEST_CASE("mode input: kiosk ignores quit keys, Ctrl+Shift+F12 asks for the PIN", "[modes]") {
    CHECK(map_key(AppMode::Kiosk, key("Esc")) == ModeAction::Activity);
    CHECK(map_key(AppMode::Kiosk, key("Ctrl+Q")) == ModeAction::Activity);
    CHECK(map_key(AppMode::Kiosk, key("F12")) == ModeAction::Activity);
    CHECK(map_key(AppMode::Kiosk, key("Ctrl+F12")) == ModeAction::Activity);
    CHECK(map_key(AppMode::Kiosk, key("Ctrl+Shift+F12")) == ModeAction::KioskExit);
    CHECK(map_key(AppMode::Kiosk, key("PageDown")) == ModeAction::Activity);
}

TEST_CASE("mode input: desktop and patient quit keys", "[modes]") {
    CHECK(map_key(AppMode::Desktop, key("Esc")) == ModeAction::Quit);
    CHECK(map_key(AppMode::Desktop, key("Ctrl+Q")) == ModeAction::Quit);
    CHECK(map_key(AppMode::Desktop, key("PageDown")) == ModeAction::None);
    CHECK(map_key(AppMode::Patient, key("Esc")) == ModeAction::None);
    CHECK(map_key(AppMode::Patient, key("Ctrl+Q")) == ModeAction::Quit);
}

TEST_CASE("mode input: key names and --test-keys lists", "[modes]") {
    const KeyPress f12 = key("ctrl+SHIFT+f12");
    CHECK(f12.key == Key::F12);
    CHECK(f12.ctrl);
    CHECK(f12.shift);
    CHECK(key("5").key == Key::Digit);
    CHECK(key("5").digit == 5);
    CHECK_FALSE(parse_key_name("F13"));
    CHECK_FALSE(parse_key_name(""));
    CHECK_FALSE(parse_key_name("Ctrl+"));

    std::string error;
    auto keys = parse_test_keys("120:B,60:PageDown,60:Esc", error);
    REQUIRE(keys);
    REQUIRE(keys->size() == 3);
    CHECK((*keys)[0].frame == 60); // sorted by frame, stable within a frame
    CHECK((*keys)[0].press.key == Key::PageDown);
    CHECK((*keys)[1].press.key == Key::Escape);
    CHECK((*keys)[2].frame == 120);
    for (const char* bad : {"", "60", "x:B", "60:Nope", "60:B,", ":B", "60:B;70:N"}) {
        error.clear();
        CHECK_FALSE(parse_test_keys(bad, error));
        CHECK(error.find("FRAME:KEY") != std::string::npos);
    }
}

TEST_CASE("mode input: the kiosk's corner hold needs 3 s in the top-left corner", "[modes]") {
    CornerHold hold(3.0, 0.08f);
    hold.press(10, 10, 1920, 1080, 100.0); // corner: 0.08 * 1080 = 86 px
    CHECK_FALSE(hold.tick(102.9));
    CHECK(hold.tick(103.0));
    CHECK_FALSE(hold.tick(110.0)); // once per hold
    hold.press(10, 10, 1920, 1080, 200.0);
    hold.release();
    CHECK_FALSE(hold.tick(210.0));          // lifted early
    hold.press(100, 10, 1920, 1080, 300.0); // outside the corner
    CHECK_FALSE(hold.tick(310.0));
    hold.press(40, 40, 320, 240, 400.0); // small screens: at least 48 px
    CHECK(hold.tick(403.0));
}

TEST_CASE("mode input: touch targets of 9 mm, never below 54 px, caption height", "[modes]") {
    CHECK(touch_target_px(96.0f) == Approx(54.0f));          // 9 mm = 34 px: the floor wins
    CHECK(touch_target_px(0.0f) == Approx(54.0f));           // unknown DPI: 96 assumed
    CHECK(touch_target_px(254.0f) == Approx(90.0f));         // 9 mm at 254 dpi
    CHECK(touch_target_px(254.0f, 15.0f) == Approx(150.0f)); // a settings override of the size
    CHECK(caption_text_px(1080) == Approx(24.0f));           // 1/45 of the height
    CHECK(caption_text_px(2160, 1.5) == Approx(72.0f));
    CHECK(caption_text_px(240) == Approx(13.0f)); // never below the 13 px default font
}
