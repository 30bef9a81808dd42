#include "leg_model.hpp"

#include <algorithm>
#include <cmath>

// The slow system's fast-forward and the model's readouts (the fast step is in leg_model.cpp).

namespace sh::sim {
void LegModel::slow_rates(const std::array<double, 3>& pc, const std::array<double, 3>& skin,
                          double exercise, std::array<double, 3>& a,
                          std::array<double, 3>& b) const {
    // d(excess)/dt = a - b * excess, from
    //   filtration = Kf (Pc - Pi - oncotic),  lymph = L (1 + g e) (Pi + offset),
    //   Pi = excess / Ct + skin (a stocking's or cuff's pressure on the tissue)
    for (int t = 1; t < 3; ++t) {
        double kf = p_.filtration_coeff / 60.0 * tissue_ml_[t] / 100.0;
        double lk = p_.lymph_conductance / 60.0 * tissue_ml_[t] / 100.0 *
                    (1 + p_.lymph_activity_gain * exercise);
        double ct = p_.tissue_compliance * tissue_ml_[t] / 100.0;
        a[t] = kf * (pc[t] - skin[t] - p_.oncotic_gradient_mmHg) -
               lk * (skin[t] + p_.lymph_offset_mmHg);
        b[t] = (kf + lk) / ct;
    }
}

void LegModel::advance(double seconds) {
    carry_ += seconds;
    while (carry_ >= p_.dt_s * 0.5) {
        step();
        carry_ -= p_.dt_s;
    }
}

void LegModel::accumulate(WindowAverages& w, double dt) const {
    std::array<double, 3> pc{}, ws{};
    for (int c = 0; c < compartment_count(); ++c) {
        int t = static_cast<int>(tissue_[c]);
        pc[t] += filtration_share_[c] * capillary_pressure(c);
        ws[t] += filtration_share_[c];
    }
    for (int t = 1; t < 3; ++t) {
        if (ws[t] > 0) w.capillary_pressure[t] += dt * pc[t] / ws[t];
        w.skin_pressure[t] += dt * skin_mean_[t];
    }
    w.popliteal_velocity_cm_s += dt * std::abs(popliteal_velocity_cm_s());
    w.leg_blood_ml += dt * leg_blood_volume_ml();
    w.exercise_level += dt * hyperaemia_;
    w.seconds += dt;
}

void LegModel::fast_forward(double seconds, double window_s) {
    if (seconds <= window_s + p_.dt_s) {
        advance(seconds);
        return;
    }
    WindowAverages w;
    double end = time_ + window_s;
    while (time_ < end - 0.5 * p_.dt_s) {
        step();
        accumulate(w, p_.dt_s);
    }
    double rest = seconds - w.seconds;
    std::array<double, 3> pc{}, skin{}, a{}, b{};
    for (int t = 1; t < 3; ++t) {
        pc[t] = w.capillary_pressure[t] / w.seconds;
        skin[t] = w.skin_pressure[t] / w.seconds;
    }
    double exercise = w.exercise_level / w.seconds;
    slow_rates(pc, skin, exercise, a, b);
    for (int t = 1; t < 3; ++t) {
        double eq = a[t] / b[t];
        double before = interstitial_[t];
        interstitial_[t] = eq + (before - eq) * std::exp(-b[t] * rest);
        // Lymph over the interval from the books: filtration - lymph = change of the excess.
        double kf = p_.filtration_coeff / 60.0 * tissue_ml_[t] / 100.0;
        double ct = p_.tissue_compliance * tissue_ml_[t] / 100.0;
        double mean_excess = eq + (before - eq) * (1 - std::exp(-b[t] * rest)) / (b[t] * rest);
        double filtered =
            rest * kf * (pc[t] - mean_excess / ct - skin[t] - p_.oncotic_gradient_mmHg);
        lymph_total_ += filtered - (interstitial_[t] - before);
    }
    // Stasis with the window's mean popliteal velocity.
    double x = w.popliteal_velocity_cm_s / w.seconds / p_.stasis_velocity_cm_s;
    double i = 1 / (1 + x * x * x * x);
    double k = (1 - i) / p_.stasis_recovery_h;
    double h = rest / 3600.0;
    stasis_h_ = k > 1e-12 ? i / k + (stasis_h_ - i / k) * std::exp(-k * h) : stasis_h_ + i * h;
    pop_velocity_filtered_ = w.popliteal_velocity_cm_s / w.seconds;
    hyperaemia_ = drive_.exercise_level;
    time_ += rest;
    activity_time_ += rest;
}

void LegModel::equilibrate_interstitium(double window_s) {
    WindowAverages w;
    double end = time_ + window_s;
    while (time_ < end - 0.5 * p_.dt_s) {
        step();
        accumulate(w, p_.dt_s);
    }
    std::array<double, 3> pc{}, skin{}, a{}, b{};
    for (int t = 1; t < 3; ++t) {
        pc[t] = w.capillary_pressure[t] / w.seconds;
        skin[t] = w.skin_pressure[t] / w.seconds;
    }
    slow_rates(pc, skin, w.exercise_level / w.seconds, a, b);
    for (int t = 1; t < 3; ++t) interstitial_[t] = a[t] / b[t];
}

double LegModel::pressure_at(int c, Vec3 leg_point) const {
    return pressure_[c] + p_.rho_g_mmHg_per_cm * (height_[c] - height_of(leg_point));
}

double LegModel::velocity_cm_s(int link) const {
    const Link& l = net_->links[link];
    double a = std::max(p_.min_area_ratio, 0.5 * (area_ratio(l.from) + area_ratio(l.to)));
    return flow_[link] / (link_area_[link] * a);
}

double LegModel::inflow_ml_s() const {
    double s = 0;
    for (double q : inflow_now_) s += q;
    return s;
}

double LegModel::gsv_ankle_pressure() const {
    if (gsv_ankle_c_ < 0) return 0;
    return pressure_[gsv_ankle_c_] +
           p_.rho_g_mmHg_per_cm * (height_[gsv_ankle_c_] - gsv_ankle_height_);
}
double LegModel::deep_ankle_pressure() const {
    if (ptv_ankle_c_ < 0) return 0;
    return pressure_[ptv_ankle_c_] +
           p_.rho_g_mmHg_per_cm * (height_[ptv_ankle_c_] - ptv_ankle_height_);
}
double LegModel::popliteal_pressure() const {
    return popliteal_c_ < 0 ? 0 : pressure_[popliteal_c_];
}
double LegModel::popliteal_velocity_cm_s() const {
    return popliteal_link_ < 0 ? 0 : velocity_cm_s(popliteal_link_);
}

double LegModel::calf_venous_volume_ml() const {
    double s = 0;
    for (int c = 0; c < compartment_count(); ++c)
        if (tissue_[c] == Tissue::Calf) s += volume_[c];
    return s;
}
double LegModel::leg_blood_volume_ml() const {
    double s = 0;
    for (int c = 0; c < compartment_count(); ++c)
        if (tissue_[c] != Tissue::None) s += volume_[c];
    return s;
}
double LegModel::total_blood_volume_ml() const {
    double s = 0;
    for (double v : volume_) s += v;
    return s;
}
double LegModel::tissue_volume_ml() const {
    return tissue_ml_[1] + tissue_ml_[2];
}

double LegModel::relative_vte_risk() const {
    // Population relative risk of venous thromboembolism against accumulated stasis S (hours of
    // still sitting equivalent), calibrated to seated travel (WHO WRIGHT; Chandra 2009): no
    // excess at S = 0, about 2 at 4 h, then +18 % per further 2 h. A teaching figure: a
    // population average, not a diagnosis.
    double s = std::max(0.0, stasis_h_);
    if (s <= 4.0) return 1.0 + 0.25 * s;
    return 2.0 * std::pow(1.18, (s - 4.0) / 2.0);
}

double LegModel::conservation_error_ml() const {
    return total_blood_volume_ml() - (initial_blood_ + inflow_total_ - outflow_total_);
}

} // namespace sh::sim
