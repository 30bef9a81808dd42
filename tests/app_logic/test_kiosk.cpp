#include "kiosk_state.hpp"

#include <catch2/catch.hpp>

using namespace sh::app;

TEST_CASE("kiosk: attract, use, still-there countdown, reset", "[kiosk]") {
    KioskStateMachine k({60, 10, 5, 30});
    CHECK(k.phase() == KioskPhase::Attract);
    CHECK_FALSE(k.on_input(0.0)); // the first touch only wakes it
    CHECK(k.phase() == KioskPhase::Active);
    CHECK(k.on_input(5.0)); // later touches reach the app
    CHECK_FALSE(k.on_tick(64.9));
    CHECK(k.phase() == KioskPhase::Active);
    CHECK_FALSE(k.on_tick(65.0)); // 60 s since the last touch
    CHECK(k.phase() == KioskPhase::StillThere);
    CHECK(k.countdown_left(69.0) == Approx(6.0));
    CHECK_FALSE(k.on_input(70.0)); // "still there": yes
    CHECK(k.phase() == KioskPhase::Active);
    CHECK_FALSE(k.on_tick(129.9));
    CHECK_FALSE(k.on_tick(130.0));
    CHECK(k.phase() == KioskPhase::StillThere);
    CHECK(k.on_tick(140.0)); // nobody answered: reset exactly once
    CHECK(k.phase() == KioskPhase::Attract);
    CHECK_FALSE(k.on_tick(141.0));
    CHECK_FALSE(k.on_tick(10000.0)); // attract loops forever without resets
}

TEST_CASE("kiosk: exit PIN with lockout after repeated failures", "[kiosk]") {
    KioskStateMachine k({60, 10, 3, 30});
    CHECK_FALSE(k.try_pin("1111", "2468", 0));
    CHECK_FALSE(k.try_pin("1112", "2468", 1));
    CHECK_FALSE(k.locked_out(1.5));
    CHECK_FALSE(k.try_pin("1113", "2468", 2)); // third failure locks
    CHECK(k.locked_out(2.1));
    CHECK_FALSE(k.try_pin("2468", "2468", 20)); // even the right PIN is refused while locked
    CHECK_FALSE(k.locked_out(32.0));
    CHECK(k.try_pin("2468", "2468", 32.0));
    CHECK_FALSE(k.try_pin("", "", 40)); // no PIN configured: the kiosk cannot be left
}
