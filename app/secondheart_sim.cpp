#include "secondheart_sim.hpp"

#include "conditions.hpp"
#include "flow_bridge.hpp"
#include "network.hpp"
#include "scenario_interventions.hpp"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace sh::app {

namespace {

// A wall-clock hiccup (a dragged window, a debugger) must not turn into minutes of simulation.
constexpr double k_max_wall_step_s = 0.1;

// The panel's intervention lists index the simulator's enums directly.
static_assert(static_cast<int>(sim::StockingLength::Thigh) == 1 &&
              ui::k_stocking_lengths.size() == 2);
static_assert(static_cast<int>(sim::StockingMaterial::Inelastic) == 1 &&
              ui::k_stocking_materials.size() == 2);
static_assert(static_cast<int>(sim::IpcSite::None) == 0 &&
              static_cast<int>(sim::IpcSite::Foot) == 2 && ui::k_ipc_sites.size() == 3);
static_assert(static_cast<int>(sim::CalfStrength::Average) == 0 &&
              static_cast<int>(sim::CalfStrength::Deconditioned) == 3 &&
              ui::k_calf_strengths.size() == 4);

ui::InterventionControls to_controls(const sim::Interventions& iv) {
    ui::InterventionControls c;
    c.stocking_mmHg = static_cast<float>(iv.stocking_ankle_mmHg);
    c.stocking_length = static_cast<int>(iv.stocking_length);
    c.stocking_material = static_cast<int>(iv.stocking_material);
    c.elevate = iv.elevation_deg.has_value();
    if (iv.elevation_deg) c.elevation_deg = static_cast<float>(*iv.elevation_deg);
    c.ipc = static_cast<int>(iv.ipc);
    const sim::IpcCycle cycle =
        iv.ipc == sim::IpcSite::None ? sim::default_ipc_cycle(sim::IpcSite::Calf) : iv.ipc_cycle;
    c.ipc_pressure_mmHg = static_cast<float>(cycle.pressure_mmHg);
    c.ipc_on_s = static_cast<float>(cycle.on_s);
    c.ipc_off_s = static_cast<float>(cycle.off_s);
    c.calf_strength = static_cast<int>(iv.calf_strength);
    c.stocking_class = stocking_class_name(iv.stocking_ankle_mmHg);
    return c;
}

// The panel's controls onto the interventions now in force: a device chosen anew starts with its
// usual cycle (sim::default_ipc_cycle), otherwise the sliders' values, clamped to their ranges.
sim::Interventions from_controls(const ui::InterventionControls& c, const sim::Interventions& now) {
    sim::Interventions iv = now;
    iv.stocking_ankle_mmHg = std::clamp(static_cast<double>(c.stocking_mmHg), 0.0, 50.0);
    iv.stocking_length = static_cast<sim::StockingLength>(std::clamp(c.stocking_length, 0, 1));
    iv.stocking_material =
        static_cast<sim::StockingMaterial>(std::clamp(c.stocking_material, 0, 1));
    iv.elevation_deg.reset();
    if (c.elevate) iv.elevation_deg = std::clamp(static_cast<double>(c.elevation_deg), 0.0, 80.0);
    const auto site = static_cast<sim::IpcSite>(std::clamp(c.ipc, 0, 2));
    if (site != now.ipc) {
        iv.ipc = site;
        iv.ipc_cycle = sim::default_ipc_cycle(site);
    } else if (site != sim::IpcSite::None) {
        iv.ipc_cycle = {std::clamp(static_cast<double>(c.ipc_pressure_mmHg), 10.0, 200.0),
                        std::clamp(static_cast<double>(c.ipc_on_s), 1.0, 60.0),
                        std::clamp(static_cast<double>(c.ipc_off_s), 1.0, 600.0)};
    }
    iv.calf_strength = static_cast<sim::CalfStrength>(std::clamp(c.calf_strength, 0, 3));
    return iv;
}

} // namespace

