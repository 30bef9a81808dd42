#pragma once
// Visible swelling: how far the skin of the foot, the ankle and the calf grows outwards (along its
// normal, cm) from the simulator's fluid volumes. The simulator keeps two volumes that make a leg
// swell: the blood in the veins of the foot and of the calf (sim::LegModel compartments by
// Tissue) and the excess interstitial fluid of the same two tissues (capillary filtration less
// lymph, the slow system; docs/model.md). Both are compared with the leg lying flat at rest,
// the state in which lower-leg volumes are measured before standing or sitting.
//
// True scale: a volume change dV of a tissue spread evenly over it is a volume strain
// e = dV / V; a limb segment that is a cylinder of girth C and length L (V = C^2 L / 4 pi)
// grows radially by dr = e C / (4 pi). The foot, the ankle (the lower leg's narrowest part, just
// above the malleoli) and the calf are such segments, with the default leg's girths; ankle and
// calf share the simulator's calf tissue. The exaggeration (Settings, 1 to 10) multiplies the
// result for teaching; the screen labels it whenever it is above 1.

#include "leg_model.hpp"

namespace sh::app {

struct SkinSwelling {
    float foot_cm = 0, ankle_cm = 0, calf_cm = 0;
};

// The fluid volumes that swell the leg, mL.
struct LegFluidVolumes {
    double foot_blood_ml = 0, calf_blood_ml = 0;
    double foot_interstitial_ml = 0, calf_interstitial_ml = 0;
};

// A limb segment as a cylinder, at 175 cm of height (scaled with it).
struct LimbSegment {
    double girth_cm;  // mean circumference
    double length_cm; // along the limb
};
// The default leg's segments (anatomy/landmarks: foot 25 cm from heel to toe tip, calf girth
// 37 cm at its widest): foot 24 cm round its middle, ankle 23 cm over the 10 cm above the
// malleoli, calf 34 cm on average over the 30 cm up to the knee.
inline constexpr LimbSegment k_foot_segment{24.0, 25.0};
inline constexpr LimbSegment k_ankle_segment{23.0, 10.0};
inline constexpr LimbSegment k_calf_segment{34.0, 30.0};

inline constexpr double k_min_exaggeration = 1.0;
inline constexpr double k_max_exaggeration = 10.0;

LegFluidVolumes leg_fluid_volumes(const sim::LegModel& model);
// The leg of a person `height_cm` tall lying flat, its veins settled (60 s) and its interstitial
// fluid at the steady state of lying: the reference the swelling is measured from. About a
// quarter of a second of simulation: compute it once per person.
LegFluidVolumes rest_fluid_volumes(const sim::Network& net, double height_cm);

// The skin's outward growth now, from `model` against `rest`, times `exaggeration` (clamped to
// 1..10). A leg emptier than at rest (raised, or pumped empty) gives a negative growth.
SkinSwelling skin_swelling(const sim::LegModel& model, const LegFluidVolumes& rest,
                           double exaggeration);

// The change of a segment's circumference when its skin grows by `growth_cm` all round (what a
// tape measure shows).
inline double circumference_change_cm(double growth_cm) {
    return 2.0 * 3.14159265358979 * growth_cm;
}

} // namespace sh::app
