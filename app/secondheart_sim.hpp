// The simulator side of the secondheart frame: a sim::LegModel advanced by the frame's wall time
// times the time-lapse (fixed substeps inside LegModel::advance), the panel's edits applied to it,
// and the FlowFrame handed to the renderer every frame.
#pragma once

#include "control_panel.hpp"
#include "leg_model.hpp"
#include "scenario.hpp"
#include "vein_data.hpp"

#include <optional>

namespace sh::app {

class SimDriver {
public:
    // Without a scenario: standing for k_default_stand_s, then walking at 3 km/h.
    explicit SimDriver(std::optional<sim::Scenario> scenario);

    // Advances by wall_dt_s x time-lapse (nothing while paused) and refreshes the flow frame.
    // Returns the simulated seconds advanced.
    double advance(double wall_dt_s);

    // The panel's state at start-up (conditions, activity of the scenario).
    void init_panel(ui::PanelState& panel) const;
    void apply_edits(const ui::PanelState& panel, const ui::PanelEdits& edits);
    // Live numbers into the panel; also reflects the default stand -> walk switch.
    void update_panel(ui::PanelState& panel) const;

    const VeinGeometry& geometry() const noexcept { return geometry_; }
    const FlowFrame& flow() const noexcept { return flow_; }
    bool paused() const noexcept { return paused_; }

    static constexpr double k_default_stand_s = 5.0;

private:
    sim::Scenario scenario_;
    bool scripted_walk_; // the default stand-then-walk script is still in charge
    sim::LegModel model_;
    VeinGeometry geometry_;
    FlowFrame flow_;
    bool paused_ = false;
};

} // namespace sh::app
