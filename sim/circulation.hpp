#pragma once
// A closed circulation around the detailed leg (issue 11): systemic arteries, the upper body
// (head, arms), the abdomen (splanchnic and renal beds, abdominal veins), the thighs and pelvis,
// the thorax (central veins, heart chambers and lungs as one central compartment) and both legs.
// The right leg is the detailed LegModel; the left leg mirrors it (same state, in phase), so
// every leg flow counts twice. A Frank-Starling heart (sim/heart.hpp) pumps from the central
// compartment into the arteries; the baroreflex sets heart rate, resistance and venous tone.
//
// Hydrostatics: heights are measured from the leg model's reference point (the venous
// hydrostatic indifference point on the trunk, where the central compartment sits), so the leg
// sees the central venous pressure this model computes exactly where it saw its fixed value.
//
// Integration: the leg's fixed step; the lumped compartments by explicit Euler with the leg's
// boundary flows of the same step (time constants are 0.3 s and longer, the step 1 ms).
// Conserved: blood plus the legs' interstitial fluid (filtration leaves the blood, lymph
// returns to the central veins); nothing enters or leaves the closed loop.

#include "heart.hpp"
#include "leg_model.hpp"

namespace sh::sim {

struct CirculationParams {
    // Compliances (mL/mmHg) and unstressed volumes (mL). Structure after Heldt 2002; values
    // calibrated to the posture targets (docs/heart.md).
    double arterial_compliance = 1.8, arterial_unstressed_ml = 715;
    double upper_compliance = 8.0, upper_unstressed_ml = 650;
    double abdominal_compliance = 20.0, abdominal_unstressed_ml = 1300;
    double thigh_compliance = 6.0, thigh_unstressed_ml = 800;
    double central_compliance = 16.0, central_unstressed_ml = 700;
    // Resistances (mmHg s/mL): arterial beds and venous return paths.
    double upper_bed_resistance = 1.55, abdominal_bed_resistance = 1.82,
           thigh_bed_resistance = 16.0;
    double upper_return_resistance = 0.038, abdominal_return_resistance = 0.04,
           thigh_return_resistance = 0.4;
    double thigh_valve_backflow_factor = 50.0; // venous valves: backflow meets this x resistance
    // Heights above the reference point along an upright trunk (cm, 175 cm adult).
    double upper_height_cm = 15.0, abdominal_height_cm = -10.0, carotid_height_cm = 36.0;
    // Intra-abdominal pressure rises with depth and carries this share of the abdominal veins'
    // column when upright.
    double abdominal_support = 0.7;
    // Supine starting pressures, mmHg (the model settles from there).
    double start_map_mmHg = 90, start_cvp_mmHg = 6, start_venous_mmHg = 8;
};

class Circulation {
public:
    Circulation(const Network& net, const ModelParams& leg_params = {},
                const CirculationParams& params = {}, const HeartParams& heart = {},
                double height_cm = 175);

    // Posture of the whole body; a head-up tilt (degrees) applies to the lying posture.
    void set_posture(Posture posture, double head_up_tilt_deg = 0);
    void set_activity(const ActivitySpec& activity);
    void set_interventions(const Interventions& iv);
    void set_valves(const ValveSettings& valves) { leg_.set_valves(valves); }

    void step();
    void advance(double seconds);

    const LegModel& leg() const { return leg_; }
    const Heart& heart() const { return heart_; }
    double time_s() const { return leg_.time_s(); }
    double dt_s() const { return leg_.dt_s(); }

    double heart_rate_bpm() const { return heart_.heart_rate_bpm(); }
    double stroke_volume_ml() const { return heart_.stroke_volume_ml(central_pressure()); }
    double cardiac_output_l_min() const { return heart_rate_bpm() * stroke_volume_ml() / 1000.0; }
    double mean_arterial_mmHg() const { return arterial_pressure(); }
    double central_venous_mmHg() const { return central_pressure(); }
    double carotid_mmHg() const;
    // Blood in one leg's detailed veins plus its half of the thigh and pelvic veins, plus the
    // fluid its tissue has gained: what a plethysmograph around the leg would see change.
    double one_leg_volume_ml() const;
    double total_blood_ml() const;
    // Blood plus both legs' interstitial excess: constant in the closed loop (the books).
    double conserved_ml() const;

private:
    double arterial_pressure() const;
    double central_pressure() const;
    double trunk_sine() const;
    void place();

    CirculationParams p_;
    LegModel leg_;
    Heart heart_;
    double scale_, rho_g_;
    double va_, vup_, vab_, vth_, vc_; // volumes, mL
    double h_up_ = 0, h_ab_ = 0, h_th_ = 0, h_carotid_ = 0;
    double last_lymph_ = 0;
    double exercise_ = 0;
    double tilt_deg_ = 0;
    Vec3 mid_thigh_;
};

} // namespace sh::sim
