#include "scene/vein_renderer.hpp"

#include "gpu_layouts.h"

namespace sh::scene {
namespace {
constexpr VkShaderStageFlags k_stages = VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT;
}

Result<VeinRenderer> create_vein_renderer(const Device& device, Uploader& uploader,
                                          const VeinGeometry& geometry, VkPipelineLayout layout) {
    VeinRenderer r;
    const VeinMesh mesh = build_vein_mesh(geometry);
    const std::vector<gpu::ValveInstance> valves = build_valves(geometry);
    r.index_count_ = static_cast<std::uint32_t>(mesh.indices.size());
    r.vertex_count_ = static_cast<std::uint32_t>(mesh.vertices.size());
    r.valve_count_ = static_cast<std::uint32_t>(valves.size());

    Result<Buffer> v =
        uploader.add(device, mesh.vertices.data(), mesh.vertices.size() * sizeof(gpu::VeinVertex),
                     VK_BUFFER_USAGE_STORAGE_BUFFER_BIT);
    if (!v) return v.error();
    r.vertices_ = v.take();
    Result<Buffer> i =
        uploader.add(device, mesh.indices.data(), mesh.indices.size() * sizeof(std::uint32_t),
                     VK_BUFFER_USAGE_INDEX_BUFFER_BIT);
    if (!i) return i.error();
    r.indices_ = i.take();
    Result<Buffer> b =
        uploader.add(device, valves.data(), valves.size() * sizeof(gpu::ValveInstance),
                     VK_BUFFER_USAGE_STORAGE_BUFFER_BIT);
    if (!b) return b.error();
    r.valves_ = b.take();
    if (!valves.empty()) {
        const std::vector<std::uint32_t> cusps = valve_cusp_indices(r.valve_count_);
        Result<Buffer> ci = uploader.add(device, cusps.data(), cusps.size() * sizeof(std::uint32_t),
                                         VK_BUFFER_USAGE_INDEX_BUFFER_BIT);
        if (!ci) return ci.error();
        r.valve_indices_ = ci.take();
    }
    r.host_vertices_ = mesh.vertices;
    r.host_valves_ = valves;

    ScenePipelineDesc desc;
    desc.vertex_shader = "scene_vein.vert";
    desc.fragment_shader = "scene_lit.frag";
    desc.layout = layout;
    desc.depth_write = false;
    desc.blend = Blend::Alpha;
    Result<UniquePipeline> tubes = create_scene_pipeline(device.get(), desc);
    if (!tubes) return tubes.error();
    r.tube_pipeline_ = tubes.take();

    desc.vertex_shader = "scene_valve.vert";
    desc.depth_write = true;
    desc.blend = Blend::None;
    desc.cull = VK_CULL_MODE_NONE; // thin cusps are seen from both sides
    Result<UniquePipeline> cusps = create_scene_pipeline(device.get(), desc);
    if (!cusps) return cusps.error();
    r.valve_pipeline_ = cusps.take();
    return r;
}

void VeinRenderer::record_valves(VkCommandBuffer cmd, VkPipelineLayout layout,
                                 std::uint32_t posed_first) const {
    if (valve_count_ == 0) return;
    gpu::ScenePush push{};
    push.color = {1, 1, 1, 1};
    push.params = {0.0f, 0.3f, 0.0f, 0.0f};
    push.first = 0;
    push.posed_first = posed_first;
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, valve_pipeline_.get());
    vkCmdBindIndexBuffer(cmd, valve_indices_.get(), 0, VK_INDEX_TYPE_UINT32);
    vkCmdPushConstants(cmd, layout, k_stages, 0, sizeof(push), &push);
    // One indexed draw: every cusp point projected once (not once per corner and valve, as an
    // instanced draw of the quads' corners did), and on lavapipe one pass through its vertex
    // pipeline instead of one per valve (this cost the walking frame about 3 ms of CPU).
    vkCmdDrawIndexed(cmd, valve_count_ * gpu::VALVE_VERTEX_COUNT, 1, 0,
                     static_cast<std::int32_t>(posed_first), 0);
}

void VeinRenderer::record_tubes(VkCommandBuffer cmd, VkPipelineLayout layout, float opacity,
                                std::uint32_t posed_first) const {
    if (index_count_ == 0) return;
    gpu::ScenePush push{};
    push.color = {1, 1, 1, opacity};
    // Opacity rises to ~1 at the silhouette: the tube reads as a tube, its middle lets the
    // blood particles and the valve cusps show through.
    push.params = {0.5f, 0.45f, 0.0f, 1.0f};
    push.posed_first = posed_first;
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, tube_pipeline_.get());
    vkCmdBindIndexBuffer(cmd, indices_.get(), 0, VK_INDEX_TYPE_UINT32);
    vkCmdPushConstants(cmd, layout, k_stages, 0, sizeof(push), &push);
    vkCmdDrawIndexed(cmd, index_count_, 1, 0, static_cast<std::int32_t>(posed_first), 0);
}

} // namespace sh::scene
