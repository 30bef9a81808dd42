// In-place edge anti-aliasing (FXAA-style, shaders/edge_aa.comp) of one rectangle of a target's
// colour image: after the scene and the particle splat, before the UI. Cheap enough for CPU
// devices: it copies the rectangle into a buffer (one memcpy-speed transfer), reads only that
// buffer, lists the pixels with enough local contrast in a first pass and runs the edge search
// only for those (an indirect dispatch), and writes back only the pixels it changes, so no
// second colour target is needed.
// The caller passes the leg's screen rectangle: outside it the background is flat and nothing
// would change anyway.
//
//   auto aa = create_edge_aa_pass(device).take();
//   on resize (device idle):  aa.attach(device, target);
//   per frame, after the splat:  aa.record(cmd, target, rect);
#pragma once

#include "device.hpp"
#include "memory.hpp"
#include "offscreen_target.hpp"
#include "result.hpp"
#include "vk_handle.hpp"

#include <vulkan/vulkan.h>

namespace sh {

class EdgeAaPass {
public:
    EdgeAaPass() = default;

    // Points the pass at `target` (needs has_storage()) and sizes its copy buffer for the
    // whole image. With `output` (a larger target, has_storage() and linear blits on both) the
    // pass upscales `target` into it instead of anti-aliasing in place (the render scale).
    // No submission may still use the pass.
    Result<bool> attach(const Device& device, const OffscreenTarget& target,
                        const OffscreenTarget* output = nullptr);

    // Outside rendering, the colour image written last by the scene or the splat. Anti-aliases
    // the pixels of `rect` (clamped to the target) and leaves the colour image in
    // COLOR_ATTACHMENT_OPTIMAL with its writes visible to the UI pass and to copies (the
    // FrameContent contract). With `output` (the one given to attach): blits the whole target
    // onto it (bilinear) and rewrites the output pixels over the rectangle's edge pixels with
    // the anti-aliased edge at the output's resolution, so silhouettes stay sharp; both images
    // end as above. An empty rectangle records nothing but that blit.
    void record(VkCommandBuffer cmd, OffscreenTarget& target, VkRect2D rect,
                OffscreenTarget* output = nullptr) const;

    bool attached() const noexcept { return set_ != VK_NULL_HANDLE; }

private:
    friend Result<EdgeAaPass> create_edge_aa_pass(const Device& device);
    UniqueDescriptorSetLayout set_layout_;
    UniquePipelineLayout layout_;
    UniquePipeline find_pipeline_; // edge_aa_find.comp: lists the pixels on edges
    UniquePipeline pipeline_;      // edge_aa.comp: smooths the listed pixels
    UniqueDescriptorPool pool_;
    Buffer copy_;  // the rectangle's pixels
    Buffer edges_; // indirect dispatch header and the list of edge pixels
    VkDescriptorSet set_ = VK_NULL_HANDLE;
    VkImage image_ = VK_NULL_HANDLE;
    VkExtent2D extent_{};
    VkImage output_image_ = VK_NULL_HANDLE; // the upscale's output, or none
    VkExtent2D output_extent_{};
};

Result<EdgeAaPass> create_edge_aa_pass(const Device& device);

// `rect` clamped to `extent` (possibly empty).
VkRect2D clamp_rect(VkRect2D rect, VkExtent2D extent);

} // namespace sh
