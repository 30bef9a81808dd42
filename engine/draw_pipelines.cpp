#include "draw_pipelines.hpp"

#include "pipelines.hpp"
#include "vk_check.hpp"

namespace sh {
namespace {
constexpr VkShaderStageFlags k_draw_stages =
    VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT;
}

Result<TriangleRenderer> create_triangle_renderer(const Device& device, VkFormat color_format,
                                                  VkFormat depth_format) {
    TriangleRenderer t;
    Result<UniquePipelineLayout> layout =
        create_pipeline_layout(device.get(), VK_NULL_HANDLE, k_draw_stages, sizeof(gpu::DrawPush));
    if (!layout) return layout.error();
    t.layout_ = layout.take();
    GraphicsPipelineDesc desc;
    desc.vertex_shader = "triangle.vert";
    desc.fragment_shader = "flat_color.frag";
    desc.layout = t.layout_.get();
    desc.color_format = color_format;
    desc.depth_format = depth_format;
    Result<UniquePipeline> pipeline = create_graphics_pipeline(device.get(), desc);
    if (!pipeline) return pipeline.error();
    t.pipeline_ = pipeline.take();
    return t;
}

void TriangleRenderer::record(VkCommandBuffer cmd, const gpu::DrawPush& push) const {
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipeline_.get());
    vkCmdPushConstants(cmd, layout_.get(), k_draw_stages, 0, sizeof(push), &push);
    vkCmdDraw(cmd, 3, 1, 0, 0);
}

Result<ParticleRenderer> create_particle_renderer(const Device& device, VkFormat color_format,
                                                  VkFormat depth_format, const Buffer& particles) {
    const VkDevice dev = device.get();
    ParticleRenderer p;
    p.large_points_ = device.large_points();

    Result<UniqueDescriptorSetLayout> set_layout =
        create_storage_set_layout(dev, 1, VK_SHADER_STAGE_VERTEX_BIT);
    if (!set_layout) return set_layout.error();
    p.set_layout_ = set_layout.take();

    const VkDescriptorPoolSize pool_size{VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1};
    auto pool = create_descriptor_pool(dev, std::span(&pool_size, 1), 1u);
    if (!pool) return pool.error();
    p.pool_ = pool.take();
    auto set = allocate_descriptor_set(dev, p.pool_.get(), p.set_layout_.get());
    if (!set) return set.error();
    p.set_ = set.value();

    const VkDescriptorBufferInfo info{particles.get(), 0, VK_WHOLE_SIZE};
    VkWriteDescriptorSet write{};
    write.sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET;
    write.dstSet = p.set_;
    write.dstBinding = 0;
    write.descriptorCount = 1;
    write.descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
    write.pBufferInfo = &info;
    vkUpdateDescriptorSets(dev, 1, &write, 0, nullptr);

    Result<UniquePipelineLayout> layout =
        create_pipeline_layout(dev, p.set_layout_.get(), k_draw_stages, sizeof(gpu::DrawPush));
    if (!layout) return layout.error();
    p.layout_ = layout.take();
    GraphicsPipelineDesc desc;
    desc.vertex_shader = "particles.vert";
    desc.fragment_shader = "flat_color.frag";
    desc.layout = p.layout_.get();
    desc.topology = VK_PRIMITIVE_TOPOLOGY_POINT_LIST;
    desc.color_format = color_format;
    desc.depth_format = depth_format;
    desc.depth_write = false; // translucent blood over opaque anatomy
    Result<UniquePipeline> pipeline = create_graphics_pipeline(dev, desc);
    if (!pipeline) return pipeline.error();
    p.pipeline_ = pipeline.take();
    return p;
}

void ParticleRenderer::record(VkCommandBuffer cmd, gpu::DrawPush push, std::uint32_t count) const {
    if (!large_points_) push.point_size = 1.0f; // sizes above 1 need the largePoints feature
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipeline_.get());
    vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, layout_.get(), 0, 1, &set_, 0,
                            nullptr);
    vkCmdPushConstants(cmd, layout_.get(), k_draw_stages, 0, sizeof(push), &push);
    vkCmdDraw(cmd, count, 1, 0, 0);
}

} // namespace sh
