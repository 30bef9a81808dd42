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

} // namespace sh
