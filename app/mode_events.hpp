// SDL events for the lecture, kiosk and patient modes: keys translated into the pure KeyPress of
// app/logic/mode_input, touches and clicks, and display changes (a fullscreen window goes
// fullscreen again on its display).
#pragma once

#include "mode_controller.hpp"

#include <optional>

union SDL_Event;

namespace sh {
class SdlWindow;
}

namespace sh::app {

// Nothing for keys the modes do not use.
std::optional<KeyPress> key_from_sdl(const SDL_Event& event);

// Hands one event to the modes. `window` gives the size for touch coordinates and is re-placed
// after a display change.
void dispatch_mode_event(const SDL_Event& event, ModeController& modes, SdlWindow& window);

} // namespace sh::app
