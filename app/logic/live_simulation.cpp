#include "live_simulation.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace sh::app {

namespace {
// The heart's plots sample its beat-averaged numbers 5 times a second: 300 points for 60 s.
constexpr double kHeartSampleS = 0.2;
} // namespace

LiveSimulation::LiveSimulation(const sim::Scenario& scenario)
    : scenario_(scenario), model_(sim::default_network(), {}, scenario.height_cm),
      circulation_(sim::default_network(), {}, {}, {}, scenario.height_cm) {
    rebuild();
}

void LiveSimulation::rebuild() {
    model_ = sim::LegModel(sim::default_network(), {}, scenario_.height_cm);
    circulation_ = sim::Circulation(sim::default_network(), {}, {}, {}, scenario_.height_cm);
    apply_phase();
    model_.advance(5.0); // settle the columns before the first frame
    circulation_.advance(k_heart_settle_s);
    heart_until_s_ = circulation_.time_s();
    smooth_heart(true);
    heart_history_.clear();
    record_heart();
    baseline_leg_ml_ = model_.leg_blood_volume_ml() +
                       model_.interstitial_excess_ml(sim::Tissue::Foot) +
                       model_.interstitial_excess_ml(sim::Tissue::Calf);
    seated_s_ = 0;
    since_break_s_ = 0;
    on_break_ = false;
    history_.clear();
}

void LiveSimulation::set_scenario(const sim::Scenario& scenario) {
    bool rebuild_needed = scenario.height_cm != scenario_.height_cm;
    scenario_ = scenario;
    if (rebuild_needed)
        rebuild();
    else
        apply_phase();
}

// Scenario settings plus the break schedule: during a break the leg stands and does the break's
// activity, then goes back to the seat. The model takes the settings field by field: what did
// not change stays as it was, so an edit of the valves or the speed keeps the gait's phase.
void LiveSimulation::apply_phase() {
    sim::Scenario now = scenario_;
    if (on_break_ && scenario_.breaks) {
        now.posture = sim::Posture::Standing;
        now.activity = {scenario_.breaks->activity,
                        sim::default_gait_speed_kmh(scenario_.breaks->activity)};
    }
    sim::apply(now, model_);
    // The circulation's leg takes the same settings, field by field like the leg on screen.
    const sim::LegModel& heart_leg = circulation_.leg();
    circulation_.set_valves(now.valve_settings());
    if (heart_leg.posture() != now.posture) circulation_.set_posture(now.posture);
    circulation_.set_activity(now.activity);
    if (!(heart_leg.interventions() == now.interventions))
        circulation_.set_interventions(now.interventions);
}

HeartSample LiveSimulation::heart_now() const {
    HeartSample h;
    h.time_s = circulation_.time_s();
    h.stroke_volume_ml = static_cast<float>(shown_[0]);
    h.heart_rate_bpm = static_cast<float>(shown_[1]);
    h.cardiac_output_l_min = static_cast<float>(shown_[2]);
    h.mean_arterial_mmHg = static_cast<float>(shown_[3]);
    return h;
}

// The circulation's numbers follow the central venous pressure step by step, and walking pumps
// it with every stride; a monitor averages over beats. One pole per number.
void LiveSimulation::smooth_heart(bool reset) {
    const std::array<double, 4> raw = {
        circulation_.stroke_volume_ml(), circulation_.heart_rate_bpm(),
        circulation_.cardiac_output_l_min(), circulation_.mean_arterial_mmHg()};
    const double dt = circulation_.dt_s();
    const double a = reset ? 1.0 : dt / (k_heart_average_s + dt);
    for (std::size_t i = 0; i < raw.size(); ++i) shown_[i] += a * (raw[i] - shown_[i]);
}

void LiveSimulation::record_heart() {
    if (!heart_history_.empty() &&
        circulation_.time_s() - heart_history_.back().time_s < kHeartSampleS - 1e-9)
        return;
    heart_history_.push_back(heart_now());
    while (heart_history_.back().time_s - heart_history_.front().time_s > heart_history_s)
        heart_history_.pop_front();
}

