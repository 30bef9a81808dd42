#include "scene/leg_poser.hpp"

#include "pipelines.hpp"

#include <algorithm>

namespace sh::scene {
namespace {

// Pose set: 0 globals, 1 rest positions, 2 rest normals, 3 vein vertices, 4 valves,
// 5 VeinState, 6 posed positions, 7 posed normals, 8 posed rest points (shaders/pose_pass.h).
constexpr std::uint32_t k_pose_bindings = 9;

std::uint32_t surface_of(const MeshDraw& d) {
    return d.kind == StructureKind::Skin ? gpu::SCENE_SURFACE_SKIN : gpu::SCENE_SURFACE_PLAIN;
}

// One dispatch per run of consecutive meshes with the same surface (most of them plain).
std::vector<gpu::PosePush> mesh_runs(const std::vector<MeshDraw>& draws) {
    std::vector<gpu::PosePush> runs;
    for (const MeshDraw& d : draws) {
        if (!runs.empty() && runs.back().surface == surface_of(d) &&
            runs.back().source + runs.back().count == d.vertex_offset) {
            runs.back().count += d.vertex_count;
            continue;
        }
        runs.push_back({d.vertex_offset, d.vertex_offset, d.vertex_count, surface_of(d)});
    }
    return runs;
}

} // namespace

Result<LegPoser> create_leg_poser(const Device& device, const MeshRenderer& meshes,
                                  const VeinRenderer& veins, VkBuffer globals,
                                  VkBuffer vein_state) {
    LegPoser p;
    p.mesh_runs_ = mesh_runs(meshes.draws());
    // The stocking: the skin's vertex span again, right after the meshes.
    std::uint32_t skin_begin = meshes.vertex_count(), skin_end = 0;
    for (const MeshDraw& d : meshes.draws()) {
        if (d.kind != StructureKind::Skin) continue;
        skin_begin = std::min(skin_begin, d.vertex_offset);
        skin_end = std::max(skin_end, d.vertex_offset + d.vertex_count);
    }
    const std::uint32_t skin_span = skin_end > skin_begin ? skin_end - skin_begin : 0;
    p.stocking_shift_ = meshes.vertex_count() - skin_begin;
    for (const MeshDraw& d : meshes.draws()) {
        if (d.kind == StructureKind::Skin)
            p.stocking_runs_.push_back({d.vertex_offset, d.vertex_offset + p.stocking_shift_,
                                        d.vertex_count, gpu::SCENE_SURFACE_STOCKING});
    }
    p.vein_first_ = meshes.vertex_count() + skin_span;
    p.veins_ = {0, p.vein_first_, veins.vertex_count(), gpu::SCENE_SURFACE_PLAIN};
    p.valve_first_ = p.vein_first_ + veins.vertex_count();
    p.valves_ = {0, p.valve_first_, veins.valve_count(), gpu::SCENE_SURFACE_PLAIN};
    p.entry_count_ = p.valve_first_ + veins.valve_count() * gpu::VALVE_POINT_COUNT;

    const VkDeviceSize bytes = std::max<VkDeviceSize>(p.entry_count_, 1) * sizeof(glm::vec4);
    // TRANSFER_SRC: tests read them back; TRANSFER_DST: the host pose copies into them.
    const VkBufferUsageFlags usage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT |
                                     VK_BUFFER_USAGE_TRANSFER_SRC_BIT |
                                     VK_BUFFER_USAGE_TRANSFER_DST_BIT;
    for (Buffer* b : {&p.positions_, &p.normals_, &p.rest_}) {
        Result<Buffer> buffer = create_buffer(device, bytes, usage, MemoryUse::DeviceLocal);
        if (!buffer) return buffer.error();
        *b = buffer.take();
    }

    const VkDevice dev = device.get();
    Result<UniqueDescriptorSetLayout> set_layout =
        create_storage_set_layout(dev, k_pose_bindings, VK_SHADER_STAGE_COMPUTE_BIT);
    if (!set_layout) return set_layout.error();
    p.set_layout_ = set_layout.take();
    Result<UniqueDescriptorPool> pool = create_storage_pool(dev, 1, k_pose_bindings);
    if (!pool) return pool.error();
    p.pool_ = pool.take();
    Result<VkDescriptorSet> set = allocate_set(dev, p.pool_.get(), p.set_layout_.get());
    if (!set) return set.error();
    p.set_ = set.value();
    const VkBuffer bindings[k_pose_bindings] = {globals,
                                                meshes.positions().get(),
                                                meshes.normals().get(),
                                                veins.vertices().get(),
                                                veins.valves().get(),
                                                vein_state,
                                                p.positions_.get(),
                                                p.normals_.get(),
                                                p.rest_.get()};
    for (std::uint32_t b = 0; b < k_pose_bindings; ++b)
        write_storage_binding(dev, p.set_, b, bindings[b]);

    Result<UniquePipelineLayout> layout = create_pipeline_layout(
        dev, p.set_layout_.get(), VK_SHADER_STAGE_COMPUTE_BIT, sizeof(gpu::PosePush));
    if (!layout) return layout.error();
    p.layout_ = layout.take();
    const std::pair<UniquePipeline*, const char*> shaders[] = {
        {&p.meshes_pipeline_, "pose_meshes.comp"},
        {&p.veins_pipeline_, "pose_veins.comp"},
        {&p.valves_pipeline_, "pose_valves.comp"}};
    for (const auto& [pipeline, shader] : shaders) {
        Result<UniquePipeline> created = create_compute_pipeline(dev, p.layout_.get(), shader);
        if (!created) return created.error();
        *pipeline = created.take();
    }
    return p;
}

void LegPoser::dispatch(VkCommandBuffer cmd, VkPipeline pipeline, const gpu::PosePush& push,
                        std::uint32_t invocations) const {
    if (invocations == 0) return;
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, pipeline);
    vkCmdPushConstants(cmd, layout_.get(), VK_SHADER_STAGE_COMPUTE_BIT, 0, sizeof(push), &push);
    vkCmdDispatch(cmd, (invocations + gpu::POSE_WORKGROUP_SIZE - 1) / gpu::POSE_WORKGROUP_SIZE, 1,
                  1);
}

void LegPoser::record(VkCommandBuffer cmd, const PoseWork& work) const {
    vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, layout_.get(), 0, 1, &set_, 0,
                            nullptr);
    if (work.meshes)
        for (const gpu::PosePush& run : mesh_runs_)
            dispatch(cmd, meshes_pipeline_.get(), run, run.count);
    if (work.meshes && work.stocking)
        for (const gpu::PosePush& run : stocking_runs_)
            dispatch(cmd, meshes_pipeline_.get(), run, run.count);
    if (work.veins) dispatch(cmd, veins_pipeline_.get(), veins_, veins_.count);
    if (work.valves)
        dispatch(cmd, valves_pipeline_.get(), valves_, valves_.count * gpu::VALVE_POINT_COUNT);
}

} // namespace sh::scene
