#include "post/post_pass.hpp"

#include "pipelines.hpp"
#include "vk_check.hpp"

#include <stdexcept>

namespace sh {
namespace {

struct PostPush {
    float inv_dst[2];
    float inv_src[2];
    std::uint32_t dst_size[2];
    std::uint32_t fxaa;
    std::uint32_t pad;
};
static_assert(sizeof(PostPush) == 32);

constexpr std::uint32_t k_tile = 8; // local_size of post_fxaa.comp

} // namespace

Result<PostPass> create_post_pass(const Device& device) {
    const VkDevice dev = device.get();
    PostPass p;
    const VkDescriptorSetLayoutBinding bindings[2] = {
        {0, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, VK_SHADER_STAGE_COMPUTE_BIT, nullptr},
        {1, VK_DESCRIPTOR_TYPE_STORAGE_IMAGE, 1, VK_SHADER_STAGE_COMPUTE_BIT, nullptr}};
    VkDescriptorSetLayoutCreateInfo set_info{};
    set_info.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO;
    set_info.bindingCount = 2;
    set_info.pBindings = bindings;
    VkDescriptorSetLayout set_layout = VK_NULL_HANDLE;
    VkResult r = vkCreateDescriptorSetLayout(dev, &set_info, nullptr, &set_layout);
    if (r != VK_SUCCESS) return Error{"vkCreateDescriptorSetLayout failed", {vk_result_name(r)}};
    p.set_layout_ = UniqueDescriptorSetLayout(dev, set_layout);

    auto layout =
        create_pipeline_layout(dev, set_layout, VK_SHADER_STAGE_COMPUTE_BIT, sizeof(PostPush));
    if (!layout) return layout.error();
    p.layout_ = layout.take();
    auto pipeline = create_compute_pipeline(dev, p.layout_.get(), "post_fxaa.comp");
    if (!pipeline) return pipeline.error();
    p.pipeline_ = pipeline.take();

    // Linear: the AA's shifted taps and the upscale both interpolate. Clamp: edge pixels.
    auto sampler = create_clamped_sampler(dev, VK_FILTER_LINEAR);
    if (!sampler) return sampler.error();
    p.sampler_ = sampler.take();
    return p;
}

Result<bool> PostPass::attach(const Device& device, const OffscreenTarget& source,
                              const OffscreenTarget& output) {
    if (!source.has_sampled_color())
        return Error{"post pass: the source colour image cannot be sampled (linear)", {}};
    if (!output.has_storage())
        return Error{"post pass: the output colour image has no STORAGE usage", {}};
    if (source.color().get() == output.color().get())
        return Error{"post pass: source and output must be different images", {}};
    const VkDevice dev = device.get();
    pool_.reset();
    set_ = VK_NULL_HANDLE;
    const VkDescriptorPoolSize sizes[2] = {{VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1},
                                           {VK_DESCRIPTOR_TYPE_STORAGE_IMAGE, 1}};
    auto pool = create_descriptor_pool(dev, std::span(sizes), 1u);
    if (!pool) return pool.error();
    pool_ = pool.take();
    auto set = allocate_descriptor_set(dev, pool_.get(), set_layout_.get());
    if (!set) return set.error();
    set_ = set.value();

    const VkDescriptorImageInfo src{sampler_.get(), source.color().view(),
                                    VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL};
    const VkDescriptorImageInfo dst{VK_NULL_HANDLE, output.color().view(), VK_IMAGE_LAYOUT_GENERAL};
    VkWriteDescriptorSet writes[2]{};
    for (std::uint32_t i = 0; i < 2; ++i) {
        writes[i].sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET;
        writes[i].dstSet = set_;
        writes[i].dstBinding = i;
        writes[i].descriptorCount = 1;
    }
    writes[0].descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
    writes[0].pImageInfo = &src;
    writes[1].descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_IMAGE;
    writes[1].pImageInfo = &dst;
    vkUpdateDescriptorSets(dev, 2, writes, 0, nullptr);
    source_image_ = source.color().get();
    output_image_ = output.color().get();
    source_extent_ = source.extent();
    output_extent_ = output.extent();
    return true;
}

void PostPass::record(VkCommandBuffer cmd, bool fxaa) const {
    if (set_ == VK_NULL_HANDLE) throw std::logic_error("PostPass::record: call attach first");
    PostPush push{};
    push.inv_dst[0] = 1.0f / static_cast<float>(output_extent_.width);
    push.inv_dst[1] = 1.0f / static_cast<float>(output_extent_.height);
    push.inv_src[0] = 1.0f / static_cast<float>(source_extent_.width);
    push.inv_src[1] = 1.0f / static_cast<float>(source_extent_.height);
    push.dst_size[0] = output_extent_.width;
    push.dst_size[1] = output_extent_.height;
    push.fxaa = fxaa ? 1u : 0u;
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, pipeline_.get());
    vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, layout_.get(), 0, 1, &set_, 0,
                            nullptr);
    vkCmdPushConstants(cmd, layout_.get(), VK_SHADER_STAGE_COMPUTE_BIT, 0, sizeof(push), &push);
    vkCmdDispatch(cmd, (output_extent_.width + k_tile - 1) / k_tile,
                  (output_extent_.height + k_tile - 1) / k_tile, 1);
}

void PostPass::record_post(VkCommandBuffer cmd, OffscreenTarget& source, OffscreenTarget& output,
                           bool fxaa) const {
    if (source.color().get() != source_image_ || output.color().get() != output_image_)
        throw std::logic_error("PostPass::record_post: targets differ from the attached ones");
    // Source: RAW, the shader samples what the scene's attachment writes and the splat's
    // storage writes left (layout -> SHADER_READ_ONLY). Output: WAW/WAR against its earlier
    // writes and reads (previous frame's UI pass, readback and blit), contents discarded.
    source.begin_color_sampling(cmd);
    output.begin_color_overwrite(cmd);
    record(cmd, fxaa);
    // Output: RAW for the UI overlay and the copies that follow. Source: WAR, its next clear
    // waits for these reads (layout back to COLOR_ATTACHMENT_OPTIMAL).
    output.end_color_overwrite(cmd);
    source.end_color_sampling(cmd);
}

} // namespace sh
