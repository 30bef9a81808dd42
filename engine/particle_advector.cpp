#include "particle_advector.hpp"

#include "barriers.hpp"
#include "pipelines.hpp"
#include "vk_check.hpp"

#include <string>

namespace sh {
namespace {

constexpr VkPipelineStageFlags2 k_compute = VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT;

} // namespace

Result<ParticleAdvector> create_particle_advector(const Device& device,
                                                  const ImmediateSubmitter& submitter,
                                                  std::span<const glm::vec4> polyline,
                                                  std::span<const float> velocities,
                                                  std::span<const gpu::Particle> initial) {
    if (polyline.size() < 2) return Error{"particle advector: polyline needs >= 2 points", {}};
    if (velocities.size() != polyline.size() - 1) {
        return Error{"particle advector: one velocity per segment expected",
                     {std::to_string(polyline.size() - 1) + " segments, " +
                      std::to_string(velocities.size()) + " velocities"}};
    }
    if (initial.empty()) return Error{"particle advector: no particles", {}};

    ParticleAdvector a;
    a.count_ = static_cast<std::uint32_t>(initial.size());
    a.point_count_ = static_cast<std::uint32_t>(polyline.size());

    Result<Buffer> particles =
        upload_device_buffer(device, submitter, initial.data(), initial.size_bytes(),
                             VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_SRC_BIT);
    if (!particles) return particles.error();
    Result<Buffer> points =
        upload_device_buffer(device, submitter, polyline.data(), polyline.size_bytes(),
                             VK_BUFFER_USAGE_STORAGE_BUFFER_BIT);
    if (!points) return points.error();
    Result<Buffer> speeds =
        upload_device_buffer(device, submitter, velocities.data(), velocities.size_bytes(),
                             VK_BUFFER_USAGE_STORAGE_BUFFER_BIT);
    if (!speeds) return speeds.error();
    a.particles_ = particles.take();
    a.points_ = points.take();
    a.velocities_ = speeds.take();

    const VkDevice dev = device.get();
    Result<UniqueDescriptorSetLayout> set_layout =
        create_storage_set_layout(dev, 3, VK_SHADER_STAGE_COMPUTE_BIT);
    if (!set_layout) return set_layout.error();
    a.set_layout_ = set_layout.take();

    const VkDescriptorPoolSize pool_size{VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 3};
    auto pool = create_descriptor_pool(dev, std::span(&pool_size, 1), 1u);
    if (!pool) return pool.error();
    a.pool_ = pool.take();
    auto set = allocate_descriptor_set(dev, a.pool_.get(), a.set_layout_.get());
    if (!set) return set.error();
    a.set_ = set.value();

    const VkDescriptorBufferInfo infos[3] = {{a.particles_.get(), 0, VK_WHOLE_SIZE},
                                             {a.points_.get(), 0, VK_WHOLE_SIZE},
                                             {a.velocities_.get(), 0, VK_WHOLE_SIZE}};
    VkWriteDescriptorSet writes[3]{};
    for (std::uint32_t i = 0; i < 3; ++i) {
        writes[i].sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET;
        writes[i].dstSet = a.set_;
        writes[i].dstBinding = i;
        writes[i].descriptorCount = 1;
        writes[i].descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
        writes[i].pBufferInfo = &infos[i];
    }
    vkUpdateDescriptorSets(dev, 3, writes, 0, nullptr);

    Result<UniquePipelineLayout> layout = create_pipeline_layout(
        dev, a.set_layout_.get(), VK_SHADER_STAGE_COMPUTE_BIT, sizeof(gpu::AdvectPush));
    if (!layout) return layout.error();
    a.layout_ = layout.take();
    Result<UniquePipeline> pipeline =
        create_compute_pipeline(dev, a.layout_.get(), "particle_advect.comp");
    if (!pipeline) return pipeline.error();
    a.pipeline_ = pipeline.take();
    return a;
}

void ParticleAdvector::record_step(VkCommandBuffer cmd, float dt) const {
    // RAW/WAW against the previous step's compute writes, and WAR against a previous draw's
    // vertex-shader reads (an execution dependency is enough for WAR).
    pipeline_barrier(
        cmd,
        {buffer_barrier(particles_.get(), k_compute | VK_PIPELINE_STAGE_2_VERTEX_SHADER_BIT,
                        VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT, k_compute,
                        VK_ACCESS_2_SHADER_STORAGE_READ_BIT |
                            VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT)},
        {});
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, pipeline_.get());
    vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, layout_.get(), 0, 1, &set_, 0,
                            nullptr);
    const gpu::AdvectPush push{dt, count_, point_count_, 0u};
    vkCmdPushConstants(cmd, layout_.get(), VK_SHADER_STAGE_COMPUTE_BIT, 0, sizeof(push), &push);
    const std::uint32_t groups =
        (count_ + gpu::PARTICLE_WORKGROUP_SIZE - 1) / gpu::PARTICLE_WORKGROUP_SIZE;
    vkCmdDispatch(cmd, groups, 1, 1);
}

void ParticleAdvector::record_barrier_for_draw(VkCommandBuffer cmd) const {
    // RAW: the vertex shader reads particle positions the compute shader wrote.
    pipeline_barrier(
        cmd,
        {buffer_barrier(particles_.get(), k_compute, VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT,
                        VK_PIPELINE_STAGE_2_VERTEX_SHADER_BIT,
                        VK_ACCESS_2_SHADER_STORAGE_READ_BIT)},
        {});
}

Result<std::vector<gpu::Particle>>
ParticleAdvector::read_back(const Device& device, const ImmediateSubmitter& submitter) const {
    auto host = download_compute_buffer(device, submitter, particles_);
    if (!host) return host.error();
    std::vector<gpu::Particle> out(count_);
    host.value().read(out.data(), out.size() * sizeof(gpu::Particle));
    return out;
}

} // namespace sh
