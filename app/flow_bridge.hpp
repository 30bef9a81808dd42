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
#include <glm/vec3.hpp>
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

    // The skin's visible swelling for the next fills (cm along the skin's normal, the
    // exaggeration already applied): x foot, y ankle, z calf. Zero until set (app/logic/
    // leg_swelling computes it from the simulator's interstitial and venous volumes).
    void set_skin_swelling_cm(const glm::vec3& foot_ankle_calf_cm) {
        skin_swelling_cm_ = foot_ankle_calf_cm;
    }

private:
    void refresh_valve_failure(const sim::ValveSettings& valves);

    VeinStateTables tables_;
    std::vector<std::int8_t> valve_group_; // per link, -1 without a valve
    std::vector<float> valve_failure_;     // per link, from the settings below
    std::array<double, sim::kValveGroupCount> severity_{};
    bool failure_known_ = false;
    std::uint32_t outlet_ = 0;
    glm::vec3 skin_swelling_cm_{0.0f};
};

// The pose block of the frame's state from the simulator: the leg as drawn (LegModel::posed_leg,
// one phase with the muscle drive), the skin's swelling, and the stocking of the interventions.
void fill_pose_state(const sim::LegModel& model, const glm::vec3& skin_swelling_cm,
                     gpu::PoseState& out);

// The compression class of a stocking by its ankle pressure (RAL-GZ 387/1: I 18-21, II 23-32,
// III 34-46, IV 49 and above, mmHg; docs/heart.md): a pressure between two classes counts as
// the lower one, under 18 mmHg as 0.
int stocking_class(double ankle_mmHg);
// Where a stocking ends, as a rest height on the skeleton (scaled by `scale` to the body): a
// below-knee stocking at measuring point D (3 cm below the knee joint), a thigh-length one at G
// (6 cm below the hip joint), as sim::stocking_profile.
double stocking_top_cm(const sim::Skeleton& skeleton, double scale, sim::StockingLength length);

} // namespace sh::app
