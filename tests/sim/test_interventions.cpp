// Interventions of issue 11 on the standalone leg: the graduated stocking profile (RAL-GZ 387),
// the calf pressure that closes veins by posture (Partsch & Partsch 2005), stockings narrowing
// veins far more lying than standing, inelastic working pressure, IPC cycles and the modest
// effect of calf training (Padberg 2004). Sources in docs/heart.md.

#include "conditions.hpp"
#include "heart_protocols.hpp"
#include "protocols.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <map>

using namespace sh::sim;

namespace {
const Vec3 kAnkle{0, 0, 8}, kKnee{0, 0, 47}, kHip{-3, 0, 91};

double gsv_area(Posture p, double stocking) {
    VeinsOptions o;
    o.posture = p;
    o.interventions.stocking_ankle_mmHg = stocking;
    return run_veins(o).gsv_calf_area_cm2;
}
} // namespace

TEST_CASE("stocking profile: graduated from the ankle, RAL-GZ 387 limits", "[interventions]") {
    for (auto len : {StockingLength::BelowKnee, StockingLength::Thigh}) {
        CHECK(stocking_profile(5, len, kAnkle, kKnee, kHip) == Approx(1.0));
        CHECK(stocking_profile(10, len, kAnkle, kKnee, kHip) == Approx(1.0));
        double last = 1.0;
        for (double z = 10; z <= 91; z += 1) {
            double f = stocking_profile(z, len, kAnkle, kKnee, kHip);
            CHECK(f <= last + 1e-12); // never rises towards the heart
            last = f;
        }
        // Below the knee at most 70 %, on the thigh at most 40 % of the ankle pressure.
        CHECK(stocking_profile(44, len, kAnkle, kKnee, kHip) <= 0.70 + 1e-9);
        CHECK(stocking_profile(85, len, kAnkle, kKnee, kHip) <= 0.40 + 1e-9);
    }
    CHECK(stocking_profile(60, StockingLength::BelowKnee, kAnkle, kKnee, kHip) == 0.0);
    CHECK(stocking_profile(60, StockingLength::Thigh, kAnkle, kKnee, kHip) > 0.4);
    // Muscle and interstitium pass the load on whole (MRI: deep veins narrow more than
    // superficial).
    CHECK(transmission(VeinSystem::Deep) == Approx(transmission(VeinSystem::Superficial)));
}

TEST_CASE("calf cuff pressure closing calf veins by posture (Partsch & Partsch 2005)",
          "[interventions][targets]") {
    // Measured with a cuff at mid-calf (small saphenous and posterior tibial veins, duplex):
    // complete occlusion of superficial and deep veins at 20-25 mmHg supine, 50-60 sitting,
    // about 70 standing (63-77 here, the +-10 % the targets use for "about"). The occlusion
    // threshold (a share of the pre-cuff lumen) is calibrated against the supine figure alone;
    // sitting and standing are the independent checks (docs/heart.md, "Occlusion").
    for (const char* vein : {"great_saphenous", "posterior_tibial"}) {
        // Read as a cuff manometer reads, to whole mmHg (the published figures are such readings).
        double lying = std::round(cuff_occlusion_pressure(Posture::Lying, vein));
        double sitting = std::round(cuff_occlusion_pressure(Posture::Sitting, vein));
        double standing = std::round(cuff_occlusion_pressure(Posture::Standing, vein));
        INFO(vein << ": lying " << lying << ", sitting " << sitting << ", standing " << standing
                  << " mmHg");
        CHECK(lying >= 20.0);
        CHECK(lying <= 25.0);
        CHECK(sitting >= 50.0);
        CHECK(sitting <= 60.0);
        CHECK(standing >= 63.0);
        CHECK(standing <= 77.0);
        CHECK(standing > sitting);
        CHECK(sitting > 2 * lying);
    }
}

TEST_CASE("a stocking narrows the veins far more lying than standing", "[interventions]") {
    // Standing transmural pressures are high: 20 mmHg barely narrows a vein holding 60-80 mmHg.
    double lying = gsv_area(Posture::Lying, 20) / gsv_area(Posture::Lying, 0);
    double standing = gsv_area(Posture::Standing, 20) / gsv_area(Posture::Standing, 0);
    INFO("GSV lumen with a 20 mmHg stocking: lying x" << lying << ", standing x" << standing);
    CHECK(lying < 0.5);
    CHECK(standing > 0.8);
}

