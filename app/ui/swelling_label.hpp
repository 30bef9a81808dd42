// The exaggeration of the leg's swelling, said on screen whenever the picture is not true scale:
// "Swelling shown x5" at the top of the 3D view, in every mode, large enough for a projector.
// Drawn over everything (ImGui's foreground list), so no panel or screen can hide it.
#pragma once

#include <string>

namespace sh::ui {

// The words, or nothing at x1 (true scale): "Swelling shown x5", "Swelling shown x2.5".
std::string swelling_label_text(double exaggeration);

// Centred over the view from `view_left_px` to the display's right edge, `top_px` from its top;
// text about 3.5 % of the display's height (at least the UI's own text size).
void draw_swelling_label(double exaggeration, float view_left_px, float top_px);

} // namespace sh::ui
