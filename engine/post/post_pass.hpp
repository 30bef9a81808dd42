// The post pass: after the scene and the particle splat, before the UI overlay. One compute
// dispatch reads a finished colour image through a linear sampler and writes every pixel of
// another one (a storage image): FXAA-style anti-aliasing (shaders/post_fxaa.comp), and an
// upscale when the source is smaller (the render scale of CPU devices). Without AA it is a
// plain bilinear copy/upscale.
//
//   auto post = create_post_pass(device).take();
//   on resize (device idle):  post.attach(device, source_target, output_target);
//   per frame, after the splat:
//       source.begin_color_sampling(cmd); output.begin_color_overwrite(cmd);
//       post.record(cmd, fxaa);
//       output.end_color_overwrite(cmd); source.end_color_sampling(cmd);
//   (record_post() below does exactly that.)
#pragma once

#include "device.hpp"
#include "offscreen_target.hpp"
#include "result.hpp"
#include "vk_handle.hpp"

#include <vulkan/vulkan.h>

namespace sh {

class PostPass {
public:
    PostPass() = default;

    // Points the pass at `source` (needs has_sampled_color()) and `output` (needs
    // has_storage()); they must be different images. No submission may still use the pass.
    Result<bool> attach(const Device& device, const OffscreenTarget& source,
                        const OffscreenTarget& output);

    // Inside no rendering. The source must be in SHADER_READ_ONLY_OPTIMAL and the output in
    // GENERAL, with their barriers recorded by the caller (see record_post).
    void record(VkCommandBuffer cmd, bool fxaa) const;

    // The whole pass with its barriers: leaves both targets' colour in COLOR_ATTACHMENT_OPTIMAL,
    // the output written last by the compute shader (the FrameContent contract).
    void record_post(VkCommandBuffer cmd, OffscreenTarget& source, OffscreenTarget& output,
                     bool fxaa) const;

    bool attached() const noexcept { return set_ != VK_NULL_HANDLE; }

private:
    friend Result<PostPass> create_post_pass(const Device& device);
    UniqueDescriptorSetLayout set_layout_;
    UniquePipelineLayout layout_;
    UniquePipeline pipeline_;
    UniqueSampler sampler_;
    UniqueDescriptorPool pool_;
    VkDescriptorSet set_ = VK_NULL_HANDLE;
    VkImage source_image_ = VK_NULL_HANDLE;
    VkImage output_image_ = VK_NULL_HANDLE;
    VkExtent2D source_extent_{};
    VkExtent2D output_extent_{};
};

Result<PostPass> create_post_pass(const Device& device);

} // namespace sh
