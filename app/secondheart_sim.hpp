// The simulator side of the secondheart frame: the live simulation (app/logic/live_simulation:
// wall time x time-lapse in fixed substeps, hours of sitting fast-forwarded, breaks, the last
// 20 s of signals), the panel's edits and presets (the shipped scenario files,
// app/logic/shipped_scenarios) applied to it, and the gpu::VeinState handed to the renderer
// every frame (filled in place by app/flow_bridge's VeinStateWriter).
#pragma once

#include "clinical_numbers.hpp"
#include "control_panel.hpp"
#include "flow_bridge.hpp"
#include "leg_swelling.hpp"
#include "live_simulation.hpp"
#include "scenario.hpp"
#include "shipped_scenarios.hpp"
#include "vein_data.hpp"

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sh::app {

class SimDriver {
public:
    // Without a scenario: standing for k_default_stand_s, then walking at 3 km/h.
    explicit SimDriver(std::optional<sim::Scenario> scenario);

    // Advances by wall_dt_s x time-lapse (nothing while paused) and refreshes the state.
    // Returns the simulated seconds advanced.
    double advance(double wall_dt_s);

    // The panel's state at start-up (conditions, presets, the scenario's settings).
    void init_panel(ui::PanelState& panel) const;
    void apply_edits(ui::PanelState& panel, const ui::PanelEdits& edits);
    // "heart: stroke volume 70 mL, heart rate 79 /min, ...; interventions {...}" (the run's end,
    // which the window tests read).
    std::string heart_summary() const;
    // The heart's numbers, beat and last minute, for the panel, the lecture and patient screens.
    ui::HeartView heart_view() const;
    // Live numbers and plots into the panel; also reflects the default stand -> walk switch.
    void update_panel(ui::PanelState& panel) const;

    // Lessons and the mode screens: replace the settings (the default stand-then-walk script
    // stops), pause or resume.
    void set_scenario(const sim::Scenario& scenario);
    void set_paused(bool paused) { live_.set_paused(paused); }
    // How much the skin's swelling is exaggerated on screen (app/logic/leg_swelling), 1 to 10:
    // the settings' value, replaced by a scenario, preset or lesson step that names one and by
    // the panel's slider.
    void set_swelling_exaggeration(double x);
    double swelling_exaggeration() const noexcept { return exaggeration_; }
    // A camera that a scenario, preset or lesson step asked for, handed out once (the frame
    // loop turns the view to it).
    void request_camera(const sim::CameraSetting& camera) { camera_request_ = camera; }
    std::optional<sim::CameraSetting> take_camera_request() {
        return std::exchange(camera_request_, std::nullopt);
    }
    // The skin's growth written into the frame's state (true scale times the exaggeration).
    const SkinSwelling& skin_swelling() const noexcept { return swelling_; }
    // Milliseconds of simulation per frame before the clock slows (LiveSimulation::advance).
    // Headless runs lift it so that their images do not depend on the machine's speed.
    void set_step_budget_ms(double ms) { step_budget_ms_ = ms; }

    const VeinGeometry& geometry() const noexcept { return geometry_; }
    // The simulator's state for the renderer (the same storage every frame).
    const gpu::VeinState& state() const noexcept { return *state_; }
    double time_s() const { return live_.model().time_s(); }
    bool paused() const noexcept { return live_.paused(); }
    const LiveSimulation& live() const noexcept { return live_; }
    // The interventions on the leg now (the stocking the renderer draws, its class and length).
    const sim::Interventions& interventions() const noexcept { return live_.interventions(); }
    // The clinical protocol numbers for the current valves and height (measured in the
    // background; advance() asks for them whenever those change).
    const ClinicalMeasurer& clinical() const noexcept { return clinical_; }

    static constexpr double k_default_stand_s = 5.0;

private:
    void settings_to_panel(ui::PanelState& panel) const;
    // A new scenario's exaggeration and camera, when it names them.
    void adopt_view(const sim::Scenario& scenario);
    void update_swelling();
    sim::Scenario panel_to_scenario(const ui::PanelState& panel) const;

    bool scripted_walk_; // the default stand-then-walk script is still in charge
    double stand_until_s_ = 0;
    double step_budget_ms_ = 8.0;
    LiveSimulation live_;
    VeinGeometry geometry_;
    VeinStateWriter state_writer_;
    std::unique_ptr<gpu::VeinState> state_; // 16 KiB, allocated once
    ClinicalMeasurer clinical_;
    double exaggeration_ = 1.0;
    SkinSwelling swelling_;
    std::optional<sim::CameraSetting> camera_request_;
};

} // namespace sh::app
