// The one frame function shared by the window, the headless runs, the tests and screenshots:
//
//   wait the slot's fence -> (window) follow the drawable size, recreate the swapchain when it
//   changed or was reported OUT_OF_DATE/SUBOPTIMAL -> record and submit the frame's work:
//   timestamps | content compute | content draw into the OffscreenTarget | overlay (ImGui) |
//   optional readback copy -> (window) present the previous frame -> (window) acquire ->
//   record and submit the tail: (window) blit to the swapchain image | last timestamps and
//   their copy for the host, with the slot's fence.
//
// Why the previous frame is presented only now, one frame late: presenting waits for that
// frame's rendering to finish (lavapipe's software presentation even copies the image to the
// X server inside vkQueuePresentKHR), so presenting right after the submit kept the program's
// thread from preparing the next frame while the device drew this one: in a window the frame
// took the host's time plus the device's, instead of the longer of the two.
//
// Two frames in flight; per frame a fence, a command pool with two command buffers (the
// frame's work and the tail), an acquire semaphore and a timestamp query pool; render-finished
// semaphores belong to the swapchain images. Headless is the same path without acquire, blit
// and present (surface == VK_NULL_HANDLE).
#pragma once

#include "device.hpp"
#include "frame_content.hpp"
#include "gpu_timer.hpp"
#include "memory.hpp"
#include "offscreen_target.hpp"
#include "pass_timer.hpp"
#include "result.hpp"
#include "swapchain.hpp"
#include "vk_handle.hpp"

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>
#include <vulkan/vulkan.h>

namespace sh {

inline constexpr std::uint32_t k_frames_in_flight = 2;

using UniqueSemaphore = DeviceHandle<VkSemaphore, vkDestroySemaphore>;

enum class FrameStatus {
    Rendered,
    Skipped, // minimised (zero size) or no swapchain could be built: nothing was submitted
};

struct FrameStats {
    std::uint64_t rendered = 0;
    std::uint64_t skipped = 0;
    std::uint32_t swapchain_builds = 0;
    std::uint32_t target_builds = 0;
};

// A frame read back by render(..., capture = true).
struct CapturedFrame {
    std::uint64_t frame_number = 0; // FrameInfo::frame_number of that frame
    std::shared_ptr<const RgbaPixels> pixels;
};

class FrameLoop {
public:
    ~FrameLoop();
    FrameLoop(const FrameLoop&) = delete;
    FrameLoop& operator=(const FrameLoop&) = delete;

    // surface: VK_NULL_HANDLE for headless. extent: the first target size (must be non-zero).
    static Result<std::unique_ptr<FrameLoop>> create(const Device& device, VkSurfaceKHR surface,
                                                     VkExtent2D extent);

    // Renders one frame at `size` (the window's drawable size in pixels, or the headless size).
    // A zero size skips the frame (minimised) without touching the GPU. `capture` also copies the
    // finished colour image (with the overlay) into the slot's readback buffer; the pixels are
    // copied out when that slot comes round again (its fence is waited then anyway), or by
    // take_captures / take_capture, so capturing every frame (recording) adds a copy per frame
    // but no extra wait. info.frame_number, frame_slot and extent are filled in here.
    FrameStatus render(FrameContent& content, FrameOverlay* overlay, FrameInfo info,
                       VkExtent2D size, bool capture = false);

    // The captured frames not yet taken, oldest first. Without `wait` only those whose GPU work
    // has finished (no blocking); with it, all of them.
    std::vector<CapturedFrame> take_captures(bool wait);
    // Waits for the captures in flight and returns the newest captured frame's pixels (RGBA8,
    // top row first), also when take_captures already handed it out; drops the others.
    Result<RgbaPixels> take_capture();

    OffscreenTarget& target() noexcept { return target_; }
    const OffscreenTarget& target() const noexcept { return target_; }
    const GpuTimer& timer() const noexcept { return timer_; }
    // The content's own passes inside the Draw section (FrameInfo::passes).
    const PassTimer& passes() const noexcept { return passes_; }
    const FrameStats& stats() const noexcept { return stats_; }
    // Image count of the swapchain (0 headless).
    std::uint32_t swapchain_images() const noexcept { return swapchain_.image_count(); }

private:
    struct PerFrame {
        UniqueCommandPool pool;
        VkCommandBuffer cmd = VK_NULL_HANDLE;  // the frame's work; freed with the pool
        VkCommandBuffer tail = VK_NULL_HANDLE; // after the acquire: blit, last timestamps
        UniqueFence fence;                     // signalled: the slot's last submission is done
        UniqueSemaphore acquired;              // acquire -> blit (window only)
        Buffer readback;                       // the captured colour image (target size)
        std::optional<std::uint64_t> capture;  // frame number copied into readback, not yet read
    };

    explicit FrameLoop(const Device& device) : device_(device) {}
    bool follow_size(FrameContent& content, FrameOverlay* overlay, VkExtent2D size);
    void record_readback(VkCommandBuffer cmd, VkBuffer readback);
    // Copies a slot's finished capture to the host (its fence must have signalled).
    void harvest(PerFrame& f);
    void record_blit(VkCommandBuffer cmd, VkImage swapchain_image);
    // The swapchain image for this frame, or nothing when the swapchain is out of date.
    std::optional<std::uint32_t> acquire(PerFrame& f);
    // One command buffer, optionally waiting for an acquire at the blit and signalling a
    // render-finished semaphore and a fence.
    void submit(VkCommandBuffer cmd, VkSemaphore wait_acquired, VkSemaphore signal_done,
                VkFence fence);
    // Presents the image the previous frame blitted into, if any (see the header comment).
    void present_pending();
    // vkQueuePresentKHR of one image after its render-finished semaphore (no error check).
    VkResult present_image(std::uint32_t image_index);

    const Device& device_;
    VkSurfaceKHR surface_ = VK_NULL_HANDLE;
    std::array<PerFrame, k_frames_in_flight> frames_;
    std::uint32_t slot_ = 0;
    OffscreenTarget target_;
    Swapchain swapchain_;
    VkExtent2D swapchain_wanted_{};
    bool swapchain_dirty_ = true;
    std::optional<std::uint32_t> pending_present_; // the image waiting for present_pending
    std::vector<CapturedFrame> ready_;             // harvested, not yet taken
    std::shared_ptr<const RgbaPixels> newest_;     // the last frame captured, for take_capture
    GpuTimer timer_;
    PassTimer passes_;
    FrameStats stats_;
};

} // namespace sh
