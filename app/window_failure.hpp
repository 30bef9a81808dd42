// Why no window could be opened, in words about the display rather than about Vulkan. When the
// display named by DISPLAY (or WAYLAND_DISPLAY) cannot be opened, SDL falls back to its offscreen
// driver, and the failure then reads "Vulkan support is ... not available in current SDL video
// driver (offscreen)": true, but it sends the user looking at their GPU instead of at the
// display name.
#pragma once

#include <string>

namespace sh::app {

// `sdl_error`: the window's creation error (SdlWindow::create). Returns "display ':97' cannot be
// opened (...)" when the cause is the display, else `sdl_error` unchanged.
std::string describe_window_failure(const std::string& sdl_error);

} // namespace sh::app
