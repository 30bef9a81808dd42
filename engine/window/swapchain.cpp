#include "swapchain.hpp"

#include "vk_check.hpp"

#include <algorithm>
#include <string>
#include <utility>

namespace sh {

Swapchain::~Swapchain() {
    destroy();
}

Swapchain::Swapchain(Swapchain&& other) noexcept
    : device_(std::exchange(other.device_, VK_NULL_HANDLE)),
      swapchain_(std::exchange(other.swapchain_, VK_NULL_HANDLE)), format_(other.format_),
      extent_(other.extent_), images_(std::move(other.images_)),
      render_finished_(std::move(other.render_finished_)) {
    other.images_.clear();
    other.render_finished_.clear();
}

Swapchain& Swapchain::operator=(Swapchain&& other) noexcept {
    if (this != &other) {
        destroy();
        device_ = std::exchange(other.device_, VK_NULL_HANDLE);
        swapchain_ = std::exchange(other.swapchain_, VK_NULL_HANDLE);
        format_ = other.format_;
        extent_ = other.extent_;
        images_ = std::move(other.images_);
        render_finished_ = std::move(other.render_finished_);
        other.images_.clear();
        other.render_finished_.clear();
    }
    return *this;
}

void Swapchain::destroy() noexcept {
    for (VkSemaphore s : render_finished_) vkDestroySemaphore(device_, s, nullptr);
    render_finished_.clear();
    images_.clear();
    if (swapchain_ != VK_NULL_HANDLE) vkDestroySwapchainKHR(device_, swapchain_, nullptr);
    swapchain_ = VK_NULL_HANDLE;
}

namespace {

// UNORM first: the offscreen target is UNORM and holds display-ready values (ImGui's colours
// too assume a non-sRGB framebuffer), so a UNORM swapchain shows exactly the pixels a headless
// PNG gets. An SRGB swapchain would re-encode them on the blit and brighten everything.
VkSurfaceFormatKHR choose_format(const std::vector<VkSurfaceFormatKHR>& formats) {
    for (VkFormat wanted : {VK_FORMAT_B8G8R8A8_UNORM, VK_FORMAT_R8G8B8A8_UNORM,
                            VK_FORMAT_B8G8R8A8_SRGB, VK_FORMAT_R8G8B8A8_SRGB}) {
        for (const VkSurfaceFormatKHR& f : formats)
            if (f.format == wanted && f.colorSpace == VK_COLOR_SPACE_SRGB_NONLINEAR_KHR) return f;
    }
    return formats.front();
}

} // namespace

Result<Swapchain> create_swapchain(const Device& device, VkSurfaceKHR surface, VkExtent2D wanted,
                                   VkSwapchainKHR old) {
    VkSurfaceCapabilitiesKHR caps{};
    VK_CHECK(vkGetPhysicalDeviceSurfaceCapabilitiesKHR(device.physical(), surface, &caps));
    VkExtent2D extent = caps.currentExtent;
    if (extent.width == 0xFFFFFFFFu) { // the surface lets the swapchain decide
        extent.width =
            std::clamp(wanted.width, caps.minImageExtent.width, caps.maxImageExtent.width);
        extent.height =
            std::clamp(wanted.height, caps.minImageExtent.height, caps.maxImageExtent.height);
    }
    if (extent.width == 0 || extent.height == 0)
        return Error{"swapchain: the surface has zero size", {"the window is minimised"}};
    if ((caps.supportedUsageFlags & VK_IMAGE_USAGE_TRANSFER_DST_BIT) == 0)
        return Error{"swapchain: images cannot be transfer destinations",
                     {"the frame is blitted from our offscreen target"}};

    std::uint32_t count = 0;
    VK_CHECK(vkGetPhysicalDeviceSurfaceFormatsKHR(device.physical(), surface, &count, nullptr));
    std::vector<VkSurfaceFormatKHR> formats(count);
    VK_CHECK(
        vkGetPhysicalDeviceSurfaceFormatsKHR(device.physical(), surface, &count, formats.data()));
    if (formats.empty()) return Error{"swapchain: the surface offers no formats", {}};
    const VkSurfaceFormatKHR format = choose_format(formats);

    VkFormatProperties props{};
    vkGetPhysicalDeviceFormatProperties(device.physical(), format.format, &props);
    if ((props.optimalTilingFeatures & VK_FORMAT_FEATURE_BLIT_DST_BIT) == 0)
        return Error{"swapchain: format cannot be a blit destination", {}};

    // One more than the minimum so that acquiring rarely waits on the presentation engine.
    std::uint32_t image_count = caps.minImageCount + 1;
    if (caps.maxImageCount != 0) image_count = std::min(image_count, caps.maxImageCount);

    VkSwapchainCreateInfoKHR info{};
    info.sType = VK_STRUCTURE_TYPE_SWAPCHAIN_CREATE_INFO_KHR;
    info.surface = surface;
    info.minImageCount = image_count;
    info.imageFormat = format.format;
    info.imageColorSpace = format.colorSpace;
    info.imageExtent = extent;
    info.imageArrayLayers = 1;
    info.imageUsage = VK_IMAGE_USAGE_TRANSFER_DST_BIT;
    info.imageSharingMode = VK_SHARING_MODE_EXCLUSIVE; // one queue does everything
    info.preTransform = (caps.supportedTransforms & VK_SURFACE_TRANSFORM_IDENTITY_BIT_KHR)
                            ? VK_SURFACE_TRANSFORM_IDENTITY_BIT_KHR
                            : caps.currentTransform;
    info.compositeAlpha = (caps.supportedCompositeAlpha & VK_COMPOSITE_ALPHA_OPAQUE_BIT_KHR)
                              ? VK_COMPOSITE_ALPHA_OPAQUE_BIT_KHR
                              : VkCompositeAlphaFlagBitsKHR(caps.supportedCompositeAlpha &
                                                            ~(caps.supportedCompositeAlpha - 1));
    info.presentMode = VK_PRESENT_MODE_FIFO_KHR; // the one mode every driver must offer
    info.clipped = VK_TRUE;
    info.oldSwapchain = old;

    Swapchain sc;
    sc.device_ = device.get();
    VK_CHECK(vkCreateSwapchainKHR(device.get(), &info, nullptr, &sc.swapchain_));
    sc.format_ = format.format;
    sc.extent_ = extent;
    VK_CHECK(vkGetSwapchainImagesKHR(device.get(), sc.swapchain_, &count, nullptr));
    sc.images_.resize(count);
    VK_CHECK(vkGetSwapchainImagesKHR(device.get(), sc.swapchain_, &count, sc.images_.data()));
    for (std::uint32_t i = 0; i < count; ++i) {
        VkSemaphoreCreateInfo sem{};
        sem.sType = VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO;
        VkSemaphore s = VK_NULL_HANDLE;
        VK_CHECK(vkCreateSemaphore(device.get(), &sem, nullptr, &s));
        sc.render_finished_.push_back(s);
    }
    return sc;
}

} // namespace sh
