// The model's building blocks, each checked against its own law or the literature it was taken
// from: the collapsible tube law, the valve law, gait timing and muscle pressures, posture
// geometry and the named conditions.

#include "activity.hpp"
#include "conditions.hpp"
#include "link_flow.hpp"
#include "model_params.hpp"
#include "network.hpp"
#include "posture.hpp"
#include "tube_law.hpp"
#include "valve.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <set>
#include <string>
#include <vector>

using namespace sh::sim;

namespace {

constexpr int kSoleus = static_cast<int>(Muscle::Soleus);

// The walls the model uses, plus an extreme one so the law is checked beyond today's values.
std::vector<TubeLaw> walls() {
    ModelParams p;
    return {p.deep_wall, p.superficial_wall, TubeLaw{12.0, 0.05, 2}};
}

// Peak soleus pressure over one cycle and the phase where it occurs, sampled finely.
std::pair<double, double> soleus_peak(const ActivitySpec& a) {
    double period = cycle_period_s(a), best = 0, best_phase = 0;
    for (int i = 0; i < 2000; ++i) {
        double phase = i / 2000.0;
        double p = muscle_drive(a, phase * period).pressure_mmHg[kSoleus];
        if (p > best) best = p, best_phase = phase;
    }
    return {best, best_phase};
}

// Time for a fully open valve to close to 10 % of its opening under a constant back pressure,
// integrated with the law's own step at 1 ms.
double closing_time_s(const ValveLaw& law, double back_mmHg, double severity) {
    double zeta = 1, t = 0;
    const double dt = 1e-3;
    while (zeta > 0.1 && t < 10) zeta = law.step(zeta, -back_mmHg, severity, dt), t += dt;
    return t;
}

std::vector<Vec3> segment_points(const Network& net, const char* name) {
    return net.segments.at(static_cast<size_t>(net.segment_index(name))).centreline;
}

std::vector<Vec3> all_leg_points(const Network& net) {
    std::vector<Vec3> pts;
    for (const Segment& s : net.segments)
        pts.insert(pts.end(), s.centreline.begin(), s.centreline.end());
    for (const auto& [name, p] : net.landmarks) pts.push_back(p);
    return pts;
}

} // namespace

// --- Tube law ------------------------------------------------------------------------------------

TEST_CASE("tube law: reference pressure at the reference area", "[tube_law]") {
    for (const TubeLaw& w : walls()) CHECK(w.pressure(1.0) == Approx(w.p0_mmHg));
}

TEST_CASE("tube law: pressure rises with area and stiffness is its derivative", "[tube_law]") {
    for (const TubeLaw& w : walls()) {
        double prev = w.pressure(0.005);
        for (double a = 0.01; a < 3.0; a += 0.005) {
            double p = w.pressure(a);
            CHECK(p > prev);
            prev = p;
            CHECK(w.stiffness(a) > 0);
            double h = 1e-6 * a;
            double fd = (w.pressure(a + h) - w.pressure(a - h)) / (2 * h);
            CHECK(w.stiffness(a) == Approx(fd).epsilon(1e-5));
        }
    }
}

TEST_CASE("tube law: area_ratio inverts pressure", "[tube_law]") {
    for (const TubeLaw& w : walls()) {
        for (double p : {-80.0, -10.0, -1.0, 0.0, 1.0, 5.0, 20.0, 60.0, 150.0}) {
            INFO("p_tm = " << p);
            CHECK(w.pressure(w.area_ratio(p)) == Approx(p).margin(1e-6));
        }
        for (double a : {0.05, 0.3, 1.0, 1.7}) CHECK(w.area_ratio(w.pressure(a)) == Approx(a));
    }
}

