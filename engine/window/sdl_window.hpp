// The SDL2 window and its Vulkan surface. Only the windowed path includes this: headless runs
// never initialise SDL, because with no DISPLAY SDL 2.26 silently picks its offscreen video
// driver, which cannot create Vulkan windows (engine-anchors §6.1).
#pragma once

#include "result.hpp"

#include <memory>
#include <string>
#include <vector>
#include <vulkan/vulkan.h>

struct SDL_Window;

namespace sh {

class SdlWindow {
public:
    ~SdlWindow();
    SdlWindow(const SdlWindow&) = delete;
    SdlWindow& operator=(const SdlWindow&) = delete;

    // SDL_Init(VIDEO) and a resizable, HiDPI-aware Vulkan window of `width` x `height` points.
    static Result<std::unique_ptr<SdlWindow>> create(const std::string& title, int width,
                                                     int height);

    // Instance extensions the surface needs (VK_KHR_surface + the platform one).
    Result<std::vector<std::string>> instance_extensions() const;
    // Creates the surface; the window destroys it (before SDL_DestroyWindow) via
    // destroy_surface(), which must run before the instance goes.
    Result<VkSurfaceKHR> create_surface(VkInstance instance);
    void destroy_surface() noexcept;

    SDL_Window* get() const noexcept { return window_; }
    // Size in pixels (not points), polled every frame; 0x0 while minimised.
    VkExtent2D drawable_size() const;
    bool minimised() const;

private:
    SdlWindow() = default;
    SDL_Window* window_ = nullptr;
    VkInstance instance_ = VK_NULL_HANDLE;
    VkSurfaceKHR surface_ = VK_NULL_HANDLE;
};

// True when a window system is reachable (DISPLAY or WAYLAND_DISPLAY set).
bool display_available();

} // namespace sh
