#pragma once
// The one parameter set of the leg model. Every condition (healthy, reflux, post-thrombotic...)
// uses these same values; conditions change only valve severities and, for the post-thrombotic
// leg, a partial obstruction of the deep outflow (a failing saphenous trunk also dilates, by the
// ratio below). Units: mmHg, mL, cm, s. docs/model.md lists every field with its value and
// source, the equations that use it and the targets it was calibrated against.

#include "tube_law.hpp"
#include "valve.hpp"

namespace sh::sim {

struct ModelParams {
    // --- Hydrostatics -------------------------------------------------------------------------
    double rho_g_mmHg_per_cm = 0.776; // blood 1.055 g/mL: 0.776 mmHg per cm of column
    double cvp_upright_mmHg = 2.0;    // central venous pressure falls on standing (textbook)
    double cvp_seated_mmHg = 4.0;     // less blood pools in the legs when seated
    double cvp_supine_mmHg = 5.0;
    // Hydrostatic indifference point above the hip joint (175 cm adult, scaled with height).
    // Measured standing ankle pressure is below a full column to the right atrium (docs/model.md
    // T1, Stick 1992); the venous reference point sits this far up the trunk, below the heart.
    double trunk_offset_cm = 24.0;
    // Seated, the measured ankle pressure (about 70 mmHg, T8, Spacil 2019) is a longer column
    // above the hip than standing gives: calibrated against T8.
    double trunk_offset_seated_cm = 38.0;

    // --- Walls --------------------------------------------------------------------------------
    // CircAdapt's tube law (docs/model.md "Walls"); p0 and m calibrated against the calf's lumped
    // compliance, about 1.1 % of calf volume per kPa (Phys Med Biol 1977, 22:1146) and APG VV.
    TubeLaw deep_wall{20.0, 0.02, 3};
    TubeLaw superficial_wall{20.0, 0.02, 4}; // thicker wall: stiffer when distended
    double tissue_pressure_mmHg = 3.0; // resting interstitial pressure around the veins (textbook)
    // A refluxing saphenous trunk is dilated: proximal-thigh GSV 3.6 +- 0.9 mm without reflux,
    // 5.9 +- 1.8 mm with it (ratio 1.64; GSV-diameter/CEAP study, Phlebologie, see docs/model.md);
    // SSV 3.1 -> 5.2 mm (Joh & Park 2013, J Korean Surg Soc 85:169). Diameter x (1 + (r-1) s) for
    // severity s of the trunk's own valves.
    double saphenous_reflux_diameter_ratio = 1.64;
    // A varicose trunk is tortuous with an irregular lumen: the area its resistance and inertance
    // see grows as (dilated / normal area)^e, not with the whole area. Calibrated together against
    // T6 (fall 30-47 mmHg, refill 1.2-5.5 s) and T10 (GSV reflux 3-6 s, 10-25 mL).
    double varicose_lumen_exponent = 0.35;

    // --- Flow ---------------------------------------------------------------------------------
    double blood_density = 1.055;     // g/mL (textbook whole blood)
    double blood_viscosity_P = 0.035; // poise (textbook whole blood, 3.5 mPa s)
    // Venous resistance is far above Poiseuille for a round tube: venules, tortuosity, branching
    // and elliptic cross-sections. One factor for every segment, set so that the whole calf
    // empties with a time constant of about 4 s (Phys Med Biol 1977, 22:1146).
    double resistance_factor = 0.6;
    // The superficial system's blood runs through a long, tortuous saphenous trunk and its
    // tributaries: a higher lumped factor (Kügler 2001: superficial reflux refills in seconds, not
    // instantly).
    double superficial_resistance_factor = 6.0;
    // Floor of the lumen used for resistance (flow limitation): numerical, a collapsed vein keeps
    // about the k_a/a share of its lumen.
    double min_area_ratio = 0.003;
    // A perforator is a short vein (a few cm through the fascia) though the lumped link between
    // a saphenous and a tibial compartment spans half of each: its resistance is scaled down.
    // Calibrated, with the lumen rule of update_link_flows, against T2 (walking mean 18-30 mmHg,
    // Stick 1992).
    double perforator_resistance_scale = 0.25;
    // Iliac veins and vena cava: about 1.5 cm^2 over 40 cm (anatomy), resistance calibrated so the
    // outlet never limits standing outflow (a few mmHg at walking flows).
    double outlet_resistance = 0.02; // mmHg s/mL
    double outlet_length_cm = 40.0;
    double outlet_area_cm2 = 1.5;
    // The iliac pool between the outlet and the heart (docs/model.md "Iliac pool"). Standing, the
    // iliac veins and lower vena cava are distended (about 60 mL: 14 and 20 mm over 20 and 10 cm,
    // anatomy); blood that refluxes into the leg through failed deep valves takes this reserve
    // first, at a small loss of head, then the veins collapse (steep tube-law limb) and further
    // reflux is topped up from above only through a resistance. This is why refill after walking
    // is fast in deep reflux (a few tens of mL, T7 under 1 s) while an emptied leg fills at a
    // moderate rate (APG VFI 7-28 mL/s, T15). Reserve and top-up resistance calibrated against
    // T15 and T7 together; the compliances are the two limbs of a vein's tube law.
    double iliac_reserve_ml = 50.0;
    double iliac_reserve_compliance = 40.0;  // mL/mmHg while distended
    double iliac_collapsed_compliance = 1.0; // mL/mmHg once collapsed
    double iliac_topup_resistance = 3.0;     // mmHg s/mL, retrograde top-up from above
    // Post-thrombotic: deep outflow resistance x (1 + g s) for obstruction s; calibrated against
    // T7 (fall 5-13 mmHg, refill under 1 s, Pollack & Wood 1949).
    double obstruction_resistance_gain = 12.0;