TEST_CASE("tube law: collapse and compliance", "[tube_law]") {
    ModelParams params;
    for (const TubeLaw& w : {params.deep_wall, params.superficial_wall}) {
        // Emptying the lumen takes ever more suction: it never collapses to zero area.
        CHECK(w.pressure(1e-2) < -10);
        CHECK(w.pressure(1e-3) < -100);
        CHECK(w.pressure(1e-4) < w.pressure(1e-3));
        // A vein near collapse takes up volume for little pressure; a distended one is stiff.
        // Compliance = dA/dp = 1 / stiffness at the area of that transmural pressure.
        double low = 1.0 / w.stiffness(w.area_ratio(1.0));
        double distended = 1.0 / w.stiffness(w.area_ratio(60.0));
        INFO("compliance ratio " << low / distended);
        CHECK(low > 5 * distended);
    }
}

// --- Valve law -----------------------------------------------------------------------------------

TEST_CASE("valve law: forward pressure opens, backward pressure closes", "[valve]") {
    ValveLaw law = ModelParams{}.valve;
    double zeta = 0;
    for (int i = 0; i < 500; ++i) {
        double next = law.step(zeta, 5.0, 0.0, 1e-3);
        CHECK(next >= zeta);
        zeta = next;
    }
    CHECK(zeta > 0.95);
    for (int i = 0; i < 500; ++i) {
        double next = law.step(zeta, -5.0, 0.0, 1e-3);
        CHECK(next <= zeta);
        zeta = next;
    }
    CHECK(zeta < 0.05);
    CHECK(law.area_fraction(zeta, 0.0) < 0.05);
    // No pressure difference, no movement.
    CHECK(law.step(0.4, 0.0, 0.0, 0.1) == Approx(0.4));
}

TEST_CASE("valve law: a competent valve closes in about 0.1-0.3 s on 1-2 mmHg", "[valve]") {
    // Lurie et al. 2002 (J Vasc Surg 35:713): closure about 0.14 s after flow reversal.
    ValveLaw law = ModelParams{}.valve;
    double t1 = closing_time_s(law, 1.0, 0.0), t2 = closing_time_s(law, 2.0, 0.0);
    INFO("closing time at 1 mmHg " << t1 << " s, at 2 mmHg " << t2 << " s");
    double t15 = closing_time_s(law, 1.5, 0.0);
    CHECK(t15 >= 0.1);
    CHECK(t15 <= 0.3);
    CHECK(t1 > t2); // more back pressure closes faster
    CHECK(t1 < 0.6);
    CHECK(t2 > 0.05);
}

TEST_CASE("valve law: failed valves leak and close slower", "[valve]") {
    ValveLaw law = ModelParams{}.valve;
    for (double s : {0.2, 0.6, 1.0}) {
        CHECK(law.area_fraction(0.0, s) == Approx(s));
        CHECK(law.area_fraction(1.0, s) == Approx(1.0));
    }
    CHECK(law.area_fraction(0.0, 0.0) < 1e-3);
    CHECK(closing_time_s(law, 2.0, 0.8) > 2 * closing_time_s(law, 2.0, 0.0));
}

TEST_CASE("valve law: state stays in [0, 1] for huge pressures and steps", "[valve]") {
    ValveLaw law = ModelParams{}.valve;
    for (double dp : {-1e6, -300.0, -1e-9, 1e-9, 300.0, 1e6})
        for (double dt : {1e-4, 1e-2, 1.0, 100.0})
            for (double zeta : {0.0, 0.5, 1.0})
                for (double s : {0.0, 0.5, 1.0}) {
                    double z = law.step(zeta, dp, s, dt);
                    CHECK(std::isfinite(z));
                    CHECK(z >= 0.0);
                    CHECK(z <= 1.0);
                }
}

TEST_CASE("valve law: a shut valve stays shut, and the state never goes subnormal", "[valve]") {
    ValveLaw law = ModelParams{}.valve;
    CHECK(law.step(0.0, -20.0, 0.0, 1e-3) == 0.0);
    double zeta = 1;
    for (int i = 0; i < 20000; ++i) { // 20 s pushed back at 20 mmHg, 1 ms steps
        zeta = law.step(zeta, -20.0, 0.0, 1e-3);
        REQUIRE((zeta == 0.0 || std::isnormal(zeta)));
    }
    CHECK(zeta == 0.0);
    // It opens again from there as from any nearly shut state.
    CHECK(law.step(0.0, 5.0, 0.0, 1e-3) == Approx(law.step(1e-13, 5.0, 0.0, 1e-3)));
}

