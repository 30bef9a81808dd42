#include "live_simulation.hpp"

#include <catch2/catch.hpp>

using namespace sh;

TEST_CASE("live simulation: wall time x time-lapse becomes simulated time", "[live]") {
    sim::Scenario s;
    s.activity = {sim::Activity::Walking, 3.0};
    app::LiveSimulation d(s);
    double t0 = d.model().time_s();
    for (int i = 0; i < 30; ++i) d.advance(1.0 / 60.0, 1000.0);
    CHECK(d.model().time_s() - t0 == Approx(0.5).margin(0.002));
    REQUIRE(!d.history().empty());
    CHECK(d.history().back().time_s - d.history().front().time_s <= d.history_s + 1e-9);
}

TEST_CASE(
    "live simulation: a 9-hour flight fast-forwards in under a minute of frames and swells the leg",
    "[live]") {
    sim::Scenario s;
    s.posture = sim::Posture::Sitting;
    s.time_lapse = 1000; // 9 h in 32 s of wall time
    app::LiveSimulation d(s);
    for (int i = 0; i < 60 * 33; ++i) d.advance(1.0 / 60.0, 1000.0);
    INFO("seated " << d.seated_hours() << " h, gain " << d.leg_volume_gain_pct() << " %");
    CHECK(d.seated_hours() >= 9.0);
    CHECK(d.leg_volume_gain_pct() > 1.5);
    CHECK(d.model().relative_vte_risk() > 2.0);
}

TEST_CASE("live simulation: breaks stand the leg up and walk, then sit again", "[live]") {
    sim::Scenario s;
    s.posture = sim::Posture::Sitting;
    s.breaks = sim::SitBreaks{60, sim::Activity::Walking, 5};
    s.time_lapse = 600;
    app::LiveSimulation d(s);
    bool saw_walk = false;
    for (int i = 0; i < 60 * 8; ++i) { // 80 simulated minutes
        d.advance(1.0 / 60.0, 1000.0);
        saw_walk = saw_walk || d.model().activity().kind == sim::Activity::Walking;
    }
    CHECK(saw_walk);
    CHECK(d.model().posture() == sim::Posture::Sitting);
}

TEST_CASE("live simulation: pause and single step", "[live]") {
    app::LiveSimulation d(sim::Scenario{});
    d.set_paused(true);
    double t0 = d.model().time_s();
    d.advance(1.0);
    CHECK(d.model().time_s() == t0);
    d.single_step();
    CHECK(d.model().time_s() == Approx(t0 + 0.02).margin(1e-6));
}

TEST_CASE("live simulation: a compute budget slows the clock instead of freezing the frame",
          "[live]") {
    sim::Scenario s;
    s.activity = {sim::Activity::Walking, 3.0};
    s.time_lapse = 50; // 50 simulated s per wall s in real steps: far more than 0.5 ms can do
    app::LiveSimulation d(s);
    double t0 = d.model().time_s();
    d.advance(1.0, 0.5);
    CHECK(d.model().time_s() - t0 < 50.0);
    CHECK(d.model().time_s() > t0);
}
