#include "ui_scale.hpp"

#include <algorithm>
#include <cmath>

namespace sh {

UiScale compute_ui_scale(int window_w, int window_h, std::uint32_t pixels_w,
                         std::uint32_t pixels_h) {
    UiScale s;
    const auto pw = static_cast<float>(pixels_w), ph = static_cast<float>(pixels_h);
    if (window_w <= 0 || window_h <= 0 || pixels_w == 0 || pixels_h == 0) {
        s.display_w = pw;
        s.display_h = ph;
        return s;
    }
    s.display_w = static_cast<float>(window_w);
    s.display_h = static_cast<float>(window_h);
    s.framebuffer_x = pw / s.display_w;
    s.framebuffer_y = ph / s.display_h;
    const float larger = std::max(s.framebuffer_x, s.framebuffer_y);
    s.font_raster = std::clamp(std::round(larger * 4.0f) / 4.0f, 1.0f, 4.0f);
    return s;
}

} // namespace sh
