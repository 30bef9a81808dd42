#pragma once
// Clinical protocols run on the model, as measured in people:
//   avp     ambulatory venous pressure (Pollack & Wood 1949; Stick 1992)
//   apg     air plethysmography (Christopoulos 1987)
//   sit     hours of sitting, with or without breaks (Ergonomics 1969; WRIGHT; Chandra 2009)
//   reflux  calf squeeze and release, reflux duration per site (Labropoulos 2003)
// Each returns plain numbers; secondheart-sim prints them as JSON.

#include "activity.hpp"
#include "interventions.hpp"
#include "leg_model.hpp"
#include "recorder.hpp"

#include <map>
#include <optional>
#include <string>

namespace sh::sim {

struct Subject {
    double height_cm = 175;
    ValveSettings valves;        // from a condition and severity
    ModelParams params;          // the one parameter set; tests vary only the time step
    Interventions interventions; // stockings, elevation, IPC, calf strength (issue 11)
};

struct AvpResult {
    double standing_mmHg = 0;
    double walking_mean_mmHg = 0; // mean over the last 10 strides
    double walking_min_mmHg = 0;  // lowest per-stride minimum over the last 10 strides
    double fall_mmHg = 0;         // standing - walking mean
    double refill_time_s = 0;     // recovery of 90 % of the fall after walking stops
    bool recovered = false;       // false when 180 s were not enough
    double soleus_pressure_peak_mmHg = 0;
    double cadence_spm = 0;
};
AvpResult run_avp(const Subject& s, double speed_kmh = 3.0, Recorder* rec = nullptr,
                  Activity gait = Activity::Walking);

struct ApgResult {
    double vv_mL = 0;    // venous volume gained from leg raised to standing
    double vfi_mL_s = 0; // 90 % of vv over the time to reach it
    double ev_mL = 0;    // ejected by one tiptoe
    double ef_pct = 0;
    double rv_mL = 0; // residual after ten tiptoes
    double rvf_pct = 0;
};
ApgResult run_apg(const Subject& s, Recorder* rec = nullptr);

struct SitBreaks {
    double every_min = 60;
    Activity activity = Activity::Walking;
    double minutes = 5;
};
struct SitOptions {
    double hours = 4;
    Activity activity = Activity::Still; // while seated: still, ankle_pumps, toe_tapping
    std::optional<SitBreaks> breaks;
    double then_walk_min = 0;
};
struct SitResult {
    double ankle_pressure_mmHg = 0; // mean seated great saphenous pressure at the ankle
    double volume_gain_pct_1h = 0;  // lower leg and foot volume gain since sitting down
    double volume_gain_pct_2h = 0;
    double volume_gain_pct_end = 0;
    double edema_mL = 0;                // interstitial fluid gained
    double popliteal_velocity_cm_s = 0; // mean while seated
    double relative_vte_risk = 1;
    std::optional<double> volume_gain_pct_after_walk;
};
SitResult run_sit(const Subject& s, const SitOptions& o, Recorder* rec = nullptr);

struct RefluxResult {
    std::map<std::string, double>
        reflux_s; // gsv, ssv, perforator, popliteal, femoral, posterior_tibial
    std::map<std::string, double> reflux_mL;
};
RefluxResult run_reflux(const Subject& s, Recorder* rec = nullptr);

// Builds a model for a subject, settled in quiet standing.
LegModel make_model(const Subject& s);

} // namespace sh::sim