// Steps to a clock of its own (the leg's remainder-carrying advance and the circulation's may
// round differently), sampling the plots as it goes.
void LiveSimulation::advance_heart(double seconds) {
    heart_until_s_ += seconds;
    const double half_step = 0.5 * circulation_.dt_s();
    while (circulation_.time_s() < heart_until_s_ - half_step) {
        circulation_.step();
        smooth_heart(false);
        record_heart();
    }
}

double LiveSimulation::leg_volume_gain_pct() const {
    double now = model_.leg_blood_volume_ml() + model_.interstitial_excess_ml(sim::Tissue::Foot) +
                 model_.interstitial_excess_ml(sim::Tissue::Calf);
    return 100.0 * (now - baseline_leg_ml_) / model_.tissue_volume_ml();
}

void LiveSimulation::record() {
    LiveSample s;
    s.time_s = model_.time_s();
    s.gsv_ankle_mmHg = static_cast<float>(model_.gsv_ankle_pressure());
    s.deep_ankle_mmHg = static_cast<float>(model_.deep_ankle_pressure());
    s.calf_volume_ml = static_cast<float>(model_.calf_venous_volume_ml());
    s.popliteal_flow_ml_s = static_cast<float>(model_.popliteal_flow_ml_s());
    if (!history_.empty() && s.time_s - history_.back().time_s < 1.0 / 60.0) return;
    s.soleus_mmHg = static_cast<float>(model_.muscle_pressure_mmHg(sim::Muscle::Soleus));
    s.activity = model_.activity().kind;
    s.speed_kmh = static_cast<float>(model_.activity().speed_kmh);
    s.posture = model_.posture();
    s.leg_swelling_pct = static_cast<float>(leg_volume_gain_pct());
    history_.push_back(s);
    while (!history_.empty() && history_.back().time_s - history_.front().time_s > history_s)
        history_.pop_front();
}

void LiveSimulation::single_step() {
    model_.advance(0.02);
    advance_heart(0.02);
    record();
}

void LiveSimulation::advance(double wall_s, double max_step_ms) {
    if (paused_ || wall_s <= 0) return;
    const double lapse = std::clamp(scenario_.time_lapse, 1.0, 10000.0);
    beat_phase_ = std::fmod(beat_phase_ + wall_s * circulation_.heart_rate_bpm() / 60.0, 1.0);
    double remaining = wall_s * lapse;
    const auto start = std::chrono::steady_clock::now();
    auto budget_left = [&] {
        return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                   .count() < max_step_ms;
    };
    while (remaining > 1e-9 && budget_left()) {
        // Break schedule (only while seated with breaks configured).
        double chunk = remaining;
        if (scenario_.breaks && scenario_.posture == sim::Posture::Sitting) {
            double phase_len =
                (on_break_ ? scenario_.breaks->minutes : scenario_.breaks->every_min) * 60.0;
            chunk = std::min(chunk, std::max(0.0, phase_len - since_break_s_));
            if (chunk <= 1e-9) {
                on_break_ = !on_break_;
                since_break_s_ = 0;
                apply_phase();
                continue;
            }
        }
        if (lapse > 60.0) {
            // Hours in seconds: a short fast window per frame (its phase drifts from frame to
            // frame, so periodic activities average out), then the slow system for the rest.
            model_.fast_forward(chunk, std::min(chunk, 0.25));
            advance_heart(std::min(chunk, k_heart_window_s));
        } else {
            chunk = std::min(chunk, 0.05); // small slices keep the cost check responsive
            model_.advance(chunk);
            advance_heart(chunk);
        }
        remaining -= chunk;
        since_break_s_ += chunk;
        if (scenario_.posture == sim::Posture::Sitting && !on_break_) seated_s_ += chunk;
        record();
    }
}

} // namespace sh::app
