#pragma once
// The calf-muscle-pump model: lumped venous compartments joined by links with inertia,
// collapse-dependent resistance and dynamic valves; gravity by posture; muscle pressure from the
// activity; arterial inflow with exercise hyperaemia; and the slow system (capillary filtration,
// lymph, interstitial swelling, stasis) on top.
//
// Integration (fast system): fixed step (ModelParams::dt_s), seven named sub-steps (see step()
// and docs/model.md, "One step"). Each step updates valve states exactly for the step's pressure
// difference, then link flows semi-implicitly (inertia explicit, resistance implicit, so closing
// valves and collapsing veins cannot make it blow up), then volumes from the new flows with a
// limiter that never drains a compartment below a floor.
// Conserved: blood volume. Every millilitre that enters (arterial inflow less filtration) leaves
// through the outlet or stays in a compartment. The boundary flows of the last step are readouts
// (inflow_ml_s, filtration_ml_s, outlet_flow_ml_s), so a test can keep the books outside the
// model; `conservation_error_ml()` is the model's own account.

#include "activity.hpp"
#include "interventions.hpp"
#include "model_params.hpp"
#include "network.hpp"
#include "posture.hpp"

#include <array>
#include <optional>
#include <vector>

namespace sh::sim {

struct ValveSettings {
    std::array<double, kValveGroupCount> severity{}; // 0 competent .. 1 absent
    double deep_obstruction = 0;                     // 0 .. 1, post-thrombotic outflow block
};

// Issue 11: what the closed circulation (sim/circulation.hpp) feeds a leg in place of the fixed
// central venous pressure by posture and the fixed mean arterial pressure.
struct CentralCoupling {
    double venous_mmHg = 0;   // central venous pressure at the leg's reference point
    double arterial_mmHg = 0; // mean arterial pressure at the same level
    double inflow_scale = 1;  // arteriolar conductance from the baroreflex (1: resting)
};

// Running sums over an averaging window (cycle averages for the slow system and reports).
struct WindowAverages {
    double seconds = 0;
    std::array<double, 3> capillary_pressure{}; // by Tissue (None unused)
    std::array<double, 3> skin_pressure{};      // stocking or cuff on the tissue, by Tissue
    double popliteal_velocity_cm_s = 0;
    double leg_blood_ml = 0;
    double exercise_level = 0;
};

class LegModel {
public:
    explicit LegModel(const Network& net, const ModelParams& params = {}, double height_cm = 175);

    void set_posture(Posture posture);
    // A new kind of activity (or a calf squeeze) starts its cycle at 0; the same kind at a new
    // speed keeps the phase continuous (the cadence changes from now on); the same activity
    // again changes nothing. So an edit of anything else keeps the gait where it is.
    void set_activity(const ActivitySpec& activity);
    void set_valves(const ValveSettings& valves);
    // Issue 11 hooks: stockings, elevation, IPC and calf strength; a tilt table (supine postures);
    // the closed circulation's pressures (unset: the fixed values by posture).
    void set_interventions(const Interventions& iv);
    void set_head_up_tilt(double deg);
    void set_central_coupling(const std::optional<CentralCoupling>& coupling) {
        coupling_ = coupling;
    }
    const Interventions& interventions() const { return field_.settings(); }
    double head_up_tilt_deg() const { return tilt_deg_; }
    double external_pressure_mmHg(int c) const { return field_.external_mmHg(c); }
    double reference_height_cm() const { return reference_height_; }
    // Height above the floor (or bed) of a leg-frame point in the current pose.
    double height_of(Vec3 leg_point) const;
    Posture posture() const { return posture_; }
    const ActivitySpec& activity() const { return activity_; }
    // 0..1 within the activity's cycle (heel strike at 0 for gait); 0 without a cycle.
    double activity_phase() const;
    // The leg as drawn: the posture (with the interventions' elevation and a tilt) and the
    // activity at the phase of the last step's muscle drive, so the picture's pose and the calf's
    // squeeze come from one phase. Gravity uses the same posture held still.
    PosedLeg posed_leg() const { return PosedLeg(*net_, scale_, pose(), activity_, drive_.phase); }
    const ValveSettings& valves() const { return valves_; }

    // Advances by `seconds` in fixed substeps (a remainder below one step is carried over).
    void advance(double seconds);
    void step();
    // Advances the slow system by `seconds` using the fast system's averages over a
    // `window_s` simulated window (for hours of sitting in a fraction of a second).
    void fast_forward(double seconds, double window_s = 10.0);
    // Sets the interstitial fluid to the steady state of the current activity and posture.
    void equilibrate_interstitium(double window_s = 10.0);

    // --- Readouts -------------------------------------------------------------------------------
    double time_s() const { return time_; }
    double dt_s() const { return p_.dt_s; }
    const Network& network() const { return *net_; }
    int compartment_count() const { return static_cast<int>(volume_.size()); }
    int link_count() const { return static_cast<int>(flow_.size()); }
    double volume_ml(int c) const { return volume_[c]; }
    double area_ratio(int c) const { return volume_[c] / v0_[c]; }
    double pressure_mmHg(int c) const { return pressure_[c]; }
    double height_cm(int c) const { return height_[c]; }
    // Pressure at a leg-frame point inside compartment c, corrected for the column between the
    // compartment centre and that point.
    double pressure_at(int c, Vec3 leg_point) const;
    double flow_ml_s(int link) const { return flow_[link]; }
    double velocity_cm_s(int link) const;
    double valve_opening(int link) const { return zeta_[link]; }
    double outlet_flow_ml_s() const { return outlet_flow_; }
    double inflow_ml_s() const; // total arterial inflow reaching the veins in the last step
    // Capillary filtration taken from the venous blood in the last step (mL/s; the interstitium
    // gains it; lymph drains the interstitium out of the leg and never returns it to these veins).
    double filtration_ml_s() const { return filtration_total_; }
    double compartment_inflow_ml_s(int c) const { return inflow_now_[c]; }
    double muscle_pressure_mmHg(Muscle m) const {
        return drive_.pressure_mmHg[static_cast<int>(m)];
    }
    const MuscleDrive& drive() const { return drive_; }

