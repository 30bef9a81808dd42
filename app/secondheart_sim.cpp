#include "secondheart_sim.hpp"

#include "conditions.hpp"
#include "flow_bridge.hpp"
#include "network.hpp"

#include <algorithm>

namespace sh::app {

namespace {

// A wall-clock hiccup (a dragged window, a debugger) must not turn into minutes of simulation.
constexpr double k_max_wall_step_s = 0.1;

std::vector<std::string> split_names(const std::string& list) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= list.size()) {
        std::size_t end = list.find(", ", start);
        if (end == std::string::npos) end = list.size();
        if (end > start) out.push_back(list.substr(start, end - start));
        start = end + 2;
    }
    return out;
}

sim::Scenario default_scenario() {
    sim::Scenario s;
    s.name = "standing, then walking 3 km/h";
    s.posture = sim::Posture::Standing;
    s.activity = {sim::Activity::Still, 0.0};
    return s;
}

} // namespace

SimDriver::SimDriver(std::optional<sim::Scenario> scenario)
    : scenario_(scenario ? *scenario : default_scenario()), scripted_walk_(!scenario),
      model_(sim::default_network(), {}, scenario_.height_cm),
      geometry_(vein_geometry(sim::default_network(), scenario_.height_cm)) {
    sim::apply(scenario_, model_);
    fill_flow_frame(model_, flow_);
}

double SimDriver::advance(double wall_dt_s) {
    if (paused_) return 0.0;
    const double dt = std::clamp(wall_dt_s, 0.0, k_max_wall_step_s) * scenario_.time_lapse;
    if (scripted_walk_ && model_.time_s() + dt >= k_default_stand_s) {
        model_.set_activity({sim::Activity::Walking, 3.0});
        scripted_walk_ = false;
    }
    model_.advance(dt);
    fill_flow_frame(model_, flow_);
    return dt;
}

void SimDriver::init_panel(ui::PanelState& panel) const {
    panel.conditions = split_names(sim::condition_names());
    const auto it = std::find(panel.conditions.begin(), panel.conditions.end(), scenario_.condition);
    panel.condition = it == panel.conditions.end() ? 0 : static_cast<int>(it - panel.conditions.begin());
    update_panel(panel);
}

void SimDriver::update_panel(ui::PanelState& panel) const {
    const sim::ActivitySpec& a = model_.activity();
    // Other scenario activities (heel raises, ankle pumps ...) show as Standing for now.
    switch (a.kind) {
    case sim::Activity::Walking:
        panel.activity = ui::ActivityChoice::Walking;
        panel.walking_speed_kmh = static_cast<float>(a.speed_kmh);
        panel.cadence_spm = static_cast<float>(sim::walking_cadence_spm(a.speed_kmh));
        break;
    case sim::Activity::Running:
        panel.activity = ui::ActivityChoice::Running;
        panel.running_speed_kmh = static_cast<float>(a.speed_kmh);
        panel.cadence_spm = static_cast<float>(sim::running_cadence_spm(a.speed_kmh));
        break;
    default:
        panel.activity = ui::ActivityChoice::Standing;
        panel.cadence_spm = 0;
        break;
    }
    panel.paused = paused_;
    panel.sim_time_s = model_.time_s();
    panel.ankle_pressure_mmHg = static_cast<float>(model_.gsv_ankle_pressure());
}

void SimDriver::apply_edits(const ui::PanelState& panel, const ui::PanelEdits& edits) {
    if (edits.pause) paused_ = panel.paused;
    if (edits.activity) {
        scripted_walk_ = false; // the user took over
        sim::ActivitySpec spec;
        switch (panel.activity) {
        case ui::ActivityChoice::Standing: spec = {sim::Activity::Still, 0.0}; break;
        case ui::ActivityChoice::Walking:
            spec = {sim::Activity::Walking, static_cast<double>(panel.walking_speed_kmh)};
            break;
        case ui::ActivityChoice::Running:
            spec = {sim::Activity::Running, static_cast<double>(panel.running_speed_kmh)};
            break;
        }
        model_.set_posture(sim::Posture::Standing);
        model_.set_activity(spec);
    }
    if (edits.condition && panel.condition >= 0 &&
        static_cast<std::size_t>(panel.condition) < panel.conditions.size()) {
        scenario_.condition = panel.conditions[static_cast<std::size_t>(panel.condition)];
        scenario_.valve_overrides = {};
        scenario_.deep_obstruction.reset();
        model_.set_valves(scenario_.valve_settings());
    }
}

} // namespace sh::app
