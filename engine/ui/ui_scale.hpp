// HiDPI for the ImGui overlay, as plain arithmetic (tested without a window). SDL reports the
// window in points (what mouse events use) and the Vulkan drawable in pixels (what we render);
// on a 2x display a 1280x720-point window has a 2560x1440-pixel drawable. ImGui then works in
// points (DisplaySize = the window size, so mouse coordinates match), its draw data is scaled
// to pixels by DisplayFramebufferScale, and the font atlas is rasterised at the pixel scale
// with FontGlobalScale = 1 / scale, so text is as large as on a 1x display but sharp.
#pragma once

#include <cstdint>

namespace sh {

struct UiScale {
    float display_w = 0, display_h = 0;         // io.DisplaySize (points)
    float framebuffer_x = 1, framebuffer_y = 1; // io.DisplayFramebufferScale (pixels per point)
    float font_raster = 1;                      // rasterise the font at this multiple
};

// window_w/h: SDL_GetWindowSize (points); pixels_w/h: the drawable (= our target) size. A zero
// window size (minimised, or no window) falls back to 1 point per pixel. The font raster
// scale is the larger framebuffer scale rounded to a quarter and kept within 1 to 4, so small
// size jitter never rebuilds the atlas.
UiScale compute_ui_scale(int window_w, int window_h, std::uint32_t pixels_w,
                         std::uint32_t pixels_h);

} // namespace sh