    double gsv_ankle_pressure() const;
    double deep_ankle_pressure() const;
    double popliteal_pressure() const;
    double popliteal_velocity_cm_s() const;
    double popliteal_flow_ml_s() const { return popliteal_link_ < 0 ? 0 : flow_[popliteal_link_]; }
    double calf_venous_volume_ml() const; // compartments in the calf (the APG cuff's region)
    double leg_blood_volume_ml() const;   // foot and calf compartments
    double total_blood_volume_ml() const; // every compartment
    double interstitial_excess_ml(Tissue t) const { return interstitial_[static_cast<int>(t)]; }
    double tissue_volume_ml() const; // lower leg and foot
    double stasis_hours() const { return stasis_h_; }
    double relative_vte_risk() const;
    double conservation_error_ml() const;
    double cumulative_lymph_ml() const { return lymph_total_; }

private:
    void place_compartments();
    // Reference areas and the link coefficients that follow from them; a refluxing saphenous
    // trunk is dilated (ModelParams::saphenous_reflux_diameter_ratio), so this follows the valves.
    void apply_vein_geometry();
    double compartment_area_scale(int c) const;
    // The sub-steps of step(), in order.
    void update_pressures();
    void update_link_flows(double dt, double cvp);
    double iliac_pool_head(double excess_ml) const;
    void update_arterial_inflow(double dt);
    void update_interstitium(double dt);
    void limit_outflows(double dt);
    void update_volumes(double dt);
    void update_stasis(double dt);
    double capillary_pressure(int c) const;
    // The same with the arterial pressure at the compartment's height already worked out.
    double capillary_pressure(int c, double arterial_here) const {
        return pressure_[c] + p_.capillary_fraction * (arterial_here - pressure_[c]);
    }
    void slow_rates(const std::array<double, 3>& pc, const std::array<double, 3>& skin,
                    double exercise, std::array<double, 3>& a, std::array<double, 3>& b) const;
    void accumulate(WindowAverages& w, double dt) const;

    double central_venous_mmHg() const;
    double arterial_mmHg() const {
        return coupling_ ? coupling_->arterial_mmHg : p_.mean_arterial_mmHg;
    }
    PostureAngles pose() const { return adjusted_pose(posture_, field_.settings(), tilt_deg_); }

    const Network* net_; // not owned; a pointer so that models can be assigned
    ModelParams p_;
    double scale_;
    Posture posture_ = Posture::Standing;
    ActivitySpec activity_;
    ValveSettings valves_;
    double activity_time_ = 0; // since the activity started
    double phase_offset_ = 0;  // cycles carried over from before the last speed change, 0..1
    double time_ = 0;
    double carry_ = 0;
    InterventionField field_;
    double tilt_deg_ = 0;
    std::optional<CentralCoupling> coupling_;

    // Per compartment (fixed data, then state).
    std::vector<double> v0_, inv_v0_, height_, inflow_rest_, filtration_share_;
    std::vector<int> dilating_group_; // valve group whose failure dilates this vein, or -1
    // Which wall law each compartment follows (an index, not a pointer: the model is copyable).
    std::vector<bool> superficial_;
    const TubeLaw& law(int c) const { return superficial_[c] ? p_.superficial_wall : p_.deep_wall; }
    std::vector<std::array<double, kMuscleCount>> pump_;
    std::vector<Tissue> tissue_;
    std::vector<double> volume_, ratio_, sqrt_ratio_, pressure_, head_, inflow_now_;
    // Per link.
    std::vector<double> r0_, inv_inertance_, bernoulli_open_, link_area_;
    std::vector<int> valve_group_; // -1 when the link has no valve
    std::vector<bool> obstructible_;
    std::vector<double> flow_, zeta_;
    // Each compartment's links with the sign that makes a positive product an outflow.
    std::vector<std::vector<std::pair<int, double>>> links_of_;
    double outlet_flow_ = 0, outlet_inertance_ = 0;
    double iliac_excess_ml_ = 0; // iliac pool volume above its resting fill
    double reference_height_ = 0;

    MuscleDrive drive_;
    double hyperaemia_ = 0;                // current exercise level seen by the arterioles
    std::array<double, 3> interstitial_{}; // excess interstitial fluid, mL, by Tissue
    std::array<double, 3> tissue_ml_{};
    std::array<double, 3> capillary_mean_{}; // inflow-weighted capillary pressure by Tissue
    std::array<double, 3> skin_mean_{};  // same weights: stocking or cuff pressure on the tissue
    std::array<double, 3> filtration_{}; // mL/s by Tissue, this step
    double filtration_total_ = 0;
    double pop_velocity_filtered_ = 0;
    double stasis_h_ = 0;
    int gsv_ankle_c_ = -1, ptv_ankle_c_ = -1, popliteal_c_ = -1, popliteal_link_ = -1;
    Vec3 gsv_ankle_point_, ptv_ankle_point_;
    double gsv_ankle_height_ = 0, ptv_ankle_height_ = 0;

    // Books for the conservation test.
    double initial_blood_ = 0, inflow_total_ = 0, outflow_total_ = 0, lymph_total_ = 0;
};

} // namespace sh::sim