TEST_CASE("inelastic material: working pressure rises with the calf contraction",
          "[interventions]") {
    auto peak_to_rest = [](StockingMaterial mat) {
        Subject s;
        s.interventions.stocking_ankle_mmHg = 40;
        s.interventions.stocking_material = mat;
        LegModel m = make_model(s);
        const int c = m.network().compartment_index("great_saphenous#2");
        double rest = m.external_pressure_mmHg(c), peak = rest;
        m.set_activity({Activity::Walking, 3.0});
        for (int i = 0; i < 5000; ++i) {
            m.step();
            peak = std::max(peak, m.external_pressure_mmHg(c));
        }
        return peak / rest;
    };
    double elastic = peak_to_rest(StockingMaterial::Elastic);
    double inelastic = peak_to_rest(StockingMaterial::Inelastic);
    INFO("walking peak / resting pressure: elastic " << elastic << ", inelastic " << inelastic);
    CHECK(inelastic > 1.5);
    CHECK(elastic < 1.3);
}

TEST_CASE("IPC: the cuff follows the device cycle and empties the veins it squeezes",
          "[interventions]") {
    for (IpcSite site : {IpcSite::Calf, IpcSite::Foot}) {
        const IpcCycle cyc = default_ipc_cycle(site);
        LegModel base(default_network());
        base.set_posture(Posture::Lying);
        base.advance(30.0);
        LegModel m = base;
        Interventions iv;
        iv.ipc = site;
        iv.ipc_cycle = cyc;
        m.set_interventions(iv);
        double on_time = 0, peak_flow = 0, base_peak = 0;
        const double period = cyc.on_s + cyc.off_s;
        for (double t = 0; t < period; t += m.dt_s()) {
            m.step();
            base.step();
            if (m.external_pressure_mmHg(m.network().compartment_index("great_saphenous#2")) > 0 ||
                m.external_pressure_mmHg(m.network().compartment_index("plantar_veins#0")) > 0)
                on_time += m.dt_s();
            peak_flow = std::max(peak_flow, m.popliteal_flow_ml_s());
            base_peak = std::max(base_peak, base.popliteal_flow_ml_s());
        }
        // Inflated for the device's on-time (plus the deflation ramp), off for the rest.
        CHECK(on_time == Approx(cyc.on_s).margin(0.6));
        INFO(to_string(site) << ": popliteal peak flow " << peak_flow << " vs " << base_peak
                             << " mL/s without the device");
        CHECK(peak_flow > 1.5 * base_peak);
    }
}

TEST_CASE("calf strength: training improves the APG ejection fraction modestly (Padberg 2004)",
          "[interventions][targets]") {
    // Padberg et al. 2004 (J Vasc Surg 39:79), six months of calf training in venous
    // insufficiency: EF +3.48 +- 2.7 points, RVF -8.75 +- 4.6 points (mean +- SD of the change);
    // checked within one SD, in the healthy leg and in the refluxing one the trial's patients had.
    for (const char* condition : {"healthy", "gsv-reflux"}) {
        std::map<CalfStrength, ApgResult> r;
        for (auto cs : {CalfStrength::Untrained, CalfStrength::Average, CalfStrength::Trained,
                        CalfStrength::Deconditioned}) {
            Subject s;
            s.valves = *condition_valves(condition);
            s.interventions.calf_strength = cs;
            r[cs] = run_apg(s);
        }
        const double ef_gain = r[CalfStrength::Trained].ef_pct - r[CalfStrength::Untrained].ef_pct;
        const double rvf_change =
            r[CalfStrength::Trained].rvf_pct - r[CalfStrength::Untrained].rvf_pct;
        INFO(condition << ": EF untrained " << r[CalfStrength::Untrained].ef_pct << ", trained "
                       << r[CalfStrength::Trained].ef_pct << ", deconditioned "
                       << r[CalfStrength::Deconditioned].ef_pct << "; RVF untrained "
                       << r[CalfStrength::Untrained].rvf_pct << ", trained "
                       << r[CalfStrength::Trained].rvf_pct);
        CHECK(ef_gain >= 0.8);
        CHECK(ef_gain <= 6.2);
        CHECK(rvf_change >= -13.35);
        CHECK(rvf_change <= -4.15);
        CHECK(r[CalfStrength::Deconditioned].ef_pct < r[CalfStrength::Untrained].ef_pct);
    }
}

TEST_CASE("elevation: any angle raises the foot above the heart side", "[interventions]") {
    LegModel m(default_network());
    m.set_posture(Posture::Lying);
    const Vec3 toe = default_network().landmarks.at("toe_tip");
    double flat = m.height_of(toe) - m.reference_height_cm();
    double last = flat;
    for (double deg : {10.0, 25.0, 40.0, 60.0}) {
        Interventions iv;
        iv.elevation_deg = deg;
        m.set_interventions(iv);
        double h = m.height_of(toe) - m.reference_height_cm();
        CHECK(h > last);
        last = h;
    }
    // The 40-degree pose equals the posture leg_raised had before.
    Interventions iv;
    iv.elevation_deg = 40;
    m.set_interventions(iv);
    LegModel raised(default_network());
    raised.set_posture(Posture::LegRaised);
    CHECK(m.height_of(toe) - m.reference_height_cm() ==
          Approx(raised.height_of(toe) - raised.reference_height_cm()));
}
