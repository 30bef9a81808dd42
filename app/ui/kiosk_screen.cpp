#include "kiosk_screen.hpp"

#include "lecture_screen.hpp"
#include "translate.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace sh::ui {

namespace {

using i18n::tr;

constexpr ImGuiWindowFlags k_fixed = ImGuiWindowFlags_NoDecoration |
                                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoMove |
                                     ImGuiWindowFlags_AlwaysAutoResize;

// The beating heart at the right edge from `top` down, if it fits above `bottom` (the caption or
// the buttons) or beside `left_of` (the buttons' right edge): never over the leg, framed in the
// middle, nor over a button. Returns whether it was drawn.
bool draw_kiosk_heart(const KioskView& v, float top, float bottom, float left_of) {
    if (!v.heart.valid) return false;
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    // A fifth of the height, as in patient mode, but narrower on a portrait screen so that it
    // stays in the outer fifth of the width, away from the leg.
    const float heart_px = std::clamp(std::min(0.2f * display.y, 0.16f * display.x), 48.0f, 220.0f);
    // The card: the heart, two label lines under it and the window padding.
    const ImGuiStyle& style = ImGui::GetStyle();
    const float text_scale = small_text_scale(v.look);
    const float card_h = heart_px + 2.0f * ImGui::GetTextLineHeightWithSpacing() * text_scale +
                         2.0f * style.WindowPadding.y;
    const float card_w = heart_px + 2.0f * style.WindowPadding.x;
    const bool above = top + card_h <= bottom;
    const bool beside = display.x - card_w >= left_of;
    if (!above && !beside) return false;
    draw_heart_card("##kiosk_heart", v.heart, top, heart_px, false, text_scale, v.look.light);
    return true;
}

void draw_attract(const KioskView& v, KioskActions& a) {
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowBgAlpha(0.55f);
    ImGui::Begin("##kiosk_title", nullptr, k_fixed | ImGuiWindowFlags_NoInputs);
    ImGui::TextUnformatted(v.title.c_str());
    const float title_bottom = ImGui::GetWindowPos().y + ImGui::GetWindowSize().y;
    ImGui::End();
    const float caption_h = draw_caption_bar("##kiosk_caption", v.caption, v.look, v.step_progress);
    // Pulses slowly (a 3 s cycle), never blinks: people notice it without it being shrill.
    // Centred just above the caption, under the foot: in sight, and not over the leg (the
    // camera keeps the leg clear of every window, ui_covered_rects).
    const float pulse = 0.75f + 0.25f * std::sin(static_cast<float>(v.time_s) * 2.1f);
    ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y - caption_h), ImGuiCond_Always,
                            ImVec2(0.5f, 1.0f));
    ImGui::SetNextWindowBgAlpha(0.7f * pulse);
    ImGui::Begin("##kiosk_touch", nullptr, k_fixed | ImGuiWindowFlags_NoInputs);
    ImGui::SetWindowFontScale(1.5f);
    ImVec4 text = ImGui::GetStyleColorVec4(ImGuiCol_Text);
    text.w = pulse;
    ImGui::TextColored(text, "%s", tr("Touch to start"));
    const float touch_right = ImGui::GetWindowPos().x + ImGui::GetWindowSize().x;
    ImGui::End();
    a.heart_drawn = draw_kiosk_heart(v, title_bottom, display.y - caption_h, touch_right);
}

