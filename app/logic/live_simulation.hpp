#pragma once
// Runs the simulator behind the program: wall time x time-lapse in fixed substeps, hours of
// sitting fast-forwarded through the slow system, and the live signals the panel plots (the last
// 20 s of ankle pressure, calf volume and popliteal flow) with a bounded cost per frame, so a
// slow machine shows the leg slower instead of freezing.
//
// Beside the leg on screen it runs the closed circulation with the heart (sim/circulation.hpp,
// issue 11) under the same settings (posture, activity, valves, interventions), for the heart's
// numbers: stroke volume, heart rate, cardiac output and mean arterial pressure over the last
// 60 s. The leg on screen stays the standalone leg (its fixed central venous pressure by
// posture, as every other screen and reference image shows it); the circulation's own leg feeds
// the heart. Both are stepped in the same fixed steps, so the heart doubles the cost of a frame
// at real time (a leg step is about 1.5 us: 17 steps per 60 Hz frame each).

#include "circulation.hpp"
#include "leg_model.hpp"
#include "scenario.hpp"

#include <array>
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

// The heart's numbers at one moment (sim::Circulation's readouts, beat-averaged).
struct HeartSample {
    double time_s = 0; // the circulation's clock
    float stroke_volume_ml = 0;
    float heart_rate_bpm = 0;
    float cardiac_output_l_min = 0;
    float mean_arterial_mmHg = 0;
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
    // The interventions the leg has now (the stocking, elevation, IPC and calf strength of the
    // settings): what the renderer draws on the leg.
    const sim::Interventions& interventions() const { return model_.interventions(); }

    // The heart (issue 11). The circulation advances with the leg in real time; above a
    // time-lapse of 60 (hours of sitting) it advances at most k_heart_window_s per frame, so its
    // reflexes still settle in a few seconds of wall time while the leg fast-forwards.
    const sim::Circulation& circulation() const { return circulation_; }
    // The heart's numbers as a bedside monitor shows them: averaged over the last
    // k_heart_average_s (a few beats, more than a 1.3 s stride: walking pumps the central
    // venous pressure, and with it the stroke volume, at every step).
    HeartSample heart_now() const;
    static constexpr double k_heart_average_s = 2.0;
    // The last `heart_history_s` seconds of the heart's numbers, oldest first (5 per second).
    const std::deque<HeartSample>& heart_history() const { return heart_history_; }
    double heart_history_s = 60.0;
    // 0..1 through the current beat, for drawing: it advances with wall time at the model's
    // heart rate (not with the time-lapse, which would make a flicker of it), and stops when
    // paused.
    double beat_phase() const { return beat_phase_; }
    static constexpr double k_heart_window_s = 0.25;
    // Simulated seconds the circulation settles in the start settings before the first frame:
    // its reflex lags are 4-20 s and the legs' pooling takes about a minute (docs/heart.md).
    static constexpr double k_heart_settle_s = 90.0;
    double seated_hours() const { return seated_s_ / 3600.0; }
    double leg_volume_gain_pct() const;
    // The last `history_s` seconds of simulated signals, oldest first (60 Hz at most).
    const std::deque<LiveSample>& history() const { return history_; }
    double history_s = 20.0;

private:
    void rebuild();
    void record();
    void record_heart();
    void apply_phase();
    void advance_heart(double seconds);
    void smooth_heart(bool reset);

    sim::Scenario scenario_;
    sim::LegModel model_;
    bool paused_ = false;
    double seated_s_ = 0;
    double baseline_leg_ml_ = 0;
    double since_break_s_ = 0;
    bool on_break_ = false;
    std::deque<LiveSample> history_;
    sim::Circulation circulation_;
    std::deque<HeartSample> heart_history_;
    double heart_until_s_ = 0;      // the circulation's target clock
    std::array<double, 4> shown_{}; // SV, HR, CO, MAP averaged (heart_now)
    double beat_phase_ = 0;
};

} // namespace sh::app
