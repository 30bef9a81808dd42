// The stage under the leg: a floor, a seat when sitting, a bed (and a wedge when the leg is
// raised) when lying, and a soft contact shadow, so that the posture reads at a glance from the
// back of a lecture hall. Drawn in the scene's opaque pass (SceneRenderer::record) from a plain
// description in the room frame of the drawn leg (cm, z up; the floor or the bed at the height
// sim::PosedLeg puts it), filled by the app (app/stage_layout) from the pose.
//
// Cheap on a CPU rasteriser: about 200 triangles, rebuilt and uploaded each frame (the foot's
// shadow follows the gait) with vkCmdUpdateBuffer. No shadow map: the floor's soft contact
// shadow is evaluated analytically on the CPU at the nodes of a coarse grid
// (gpu::STAGE_SHADOW_SIDE a side, engine/scene/stage_shadow.cpp) uploaded with it, and the
// fragment shader (shaders/stage.frag) only interpolates it; the seat's and the bed's few pixels
// keep the per-pixel analytic shadow.
#pragma once

#include "device.hpp"
#include "memory.hpp"
#include "result.hpp"
#include "stage_layout.h"
#include "vk_handle.hpp"

#include <array>
#include <glm/vec2.hpp>
#include <glm/vec3.hpp>
#include <glm/vec4.hpp>
#include <optional>
#include <vector>
#include <vulkan/vulkan.h>

namespace sh::gpu {
struct SceneGlobals;
}

namespace sh::scene {

struct StageBox {
    glm::vec3 min{0.0f}, max{0.0f};
};
// A posed segment of the leg as the shadow sees it: the segment a-b thickened by `radius`.
struct StageCapsule {
    glm::vec3 a{0.0f}, b{0.0f};
    float radius = 0.0f; // 0: unused
};
// A foam wedge under a raised leg, `width` across (x): its sloped top rises along y from the
// edge through `low` (on the bed) to the edge through `high`, where it drops back to low.z.
struct StageWedge {
    glm::vec3 low{0.0f}, high{0.0f};
    float width = 0.0f;
};

struct StageLayout {
    bool show = false;
    glm::vec2 floor_centre{0.0f};
    float floor_z = 0.0f;
    float floor_radius = 90.0f;   // the floor fades into the background over its outer 40 %
    std::optional<StageBox> seat; // a stool: this slab on four legs down to the floor
    std::optional<StageBox> bed;  // a mattress (this box) on four legs down to the floor
    std::optional<StageWedge> wedge;
    std::array<StageCapsule, gpu::STAGE_MAX_OCCLUDERS> occluders{};
};

// The triangles of a layout (a list, three vertices each; the floor disc's first), in linear
// colours of the palette
// (`light`: the light palette, else the dark one). Empty when the layout is not shown.
std::vector<gpu::StageVertex> build_stage_triangles(const StageLayout& layout, bool light);

// The frame's header: camera and lights from the scene's globals, colours of the palette
// (`background` as stored, gamma-encoded), the shadow's occluders and casters.
gpu::StageFrame stage_frame(const StageLayout& layout, const gpu::SceneGlobals& globals,
                            const std::array<float, 4>& background, bool light);

// The floor's contact shadow at the floor point p (0 light .. 1 full shadow colour): the leg's
// capsules and the furniture above the floor, evaluated analytically.
float floor_contact_shadow(const gpu::StageFrame& frame, const glm::vec3& p);
// Where the shadow grid's nodes lie (gpu::StageFrame::shadow_grid): a square over the disc.
glm::vec4 floor_shadow_grid(const StageLayout& layout);
// The shadow at every node of frame.shadow_grid (STAGE_SHADOW_SIDE^2 values, row by row).
void fill_floor_shadow(const gpu::StageFrame& frame, float* nodes);
// The floor's colour at every node (STAGE_SHADOW_SIDE^2, row by row) with `shadow` (what
// fill_floor_shadow wrote): stage_floor.frag's shading without the grid lines (the floor's
// colour darkened by the shadow, faded into the background towards the rim, gamma-encoded),
// packed RGBA8, r lowest (the texels of the image stage_floor.frag samples).
void fill_floor_colour(const gpu::StageFrame& frame, const float* shadow, std::uint32_t* nodes);
// Both for the whole grid, the rows in two halves on two threads (each half's shadow, then its
// colour): what the stage uploads each frame. The same values as the two above.
void fill_floor_nodes(const gpu::StageFrame& frame, float* shadow, std::uint32_t* colour);
// One node's colour before packing (gamma-encoded rgb, 0..1): what fill_floor_colour packs.
glm::vec3 floor_node_colour(const gpu::StageFrame& frame, const glm::vec2& at, float shadow);

// Most vertices a layout can have (the upload's buffer is sized for it).
constexpr std::size_t k_max_stage_vertices = 1024;

class StageRenderer {
public:
    StageRenderer() = default;
    // Outside rendering, before the scene's barrier that makes copies visible to the vertex and
    // fragment shaders: the frame's stage (camera and lights from the scene's globals) into the
    // buffer, and the floor's node colours from there into the image the floor samples (with
    // its own barriers, ending in SHADER_READ_ONLY for the fragment shader). `background` is
    // the palette's clear colour as stored (gamma-encoded).
    void record_upload(VkCommandBuffer cmd, const StageLayout& layout,
                       const gpu::SceneGlobals& globals, const std::array<float, 4>& background,
                       bool light);
    // Inside the scene's rendering, with the opaque draws; binds its own set. False (nothing
    // recorded) when the layout is hidden.
    bool record(VkCommandBuffer cmd) const;
    std::uint32_t vertex_count() const noexcept { return vertex_count_; }

private:
    friend Result<StageRenderer> create_stage_renderer(const Device& device);
    UniqueDescriptorSetLayout set_layout_;
    UniqueDescriptorPool pool_;
    VkDescriptorSet set_ = VK_NULL_HANDLE;
    UniquePipelineLayout layout_;
    UniquePipeline pipeline_;       // the seat and the bed (stage.frag)
    UniquePipeline floor_pipeline_; // the floor disc (stage_floor.frag), the list's first vertices
    Buffer buffer_;      // StageFrame, the shadow grid, then up to k_max_stage_vertices StageVertex
    Image floor_colour_; // RGBA8, a texel a shadow-grid node, sampled by stage_floor.frag
    UniqueSampler sampler_;
    bool floor_colour_written_ = false; // else its layout is still UNDEFINED
    std::vector<std::uint8_t> staging_;
    std::vector<float> shadow_nodes_;
    std::vector<std::uint32_t> colour_nodes_;
    std::uint32_t vertex_count_ = 0;
    std::uint32_t floor_vertex_count_ = 0;
};

Result<StageRenderer> create_stage_renderer(const Device& device);

} // namespace sh::scene
