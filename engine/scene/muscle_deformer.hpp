// GPU contraction of the calf muscles (soleus, both gastrocnemius heads): one compute dispatch
// per muscle writes deformed positions and normals into the MeshRenderer's buffers, with the
// formula of anatomy/muscle_deform.hpp. The CPU side owns the rig (built once) and picks
// lambda and k per frame from a table of k solved at creation (solving k exactly costs ~40
// volume evaluations: too slow per frame, and k is smooth in the activation).
// The same pass thickens these muscles and the Achilles tendon (which does not contract) by
// the volume the pose squeezes out of them (anatomy/pose_volume.hpp; tables solved at
// creation, looked up per frame from the PoseState).
#pragma once

#include "anatomy/manifest.hpp"
#include "anatomy/mesh.hpp"
#include "anatomy/muscle_deform.hpp"
#include "anatomy/pose_volume.hpp"
#include "device.hpp"
#include "gpu_layouts.h"
#include "memory.hpp"
#include "result.hpp"
#include "scene/mesh_renderer.hpp"
#include "scene/scene_gpu.hpp"
#include "vk_handle.hpp"

#include <array>
#include <optional>
#include <vector>
#include <vulkan/vulkan.h>

namespace sh::scene {

struct DeformedMuscle {
    std::size_t draw = 0; // index into MeshRenderer::draws()
    std::size_t mesh = 0; // index into the meshes it was made from
    // VeinState::muscle_activation index (0 soleus, 1 gastroc); none: thickened, not contracted
    std::optional<std::size_t> activation_slot;
    anatomy::MuscleRig rig;
    anatomy::PoseVolumeTable pose_volume;
    std::vector<float> bulge_table; // k at activation i / (size - 1)
    float activation = 0.0f;        // this frame's, clamped to [0, 1]
    anatomy::MuscleDeformation current;
    // Per vertex, for the host twin (deform_on_host): the rest normal, the bulge's weight
    // sin(pi t) and the unit direction of the spine segment holding t.
    std::vector<glm::vec3> rest_normals;
    std::vector<float> bulge_weights;
    std::vector<glm::vec3> segment_axes;
    std::uint32_t rig_offset = 0;
    std::uint32_t spine_offset = 0;
};

// Which VeinState::muscle_activation slot drives a role (nothing for non-deformable roles).
std::optional<std::size_t> activation_slot(std::string_view role);
float anchor_value(const std::string& anchor); // "proximal" 0, "centre" 0.5, "distal" 1

class MuscleDeformer {
public:
    MuscleDeformer() = default;

    const std::vector<DeformedMuscle>& muscles() const noexcept { return muscles_; }
    // lambda and k for each muscle from the activations (clamped to [0, 1]).
    void set_activation(const std::array<float, 4>& activation);
    // The thickening of each piece for this frame's pose and (after set_activation) activation;
    // 1 when the pose is unwritten.
    void set_pose(const gpu::PoseState& pose);
    // Dispatches (outside rendering). The caller orders them after the previous frame's
    // vertex reads and before this frame's (SceneRenderer::record does).
    void record(VkCommandBuffer cmd) const;
    // The C++ twin of record() (muscle_deform.comp), for the leg posed on the host: the
    // deformed muscles' positions (w 1) and normals (w 0) written over their ranges of
    // `positions` and `normals`, laid out as MeshRenderer's buffers.
    void deform_on_host(glm::vec4* positions, glm::vec4* normals) const;

private:
    friend Result<MuscleDeformer>
    create_muscle_deformer(const Device&, Uploader&, const std::vector<anatomy::Mesh>&,
                           const std::vector<std::optional<anatomy::DeformSpec>>&,
                           const MeshRenderer&);
    std::vector<DeformedMuscle> muscles_;
    std::vector<std::uint32_t> vertex_offsets_;
    std::vector<std::uint32_t> vertex_counts_;
    Buffer rig_;
    Buffer spine_;
    UniqueDescriptorSetLayout set_layout_;
    UniqueDescriptorPool pool_;
    VkDescriptorSet set_ = VK_NULL_HANDLE;
    UniquePipelineLayout layout_;
    UniquePipeline pipeline_;
};

// `meshes` and `deform` as anatomy::LoadedLeg holds them (aligned); meshes without a spec
// or with a role that has no activation slot are left alone.
Result<MuscleDeformer> create_muscle_deformer(
    const Device& device, Uploader& uploader, const std::vector<anatomy::Mesh>& meshes,
    const std::vector<std::optional<anatomy::DeformSpec>>& deform, const MeshRenderer& renderer);

} // namespace sh::scene
