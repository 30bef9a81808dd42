#include "secondheart_sim.hpp"

#include "conditions.hpp"
#include "flow_bridge.hpp"
#include "network.hpp"

#include <algorithm>
#include <stdexcept>

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

sim::Scenario make(const char* condition, sim::Posture posture, sim::ActivitySpec activity,
                   double time_lapse, bool breaks = false) {
    sim::Scenario s;
    s.condition = condition;
    s.posture = posture;
    s.activity = activity;
    s.time_lapse = time_lapse;
    if (breaks) s.breaks = sim::SitBreaks{60, sim::Activity::Walking, 5};
    return s;
}

std::vector<float> column(const std::deque<LiveSample>& h, float LiveSample::*field) {
    std::vector<float> v;
    v.reserve(h.size());
    for (const LiveSample& s : h) v.push_back(s.*field);
    return v;
}

} // namespace

const std::vector<Preset>& presets() {
    using sim::Activity;
    using sim::Posture;
    // A long-haul flight plays 9 hours in about 30 s (x1000); a desk day with breaks 8 hours in
    // about 50 s (x600, so the walks are visible).
    static const std::vector<Preset> list = {
        {"Healthy walk", make("healthy", Posture::Standing, {Activity::Walking, 4.0}, 1)},
        {"Long-haul flight", make("healthy", Posture::Sitting, {Activity::Still, 0}, 1000)},
        {"Desk day with breaks",
         make("healthy", Posture::Sitting, {Activity::Still, 0}, 600, true)},
        {"Varicose veins", make("gsv-reflux", Posture::Standing, {Activity::Walking, 3.0}, 1)},
        {"Post-thrombotic leg",
         make("post-thrombotic", Posture::Standing, {Activity::Walking, 3.0}, 1)},
    };
    return list;
}

SimDriver::SimDriver(std::optional<sim::Scenario> scenario)
    : scripted_walk_(!scenario), live_(scenario ? *scenario : default_scenario()),
      geometry_(vein_geometry(sim::default_network(), live_.scenario().height_cm)),
      state_(std::make_unique<gpu::VeinState>()) {
    stand_until_s_ = live_.model().time_s() + k_default_stand_s;
    auto writer = VeinStateWriter::create(sim::default_network(), geometry_);
    if (!writer) throw std::runtime_error(writer.error().describe()); // the built-in network
    state_writer_ = writer.take();
    state_writer_.fill(live_.model(), *state_);
}

double SimDriver::advance(double wall_dt_s) {
    const double before = live_.model().time_s();
    const double wall = std::clamp(wall_dt_s, 0.0, k_max_wall_step_s);
    if (scripted_walk_ && !live_.paused() &&
        before + wall * live_.scenario().time_lapse >= stand_until_s_) {
        sim::Scenario s = live_.scenario();
        s.activity = {sim::Activity::Walking, 3.0};
        live_.set_scenario(s);
        scripted_walk_ = false;
    }
    live_.advance(wall, step_budget_ms_);
    state_writer_.fill(live_.model(), *state_);
    // Whatever changed the valves (panel, preset, lesson step), the numbers follow; a no-op
    // while they stay the same.
    clinical_.request({live_.scenario().height_cm, live_.scenario().valve_settings()});
    return live_.model().time_s() - before;
}

void SimDriver::set_scenario(const sim::Scenario& scenario) {
    scripted_walk_ = false;
    live_.set_scenario(scenario);
}

void SimDriver::init_panel(ui::PanelState& panel) const {
    panel.conditions = split_names(sim::condition_names());
    panel.presets.clear();
    for (const Preset& p : presets()) panel.presets.push_back(p.name);
    settings_to_panel(panel);
    update_panel(panel);
}

// The scenario's settings shown by the panel's controls.
void SimDriver::settings_to_panel(ui::PanelState& panel) const {
    const sim::Scenario& s = live_.scenario();
    const auto it = std::find(panel.conditions.begin(), panel.conditions.end(), s.condition);
    panel.condition =
        it == panel.conditions.end() ? 0 : static_cast<int>(it - panel.conditions.begin());
    const sim::ValveSettings v = s.valve_settings();
    for (std::size_t g = 0; g < panel.valve_severity.size(); ++g)
        panel.valve_severity[g] = static_cast<float>(v.severity[g]);
    panel.time_lapse = static_cast<float>(s.time_lapse);
    panel.breaks = s.breaks.has_value();
    panel.posture = s.posture == sim::Posture::Sitting    ? ui::PostureChoice::Sitting
                    : s.posture == sim::Posture::Standing ? ui::PostureChoice::Standing
                                                          : ui::PostureChoice::Lying;
}

