#include "sdl_window.hpp"

#include <cstdlib>
#include <SDL.h>
#include <SDL_vulkan.h>

namespace sh {

SdlWindow::~SdlWindow() {
    destroy_surface();
    if (window_ != nullptr) SDL_DestroyWindow(window_);
    SDL_QuitSubSystem(SDL_INIT_VIDEO);
    SDL_Quit();
}

Result<std::unique_ptr<SdlWindow>> SdlWindow::create(const std::string& title, int width,
                                                     int height) {
    // A kiosk or lecture display must keep animating when focus moves to another monitor.
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    if (SDL_Init(SDL_INIT_VIDEO) != 0)
        return Error{"SDL_Init(SDL_INIT_VIDEO) failed", {SDL_GetError()}};
    std::unique_ptr<SdlWindow> w(new SdlWindow());
    w->window_ = SDL_CreateWindow(
        title.c_str(), SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, width, height,
        SDL_WINDOW_VULKAN | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
    if (w->window_ == nullptr) {
        const std::string why = SDL_GetError();
        const char* driver = SDL_GetCurrentVideoDriver();
        return Error{"cannot create a Vulkan window",
                     {why, std::string("SDL video driver: ") + (driver ? driver : "none")}};
    }
    return w;
}

Result<std::vector<std::string>> SdlWindow::instance_extensions() const {
    unsigned int count = 0;
    if (SDL_Vulkan_GetInstanceExtensions(window_, &count, nullptr) != SDL_TRUE)
        return Error{"SDL_Vulkan_GetInstanceExtensions failed", {SDL_GetError()}};
    std::vector<const char*> names(count);
    if (SDL_Vulkan_GetInstanceExtensions(window_, &count, names.data()) != SDL_TRUE)
        return Error{"SDL_Vulkan_GetInstanceExtensions failed", {SDL_GetError()}};
    return std::vector<std::string>(names.begin(), names.end());
}

Result<VkSurfaceKHR> SdlWindow::create_surface(VkInstance instance) {
    VkSurfaceKHR surface = VK_NULL_HANDLE;
    if (SDL_Vulkan_CreateSurface(window_, instance, &surface) != SDL_TRUE)
        return Error{"SDL_Vulkan_CreateSurface failed", {SDL_GetError()}};
    instance_ = instance;
    surface_ = surface;
    return surface;
}

void SdlWindow::destroy_surface() noexcept {
    if (surface_ != VK_NULL_HANDLE) vkDestroySurfaceKHR(instance_, surface_, nullptr);
    surface_ = VK_NULL_HANDLE;
}

VkExtent2D SdlWindow::drawable_size() const {
    if (minimised()) return {0, 0};
    int w = 0, h = 0;
    SDL_Vulkan_GetDrawableSize(window_, &w, &h);
    if (w <= 0 || h <= 0) return {0, 0};
    return {static_cast<std::uint32_t>(w), static_cast<std::uint32_t>(h)};
}

bool SdlWindow::minimised() const {
    return (SDL_GetWindowFlags(window_) & SDL_WINDOW_MINIMIZED) != 0;
}

bool display_available() {
    const char* x11 = std::getenv("DISPLAY");
    const char* wayland = std::getenv("WAYLAND_DISPLAY");
    return (x11 != nullptr && *x11 != '\0') || (wayland != nullptr && *wayland != '\0');
}

} // namespace sh
