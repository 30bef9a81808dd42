// The gait's phase as the live simulation's tests read it, shared by the gait-continuity tests
// (test_live_simulation.cpp) and the interventions' field-wise edits (test_heart_on_screen.cpp).
#pragma once

#include "live_simulation.hpp"

#include <algorithm>
#include <cmath>

namespace sh::testing {

// The gait's phase now (0..1, heel strike at 0): the muscles' drive is that of the last fixed
// step, which began one step ago.
inline double gait_phase_now(const app::LiveSimulation& d) {
    const sim::LegModel& m = d.model();
    return m.drive().phase + m.dt_s() / sim::cycle_period_s(m.activity());
}

// How far apart two phases are on the cycle (0 .. 0.5).
inline double phase_gap(double a, double b) {
    const double g = std::fmod(std::abs(a - b), 1.0);
    return std::min(g, 1.0 - g);
}

} // namespace sh::testing
