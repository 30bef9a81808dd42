// Bringing the GPU up for a run: the window (or headless, saying why), the Vulkan instance and
// device (every failure printed with its reasons, as an exit code), and the frame content (the
// leg, or the background alone when the leg renderer cannot be built).
#pragma once

#include "device.hpp"
#include "frame_content.hpp"
#include "immediate_submit.hpp"
#include "instance.hpp"
#include "leg_content.hpp"
#include "sdl_window.hpp"
#include "secondheart_options.hpp"
#include "secondheart_sim.hpp"
#include "settings.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vulkan/vulkan.h>

namespace sh::app {

// The window, or nothing (the run is then headless and the reason is printed, naming `png`).
std::unique_ptr<SdlWindow> open_window(const Options& o, const std::string& png,
                                       const WindowPlacement& placement);

// The instance (validation as --validation asks, the window's surface extensions), or nothing
// with `exit_code` set and the reason printed.
std::optional<Instance> start_instance(const Options& o, SdlWindow* window, int& exit_code);

// The device for the surface (VK_NULL_HANDLE headless) and --gpu, or nothing with the reasons
// printed (exit code k_exit_no_device).
std::optional<Device> start_device(const Options& o, const Instance& instance,
                                   VkSurfaceKHR surface);

// Destroys the window's surface before the instance goes, whatever path leaves the scope.
struct SurfaceGuard {
    SdlWindow* window = nullptr;
    ~SurfaceGuard() {
        if (window != nullptr) window->destroy_surface();
    }
};

// Declared after every GPU object, so destroyed first: nothing is destroyed while in use, also
// when an exception leaves the frame loop.
struct IdleGuard {
    VkDevice device = VK_NULL_HANDLE;
    ~IdleGuard() {
        if (device != VK_NULL_HANDLE) vkDeviceWaitIdle(device);
    }
};

// The leg's options from the command line and the settings file (the command line wins).
LegContentOptions leg_options(const Options& o, const Settings& settings, bool light);

struct RunContent {
    std::unique_ptr<FrameContent> content;
    LegContent* leg = nullptr; // null when the leg could not be built; the modes set its camera
};

// The leg and its blood; if the scene cannot be built (a driver limit, say), the reason is
// printed and the background alone is drawn, so that the panel and the numbers still work.
RunContent create_run_content(const Device& device, const ImmediateSubmitter& submitter,
                              const SimDriver& sim, const LegContentOptions& options);

} // namespace sh::app