    // --- Valves -------------------------------------------------------------------------------
    ValveLaw valve{}; // Mynard 2012; rates in valve.hpp, calibrated against T10 (< 0.5 s healthy)

    // --- Arterial inflow ----------------------------------------------------------------------
    double mean_arterial_mmHg = 93.0; // textbook adult mean arterial pressure at heart level
    // Inflow scales with (Pa - Pv) / (Pa - resting_venous): 1 at a resting supine venous pressure.
    double resting_venous_mmHg = 12.0;
    // Veno-arteriolar reflex: when the veins are distended (pressure from threshold to
    // threshold + span) inflow falls to this fraction. Calibrated against healthy APG VFI
    // (below 2 mL/s; Harada 2014 cut-off 2.06, Asbeutah 2005 normal 0.8, 0.6-1.7 mL/s).
    double dependent_inflow_factor = 0.45;
    double reflex_threshold_mmHg = 20.0;
    double reflex_span_mmHg = 40.0;
    // Exercise hyperaemia: inflow x (1 + gain * exercise level); calibrated against T4 (the 6 km/h
    // mean not below the 3 km/h mean, Stick 1992) and T16 (seated ankle-pump velocity).
    double hyperaemia_gain = 2.0;
    double hyperaemia_rise_s = 6.0; // calibrated: refill and walking settle within 10 strides
    double hyperaemia_decay_s = 12.0;

    // --- Capillary filtration, lymph, swelling (slow) ----------------------------------------
    // Starling filtration and lymph; all calibrated together against T11 (foot +2.3 % at 1 h,
    // +2.8 % at 2 h, Ergonomics 1969; whole leg <= 4 % after 9 h, Mittermayr 2003).
    double capillary_fraction = 0.10; // capillary pressure = Pv + f (Pa - Pv) (venous side)
    double filtration_coeff = 0.0024; // mL / min / 100 mL tissue / mmHg
    double oncotic_gradient_mmHg = 20.0;
    double tissue_compliance = 0.3;    // mL interstitial fluid / mmHg / 100 mL tissue
    double lymph_conductance = 0.0030; // mL / min / 100 mL / mmHg at rest
    double lymph_activity_gain = 3.0;  // lymph x (1 + gain * exercise level)
    double lymph_offset_mmHg = 5.0;    // lymph flows while interstitial pressure > -5 mmHg
    double foot_tissue_ml = 1000.0;    // 175 cm adult (anthropometry), scaled with height cubed
    double calf_tissue_ml = 2600.0;

    // --- Stasis and thrombosis risk -------------------------------------------------------------
    // Calibrated against T12 (relative risk about 2 after 4 h seated, +12-24 % per further 2 h,
    // lower with breaks or calf exercise; WRIGHT, Chandra 2009).
    double stasis_velocity_cm_s = 8.0; // popliteal mean velocity at which stasis is half
    double stasis_filter_s = 20.0;     // cycle averaging of the popliteal velocity
    double stasis_recovery_h = 0.5;    // how fast movement clears accumulated stasis

    // --- Integration ---------------------------------------------------------------------------
    double dt_s = 0.001; // results change < 2 % when halved (tests/sim invariants)
};

} // namespace sh::sim
