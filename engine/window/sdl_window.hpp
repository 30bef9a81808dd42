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

// Where the window goes. Fullscreen is SDL's "fullscreen desktop" (the display's own mode, no
// mode switch that a projector would have to resync to) on `display`.
struct WindowPlacement {
    bool fullscreen = false;
    int display = 0; // out of range: display 0, with a note naming the displays there are
};

class SdlWindow {
public:
    ~SdlWindow();
    SdlWindow(const SdlWindow&) = delete;
    SdlWindow& operator=(const SdlWindow&) = delete;

    // SDL_Init(VIDEO) and a resizable, HiDPI-aware Vulkan window of `width` x `height` points.
    static Result<std::unique_ptr<SdlWindow>>
    create(const std::string& title, int width, int height, const WindowPlacement& placement = {});

    // Fullscreen again on the chosen display (or display 0 if it went away), after a display
    // was added, removed or changed. Returns a note when the display had to change.
    std::string reapply_placement();
    const WindowPlacement& placement() const noexcept { return placement_; }
    // The display the window was last placed on (the wanted one, or 0 when that is missing).
    int display_in_use() const noexcept { return display_in_use_; }
    // What create() had to change (an out-of-range display), empty otherwise.
    const std::string& placement_note() const noexcept { return placement_note_; }
    // Dots per inch of the window's display; 0 when SDL cannot tell (Xvfb, some drivers).
    float display_dpi() const;

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
    WindowPlacement placement_;
    int display_in_use_ = 0;
    std::string placement_note_;
    VkInstance instance_ = VK_NULL_HANDLE;
    VkSurfaceKHR surface_ = VK_NULL_HANDLE;
};

// True when a window system is reachable (DISPLAY or WAYLAND_DISPLAY set).
bool display_available();

} // namespace sh
