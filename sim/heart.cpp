#include "heart.hpp"

#include <algorithm>
#include <cmath>

namespace sh::sim {

Heart::Heart(const HeartParams& p) : p_(p), hr_(p.hr_rest_bpm) {}

double Heart::stroke_volume_ml(double filling_mmHg) const {
    double x = (filling_mmHg - p_.starling_p0_mmHg) / p_.starling_k_mmHg;
    return x <= 0 ? 0.0 : p_.sv_max_ml * (1.0 - std::exp(-x));
}

Heart::Targets Heart::targets(double carotid_mmHg, double cvp_mmHg, double exercise) const {
    const double ea = p_.carotid_set_mmHg - carotid_mmHg; // > 0: pressure too low
    const double ecp = p_.cvp_set_mmHg - cvp_mmHg;
    Targets t;
    t.hr = std::clamp(p_.hr_rest_bpm + p_.hr_gain_bpm * ea + p_.exercise_hr_gain_bpm * exercise,
                      p_.hr_min_bpm, p_.hr_max_bpm);
    t.resistance = std::clamp(1.0 + p_.resistance_gain_arterial * ea +
                                  p_.resistance_gain_cardiopulmonary * ecp,
                              0.5, 2.5);
    t.tone = std::clamp(p_.venous_tone_gain_ml * (ea + ecp), -300.0, 400.0);
    return t;
}

void Heart::step(double dt, double carotid_mmHg, double cvp_mmHg, double exercise) {
    Targets t = targets(carotid_mmHg, cvp_mmHg, exercise);
    // Implicit Euler of each lag: unconditionally stable, exact in the steady state.
    hr_ += (t.hr - hr_) * dt / (p_.hr_lag_s + dt);
    resistance_ += (t.resistance - resistance_) * dt / (p_.resistance_lag_s + dt);
    venous_tone_ += (t.tone - venous_tone_) * dt / (p_.venous_tone_lag_s + dt);
    phase_ = std::fmod(phase_ + hr_ / 60.0 * dt, 1.0);
}

void Heart::settle(double carotid_mmHg, double cvp_mmHg, double exercise) {
    Targets t = targets(carotid_mmHg, cvp_mmHg, exercise);
    hr_ = t.hr, resistance_ = t.resistance, venous_tone_ = t.tone;
}

} // namespace sh::sim
