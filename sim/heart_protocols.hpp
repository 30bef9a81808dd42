#pragma once
// Protocols of issue 11, run on the model as they are measured in people:
//   heart   supine, then M minutes in a posture (lying, sitting, standing, 60-degree tilt) with
//           an activity and interventions: stroke volume, heart rate, cardiac output, mean
//           arterial pressure, and the blood one leg holds more than lying for the same time
//   veins   two minutes in a posture: the cross-section of the deep calf, great saphenous and
//           popliteal veins (what duplex or MRI sees under a stocking)
//   cuff    the calf cuff pressure that closes a calf vein (Partsch & Partsch 2005)

#include "circulation.hpp"
#include "interventions.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace sh::sim {

struct BodyPosture {
    Posture posture = Posture::Lying;
    double head_up_tilt_deg = 0;
};
// lying, sitting, standing, tilt60 (also tiltN for N = 0-90 degrees).
std::optional<BodyPosture> body_posture_from_string(std::string_view name);

struct HeartOptions {
    BodyPosture body;
    ActivitySpec activity;
    double minutes = 5;
    Interventions interventions;
    ValveSettings valves;
    double height_cm = 175;
    CirculationParams circulation;
    HeartParams heart;
    ModelParams leg; // tests vary only the time step
};

struct HeartState {
    double stroke_volume_mL = 0;
    double heart_rate_bpm = 0;
    double cardiac_output_L_min = 0;
    double mean_arterial_mmHg = 0;
    double central_venous_mmHg = 0;
    double carotid_mmHg = 0;
    double one_leg_volume_mL = 0;
};

struct HeartResult {
    HeartState state;                // means over the last window of the run
    HeartState lying;                // the same time lying still, no interventions
    double leg_volume_change_mL = 0; // one leg, state - lying
    double conservation_error_mL = 0;
};
HeartResult run_heart(const HeartOptions& o);
// The settled supine circulation every heart run starts from.
Circulation settled_supine(const HeartOptions& o);

struct VeinsOptions {
    Posture posture = Posture::Lying;
    ActivitySpec activity;
    Interventions interventions;
    ValveSettings valves;
    double height_cm = 175;
    double seconds = 120;
};
struct VeinsResult {
    double deep_calf_area_cm2 = 0; // one posterior tibial vein at mid-calf
    double gsv_calf_area_cm2 = 0;  // great saphenous vein at mid-calf
    double popliteal_area_cm2 = 0;
    double deep_calf_pressure_mmHg = 0;
    double gsv_calf_pressure_mmHg = 0;
};
// The standalone leg (fixed central venous pressure by posture), means over the last 10 s.
VeinsResult run_veins(const VeinsOptions& o);

// The pressure of a 13 cm cuff around mid-calf (bisection to 0.25 mmHg, 0-150) at which the vein of
// `segment` there, 60 s after the cuff is inflated, has under 4.5 % of the lumen it had at the
// cuff's centre before (duplex "complete occlusion", calibrated as docs/heart.md says).
double cuff_occlusion_pressure(Posture posture, std::string_view segment);

} // namespace sh::sim
