#include "circulation.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace sh::sim {
namespace {
// Lag of the thigh beds' exercise hyperaemia (the leg model's rise time).
constexpr double kExerciseLagS = 6.0;
// Thigh muscle beds dilate with exercise like the calf's (leg model hyperaemia gain).
constexpr double kThighHyperaemiaGain = 2.0;
} // namespace

Circulation::Circulation(const Network& net, const ModelParams& leg_params,
                         const CirculationParams& params, const HeartParams& heart,
                         double height_cm)
    : p_(params), leg_(net, leg_params, height_cm), heart_(heart),
      scale_(height_cm / net.reference_height_cm), rho_g_(leg_params.rho_g_mmHg_per_cm) {
    auto landmark = [&](const char* name, Vec3 fallback) {
        auto it = net.landmarks.find(name);
        return it == net.landmarks.end() ? fallback : it->second;
    };
    mid_thigh_ = (landmark("hip_joint", {-3, 0, 91}) + landmark("knee_joint", {0, 0, 47})) * 0.5;
    leg_.set_activity({Activity::Still, 0});
    set_posture(Posture::Lying);
    va_ = p_.arterial_unstressed_ml + p_.arterial_compliance * p_.start_map_mmHg;
    vup_ = p_.upper_unstressed_ml + p_.upper_compliance * p_.start_venous_mmHg;
    vab_ = p_.abdominal_unstressed_ml + p_.abdominal_compliance * p_.start_venous_mmHg;
    vth_ = p_.thigh_unstressed_ml + p_.thigh_compliance * (p_.start_venous_mmHg + 2.0);
    vc_ = p_.central_unstressed_ml + p_.central_compliance * p_.start_cvp_mmHg;
    leg_.set_central_coupling(CentralCoupling{p_.start_cvp_mmHg, p_.start_map_mmHg, 1.0});
    last_lymph_ = leg_.cumulative_lymph_ml();
}

double Circulation::trunk_sine() const {
    const bool supine = posture_angles(leg_.posture()).supine;
    const double deg = supine ? tilt_deg_ : 90.0;
    return std::sin(deg * std::numbers::pi / 180.0);
}

void Circulation::place() {
    const double s = trunk_sine() * scale_;
    h_up_ = p_.upper_height_cm * s;
    h_ab_ = p_.abdominal_height_cm * s;
    h_carotid_ = p_.carotid_height_cm * s;
    h_th_ = leg_.height_of(mid_thigh_) - leg_.reference_height_cm();
}

void Circulation::set_posture(Posture posture, double head_up_tilt_deg) {
    tilt_deg_ = posture_angles(posture).supine ? head_up_tilt_deg : 0.0;
    leg_.set_posture(posture);
    leg_.set_head_up_tilt(tilt_deg_);
    place();
}

void Circulation::set_activity(const ActivitySpec& activity) {
    leg_.set_activity(activity);
}

void Circulation::set_interventions(const Interventions& iv) {
    leg_.set_interventions(iv);
    place();
}

double Circulation::arterial_pressure() const {
    return (va_ - p_.arterial_unstressed_ml) / p_.arterial_compliance;
}
double Circulation::central_pressure() const {
    return (vc_ - p_.central_unstressed_ml) / p_.central_compliance;
}
double Circulation::carotid_mmHg() const {
    return arterial_pressure() - rho_g_ * h_carotid_;
}

void Circulation::step() {
    const double dt = leg_.dt_s();
    const double pa = arterial_pressure();
    const double pc = central_pressure();
    const double r_scale = heart_.resistance_scale();
    // The leg drains into the central compartment at its reference point.
    leg_.set_central_coupling(CentralCoupling{pc, pa, 1.0 / r_scale});
    leg_.step();
    const double leg_in = 2.0 * leg_.inflow_ml_s();
    const double leg_out = 2.0 * leg_.outlet_flow_ml_s();
    const double lymph = leg_.cumulative_lymph_ml();
    const double lymph_back_ml = 2.0 * (lymph - last_lymph_); // a volume, not a rate
    last_lymph_ = lymph;

    // Venous pressures (inside, at each compartment's centre).
    const double p_up = (vup_ - p_.upper_unstressed_ml) / p_.upper_compliance;
    const double abd_support =
        p_.abdominal_support * rho_g_ * std::max(0.0, -h_ab_); // intra-abdominal pressure
    const double p_ab =
        (vab_ - (p_.abdominal_unstressed_ml - heart_.venous_tone_ml())) / p_.abdominal_compliance +
        abd_support;
    const double p_th = (vth_ - p_.thigh_unstressed_ml) / p_.thigh_compliance;

    exercise_ += (exercise_level(leg_.activity()) - exercise_) * dt / (kExerciseLagS + dt);
    // Arterial beds: arterial pressure at the bed's height minus the venous pressure there.
    const double q_up = (pa - rho_g_ * h_up_ - p_up) / (p_.upper_bed_resistance * r_scale);
    const double q_ab = (pa - rho_g_ * h_ab_ - p_ab) / (p_.abdominal_bed_resistance * r_scale);
    const double q_th = std::max(0.0, pa - rho_g_ * h_th_ - p_th) *
                        (1 + kThighHyperaemiaGain * exercise_) /
                        (p_.thigh_bed_resistance * r_scale);
    // Venous return: pressure heads (pressure + rho g h) between compartments.
    const double q_uc = (p_up + rho_g_ * h_up_ - pc) / p_.upper_return_resistance;
    const double q_ac = (p_ab + rho_g_ * h_ab_ - pc) / p_.abdominal_return_resistance;
    double dp_ta = p_th + rho_g_ * h_th_ - (p_ab + rho_g_ * h_ab_);
    const double q_ta =
        dp_ta / (p_.thigh_return_resistance * (dp_ta < 0 ? p_.thigh_valve_backflow_factor : 1.0));
    const double q_heart = heart_.heart_rate_bpm() / 60.0 * heart_.stroke_volume_ml(pc);

    va_ += dt * (q_heart - q_up - q_ab - q_th - leg_in);
    vup_ += dt * (q_up - q_uc);
    vab_ += dt * (q_ab + q_ta - q_ac);
    vth_ += dt * (q_th - q_ta);
    vc_ += dt * (q_uc + q_ac + leg_out - q_heart) + lymph_back_ml;

    heart_.step(dt, carotid_mmHg(), pc, exercise_);
}

void Circulation::advance(double seconds) {
    const double end = time_s() + seconds;
    while (time_s() < end - 0.5 * dt_s()) step();
}

double Circulation::one_leg_volume_ml() const {
    return leg_.total_blood_volume_ml() + 0.5 * vth_ + leg_.interstitial_excess_ml(Tissue::Foot) +
           leg_.interstitial_excess_ml(Tissue::Calf);
}

double Circulation::total_blood_ml() const {
    return va_ + vup_ + vab_ + vth_ + vc_ + 2.0 * leg_.total_blood_volume_ml();
}

double Circulation::conserved_ml() const {
    return total_blood_ml() + 2.0 * (leg_.interstitial_excess_ml(Tissue::Foot) +
                                     leg_.interstitial_excess_ml(Tissue::Calf));
}

} // namespace sh::sim
