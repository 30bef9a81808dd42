// The posed leg, once per frame: three compute passes (shaders/pose_meshes.comp,
// pose_veins.comp, pose_valves.comp) pose every vertex of the anatomy meshes, the vein tubes
// and the valve cusps' grid points with the frame's PoseState (shaders/pose.h) into shared
// posed position/normal/rest-point buffers. Every vertex shader of the leg (scene_mesh.vert,
// scene_vein.vert, scene_valve.vert, in all passes: opaque, skin back and front, stocking,
// x-ray) then only reads a posed vertex and projects it.
//
// Why: on lavapipe the vertex stage runs largely on one thread, compute on all of them, and the
// skin alone was posed three times a frame (back, front, stocking). Posing each vertex once in
// compute and reading it back in every pass costs a fraction of that.
//
// Layout of the posed buffers (one entry per posed vertex):
//   [0, V)                        every mesh vertex (index as in MeshRenderer's buffers); the
//                                 skin swollen along its normal (PoseState::skin_swelling_cm)
//   [stocking range]              a copy of the skin's vertices STOCKING_THICKNESS_CM further
//                                 out: the compression stocking (posed only when it is drawn)
//   [vein_first, + tube vertices) the vein tubes at the frame's radii
//   [valve_first, + valves x VALVE_POINT_COUNT) the valve cusps' grid points
#pragma once

#include "device.hpp"
#include "gpu_layouts.h"
#include "memory.hpp"
#include "result.hpp"
#include "scene/mesh_renderer.hpp"
#include "scene/muscle_deformer.hpp"
#include "scene/vein_renderer.hpp"
#include "vk_handle.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <vector>
#include <vulkan/vulkan.h>

namespace sh::scene {

// What this frame draws, so that nothing is posed for nothing.
struct PoseWork {
    // The anatomy meshes (and the stocking's range). False when nothing they depend on changed
    // since they were last posed: their posed entries are still right (SceneRenderer::record).
    bool meshes = true;
    bool stocking = false;
    bool veins = true;
    bool valves = true;
};

// What the leg's pose on the host reads each frame besides the rest geometry it keeps.
struct HostPoseFrame {
    const gpu::VeinState* state = nullptr;   // the frame's pose, radii and valve openings
    float vein_scale = 1.0f;                 // SceneGlobals::eye.w, the veins' exaggeration
    const MuscleDeformer* muscles = nullptr; // this frame's contraction and thickening
};

class LegPoser {
public:
    LegPoser() = default;

    // The posed buffers (vec4 per entry; TRANSFER_SRC, so tests can read them back).
    const Buffer& positions() const noexcept { return positions_; }
    const Buffer& normals() const noexcept { return normals_; }
    const Buffer& rest() const noexcept { return rest_; }
    // The stocking's copy of mesh vertex i is posed entry i + stocking_shift().
    std::uint32_t stocking_shift() const noexcept { return stocking_shift_; }
    std::uint32_t vein_first() const noexcept { return vein_first_; }
    std::uint32_t valve_first() const noexcept { return valve_first_; }
    std::uint32_t entry_count() const noexcept { return entry_count_; }

    // Dispatches (outside rendering). The caller orders them after this frame's muscle
    // deformation, globals and VeinState upload, and after the previous frame's vertex reads,
    // and before this frame's draws (SceneRenderer::record does).
    void record(VkCommandBuffer cmd, const PoseWork& work) const;

    // CPU devices: the same work on the host (leg_poser_host.cpp: the C++ twins of
    // muscle_deform.comp and the three pose passes, with SoftPose, in two halves on two
    // threads) into one of two mapped buffers in turn, which the command buffer copies into
    // the posed buffers. Why: lavapipe ran the pose passes at about 0.5 us per entry on its two
    // compute threads (27,400 posed entries, walking: 13-14 ms of the device's frame, and the
    // muscles' 4-5 ms more); on the host the work overlaps the device's previous frame (the
    // walking patient view: 76 -> 65 ms a frame, docs/architecture.md). enable_host_pose keeps host
    // copies of the rest geometry and makes the staging buffers; then pose_on_host replaces
    // record() (same ordering: after the previous frame's vertex reads, before this frame's
    // draws, which must wait for the copy: VK_PIPELINE_STAGE_2_COPY_BIT).
    std::optional<Error> enable_host_pose(const Device& device, const MeshRenderer& meshes,
                                          const VeinRenderer& veins);
    bool host_pose() const noexcept { return host_staging_[0].mapped() != nullptr; }
    void pose_on_host(VkCommandBuffer cmd, const PoseWork& work, const HostPoseFrame& frame);
    // Two frames in flight at most: a staging buffer is written again two poses later.
    static constexpr std::uint32_t k_host_staging_buffers = 2;

private:
    friend Result<LegPoser> create_leg_poser(const Device&, const MeshRenderer&,
                                             const VeinRenderer&, VkBuffer, VkBuffer);
    void dispatch(VkCommandBuffer cmd, VkPipeline pipeline, const gpu::PosePush& push,
                  std::uint32_t invocations) const;

    Buffer positions_;
    Buffer normals_;
    Buffer rest_;
    std::vector<gpu::PosePush> mesh_runs_;     // consecutive meshes of one surface, one each
    std::vector<gpu::PosePush> stocking_runs_; // the skin's vertices again, as the stocking
    gpu::PosePush veins_{};
    gpu::PosePush valves_{};
    std::uint32_t stocking_shift_ = 0;
    std::uint32_t vein_first_ = 0;
    std::uint32_t valve_first_ = 0;
    std::uint32_t entry_count_ = 0;
    UniqueDescriptorSetLayout set_layout_;
    UniqueDescriptorPool pool_;
    VkDescriptorSet set_ = VK_NULL_HANDLE;
    UniquePipelineLayout layout_;
    UniquePipeline meshes_pipeline_;
    UniquePipeline veins_pipeline_;
    UniquePipeline valves_pipeline_;

    // The host pose (enable_host_pose): each staging buffer holds positions, normals and rest
    // points of every entry, in that order.
    std::array<Buffer, k_host_staging_buffers> host_staging_;
    std::uint32_t host_slot_ = 0;
    std::vector<glm::vec4> host_rest_positions_; // the muscles' ranges deformed each pose
    std::vector<glm::vec4> host_rest_normals_;
    std::vector<gpu::VeinVertex> host_veins_;
    std::vector<gpu::ValveInstance> host_valves_;
    // One range of posed entries, as one dispatch of record() would pose it; reused storage.
    struct HostRange {
        enum class Kind { Mesh, Vein, Valve } kind;
        gpu::PosePush push;   // source, target, count (valves: valves), surface
        std::uint32_t points; // entries written: count, or count x VALVE_POINT_COUNT for valves
    };
    std::vector<HostRange> host_ranges_;
    std::vector<VkBufferCopy> host_regions_;
};

// `globals`: the scene's SceneGlobals buffer (the vein radius exaggeration); `vein_state`: the
// frame's VeinState buffer (the pose, radii and valve states). Both must outlive the poser.
Result<LegPoser> create_leg_poser(const Device& device, const MeshRenderer& meshes,
                                  const VeinRenderer& veins, VkBuffer globals, VkBuffer vein_state);

} // namespace sh::scene
