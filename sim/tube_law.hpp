#pragma once
// Collapsible vein wall (CircAdapt's tube law; docs/model.md, "Walls"):
//   p_tm = p0 * [(1 + k_a) * a^m - k_a / a],  a = A / A0
// Stiff when distended (a^m), very compliant around collapse (k_a / a keeps the lumen from
// emptying completely). The exponent is an integer so the hot path needs no pow().

namespace sh::sim {

struct TubeLaw {
    double p0_mmHg = 20; // transmural pressure at the reference area A0
    double k_a = 0.02;   // collapse term
    int m = 3;           // distension exponent: larger is stiffer

    double pressure(double a) const {
        double am = 1;
        for (int i = 0; i < m; ++i) am *= a;
        return p0_mmHg * ((1 + k_a) * am - k_a / a);
    }
    // d p_tm / d a, used by tests and by the compliance report.
    double stiffness(double a) const {
        double am1 = 1;
        for (int i = 0; i < m - 1; ++i) am1 *= a;
        return p0_mmHg * ((1 + k_a) * m * am1 + k_a / (a * a));
    }
    // Inverse by bisection: the area ratio at a given transmural pressure.
    double area_ratio(double p_tm) const {
        double lo = 1e-4, hi = 20;
        for (int i = 0; i < 100; ++i) {
            double mid = 0.5 * (lo + hi);
            (pressure(mid) < p_tm ? lo : hi) = mid;
        }
        return 0.5 * (lo + hi);
    }
};

} // namespace sh::sim
