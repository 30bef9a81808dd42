#pragma once
// One implicit step of the flow through a link between two compartments (docs/model.md, "One
// step"):
//   L dQ/dt = dp - R Q - B |Q| Q
// with the lumen's share of its reference area a (so s = a^2), R = R0 / s (Poiseuille),
// B = K / (s f^2) (Bernoulli loss at a valve whose orifice is the fraction f of the lumen; K = 0
// without a valve), and the inertance's reciprocal already scaled by the narrowing.
//
// Solved exactly for the new Q in the form that cannot cancel when B is small:
//   Q = 2 rhs / (lin + sqrt(lin^2 + 4 quad |rhs|)),
//   rhs = Q_old + dt dp / L,  lin = 1 + dt R / L,  quad = dt B / L.
// Multiplying through by s f leaves one division and one square root, and no branch: these
// chains of divisions were half the simulator's time (the step runs at 1 kHz for hours of
// simulated sitting), and the walking leg's valves open and close every stride, which made the
// branches between the forms unpredictable.

#include <cmath>

namespace sh::sim {

struct LinkFlowStep {
    double flow = 0;              // Q before the step, mL/s (positive: from -> to)
    double head_difference = 0;   // dp, mmHg, from - to
    double dt_over_inertance = 0; // dt / L, with L already scaled by the narrowing
    double area_squared = 1;      // s = a^2 > 0, the lumen's share of its reference area squared
    double resistance_open = 0;   // R0: resistance at the reference area, mmHg s/mL
    double bernoulli_open = 0;    // K: the Bernoulli coefficient at the reference area (0: none)
    double orifice_fraction = 1;  // f in (0, 1]: the valve's open share of the lumen
};

inline double implicit_link_flow(const LinkFlowStep& k) {
    const double rhs = k.flow + k.head_difference * k.dt_over_inertance;
    const double lin_s = k.area_squared + k.dt_over_inertance * k.resistance_open; // lin * s
    const double lin_sf = lin_s * k.orifice_fraction;                              // lin * s * f
    const double quad_s2f2 =
        k.dt_over_inertance * k.bernoulli_open * k.area_squared; // quad s^2 f^2
    const double root = std::sqrt(lin_sf * lin_sf + 4 * quad_s2f2 * std::abs(rhs));
    return 2 * rhs * k.area_squared * k.orifice_fraction / (lin_sf + root);
}

} // namespace sh::sim
