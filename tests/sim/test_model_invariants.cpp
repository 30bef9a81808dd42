// Model invariants: blood volume conserved, no NaN or infinity anywhere in the documented
// parameter ranges, determinism, and results that do not depend on the time step.

#include "conditions.hpp"
#include "protocols.hpp"

#include <catch2/catch.hpp>
#include <cmath>

using namespace sh::sim;

namespace {

bool all_finite(const LegModel& m) {
    for (int c = 0; c < m.compartment_count(); ++c)
        if (!std::isfinite(m.volume_ml(c)) || !std::isfinite(m.pressure_mmHg(c)) ||
            m.volume_ml(c) <= 0)
            return false;
    for (int i = 0; i < m.link_count(); ++i)
        if (!std::isfinite(m.flow_ml_s(i)) || !(m.valve_opening(i) >= 0 && m.valve_opening(i) <= 1))
            return false;
    return std::isfinite(m.interstitial_excess_ml(Tissue::Calf)) &&
           std::isfinite(m.stasis_hours()) && std::isfinite(m.relative_vte_risk());
}

double relative_change(double a, double b) {
    return std::abs(a - b) / std::max(1.0, std::abs(a));
}

} // namespace

TEST_CASE("blood volume is conserved: compartment volumes against boundary flows booked outside",
          "[invariants]") {
    Subject s;
    s.valves = *condition_valves("gsv-reflux");
    LegModel m = make_model(s);
    // The books are kept here, from the model's readouts after each step: the boundary flows
    // (arterial inflow in, capillary filtration out, the outlet to the heart; lymph drains the
    // interstitium out of the leg and never returns to these veins), integrated over each step.
    // They are compared with the change of the sum of the compartment volumes.
    const double start = m.total_blood_volume_ml();
    double booked = 0, moved = 0;
    auto run = [&](double seconds) {
        const int steps = static_cast<int>(std::lround(seconds / m.dt_s()));
        for (int i = 0; i < steps; ++i) {
            m.step();
            const double net = m.inflow_ml_s() - m.filtration_ml_s() - m.outlet_flow_ml_s();
            booked += m.dt_s() * net;
            moved += m.dt_s() * (m.inflow_ml_s() + m.outlet_flow_ml_s());
        }
    };
    m.set_activity({Activity::Walking, 4.0});
    run(20.0);
    // A valve change dilates the refluxing trunk: the walls change, the blood stays.
    m.set_valves(*condition_valves("gsv-reflux", 0.4));
    m.set_posture(Posture::Sitting);
    m.set_activity({Activity::AnklePumps, 0});
    run(20.0);
    m.set_posture(Posture::LegRaised);
    m.set_activity({Activity::Still, 0});
    run(20.0);
    const double change = m.total_blood_volume_ml() - start;
    INFO("volume change " << change << " mL, booked " << booked << " mL, blood moved through the "
                          << "boundary " << moved << " mL");
    REQUIRE(moved > 100.0); // the books are not trivially empty
    CHECK(std::abs(change - booked) < 1e-6 * moved);
    // The model's own account agrees.
    CHECK(std::abs(m.conservation_error_ml()) < 1e-6);
}

TEST_CASE("no NaN, infinity or empty vein across the documented parameter ranges", "[invariants]") {
    const std::vector<std::string> conds = {"healthy", "gsv-reflux", "post-thrombotic", "no-valves",
                                            "deep-incompetence"};
    int runs = 0;
    for (double height : {120.0, 175.0, 220.0})
        for (const auto& cond : conds)
            for (Posture posture :
                 {Posture::Standing, Posture::Sitting, Posture::Lying, Posture::LegRaised}) {
                ActivitySpec act = posture == Posture::Standing
                                       ? ActivitySpec{Activity::Walking, 8.0}
                                       : ActivitySpec{Activity::AnklePumps, 0};
                Subject s;
                s.height_cm = height;
                s.valves = *condition_valves(cond, 0.5 + 0.5 * (runs % 2));
                LegModel m(default_network(), s.params, height);
                m.set_valves(s.valves);
                m.set_posture(posture);
                m.set_activity(act);
                m.advance(6.0);
                m.set_activity({Activity::Running, 16.0});
                m.advance(3.0);
                m.set_activity({Activity::CalfSqueeze, 0});
                m.advance(2.0);
                m.fast_forward(3600.0);
                INFO("height " << height << ", " << cond << ", " << to_string(posture));
                CHECK(all_finite(m));
                ++runs;
            }
    for (double speed : {0.0, 0.5, 2.0, 5.0, 8.0}) {
        LegModel m(default_network());
        m.set_activity({Activity::Walking, speed});
        m.advance(5.0);
        INFO("walking " << speed << " km/h");
        CHECK(all_finite(m));
    }
    for (Activity a : {Activity::HeelRaises, Activity::ToeTapping, Activity::Still}) {
        LegModel m(default_network());
        m.set_activity({a, 0});
        m.advance(5.0);
        CHECK(all_finite(m));
    }
}

TEST_CASE("the simulator is deterministic", "[invariants]") {
    auto a = run_avp(Subject{}, 3.0);
    auto b = run_avp(Subject{}, 3.0);
    CHECK(a.walking_mean_mmHg == b.walking_mean_mmHg);
    CHECK(a.refill_time_s == b.refill_time_s);
}

TEST_CASE("halving the time step changes results by under 2 %", "[invariants]") {
    Subject coarse, fine;
    fine.params.dt_s = coarse.params.dt_s / 2;
    auto a = run_avp(coarse, 3.0), b = run_avp(fine, 3.0);
    INFO("walking mean " << a.walking_mean_mmHg << " vs " << b.walking_mean_mmHg << ", refill "
                         << a.refill_time_s << " vs " << b.refill_time_s);
    CHECK(relative_change(a.standing_mmHg, b.standing_mmHg) < 0.02);
    CHECK(relative_change(a.walking_mean_mmHg, b.walking_mean_mmHg) < 0.02);
    CHECK(relative_change(a.fall_mmHg, b.fall_mmHg) < 0.02);
    CHECK(relative_change(a.refill_time_s, b.refill_time_s) < 0.02);

    Subject rc = coarse, rf = fine;
    rc.valves = rf.valves = *condition_valves("gsv-reflux");
    auto c = run_avp(rc, 3.0), d = run_avp(rf, 3.0);
    CHECK(relative_change(c.fall_mmHg, d.fall_mmHg) < 0.02);

    SitOptions o;
    o.hours = 2;
    auto e = run_sit(coarse, o), f = run_sit(fine, o);
    CHECK(relative_change(e.volume_gain_pct_2h, f.volume_gain_pct_2h) < 0.02);
    CHECK(relative_change(e.relative_vte_risk, f.relative_vte_risk) < 0.02);

    auto g = run_apg(coarse), h = run_apg(fine);
    CHECK(relative_change(g.vv_mL, h.vv_mL) < 0.02);
    CHECK(relative_change(g.ef_pct, h.ef_pct) < 0.02);

    Subject dc = coarse, df = fine;
    dc.valves = df.valves = *condition_valves("deep-incompetence");
    auto i = run_apg(dc), j = run_apg(df);
    INFO("deep incompetence EF " << i.ef_pct << " vs " << j.ef_pct);
    CHECK(relative_change(i.ef_pct, j.ef_pct) < 0.02);
}