void SimDriver::update_panel(ui::PanelState& panel) const {
    const sim::LegModel& model = live_.model();
    const sim::ActivitySpec& a = model.activity();
    panel.cadence_spm = 0;
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
    case sim::Activity::HeelRaises:
        panel.activity = ui::ActivityChoice::HeelRaises;
        break;
    case sim::Activity::AnklePumps:
        panel.activity = ui::ActivityChoice::AnklePumps;
        break;
    case sim::Activity::ToeTapping:
        panel.activity = ui::ActivityChoice::ToeTapping;
        break;
    default:
        panel.activity = ui::ActivityChoice::Standing;
        break;
    }
    panel.paused = live_.paused();
    panel.sim_time_s = model.time_s();
    panel.ankle_pressure_mmHg = static_cast<float>(model.gsv_ankle_pressure());
    panel.deep_ankle_pressure_mmHg = static_cast<float>(model.deep_ankle_pressure());
    panel.seated_hours = live_.seated_hours();
    panel.swelling_pct = static_cast<float>(live_.leg_volume_gain_pct());
    panel.vte_risk = static_cast<float>(model.relative_vte_risk());
    panel.clinical = {};
    if (const std::optional<ClinicalNumbers> c = clinical_.latest()) {
        panel.clinical.ready = c->error.empty();
        panel.clinical.error = c->error;
        panel.clinical.ambulatory_fall_mmHg = static_cast<float>(c->avp.fall_mmHg);
        panel.clinical.refill_time_s = static_cast<float>(c->avp.refill_time_s);
        panel.clinical.refill_capped = !c->avp.recovered;
        panel.clinical.ejection_fraction_pct = static_cast<float>(c->apg.ef_pct);
        panel.clinical.filling_index_ml_s = static_cast<float>(c->apg.vfi_mL_s);
    }
    const auto& h = live_.history();
    panel.plot_gsv_mmHg = column(h, &LiveSample::gsv_ankle_mmHg);
    panel.plot_deep_mmHg = column(h, &LiveSample::deep_ankle_mmHg);
    panel.plot_calf_volume_ml = column(h, &LiveSample::calf_volume_ml);
    panel.plot_popliteal_ml_s = column(h, &LiveSample::popliteal_flow_ml_s);
}

sim::Scenario SimDriver::panel_to_scenario(const ui::PanelState& panel) const {
    sim::Scenario s = live_.scenario();
    switch (panel.activity) {
    case ui::ActivityChoice::Standing:
        s.activity = {sim::Activity::Still, 0.0};
        break;
    case ui::ActivityChoice::Walking:
        s.activity = {sim::Activity::Walking, static_cast<double>(panel.walking_speed_kmh)};
        break;
    case ui::ActivityChoice::Running:
        s.activity = {sim::Activity::Running, static_cast<double>(panel.running_speed_kmh)};
        break;
    case ui::ActivityChoice::HeelRaises:
        s.activity = {sim::Activity::HeelRaises, 0.0};
        break;
    case ui::ActivityChoice::AnklePumps:
        s.activity = {sim::Activity::AnklePumps, 0.0};
        break;
    case ui::ActivityChoice::ToeTapping:
        s.activity = {sim::Activity::ToeTapping, 0.0};
        break;
    }
    s.posture = panel.posture == ui::PostureChoice::Sitting ? sim::Posture::Sitting
                : panel.posture == ui::PostureChoice::Lying ? sim::Posture::Lying
                                                            : sim::Posture::Standing;
    s.time_lapse = std::clamp(static_cast<double>(panel.time_lapse), 1.0, 10000.0);
    if (panel.breaks)
        s.breaks = sim::SitBreaks{60, sim::Activity::Walking, 5};
    else
        s.breaks.reset();
    return s;
}

void SimDriver::apply_edits(ui::PanelState& panel, const ui::PanelEdits& edits) {
    if (edits.pause) live_.set_paused(panel.paused);
    if (edits.step) live_.single_step();
    if (edits.preset && panel.preset >= 0 &&
        static_cast<std::size_t>(panel.preset) < presets().size()) {
        scripted_walk_ = false;
        live_.set_scenario(presets()[static_cast<std::size_t>(panel.preset)].scenario);
        settings_to_panel(panel);
        panel.preset = -1;
        return;
    }
    if (edits.activity || edits.posture || edits.sitting) {
        scripted_walk_ = false; // the user took over
        sim::Scenario s = panel_to_scenario(panel);
        // Walking, running and heel raises need the leg standing.
        if (edits.activity && s.activity.kind != sim::Activity::Still &&
            s.activity.kind != sim::Activity::AnklePumps &&
            s.activity.kind != sim::Activity::ToeTapping)
            s.posture = sim::Posture::Standing;
        live_.set_scenario(s);
        settings_to_panel(panel);
    }
    if (edits.condition && panel.condition >= 0 &&
        static_cast<std::size_t>(panel.condition) < panel.conditions.size()) {
        sim::Scenario s = live_.scenario();
        s.condition = panel.conditions[static_cast<std::size_t>(panel.condition)];
        s.valve_overrides = {};
        s.deep_obstruction.reset();
        live_.set_scenario(s);
        settings_to_panel(panel);
    }
    if (edits.valves) {
        sim::Scenario s = live_.scenario();
        for (std::size_t g = 0; g < panel.valve_severity.size(); ++g)
            s.valve_overrides[g] = static_cast<double>(panel.valve_severity[g]);
        live_.set_scenario(s);
    }
}

} // namespace sh::app
