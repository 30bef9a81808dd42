#include "sdl_window.hpp"

#include <algorithm>
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

namespace {

// "2 displays: 0 (DP-1, 1920x1080), 1 (HDMI-1, 1280x720)".
std::string describe_displays() {
    const int n = SDL_GetNumVideoDisplays();
    std::string text = std::to_string(std::max(n, 0)) + (n == 1 ? " display" : " displays");
    for (int i = 0; i < n; ++i) {
        SDL_Rect r{};
        SDL_GetDisplayBounds(i, &r);
        const char* name = SDL_GetDisplayName(i);
        text += (i == 0 ? ": " : ", ") + std::to_string(i) + " (" + (name ? name : "unnamed") +
                ", " + std::to_string(r.w) + "x" + std::to_string(r.h) + ")";
    }
    return text;
}

// The display to use: the asked one if it exists, else 0 and a note saying so.
int resolve_display(int wanted, std::string& note) {
    const int n = SDL_GetNumVideoDisplays();
    if (wanted >= 0 && wanted < n) return wanted;
    note = "display " + std::to_string(wanted) + " does not exist (" + describe_displays() +
           "); using display 0";
    return 0;
}

} // namespace

Result<std::unique_ptr<SdlWindow>> SdlWindow::create(const std::string& title, int width,
                                                     int height, const WindowPlacement& placement) {
    // A kiosk or lecture display must keep animating when focus moves to another monitor.
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    if (SDL_Init(SDL_INIT_VIDEO) != 0)
        return Error{"SDL_Init(SDL_INIT_VIDEO) failed", {SDL_GetError()}};
    std::unique_ptr<SdlWindow> w(new SdlWindow());
    w->placement_ = placement;
    Uint32 flags = SDL_WINDOW_VULKAN | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
    int position = static_cast<int>(SDL_WINDOWPOS_CENTERED);
    if (placement.fullscreen) {
        w->display_in_use_ = resolve_display(placement.display, w->placement_note_);
        position = static_cast<int>(SDL_WINDOWPOS_CENTERED_DISPLAY(w->display_in_use_));
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    }
    w->window_ = SDL_CreateWindow(title.c_str(), position, position, width, height, flags);
    if (w->window_ == nullptr) {
        const std::string why = SDL_GetError();
        const char* driver = SDL_GetCurrentVideoDriver();
        return Error{"cannot create a Vulkan window",
                     {why, std::string("SDL video driver: ") + (driver ? driver : "none")}};
    }
    return w;
}

std::string SdlWindow::reapply_placement() {
    if (!placement_.fullscreen) return {};
    std::string note;
    const int display = resolve_display(placement_.display, note);
    display_in_use_ = display;
    // Leave fullscreen, move to the display, and go fullscreen there: SDL keeps a fullscreen
    // window on the display it was on, even when that one was unplugged and came back.
    SDL_SetWindowFullscreen(window_, 0);
    const int position = static_cast<int>(SDL_WINDOWPOS_CENTERED_DISPLAY(display));
    SDL_SetWindowPosition(window_, position, position);
    SDL_SetWindowFullscreen(window_, SDL_WINDOW_FULLSCREEN_DESKTOP);
    return note;
}

float SdlWindow::display_dpi() const {
    float ddpi = 0;
    const int display = SDL_GetWindowDisplayIndex(window_);
    if (display < 0 || SDL_GetDisplayDPI(display, &ddpi, nullptr, nullptr) != 0) return 0;
    return ddpi;
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
