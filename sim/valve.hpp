#pragma once
// Venous valve after Mynard et al. 2012 (Int J Numer Method Biomed Eng 28:626): an opening
// state zeta in [0, 1] moves towards open when the pressure across the valve pushes forward and
// towards closed when it pushes backward, at rates proportional to that pressure difference.
// The effective orifice area is interpolated between a minimum and a maximum. A failed valve has
// a minimum area above zero (severity 1: no valve at all) and closes more slowly.

#include <algorithm>
#include <cmath>

namespace sh::sim {

struct ValveLaw {
    double k_open = 2.0;        // 1/(mmHg s)
    double k_close = 6.0;       // 1/(mmHg s)
    double leak_healthy = 1e-4; // minimum area fraction of a competent valve (numerical floor)

    // Minimum area fraction for a failure severity in [0, 1].
    double min_area_fraction(double severity) const {
        return std::max(leak_healthy, std::clamp(severity, 0.0, 1.0));
    }
    // Closing is slower in a failed valve (floppy, shortened cusps).
    double close_rate(double severity) const {
        return k_close * (1.0 - 0.9 * std::clamp(severity, 0.0, 1.0));
    }
    // One step of the opening state; dp > 0 pushes blood forward (towards the heart).
    double step(double zeta, double dp_mmHg, double severity, double dt) const {
        // Exact solution of the linear ODE at fixed dp over the step, so the state never
        // overshoots [0, 1] however large the pressure difference.
        // A fully open valve pushed forward stays open (the common case while blood flows),
        // so the exponential is skipped there.
        if (dp_mmHg > 0) return zeta >= 1 ? 1.0 : 1 - (1 - zeta) * std::exp(-k_open * dp_mmHg * dt);
        // Likewise a shut valve pushed backward stays shut. Closing decays the state
        // geometrically; below kShut it is taken as 0 rather than left to sink through the
        // subnormal numbers (slow arithmetic) for as long as the valve stays shut. The orifice
        // never sees the difference: its area fraction is at least leak_healthy (1e-4).
        if (zeta <= 0) return 0.0;
        const double closed = zeta * std::exp(close_rate(severity) * dp_mmHg * dt);
        return closed < kShut ? 0.0 : closed;
    }
    static constexpr double kShut = 1e-12;
    double area_fraction(double zeta, double severity) const {
        double lo = min_area_fraction(severity);
        return lo + (1 - lo) * std::clamp(zeta, 0.0, 1.0);
    }
};

} // namespace sh::sim
