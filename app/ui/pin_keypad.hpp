// The kiosk's staff exit: a numeric PIN keypad with large keys. It only draws and reports what
// was pressed; checking the PIN and the lockout is app/logic/kiosk_state's job.
#pragma once

#include "mode_style.hpp"

#include <cstddef>
#include <string>

namespace sh::ui {

struct KeypadView {
    ModeLook look;
    std::size_t entered = 0; // digits typed so far (shown as stars)
    std::string message;     // "Wrong PIN", "Locked for 25 s", ...
    bool no_pin = false;     // no PIN configured: say so, offer only Close
};

struct KeypadActions {
    int digit = -1; // 0-9 pressed
    bool erase = false;
    bool enter = false;
    bool cancel = false;
};

// Inside an ImGui frame: a centred window over a dimmed screen.
KeypadActions draw_pin_keypad(const KeypadView& view);

} // namespace sh::ui
