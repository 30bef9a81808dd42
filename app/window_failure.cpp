#include "window_failure.hpp"

#include <cstdlib>

namespace sh::app {

std::string describe_window_failure(const std::string& sdl_error) {
    // SDL got no real video driver: it fell back to one that draws nowhere, or found none.
    const bool no_display_driver = sdl_error.find("(offscreen)") != std::string::npos ||
                                   sdl_error.find("(dummy)") != std::string::npos ||
                                   sdl_error.find("No available video device") != std::string::npos;
    if (!no_display_driver) return sdl_error;
    const char* wayland = std::getenv("WAYLAND_DISPLAY");
    const char* x11 = std::getenv("DISPLAY");
    std::string names;
    if (x11 != nullptr && *x11 != '\0') names = std::string("display '") + x11 + "' (DISPLAY)";
    if (wayland != nullptr && *wayland != '\0')
        names += (names.empty() ? "" : " and ") + std::string("Wayland display '") + wayland +
                 "' (WAYLAND_DISPLAY)";
    if (names.empty()) return sdl_error;
    return names + " cannot be opened: no display server answers there, or it refuses this user "
                   "(check the variable, or use --headless)";
}

} // namespace sh::app
