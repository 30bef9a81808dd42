// The anatomy meshes on the GPU: every mesh's rest positions and normals (vec4) in two shared
// device-local storage buffers and one index buffer, uploaded once. The muscles' ranges are
// rewritten each frame by MuscleDeformer, then LegPoser poses every vertex into its posed
// buffers, which the draws read (vertex pulling, the draw's vertexOffset into them). Draws opaque
// structures first and translucent ones afterwards, back to front, without depth writes.
#pragma once

#include "anatomy/mesh.hpp"
#include "device.hpp"
#include "gpu_layouts.h"
#include "memory.hpp"
#include "result.hpp"
#include "scene/scene_gpu.hpp"
#include "skeleton.hpp"
#include "vk_handle.hpp"

#include <cstdint>
#include <glm/vec3.hpp>
#include <glm/vec4.hpp>
#include <string>
#include <string_view>
#include <vector>
#include <vulkan/vulkan.h>

namespace sh::scene {

enum class StructureKind { Bone, Muscle, Tendon, Skin, Other };
StructureKind structure_kind(std::string_view role);

enum class RenderMode {
    Normal, // skin translucent, muscles opaque
    XRay,   // skin faint, muscles translucent: the deep veins and sinuses show
};

struct MeshDraw {
    std::string role;
    StructureKind kind = StructureKind::Other;
    std::uint32_t first_index = 0;
    std::uint32_t index_count = 0;
    std::uint32_t vertex_offset = 0;
    std::uint32_t vertex_count = 0;
    glm::vec3 centre{0.0f}; // bounds centre, for back-to-front sorting
};

// Per structure kind: linear albedo, opacity and look (see mesh_renderer.cpp for the values).
struct Material {
    glm::vec4 color{1.0f}; // linear rgb; a = base opacity when translucent
    float fresnel = 0.0f;  // opacity gained towards grazing angles
    float specular = 0.2f;
    float pattern = 0.0f; // ScenePush.params.z
    bool translucent = false;
};
Material material_for(StructureKind kind, RenderMode mode);
// The compression stocking's fabric (drawn over the skin, ScenePush::surface = stocking).
Material stocking_material(RenderMode mode);
// What a bone vertex writes into normal.w for shaders/pose.h: 1 thigh .. 4 toes.
float rigid_segment_code(const sim::SkinBinding& binding);

class MeshRenderer {
public:
    MeshRenderer() = default;

    const std::vector<MeshDraw>& draws() const noexcept { return draws_; }
    const Buffer& positions() const noexcept { return positions_; }
    const Buffer& normals() const noexcept { return normals_; }
    std::uint32_t vertex_count() const noexcept { return vertex_count_; }
    // The same rest positions (w 1) and normals (w the rigid segment) on the host, for the leg
    // posed on the host (LegPoser::pose_on_host).
    const std::vector<glm::vec4>& rest_positions() const noexcept { return rest_positions_; }
    const std::vector<glm::vec4>& rest_normals() const noexcept { return rest_normals_; }

    // Inside rendering, with the scene set bound on `layout`.
    void record_opaque(VkCommandBuffer cmd, VkPipelineLayout layout, RenderMode mode) const;
    // The skin's back faces (the far side of the envelope): call before other translucency.
    void record_skin_back(VkCommandBuffer cmd, VkPipelineLayout layout, RenderMode mode) const;
    // Translucent non-skin meshes back to front, seen from `eye`. False when there were none.
    bool record_translucent(VkCommandBuffer cmd, VkPipelineLayout layout, RenderMode mode,
                            const glm::vec3& eye) const;
    // The skin's front faces: the last scene draw.
    void record_skin_front(VkCommandBuffer cmd, VkPipelineLayout layout, RenderMode mode) const;
    // The compression stocking: the skin's front faces again, a knitted layer just outside it
    // up to PoseState::stocking.x (the fragment shader cuts it there), posed in its own range:
    // mesh vertex i at posed entry i + `stocking_shift` (LegPoser::stocking_shift). After the
    // skin.
    void record_stocking(VkCommandBuffer cmd, VkPipelineLayout layout, RenderMode mode,
                         std::uint32_t stocking_shift) const;

private:
    friend Result<MeshRenderer> create_mesh_renderer(const Device&, Uploader&,
                                                     const std::vector<anatomy::Mesh>&,
                                                     VkPipelineLayout);
    void draw(VkCommandBuffer cmd, VkPipelineLayout layout, const MeshDraw& d, const Material& m,
              std::uint32_t surface = gpu::SCENE_SURFACE_PLAIN,
              std::uint32_t posed_shift = 0) const;

    std::vector<MeshDraw> draws_;
    std::uint32_t vertex_count_ = 0;
    std::vector<glm::vec4> rest_positions_;
    std::vector<glm::vec4> rest_normals_;
    Buffer positions_;
    Buffer normals_;
    Buffer indices_;
    UniquePipeline opaque_;      // cull back, depth write
    UniquePipeline back_faces_;  // cull front, blend, no depth write
    UniquePipeline front_faces_; // cull back, blend, no depth write
};

Result<MeshRenderer> create_mesh_renderer(const Device& device, Uploader& uploader,
                                          const std::vector<anatomy::Mesh>& meshes,
                                          VkPipelineLayout layout);

} // namespace sh::scene
