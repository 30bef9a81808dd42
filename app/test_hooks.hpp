// The smoke tests' hooks into a run, behind one small interface: window events at given frames
// (--test-resize-at, --test-minimise-at, --test-display-change-at) and key presses
// (--test-keys). A run without those options gets hooks that do nothing.
#pragma once

#include "mode_controller.hpp"
#include "sdl_window.hpp"
#include "secondheart_options.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vulkan/vulkan.h>

namespace sh::app {

class TestHooks {
public:
    explicit TestHooks(const Options& options) : o_(&options) {}

    // Before frame i's events are handled: the window events due at frame i.
    void window_events(std::uint32_t i, SdlWindow& window);
    // The --test-keys presses due by frame i, as if pressed before it (window or headless).
    // Returns true when one of them quits (desktop Esc or Ctrl+Q).
    bool inject_keys(std::uint32_t i, ModeController& modes);
    // The drawable size of frame i: `size`, or 0x0 while the minimise hook holds the window.
    // (Xvfb has no window manager, so SDL_MinimizeWindow changes nothing there: withholding
    // the size runs the 0x0 path, frames skipped then a clean resume, under any X server.)
    VkExtent2D drawable_size(std::uint32_t i, VkExtent2D size) const;

private:
    const Options* o_;
    std::size_t next_key_ = 0;
    std::optional<std::uint32_t> restore_at_; // frame at which the minimise hook restores
};

} // namespace sh::app
