// Our own colour + depth target. Every frame is drawn here first; the window path copies it to
// the swapchain, and headless runs (tests, screenshots) read it back to CPU pixels.
#pragma once

#include "device.hpp"
#include "immediate_submit.hpp"
#include "memory.hpp"
#include "result.hpp"

#include <array>
#include <cstdint>
#include <vector>
#include <vulkan/vulkan.h>

namespace sh {

// Tightly packed RGBA8 rows, top row first.
struct RgbaPixels {
    std::uint32_t width = 0;
    std::uint32_t height = 0;
    std::vector<std::uint8_t> data;

    std::array<std::uint8_t, 4> at(std::uint32_t x, std::uint32_t y) const {
        const std::size_t i = (std::size_t{y} * width + x) * 4;
        return {data[i], data[i + 1], data[i + 2], data[i + 3]};
    }
};

class OffscreenTarget {
public:
    static constexpr VkFormat k_color_format = VK_FORMAT_R8G8B8A8_UNORM;
    static constexpr VkFormat k_depth_format = VK_FORMAT_D32_SFLOAT;

    OffscreenTarget() = default;

    VkExtent2D extent() const noexcept { return color_.extent(); }
    const Image& color() const noexcept { return color_; }
    const Image& depth() const noexcept { return depth_; }
    // True when the colour image also has STORAGE usage (compute may splat into it).
    bool has_storage() const noexcept { return storage_; }
    // True when the depth image also has TRANSFER_SRC usage (copy_depth: compute passes
    // depth-test against a copy of it).
    bool has_depth_copy() const noexcept { return depth_copy_; }

    // For compute passes between end_rendering and the next use (the particle splat): colour
    // -> GENERAL (storage read/write); end_compute_access puts it back into
    // COLOR_ATTACHMENT_OPTIMAL, so readback and the next frame's begin_rendering work unchanged.
    // Both record barriers after the scene's attachment writes.
    void begin_compute_access(VkCommandBuffer cmd);
    void end_compute_access(VkCommandBuffer cmd);

    // Copies the depth image (one float per pixel, rows top first) into `dst` (width*height*4
    // bytes, STORAGE + TRANSFER_DST) for compute shaders to read (needs has_depth_copy()).
    // Why a copy and not a sampled depth image: on lavapipe a texelFetch costs several times a
    // storage-buffer load, and the splat does five per particle (measured: the splat pass went
    // from ~4x to ~1x the cost of its atomics). The copy is one memcpy-speed transfer.
    void copy_depth(VkCommandBuffer cmd, VkBuffer dst);

    // For a compute pass that reads a colour rectangle from a buffer and writes some of its
    // pixels in place (the edge anti-aliasing): copies `rect` of the colour image into `dst`
    // (rect.width*rect.height*4 bytes, rows top first, STORAGE + TRANSFER_DST; visible to
    // compute reads afterwards), then leaves the colour image as begin_compute_access does.
    // Why a copy: on lavapipe a sampled or storage-image read costs several times a buffer
    // load, and the pass reads each pixel many times. Close with end_compute_access.
    void copy_color_and_begin_compute_access(VkCommandBuffer cmd, VkBuffer dst, VkRect2D rect);

    // Scales this target's colour image onto `output`'s (bilinear blit; the render-scale
    // upscale), leaving both in COLOR_ATTACHMENT_OPTIMAL with the output's writes visible to
    // colour-attachment reads and writes. Needs has_linear_blit() on both. On lavapipe this is
    // ~10x cheaper than a compute pass sampling every output pixel (measured at 1280x720:
    // ~36 ms for such a pass).
    void blit_to(VkCommandBuffer cmd, OffscreenTarget& output);
    bool has_linear_blit() const noexcept { return linear_blit_; }

    // Copies this target's colour image onto `output`'s (the same extent; a plain copy, no
    // scaling), leaving both in COLOR_ATTACHMENT_OPTIMAL with the output's pixels visible to
    // colour-attachment reads and writes, compute and transfers. What the still-scene cache
    // (app/scene_cache) keeps and puts back: on lavapipe a copy is a memcpy of the rows, a
    // fraction of a blit, which runs as a draw.
    void copy_color_to(VkCommandBuffer cmd, OffscreenTarget& output);

    // Transitions both images to attachment layouts, begins dynamic rendering with cleared
    // colour and depth (1.0), and sets a full-target viewport and scissor.
    void begin_rendering(VkCommandBuffer cmd, const std::array<float, 4>& clear_color);
    // Begins dynamic rendering again over what is there (LOAD; after a scene pass, a splat or
    // a depth copy): for drawing more on top, such as the particles as points.
    void continue_rendering(VkCommandBuffer cmd);
    void end_rendering(VkCommandBuffer cmd);

    // Records: colour -> TRANSFER_SRC, copy into `readback` (width*height*4 bytes, host
    // visible), then make the copy visible to the host. Wait for the submission before reading.
    void record_readback(VkCommandBuffer cmd, const Buffer& readback);

    // Convenience: a readback buffer, one immediate submission, and the pixels.
    Result<RgbaPixels> read_back(const Device& device, const ImmediateSubmitter& submitter);

private:
    // Attachments, viewport and scissor; clear_color null: LOAD instead of CLEAR.
    void record_begin_rendering(VkCommandBuffer cmd, const std::array<float, 4>* clear_color);
    friend Result<OffscreenTarget> create_offscreen_target(const Device&, VkExtent2D);
    Image color_;
    Image depth_;
    bool storage_ = false;
    bool depth_copy_ = false;
    bool linear_blit_ = false;
    // Layouts as of the end of the last recorded command buffer (single recording thread).
    VkImageLayout color_layout_ = VK_IMAGE_LAYOUT_UNDEFINED;
    VkImageLayout depth_layout_ = VK_IMAGE_LAYOUT_UNDEFINED;
};

Result<OffscreenTarget> create_offscreen_target(const Device& device, VkExtent2D extent);

// Records a blit of the whole of `src` (TRANSFER_SRC_OPTIMAL) onto the whole of `dst`
// (TRANSFER_DST_OPTIMAL), scaling with `filter`; barriers are the caller's.
void record_whole_image_blit(VkCommandBuffer cmd, VkImage src, VkExtent2D src_extent, VkImage dst,
                             VkExtent2D dst_extent, VkFilter filter);

} // namespace sh