KioskActions draw_active(const KioskView& v) {
    KioskActions a;
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float caption_h = draw_caption_bar("##kiosk_caption", v.caption, v.look);

    char numbers[128];
    std::snprintf(numbers, sizeof numbers, tr("Ankle vein pressure %.0f mmHg"),
                  static_cast<double>(v.ankle_mmHg));
    ImGui::SetNextWindowPos(ImVec2(display.x, 0), ImGuiCond_Always, ImVec2(1, 0));
    ImGui::SetNextWindowBgAlpha(0.55f);
    ImGui::Begin("##kiosk_numbers", nullptr, k_fixed | ImGuiWindowFlags_NoInputs);
    ImGui::SetWindowFontScale(small_text_scale(v.look));
    ImGui::TextUnformatted(numbers);
    const float numbers_bottom = ImGui::GetWindowPos().y + ImGui::GetWindowSize().y;
    ImGui::End();

    // The buttons in one row above the caption, centred; all the same width so that none looks
    // more important. Where one row does not fit (a small screen, 480x270), they are docked to
    // the left edge instead, in one column when it fits above the caption, else two side by
    // side: the camera frames the leg in the part of the frame that windows docked to an edge
    // leave free (engine/scene/camera.hpp), and a block in the middle would sit over the leg.
    std::vector<const char*> labels;
    for (const std::string& s : v.scenes) labels.push_back(s.c_str());
    const int n = static_cast<int>(labels.size());
    const ImGuiStyle& style = ImGui::GetStyle();
    const float width = std::max(v.look.touch_px * 2.0f, button_width(labels.data(), n));
    const float row_w =
        width * static_cast<float>(n) + style.ItemSpacing.x * static_cast<float>(n - 1);
    const bool one_row = row_w + 2 * style.WindowPadding.x <= display.x;
    const float column_h = v.look.touch_px * static_cast<float>(n) +
                           style.ItemSpacing.y * static_cast<float>(n - 1) +
                           2 * style.WindowPadding.y;
    const int per_row = one_row ? n : column_h <= display.y - caption_h ? 1 : 2;
    if (one_row)
        ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y - caption_h), ImGuiCond_Always,
                                ImVec2(0.5f, 1));
    else
        ImGui::SetNextWindowPos(ImVec2(0, display.y - caption_h), ImGuiCond_Always, ImVec2(0, 1));
    ImGui::SetNextWindowBgAlpha(0.0f);
    ImGui::Begin("##kiosk_buttons", nullptr, k_fixed | ImGuiWindowFlags_NoBringToFrontOnFocus);
    for (int i = 0; i < n; ++i) {
        if (i % per_row != 0) ImGui::SameLine();
        const bool current = i == v.scene;
        if (current) ImGui::PushStyleColor(ImGuiCol_Button, accent_colour(v.look));
        if (ImGui::Button(labels[static_cast<std::size_t>(i)], ImVec2(width, v.look.touch_px)))
            a.scene = i;
        if (current) ImGui::PopStyleColor();
    }
    const float buttons_top = ImGui::GetWindowPos().y;
    const float buttons_right = ImGui::GetWindowPos().x + ImGui::GetWindowSize().x;
    ImGui::End();
    a.heart_drawn = draw_kiosk_heart(v, numbers_bottom, buttons_top, buttons_right);
    return a;
}

bool draw_still_there(const KioskView& v) {
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::GetBackgroundDrawList()->AddRectFilled(ImVec2(0, 0), display, IM_COL32(0, 0, 0, 150));
    ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.5f), ImGuiCond_Always,
                            ImVec2(0.5f, 0.5f));
    ImGui::Begin("##kiosk_still_there", nullptr, k_fixed);
    ImGui::SetWindowFontScale(1.3f);
    ImGui::TextUnformatted(tr("Still there?"));
    ImGui::SetWindowFontScale(1.0f);
    ImGui::Text(tr("Starting over in %.0f s"), std::ceil(v.countdown_s));
    const bool pressed = ImGui::Button(tr("I'm still here"), ImVec2(0, v.look.touch_px));
    ImGui::End();
    return pressed;
}

} // namespace

KioskActions draw_kiosk_screen(const KioskView& v) {
    apply_mode_look(v.look);
    switch (v.phase) {
    case KioskPhase::Attract: {
        KioskActions a;
        draw_attract(v, a);
        return a;
    }
    case KioskPhase::Active:
        return draw_active(v);
    case KioskPhase::StillThere: {
        // Only the caption and the countdown: nothing else to touch by mistake.
        KioskActions a;
        draw_caption_bar("##kiosk_caption", v.caption, v.look);
        a.still_here = draw_still_there(v);
        return a;
    }
    }
    return {};
}

} // namespace sh::ui