// The heart's numbers now, the beat, and the last minute of each (app::LiveSimulation).
ui::HeartView SimDriver::heart_view() const {
    const LiveSimulation& live = live_;
    ui::HeartView v;
    const HeartSample now = live.heart_now();
    v.valid = true;
    v.stroke_volume_ml = now.stroke_volume_ml;
    v.heart_rate_bpm = now.heart_rate_bpm;
    v.cardiac_output_l_min = now.cardiac_output_l_min;
    v.mean_arterial_mmHg = now.mean_arterial_mmHg;
    v.beat_phase = static_cast<float>(live.beat_phase());
    const auto& h = live.heart_history();
    for (const HeartSample& s : h) {
        v.plot_stroke_volume_ml.push_back(s.stroke_volume_ml);
        v.plot_heart_rate_bpm.push_back(s.heart_rate_bpm);
        v.plot_cardiac_output_l_min.push_back(s.cardiac_output_l_min);
        v.plot_mean_arterial_mmHg.push_back(s.mean_arterial_mmHg);
    }
    return v;
}

std::string SimDriver::heart_summary() const {
    const HeartSample h = live_.heart_now();
    char line[192];
    std::snprintf(line, sizeof line,
                  "heart: stroke volume %.0f mL, heart rate %.0f /min, cardiac output %.1f L/min, "
                  "mean arterial pressure %.0f mmHg; interventions ",
                  static_cast<double>(h.stroke_volume_ml), static_cast<double>(h.heart_rate_bpm),
                  static_cast<double>(h.cardiac_output_l_min),
                  static_cast<double>(h.mean_arterial_mmHg));
    return line + sim::to_json(live_.interventions()).dump();
}

namespace {

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

std::vector<float> column(const std::deque<LiveSample>& h, float LiveSample::*field) {
    std::vector<float> v;
    v.reserve(h.size());
    for (const LiveSample& s : h) v.push_back(s.*field);
    return v;
}

} // namespace

SimDriver::SimDriver(std::optional<sim::Scenario> scenario)
    : scripted_walk_(!scenario), live_(scenario ? *scenario : default_scenario()),
      geometry_(vein_geometry(sim::default_network(), live_.scenario().height_cm)),
      state_(std::make_unique<gpu::VeinState>()) {
    stand_until_s_ = live_.model().time_s() + k_default_stand_s;
    auto writer = VeinStateWriter::create(sim::default_network(), geometry_);
    if (!writer) throw std::runtime_error(writer.error().describe()); // the built-in network
    state_writer_ = writer.take();
    adopt_view(live_.scenario());
    update_swelling();
    state_writer_.fill(live_.model(), *state_);
}

void SimDriver::set_swelling_exaggeration(double x) {
    exaggeration_ = std::isfinite(x) ? std::clamp(x, k_min_exaggeration, k_max_exaggeration) : 1.0;
}

void SimDriver::adopt_view(const sim::Scenario& scenario) {
    if (scenario.swelling_exaggeration) set_swelling_exaggeration(*scenario.swelling_exaggeration);
    if (scenario.camera) camera_request_ = scenario.camera;
}

namespace {
// The leg lying at rest, for a height: a quarter of a second of simulation, so kept for the
// heights already seen (the panel's height is fixed per scenario).
const LegFluidVolumes& rest_volumes_for(double height_cm) {
    static std::vector<std::pair<double, LegFluidVolumes>> known;
    for (const auto& [h, v] : known)
        if (h == height_cm) return v;
    known.emplace_back(height_cm, rest_fluid_volumes(sim::default_network(), height_cm));
    return known.back().second;
}
} // namespace

void SimDriver::update_swelling() {
    swelling_ =
        app::skin_swelling(live_.model(), rest_volumes_for(live_.scenario().height_cm), exaggeration_);
    state_writer_.set_skin_swelling_cm({swelling_.foot_cm, swelling_.ankle_cm, swelling_.calf_cm});
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
    update_swelling();
    state_writer_.fill(live_.model(), *state_);
    // Whatever changed the valves (panel, preset, lesson step), the numbers follow; a no-op
    // while they stay the same.
    clinical_.request({live_.scenario().height_cm, live_.scenario().valve_settings()});
    return live_.model().time_s() - before;
}

void SimDriver::set_scenario(const sim::Scenario& scenario) {
    scripted_walk_ = false;
    live_.set_scenario(scenario);
    adopt_view(scenario);
}

void SimDriver::init_panel(ui::PanelState& panel) const {
    panel.conditions = split_names(sim::condition_names());
    panel.presets.clear();
    for (const ShippedScenario& p : shipped_scenarios()) panel.presets.push_back(p.scenario.name);
    for (const std::string& problem : shipped_scenario_problems())
        std::fprintf(stderr, "secondheart: %s (preset left out)\n", problem.c_str());
    settings_to_panel(panel);
    update_panel(panel);
}

