// FlowParticles: uploads, the update step's descriptor set and the step. The splat and point
// paths are in flow_particles_draw.cpp.
#include "particles/flow_particles.hpp"

#include "barriers.hpp"
#include "pipelines.hpp"
#include "vein_state.hpp"
#include "vk_check.hpp"

#include <algorithm>
#include <memory>

namespace sh {
namespace {

constexpr VkPipelineStageFlags2 k_compute = VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT;
constexpr std::uint32_t k_update_bindings = 6;

template <typename T>
Result<Buffer> upload_span(const Device& device, const ImmediateSubmitter& submitter,
                           std::span<const T> data, VkBufferUsageFlags usage) {
    return upload_device_buffer(device, submitter, data.data(), data.size_bytes(), usage);
}

} // namespace

std::uint32_t scale_to_device(const Device& device) {
    switch (device.properties().deviceType) {
    case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU:
        return 262144;
    case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU:
        return 100000;
    default:
        // CPU devices (lavapipe): 40-50 ms per frame at 1280x720 on two cores with the compute
        // splat and the CPU level of detail of the leg, of which the particle step and the
        // splat are about 40 % (bench/render_table.sh; docs/architecture.md, "The frame").
        return 100000;
    }
}

Result<FlowParticles> create_flow_particles(const Device& device,
                                            const ImmediateSubmitter& submitter,
                                            const VeinGeometry& geometry, VkBuffer vein_state,
                                            const FlowParticleOptions& options,
                                            std::span<const gpu::FlowParticle> initial) {
    if (geometry.compartments.empty())
        return Error{"flow particles: no compartments", {}, ErrorCode::InvalidInput};
    if (vein_state == VK_NULL_HANDLE)
        return Error{"flow particles: no vein state buffer", {}, ErrorCode::InvalidInput};
    FlowParticles fp;
    fp.options_ = options;
    fp.vein_state_ = vein_state;
    fp.tables_ = build_flow_tables(geometry);
    // The state at rest: the seeding's, and the host step's until the owner gives one (the
    // VeinStateBuffer holds it at creation too).
    std::unique_ptr<gpu::VeinState> rest;
    if (initial.empty() || options.host_step) {
        auto state_tables = build_vein_state_tables(geometry);
        if (!state_tables) return state_tables.error();
        rest = std::make_unique<gpu::VeinState>();
        write_rest_vein_state(state_tables.value(), *rest);
    }
    std::vector<gpu::FlowParticle> seeded;
    if (initial.empty()) {
        seeded = seed_flow_particles(fp.tables_, *rest, std::max(options.count, 1u), options.seed);
        initial = seeded;
    }

    gpu::FlowPush& push = fp.push_;
    push.particle_count = static_cast<std::uint32_t>(initial.size());
    push.compartment_count = static_cast<std::uint32_t>(fp.tables_.compartments.size());
    push.link_count = static_cast<std::uint32_t>(fp.tables_.links.size());
    push.outlet = fp.tables_.outlet;
    push.seed = options.seed;
    push.color_mode = options.color_mode;
    push.palette = options.palette;
    push.max_speed = options.max_speed_cm_s;
    push.speed_scale = options.speed_scale_cm_s;
    push.pressure_lo = options.pressure_lo_mmHg;
    push.pressure_hi = options.pressure_hi_mmHg;

    constexpr VkBufferUsageFlags k_storage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT;
    std::vector<gpu::FlowLinkGpu> links = fp.tables_.links;
    if (links.empty()) links.push_back({}); // a storage buffer may not be empty
    auto particles = upload_span(device, submitter, initial,
                                 k_storage | VK_BUFFER_USAGE_TRANSFER_SRC_BIT |
                                     VK_BUFFER_USAGE_TRANSFER_DST_BIT);
    if (!particles) return particles.error();
    auto points = upload_span<glm::vec4>(device, submitter, fp.tables_.points, k_storage);
    if (!points) return points.error();
    auto comps =
        upload_span<gpu::FlowCompartmentGpu>(device, submitter, fp.tables_.compartments, k_storage);
    if (!comps) return comps.error();
    auto link_buf = upload_span<gpu::FlowLinkGpu>(device, submitter, links, k_storage);
    if (!link_buf) return link_buf.error();
    auto adjacency = upload_span<std::uint32_t>(device, submitter, fp.tables_.adjacency, k_storage);
    if (!adjacency) return adjacency.error();
    fp.particles_ = particles.take();
    if (options.host_step) {
        fp.host_particles_.assign(initial.begin(), initial.end());
        fp.host_state_ = std::move(rest);
        for (Buffer& staging : fp.host_staging_) {
            if (!options.host_step_to_device) break;
            auto buffer = create_buffer(device, initial.size_bytes(),
                                        VK_BUFFER_USAGE_TRANSFER_SRC_BIT, MemoryUse::Upload);
            if (!buffer) return buffer.error();
            staging = buffer.take();
        }
    }
    fp.points_ = points.take();
    fp.compartments_ = comps.take();
    fp.links_ = link_buf.take();
    fp.adjacency_ = adjacency.take();
    const VkDevice dev = device.get();
    auto set_layout =
        create_storage_set_layout(dev, k_update_bindings, VK_SHADER_STAGE_COMPUTE_BIT);
    if (!set_layout) return set_layout.error();
    fp.update_set_layout_ = set_layout.take();

    // One pool for the update set and the point set; the splat set has its own pool because
    // it is rebuilt when the target changes.
    // The point set: the particles and the VeinState (its pose places them where drawn).
    const VkDescriptorPoolSize size{VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, k_update_bindings + 2u};
    auto pool = create_descriptor_pool(dev, std::span(&size, 1), 2u);
    if (!pool) return pool.error();
    fp.pool_ = pool.take();
    auto allocated = allocate_descriptor_set(dev, fp.pool_.get(), fp.update_set_layout_.get());
    if (!allocated) return allocated.error();
    fp.update_set_ = allocated.value();

    const VkBuffer buffers[k_update_bindings] = {fp.particles_.get(),    fp.points_.get(),
                                                 fp.compartments_.get(), fp.links_.get(),
                                                 fp.adjacency_.get(),    vein_state};
    VkDescriptorBufferInfo infos[k_update_bindings]{};
    VkWriteDescriptorSet writes[k_update_bindings]{};
    for (std::uint32_t i = 0; i < k_update_bindings; ++i) {
        infos[i] = {buffers[i], 0, VK_WHOLE_SIZE};
        writes[i].sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET;
        writes[i].dstSet = fp.update_set_;
        writes[i].dstBinding = i;
        writes[i].descriptorCount = 1;
        writes[i].descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
        writes[i].pBufferInfo = &infos[i];
    }
    vkUpdateDescriptorSets(dev, k_update_bindings, writes, 0, nullptr);

    auto layout = create_pipeline_layout(dev, fp.update_set_layout_.get(),
                                         VK_SHADER_STAGE_COMPUTE_BIT, sizeof(gpu::FlowPush));
    if (!layout) return layout.error();
    fp.update_layout_ = layout.take();
    auto pipeline = create_compute_pipeline(dev, fp.update_layout_.get(), "particles_flow.comp");
    if (!pipeline) return pipeline.error();
    fp.update_pipeline_ = pipeline.take();

    if (auto draw = create_flow_draw_pipelines(device, fp); !draw) return draw.error();
    return fp;
}

void FlowParticles::set_host_state(const gpu::VeinState& state) {
    if (host_state_) *host_state_ = state;
}

void FlowParticles::record_update(VkCommandBuffer cmd, float dt) {
    if (options_.host_step) {
        record_host_update(cmd, dt);
        return;
    }
    // RAW/WAW against the previous step's compute writes; WAR against the previous frame's
    // reads (splat compute, point vertex shader): the execution dependency covers those.
    pipeline_barrier(
        cmd,
        {buffer_barrier(particles_.get(), k_compute | VK_PIPELINE_STAGE_2_VERTEX_SHADER_BIT,
                        VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT, k_compute,
                        VK_ACCESS_2_SHADER_STORAGE_READ_BIT |
                            VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT)},
        {});
    const VkDescriptorSet set = update_set_;
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, update_pipeline_.get());
    vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, update_layout_.get(), 0, 1, &set,
                            0, nullptr);
    gpu::FlowPush push = push_;
    push.dt = dt;
    vkCmdPushConstants(cmd, update_layout_.get(), VK_SHADER_STAGE_COMPUTE_BIT, 0, sizeof(push),
                       &push);
    vkCmdDispatch(cmd,
                  (push.particle_count + gpu::PARTICLE_WORKGROUP_SIZE - 1) /
                      gpu::PARTICLE_WORKGROUP_SIZE,
                  1, 1);
}

Result<std::vector<gpu::FlowParticle>>
FlowParticles::read_back(const Device& device, const ImmediateSubmitter& submitter) const {
    // The host step without its copy to the device: the host's particles are the ones drawn.
    if (options_.host_step && !options_.host_step_to_device) return host_particles_;
    auto host = download_compute_buffer(device, submitter, particles_);
    if (!host) return host.error();
    std::vector<gpu::FlowParticle> out(push_.particle_count);
    host.value().read(out.data(), out.size() * sizeof(gpu::FlowParticle));
    return out;
}

} // namespace sh
