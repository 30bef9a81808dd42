#pragma once
// The simulator-to-renderer bridge: the vein geometry (engine/vein_data.hpp) once, from the
// network the simulator reads, and the frame's gpu::VeinState (shaders/gpu_layouts.h) from the
// simulator's readouts. The one place that knows both sim/ and the engine's hand-over types.

#include "leg_model.hpp"
#include "network.hpp"
#include "result.hpp"
#include "vein_data.hpp"
#include "vein_state.hpp"

#include <array>
#include <cstdint>
#include <vector>

namespace sh::app {

// Geometry of the network scaled to a body height (the network file is for 175 cm).
VeinGeometry vein_geometry(const sim::Network& net, double height_cm = 175.0);

// Writes sim::LegModel's state into a gpu::VeinState, straight from the model's readouts
// (double -> float once), without allocating. What is fixed by the network (valve groups of the
// links, reference areas, the fallback recycling distribution) is computed once here.
class VeinStateWriter {
public:
    // For `geometry` = vein_geometry(net, height) (same compartment and link order). Refuses a
    // network larger than gpu::VeinState holds.
    static Result<VeinStateWriter> create(const sim::Network& net, const VeinGeometry& geometry);

    // The model's state now. Valve failure is a setting, not state: it is refreshed only when
    // the model's valve settings change.
    void fill(const sim::LegModel& model, gpu::VeinState& out);
    // A state with no flow (before the first fill).
    void fill_rest(gpu::VeinState& out) const { write_rest_vein_state(tables_, out); }

    const VeinStateTables& tables() const noexcept { return tables_; }

private:
    void refresh_valve_failure(const sim::ValveSettings& valves);

    VeinStateTables tables_;
    std::vector<std::int8_t> valve_group_; // per link, -1 without a valve
    std::vector<float> valve_failure_;     // per link, from the settings below
    std::array<double, sim::kValveGroupCount> severity_{};
    bool failure_known_ = false;
    std::uint32_t outlet_ = 0;
};

} // namespace sh::app
