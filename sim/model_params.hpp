#pragma once
// The one parameter set of the leg model. Every condition (healthy, reflux, post-thrombotic...)
// uses these same values; conditions change only valve severities and, for the post-thrombotic
// leg, a partial obstruction of the deep outflow. Units: mmHg, mL, cm, s.

#include "tube_law.hpp"
#include "valve.hpp"

namespace sh::sim {

struct ModelParams {
    // --- Hydrostatics -------------------------------------------------------------------------
    double rho_g_mmHg_per_cm = 0.776; // blood 1.055 g/mL: 0.776 mmHg per cm of column
    double cvp_upright_mmHg = 2.0;    // central venous pressure falls on standing
    double cvp_seated_mmHg = 4.0;     // less blood pools in the legs when seated
    double cvp_supine_mmHg = 5.0;
    // Hydrostatic indifference point above the hip joint (175 cm adult, scaled with height).
    // Measured standing ankle pressure is below a full column to the right atrium (PHYSIOLOGY.md
    // T1); the venous reference point sits this far up the trunk, below the heart.
    double trunk_offset_cm = 24.0;

    // --- Walls --------------------------------------------------------------------------------
    TubeLaw deep_wall{20.0, 0.02, 3};
    TubeLaw superficial_wall{20.0, 0.02, 4}; // thicker wall: stiffer when distended
    double tissue_pressure_mmHg = 3.0;       // resting interstitial pressure around the veins

    // --- Flow ---------------------------------------------------------------------------------
    double blood_density = 1.055;     // g/mL
    double blood_viscosity_P = 0.035; // poise
    // Venous resistance is far above Poiseuille for a round tube: venules, tortuosity, branching
    // and elliptic cross-sections. One factor for every segment, set so that the whole calf
    // empties with a time constant of about 4 s (Phys Med Biol 1977, 22:1146).
    double resistance_factor = 0.6;
    // The superficial system's blood runs through a long, tortuous saphenous trunk and its
    // tributaries: a higher lumped factor (Kügler 2001: superficial reflux refills in seconds, not
    // instantly).
    double superficial_resistance_factor = 6.0;
    double min_area_ratio = 0.003;   // floor of the lumen used for resistance (flow limitation)
    double outlet_resistance = 0.02; // iliac veins and vena cava, mmHg s/mL
    double outlet_length_cm = 40.0;
    double outlet_area_cm2 = 1.5;
    double obstruction_resistance_gain = 12.0; // post-thrombotic: deep outflow resistance x(1+g*s)

    // --- Valves -------------------------------------------------------------------------------
    ValveLaw valve{};

    // --- Arterial inflow ----------------------------------------------------------------------
    double mean_arterial_mmHg = 93.0;
    double dependent_inflow_factor = 0.65; // veno-arteriolar reflex when the leg hangs down
    double hyperaemia_gain = 2.0;          // inflow x (1 + gain * exercise level)
    double hyperaemia_rise_s = 6.0;
    double hyperaemia_decay_s = 12.0;

    // --- Capillary filtration, lymph, swelling (slow) ----------------------------------------
    double capillary_fraction = 0.10; // capillary pressure = Pv + f (Pa - Pv)
    double filtration_coeff = 0.0030; // mL / min / 100 mL tissue / mmHg
    double oncotic_gradient_mmHg = 20.0;
    double tissue_compliance = 0.3;    // mL interstitial fluid / mmHg / 100 mL tissue
    double lymph_conductance = 0.0030; // mL / min / 100 mL / mmHg at rest
    double lymph_activity_gain = 3.0;  // lymph x (1 + gain * exercise level)
    double foot_tissue_ml = 1000.0;    // 175 cm adult, scaled with height cubed
    double calf_tissue_ml = 2600.0;

    // --- Stasis and thrombosis risk -------------------------------------------------------------
    double stasis_velocity_cm_s = 8.0; // popliteal mean velocity at which stasis is half
    double stasis_filter_s = 20.0;     // cycle averaging of the popliteal velocity
    double stasis_recovery_h = 0.5;    // how fast movement clears accumulated stasis

    // --- Integration ---------------------------------------------------------------------------
    double dt_s = 0.001;
};

} // namespace sh::sim