// --- Link flow -----------------------------------------------------------------------------------

// The implicit step solves L (Q - Q0) / dt = dp - (R0/s) Q - (K/(s f^2)) |Q| Q for Q: checked by
// putting its answer back into that equation, over flows, pressures, narrowings and valve
// openings from a shut competent valve (f = 1e-4) to an open lumen.
TEST_CASE("link flow: the implicit step satisfies the momentum equation", "[flow]") {
    const double dt = 1e-3;
    for (double q0 : {-40.0, -0.3, 0.0, 0.02, 5.0, 60.0})
        for (double dp : {-80.0, -1.0, 0.0, 0.5, 30.0})
            for (double a : {0.05, 0.4, 1.0, 1.8})
                for (double f : {1e-4, 0.02, 0.5, 1.0})
                    for (double k_bern : {0.0, 2e-4, 0.5}) {
                        LinkFlowStep k{q0,     dp, dt * 250.0 * std::min(a, 1.0), a * a, 0.08,
                                       k_bern, f};
                        const double q = implicit_link_flow(k);
                        const double inertance = dt / k.dt_over_inertance;
                        const double r = k.resistance_open / k.area_squared;
                        const double b = k_bern / (k.area_squared * f * f);
                        const double lhs = inertance * (q - q0) / dt;
                        const double rhs = dp - r * q - b * std::abs(q) * q;
                        // Residual relative to the largest term of the equation.
                        const double scale = std::max(
                            {std::abs(lhs), std::abs(dp), std::abs(r * q), b * q * q, 1e-9});
                        INFO("q0 " << q0 << " dp " << dp << " a " << a << " f " << f << " K "
                                   << k_bern << " -> q " << q);
                        CHECK(std::abs(lhs - rhs) / scale < 1e-9);
                        // Losses only ever slow the flow the pressure and momentum would give.
                        CHECK(std::abs(q) <= std::abs(q0 + dp * k.dt_over_inertance) + 1e-12);
                    }
}

// --- Gait and activation patterns --------------------------------------------------------------

TEST_CASE("gait: cadence and stride period by speed", "[activity]") {
    // Tudor-Locke et al. 2019: about 90-100 steps/min at 3 km/h, 120-130 at 6 km/h.
    CHECK(walking_cadence_spm(3.0) >= 90);
    CHECK(walking_cadence_spm(3.0) <= 100);
    CHECK(walking_cadence_spm(6.0) >= 120);
    CHECK(walking_cadence_spm(6.0) <= 130);
    for (double v : {2.0, 3.0, 4.5, 6.0}) {
        // A stride is two steps.
        CHECK(cycle_period_s({Activity::Walking, v}) == Approx(120.0 / walking_cadence_spm(v)));
    }
    CHECK(cycle_period_s({Activity::Running, 10}) == Approx(120.0 / running_cadence_spm(10)));
    CHECK(running_cadence_spm(10) > walking_cadence_spm(6));
    CHECK(cycle_period_s({Activity::Still, 0}) == 0);
}