// The scenario's settings shown by the panel's controls.
void SimDriver::settings_to_panel(ui::PanelState& panel) const {
    const sim::Scenario& s = live_.scenario();
    panel.swelling_exaggeration = static_cast<float>(exaggeration_);
    const auto it = std::find(panel.conditions.begin(), panel.conditions.end(), s.condition);
    panel.condition =
        it == panel.conditions.end() ? 0 : static_cast<int>(it - panel.conditions.begin());
    const sim::ValveSettings v = s.valve_settings();
    for (std::size_t g = 0; g < panel.valve_severity.size(); ++g)
        panel.valve_severity[g] = static_cast<float>(v.severity[g]);
    panel.time_lapse = static_cast<float>(s.time_lapse);
    panel.breaks = s.breaks.has_value();
    // The panel offers standing, sitting and lying; the leg raised (a lesson's or protocol's
    // posture) shows as lying, which it is, with the leg on a wedge.
    panel.posture = sim::term_of(s.posture).on_panel ? s.posture : sim::Posture::Lying;
    panel.interventions = to_controls(s.interventions);
}

void SimDriver::update_panel(ui::PanelState& panel) const {
    const sim::LegModel& model = live_.model();
    const sim::ActivitySpec& a = model.activity();
    panel.cadence_spm = 0;
    // A one-shot manoeuvre (calf squeeze) is not on the panel: it shows as standing still.
    panel.activity = sim::is_sustained(a.kind) ? a.kind : sim::Activity::Still;
    if (a.kind == sim::Activity::Walking) {
        panel.walking_speed_kmh = static_cast<float>(a.speed_kmh);
        panel.cadence_spm = static_cast<float>(sim::walking_cadence_spm(a.speed_kmh));
    } else if (a.kind == sim::Activity::Running) {
        panel.running_speed_kmh = static_cast<float>(a.speed_kmh);
        panel.cadence_spm = static_cast<float>(sim::running_cadence_spm(a.speed_kmh));
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
    panel.heart = heart_view();
}

sim::Scenario SimDriver::panel_to_scenario(const ui::PanelState& panel) const {
    sim::Scenario s = live_.scenario();
    const double speed = panel.activity == sim::Activity::Walking   ? panel.walking_speed_kmh
                         : panel.activity == sim::Activity::Running ? panel.running_speed_kmh
                                                                    : 0.0f;
    s.activity = {panel.activity, speed};
    s.posture = panel.posture;
    s.time_lapse = std::clamp(static_cast<double>(panel.time_lapse), 1.0, 10000.0);
    if (panel.breaks)
        s.breaks = sim::SitBreaks{60, sim::Activity::Walking, 5};
    else
        s.breaks.reset();
    return s;
}

void SimDriver::apply_edits(ui::PanelState& panel, const ui::PanelEdits& edits) {
    if (edits.exaggeration) set_swelling_exaggeration(panel.swelling_exaggeration);
    if (edits.pause) live_.set_paused(panel.paused);
    if (edits.step) live_.single_step();
    if (edits.preset && panel.preset >= 0 &&
        static_cast<std::size_t>(panel.preset) < shipped_scenarios().size()) {
        scripted_walk_ = false;
        live_.set_scenario(shipped_scenarios()[static_cast<std::size_t>(panel.preset)].scenario);
        adopt_view(live_.scenario());
        settings_to_panel(panel);
        panel.preset = -1;
        return;
    }
    if (edits.activity || edits.posture || edits.sitting) {
        scripted_walk_ = false; // the user took over
        sim::Scenario s = panel_to_scenario(panel);
        // Walking, running and heel raises need the leg standing.
        if (edits.activity && sim::needs_standing(s.activity.kind))
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
    if (edits.interventions) {
        // Field-wise like the valves: the gait keeps its phase (sim::apply hands the model the
        // interventions only when they changed).
        scripted_walk_ = false;
        sim::Scenario s = live_.scenario();
        s.interventions = from_controls(panel.interventions, s.interventions);
        live_.set_scenario(s);
        panel.interventions = to_controls(s.interventions);
    }
    if (edits.valves) {
        sim::Scenario s = live_.scenario();
        for (std::size_t g = 0; g < panel.valve_severity.size(); ++g)
            s.valve_overrides[g] = static_cast<double>(panel.valve_severity[g]);
        live_.set_scenario(s);
    }
}

} // namespace sh::app
