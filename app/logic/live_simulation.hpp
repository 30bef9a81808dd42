#pragma once
// Runs the simulator behind the program: wall time x time-lapse in fixed substeps, hours of
// sitting fast-forwarded through the slow system, and the live signals the panel plots (the last
// 20 s of ankle pressure, calf volume and popliteal flow) with a bounded cost per frame, so a
// slow machine shows the leg slower instead of freezing.

#include "leg_model.hpp"
#include "scenario.hpp"

#include <deque>
#include <vector>

namespace sh::app {

struct LiveSample {
    double time_s = 0;
    float gsv_ankle_mmHg = 0;
    float deep_ankle_mmHg = 0;
    float calf_volume_ml = 0;
    float popliteal_flow_ml_s = 0;
    float soleus_mmHg = 0;
    // What the leg was doing (the CSV export's activity columns).
    sim::Activity activity = sim::Activity::Still;
    float speed_kmh = 0;
    sim::Posture posture = sim::Posture::Standing;
    float leg_swelling_pct = 0; // leg_volume_gain_pct()
};

class LiveSimulation {
public:
    explicit LiveSimulation(const sim::Scenario& scenario);

    // Replaces the settings (panel edit, lesson step). Height changes rebuild the model; otherwise
    // only what changed reaches it, and the gait keeps its phase (a new speed changes the cadence
    // from now on; a new kind of activity starts its cycle).
    void set_scenario(const sim::Scenario& scenario);
    const sim::Scenario& scenario() const { return scenario_; }

    // Advances by `wall_s` x time-lapse. With a time-lapse above 60 the fast system runs only a
    // window per frame and the slow one (swelling, stasis) takes the rest. At most
    // `max_step_ms` of computation per call: what does not fit is dropped (the clock slows).
    void advance(double wall_s, double max_step_ms = 8.0);
    void set_paused(bool p) { paused_ = p; }
    bool paused() const { return paused_; }
    // One fixed 20 ms step of simulated time, for the panel's single-step button.
    void single_step();

    const sim::LegModel& model() const { return model_; }
    double seated_hours() const { return seated_s_ / 3600.0; }
    double leg_volume_gain_pct() const;
    // The last `history_s` seconds of simulated signals, oldest first (60 Hz at most).
    const std::deque<LiveSample>& history() const { return history_; }
    double history_s = 20.0;

private:
    void rebuild();
    void record();
    void apply_phase();

    sim::Scenario scenario_;
    sim::LegModel model_;
    bool paused_ = false;
    double seated_s_ = 0;
    double baseline_leg_ml_ = 0;
    double since_break_s_ = 0;
    bool on_break_ = false;
    std::deque<LiveSample> history_;
};

} // namespace sh::app