TEST_CASE("gait: soleus squeezes in late stance and rests in swing", "[activity]") {
    for (double v : {2.0, 3.0, 4.5, 6.0}) {
        INFO(v << " km/h");
        ActivitySpec a{Activity::Walking, v};
        double period = cycle_period_s(a);
        auto [peak, phase] = soleus_peak(a);
        // Swing is the last ~40 % of the stride: the triceps surae is silent in early and mid
        // swing. In terminal swing the model adds a passive rise from ankle dorsiflexion
        // stretching the muscle (the "ankle joint pump"), which stays below the push-off peak.
        for (double ph = 0.62; ph < 0.78; ph += 0.01)
            CHECK(muscle_drive(a, ph * period).pressure_mmHg[kSoleus] == 0);
        for (double ph = 0.78; ph < 0.999; ph += 0.01)
            CHECK(muscle_drive(a, ph * period).pressure_mmHg[kSoleus] < peak);
        CHECK(phase >= 0.3);
        CHECK(phase <= 0.5);
        // Ballard et al. 1998: 181 +- 69 mmHg walking.
        CHECK(peak >= 130);
        CHECK(peak <= 230);
    }
    for (double v : {8.0, 10.0, 14.0}) {
        INFO(v << " km/h");
        // Ballard et al. 1998: 269 +- 95 mmHg running.
        auto [peak, phase] = soleus_peak({Activity::Running, v});
        CHECK(peak >= 200);
        CHECK(peak <= 330);
        CHECK(phase < 0.5); // stance is short in running
    }
}

TEST_CASE("other activation patterns are periodic and squeeze something", "[activity]") {
    for (Activity kind : {Activity::HeelRaises, Activity::AnklePumps, Activity::ToeTapping}) {
        INFO(to_string(kind));
        ActivitySpec a{kind, 0};
        double period = cycle_period_s(a);
        REQUIRE(period > 0);
        double max_total = 0;
        for (double t = 0.013; t < 3 * period; t += 0.037) {
            MuscleDrive d0 = muscle_drive(a, t), d1 = muscle_drive(a, t + period);
            double total = 0;
            for (int m = 0; m < kMuscleCount; ++m) {
                CHECK(d1.pressure_mmHg[m] == Approx(d0.pressure_mmHg[m]).margin(1e-6));
                CHECK(d0.pressure_mmHg[m] >= 0);
                total += d0.pressure_mmHg[m];
            }
            max_total = std::max(max_total, total);
        }
        CHECK(max_total > 20);
        CHECK(exercise_level(a) > 0);
    }
    MuscleDrive still = muscle_drive({Activity::Still, 0}, 12.3);
    for (double p : still.pressure_mmHg) CHECK(p == 0);
    CHECK(still.exercise_level == 0);
}

TEST_CASE("activity and posture names round trip", "[activity][posture]") {
    for (Activity a : {Activity::Still, Activity::Walking, Activity::Running, Activity::HeelRaises,
                       Activity::AnklePumps, Activity::ToeTapping})
        CHECK(activity_from_string(to_string(a)) == a);
    CHECK_FALSE(activity_from_string("flying").has_value());
    for (Posture p : {Posture::Standing, Posture::Sitting, Posture::Lying, Posture::LegRaised})
        CHECK(posture_from_string(to_string(p)) == p);
    CHECK_FALSE(posture_from_string("kneeling").has_value());
}

// --- Posture -------------------------------------------------------------------------------------

TEST_CASE("posture: standing leaves the leg as drawn", "[posture]") {
    const Network& net = default_network();
    for (double scale : {1.0, 1.12}) {
        PosedLeg leg(net, scale, Posture::Standing);
        for (Vec3 p : all_leg_points(net)) {
            Vec3 q = leg.place(p * scale);
            CHECK(length(q - p * scale) < 1e-9);
        }
    }
}

