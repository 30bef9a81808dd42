// The look of the full-screen modes (lecture, kiosk, patient): high-contrast colours for
// projectors and touch screens, text at a given pixel height, buttons at least a touch target
// tall. The desktop panel keeps ImGui's own style.
#pragma once

#include <imgui.h>

namespace sh::ui {

struct ModeLook {
    bool light = false;     // dark text on white (bright rooms) instead of white on black
    float text_px = 13.0f;  // body text height in pixels
    float touch_px = 54.0f; // smallest side of anything to be touched
};

// Sets colours, spacing and the font scale (text_px over the atlas's pixel size). Call every
// frame before the widgets: cheap, and a resize or a display change is then picked up at once.
void apply_mode_look(const ModeLook& look);

// Colours the screens share, matching apply_mode_look.
ImU32 caption_background(const ModeLook& look);
ImVec4 accent_colour(const ModeLook& look);

// Window font scale for secondary text (titles, counters, figures): 0.7 of the body text, but
// never below the 13 px the default font was drawn for (smaller is a blur).
float small_text_scale(const ModeLook& look);

// Width of the widest of `labels` as a button (text plus padding), for rows of equal buttons.
float button_width(const char* const* labels, int count);

} // namespace sh::ui
