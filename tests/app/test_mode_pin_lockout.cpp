// The kiosk's exit PIN lockout through the mode controller, as staff would meet it: five wrong
// PINs lock the keypad for 30 s (KioskTimings), during which even the right PIN is refused; after
// the lockout the right PIN leaves. Fake clock (update's dt), no window, no GPU.
#include "mode_controller.hpp"
#include "shipped_lessons.hpp"

#include <catch2/catch.hpp>

using namespace sh::app;

namespace {

void press(ModeController& m, const char* name) {
    const auto k = parse_key_name(name);
    REQUIRE(k);
    m.on_key(*k);
}

// A kiosk with the exit PIN 2468 and no idle reset in the middle of a test.
ModeSetup kiosk_with_pin() {
    std::vector<std::string> problems;
    ModeSetup setup;
    setup.mode = AppMode::Kiosk;
    setup.lessons = shipped_lessons(problems);
    setup.settings.kiosk_pin = "2468";
    setup.settings.idle_s = 3600;
    return setup;
}

void enter_pin(ModeController& m, const std::string& digits) {
    for (const char d : digits) press(m, std::string(1, d).c_str());
    press(m, "Enter");
}

} // namespace

TEST_CASE("modes: five wrong kiosk PINs lock the keypad for 30 s, four do not",
          "[modes][kiosk]") {
    ModeController m(kiosk_with_pin());
    SimDriver sim(std::nullopt);
    m.update(0.0, sim, nullptr);
    press(m, "Ctrl+Shift+F12");
    REQUIRE(m.keypad_open());
    for (int i = 0; i < 4; ++i) enter_pin(m, "1111");
    CHECK_FALSE(m.quit_requested());

    SECTION("four wrong ones do not lock: the right one leaves at once") {
        enter_pin(m, "2468");
        CHECK(m.quit_requested());
    }
    SECTION("the fifth locks for 30 s, the right one then leaves") {
        enter_pin(m, "1357"); // the fifth wrong one: locked from now
        enter_pin(m, "2468"); // right, but locked
        CHECK_FALSE(m.quit_requested());
        CHECK(m.keypad_open());

        m.update(29.0, sim, nullptr); // 29 s later: still locked
        enter_pin(m, "2468");
        CHECK_FALSE(m.quit_requested());

        m.update(1.5, sim, nullptr); // 30.5 s after the lockout began
        enter_pin(m, "2468");
        CHECK(m.quit_requested());
    }
}