TEST_CASE("posture: sitting keeps the foot on the floor, shin vertical, thigh level", "[posture]") {
    const Network& net = default_network();
    PosedLeg leg(net, 1.0, Posture::Sitting);
    Vec3 hip = net.landmarks.at("hip_joint"), knee = net.landmarks.at("knee_joint"),
         ankle = net.landmarks.at("ankle_joint"), heel = net.landmarks.at("heel");
    Vec3 hip_s = leg.place(hip), knee_s = leg.place(knee), ankle_s = leg.place(ankle);
    // Foot flat where it was: ankle and heel at their standing heights.
    CHECK(ankle_s.z == Approx(ankle.z).margin(0.5));
    CHECK(leg.place(heel).z == Approx(heel.z).margin(0.5));
    for (Vec3 p : segment_points(net, "plantar_veins")) CHECK(leg.place(p).z > -0.5);
    // Lower leg vertical: knee straight above the ankle at its standing height.
    CHECK(knee_s.y == Approx(ankle_s.y).margin(0.5));
    CHECK(knee_s.z == Approx(knee.z).margin(0.5));
    // Thigh about level at knee height, pointing forward: within 15 degrees of horizontal (a
    // seat may slope a little), hip no lower than the knee, and the leg bent, not stretched.
    double reach = knee_s.y - hip_s.y, rise = hip_s.z - knee_s.z;
    double slope_deg = std::atan2(rise, reach) * 180.0 / 3.14159265358979;
    CHECK(reach > 0);
    CHECK(rise > -0.5);
    CHECK(std::abs(slope_deg) < 15.0);
    CHECK(length(hip_s - knee_s) == Approx(length(hip - knee)));
    CHECK(length(knee_s - ankle_s) == Approx(length(knee - ankle)));
}

TEST_CASE("posture: lying puts the whole leg close to the bed", "[posture]") {
    const Network& net = default_network();
    PosedLeg leg(net, 1.0, Posture::Lying);
    double ankle = net.landmarks.at("ankle_joint").z;
    for (Vec3 p : all_leg_points(net)) {
        INFO(p.x << ", " << p.y << ", " << p.z);
        double z = leg.place(p).z;
        CHECK(z > -1.0);
        // Thigh and calf lie within about 20 cm of the bed; the foot stands up on its heel, so
        // its front (toes, about 20 cm ahead of the ankle) may reach a little higher.
        CHECK(z < (p.z > ankle ? 20.0 : 30.0));
    }
}

TEST_CASE("posture: a raised leg has the foot above the hip", "[posture]") {
    const Network& net = default_network();
    PosedLeg leg(net, 1.0, Posture::LegRaised);
    double hip = leg.place(net.landmarks.at("hip_joint")).z;
    for (const char* foot : {"ankle_joint", "heel", "toe_tip"})
        CHECK(leg.place(net.landmarks.at(foot)).z > hip + 10);
    for (Vec3 p : segment_points(net, "plantar_veins")) CHECK(leg.place(p).z > hip);
}

// --- Conditions ----------------------------------------------------------------------------------

TEST_CASE("conditions fail the right valve groups", "[conditions]") {
    using G = ValveGroup;
    struct Expected {
        const char* name;
        std::set<G> failed;
        bool obstructed;
    };
    const std::vector<Expected> table = {
        {"healthy", {}, false},
        {"gsv-reflux", {G::Gsv}, false},
        {"ssv-reflux", {G::Ssv}, false},
        {"perforator-incompetence", {G::Perforator}, false},
        {"deep-incompetence", {G::Tibial, G::Popliteal, G::Femoral}, false},
        {"post-thrombotic", {G::Tibial, G::Popliteal, G::Femoral, G::Perforator}, true},
        {"no-valves",
         {G::Gsv, G::Ssv, G::Perforator, G::Popliteal, G::Femoral, G::Tibial, G::Foot},
         false},
    };
    CHECK(conditions().size() == table.size());
    for (const Expected& e : table) {
        INFO(e.name);
        auto v = condition_valves(e.name);
        REQUIRE(v.has_value());
        for (int g = 0; g < kValveGroupCount; ++g)
            CHECK(v->severity[g] == (e.failed.count(static_cast<G>(g)) ? 1.0 : 0.0));
        CHECK((v->deep_obstruction > 0) == e.obstructed);
        CHECK(condition_names().find(e.name) != std::string::npos);
        // Severity scales every failure.
        auto half = condition_valves(e.name, 0.5);
        for (int g = 0; g < kValveGroupCount; ++g)
            CHECK(half->severity[g] == Approx(0.5 * v->severity[g]));
        CHECK(half->deep_obstruction == Approx(0.5 * v->deep_obstruction));
    }
    CHECK_FALSE(condition_valves("gout").has_value());
}
