#include "live_simulation.hpp"

#include <algorithm>
#include <chrono>

namespace sh::app {

LiveSimulation::LiveSimulation(const sim::Scenario& scenario)
    : scenario_(scenario), model_(sim::default_network(), {}, scenario.height_cm) {
    rebuild();
}

void LiveSimulation::rebuild() {
    model_ = sim::LegModel(sim::default_network(), {}, scenario_.height_cm);
    apply_phase();
    model_.advance(5.0); // settle the columns before the first frame
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
    record();
}

void LiveSimulation::advance(double wall_s, double max_step_ms) {
    if (paused_ || wall_s <= 0) return;
    const double lapse = std::clamp(scenario_.time_lapse, 1.0, 10000.0);
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
        } else {
            chunk = std::min(chunk, 0.05); // small slices keep the cost check responsive
            model_.advance(chunk);
        }
        remaining -= chunk;
        since_break_s_ += chunk;
        if (scenario_.posture == sim::Posture::Sitting && !on_break_) seated_s_ += chunk;
        record();
    }
}

} // namespace sh::app
