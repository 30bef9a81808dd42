// The swapchain: images we blit our offscreen target into (TRANSFER_DST usage; no views, no
// render passes on them), plus one render-finished semaphore per image. Those semaphores belong
// to images, not to frames in flight: the presentation engine may hold an image's semaphore
// longer than a frame, and reusing a per-frame one is the classic swapchain semaphore-reuse
// error (engine-anchors §3).
#pragma once

#include "device.hpp"
#include "result.hpp"

#include <cstdint>
#include <vector>
#include <vulkan/vulkan.h>

namespace sh {

class Swapchain {
public:
    Swapchain() = default;
    ~Swapchain();
    Swapchain(const Swapchain&) = delete;
    Swapchain& operator=(const Swapchain&) = delete;
    Swapchain(Swapchain&& other) noexcept;
    Swapchain& operator=(Swapchain&& other) noexcept;

    VkSwapchainKHR get() const noexcept { return swapchain_; }
    VkFormat format() const noexcept { return format_; }
    VkExtent2D extent() const noexcept { return extent_; }
    std::uint32_t image_count() const noexcept {
        return static_cast<std::uint32_t>(images_.size());
    }
    VkImage image(std::uint32_t i) const { return images_.at(i); }
    VkSemaphore render_finished(std::uint32_t i) const { return render_finished_.at(i); }

private:
    friend Result<Swapchain> create_swapchain(const Device&, VkSurfaceKHR, VkExtent2D,
                                              VkSwapchainKHR);
    void destroy() noexcept;

    VkDevice device_ = VK_NULL_HANDLE;
    VkSwapchainKHR swapchain_ = VK_NULL_HANDLE;
    VkFormat format_ = VK_FORMAT_UNDEFINED;
    VkExtent2D extent_{};
    std::vector<VkImage> images_; // owned by the swapchain
    std::vector<VkSemaphore> render_finished_;
};

// FIFO (always available, no tearing, paces the loop to the display), a BGRA8 format (UNORM
// preferred, see the .cpp), TRANSFER_DST usage. `wanted` is used only when the surface leaves
// the extent to us. A zero extent is an error: the caller skips frames while minimised.
// `old` (may be null) is handed to the driver for a smooth hand-over; the caller destroys it.
Result<Swapchain> create_swapchain(const Device& device, VkSurfaceKHR surface, VkExtent2D wanted,
                                   VkSwapchainKHR old);

} // namespace sh
