#include "leg_swelling.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace sh::app {

LegFluidVolumes leg_fluid_volumes(const sim::LegModel& model) {
    LegFluidVolumes v;
    const sim::Network& net = model.network();
    for (int c = 0; c < model.compartment_count(); ++c) {
        const sim::Tissue t = net.segments[net.compartments[c].segment].tissue;
        if (t == sim::Tissue::Foot) v.foot_blood_ml += model.volume_ml(c);
        if (t == sim::Tissue::Calf) v.calf_blood_ml += model.volume_ml(c);
    }
    v.foot_interstitial_ml = model.interstitial_excess_ml(sim::Tissue::Foot);
    v.calf_interstitial_ml = model.interstitial_excess_ml(sim::Tissue::Calf);
    return v;
}

LegFluidVolumes rest_fluid_volumes(const sim::Network& net, double height_cm) {
    sim::LegModel lying(net, {}, height_cm);
    lying.set_posture(sim::Posture::Lying);
    lying.advance(60.0);
    lying.equilibrate_interstitium();
    return leg_fluid_volumes(lying);
}

SkinSwelling skin_swelling(const sim::LegModel& model, const LegFluidVolumes& rest,
                           double exaggeration) {
    const LegFluidVolumes now = leg_fluid_volumes(model);
    // The tissue volumes the simulator swells (ModelParams: foot and calf, scaled with height
    // cubed); the model reports their sum, split here in the parameters' proportion.
    const sim::ModelParams params;
    const double per_default =
        model.tissue_volume_ml() / (params.foot_tissue_ml + params.calf_tissue_ml); // scale^3
    const double foot_ml = params.foot_tissue_ml * per_default;
    const double calf_ml = params.calf_tissue_ml * per_default;
    const double scale = std::cbrt(per_default);
    const double foot_strain = (now.foot_blood_ml - rest.foot_blood_ml + now.foot_interstitial_ml -
                                rest.foot_interstitial_ml) /
                               foot_ml;
    const double calf_strain = (now.calf_blood_ml - rest.calf_blood_ml + now.calf_interstitial_ml -
                                rest.calf_interstitial_ml) /
                               calf_ml;
    if (!std::isfinite(exaggeration)) exaggeration = k_min_exaggeration;
    const double k = std::clamp(exaggeration, k_min_exaggeration, k_max_exaggeration) * scale /
                     (4.0 * std::numbers::pi);
    SkinSwelling s;
    s.foot_cm = static_cast<float>(k * foot_strain * k_foot_segment.girth_cm);
    s.ankle_cm = static_cast<float>(k * calf_strain * k_ankle_segment.girth_cm);
    s.calf_cm = static_cast<float>(k * calf_strain * k_calf_segment.girth_cm);
    return s;
}

} // namespace sh::app
