#include "gait_phase.hpp"
#include "live_simulation.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>

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

namespace {

using testing::gait_phase_now;
using testing::phase_gap;

} // namespace

// Dragging a panel slider sends a new scenario every frame. The leg must keep walking: the phase
// of a gait at a constant cadence is (time walking) / (stride period), whatever else changes.
TEST_CASE("live simulation: dragging a valve slider keeps the gait phase", "[live][gait]") {
    sim::Scenario s;
    s.activity = {sim::Activity::Walking, 3.0};
    app::LiveSimulation d(s);
    const double period = sim::cycle_period_s(s.activity); // 120 / 95 steps/min = 1.26 s
    const double t0 = d.model().time_s();
    const double phase0 = gait_phase_now(d);
    for (int frame = 1; frame <= 30; ++frame) {
        s.valve_overrides[static_cast<int>(sim::ValveGroup::Gsv)] = frame / 30.0;
        d.set_scenario(s);
        d.advance(1.0 / 60.0, 1000.0);
        const double expected = std::fmod(phase0 + (d.model().time_s() - t0) / period, 1.0);
        INFO("frame " << frame << ": phase " << gait_phase_now(d) << ", expected " << expected);
        CHECK(phase_gap(gait_phase_now(d), expected) < 1e-6);
    }
    CHECK(d.model().valves().severity[static_cast<int>(sim::ValveGroup::Gsv)] == Approx(1.0));
}

// A new speed changes the cadence from then on: the phase is the integral of the cadence over
// time, continuous, never t x cadence(new speed) (a jump) nor restarted at heel strike.
TEST_CASE("live simulation: dragging the speed slider keeps the gait phase continuous",
          "[live][gait]") {
    sim::Scenario s;
    s.activity = {sim::Activity::Walking, 3.0};
    app::LiveSimulation d(s);
    for (int i = 0; i < 30; ++i) d.advance(1.0 / 60.0, 1000.0);
    double expected = gait_phase_now(d);
    for (int frame = 1; frame <= 30; ++frame) { // 3 -> 5 km/h in half a second
        s.activity.speed_kmh = 3.0 + 2.0 * frame / 30.0;
        d.set_scenario(s);
        const double before = d.model().time_s();
        d.advance(1.0 / 60.0, 1000.0);
        expected += (d.model().time_s() - before) / sim::cycle_period_s(s.activity);
        INFO("frame " << frame << " at " << s.activity.speed_kmh << " km/h: phase "
                      << gait_phase_now(d) << ", expected " << std::fmod(expected, 1.0));
        CHECK(phase_gap(gait_phase_now(d), expected) < 1e-6);
    }
    CHECK(d.model().activity().speed_kmh == Approx(5.0)); // the model walks at the new speed
}
