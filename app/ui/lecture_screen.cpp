#include "lecture_screen.hpp"

#include "translate.hpp"

#include <algorithm>
#include <cstdio>

namespace sh::ui {

namespace {

constexpr ImGuiWindowFlags k_overlay_flags =
    ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoInputs | ImGuiWindowFlags_NoSavedSettings |
    ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoMove |
    ImGuiWindowFlags_AlwaysAutoResize;

} // namespace

float draw_caption_bar(const char* id, const std::string& text, const ModeLook& look,
                       float progress) {
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(0, display.y), ImGuiCond_Always, ImVec2(0, 1));
    ImGui::SetNextWindowSizeConstraints(ImVec2(display.x, 0), ImVec2(display.x, display.y * 0.5f));
    ImGui::PushStyleColor(ImGuiCol_WindowBg,
                          ImGui::ColorConvertU32ToFloat4(caption_background(look)));
    ImGui::Begin(id, nullptr, k_overlay_flags);
    const float pad = ImGui::GetStyle().WindowPadding.x;
    if (progress >= 0.0f) {
        // A thin line along the top edge: how far through a timed step (kiosk, lecture).
        const ImVec2 p = ImGui::GetWindowPos();
        ImGui::GetWindowDrawList()->AddRectFilled(
            p, ImVec2(p.x + display.x * std::clamp(progress, 0.0f, 1.0f), p.y + 3.0f),
            ImGui::ColorConvertFloat4ToU32(accent_colour(look)));
    }
    ImGui::PushTextWrapPos(display.x - pad);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    const float height = ImGui::GetWindowHeight();
    ImGui::End();
    ImGui::PopStyleColor();
    return height;
}

void draw_veil(float alpha) {
    if (alpha <= 0.0f) return;
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const auto a = static_cast<int>(std::clamp(alpha, 0.0f, 1.0f) * 255.0f + 0.5f);
    ImGui::GetForegroundDrawList()->AddRectFilled(ImVec2(0, 0), display, IM_COL32(0, 0, 0, a));
}

void draw_lecture_screen(const LectureView& v) {
    apply_mode_look(v.look);
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    if (v.presenting && v.steps > 0) {
        // Title and counter small along the top: the audience reads the caption, the presenter
        // glances at the counter.
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowBgAlpha(0.55f);
        ImGui::Begin("##lecture_title", nullptr, k_overlay_flags);
        ImGui::SetWindowFontScale(small_text_scale(v.look));
        ImGui::TextUnformatted(v.lesson_title.c_str());
        ImGui::End();

        char counter[96];
        std::snprintf(counter, sizeof counter, i18n::tr("Step %zu / %zu"), v.step, v.steps);
        ImGui::SetNextWindowPos(ImVec2(display.x, 0), ImGuiCond_Always, ImVec2(1, 0));
        ImGui::SetNextWindowBgAlpha(0.55f);
        ImGui::Begin("##lecture_counter", nullptr, k_overlay_flags);
        ImGui::SetWindowFontScale(small_text_scale(v.look));
        if (v.waiting)
            ImGui::TextColored(accent_colour(v.look), "%s", counter);
        else
            ImGui::TextUnformatted(counter);
        ImGui::End();

        draw_caption_bar("##lecture_caption", v.caption, v.look,
                         v.waiting ? -1.0f : v.step_progress);
    } else {
        ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y), ImGuiCond_Always,
                                ImVec2(0.5f, 1));
        ImGui::SetNextWindowBgAlpha(0.55f);
        ImGui::Begin("##lecture_hint", nullptr, k_overlay_flags);
        ImGui::SetWindowFontScale(small_text_scale(v.look));
        ImGui::TextUnformatted(v.steps > 0 ? i18n::tr("F5: start the lesson    Ctrl+Q: quit")
                                           : i18n::tr("No lesson to show    Ctrl+Q: quit"));
        ImGui::End();
    }
    // The heart at the right edge under the step counter, between the title row and the caption
    // (the leg is framed in the middle): in and out of a lesson, so the hall can watch it.
    const float heart_px = std::clamp(0.22f * display.y, 64.0f, 260.0f);
    draw_heart_card("##lecture_heart", v.heart, 0.1f * display.y, heart_px, true,
                    small_text_scale(v.look), v.look.light);
    draw_veil(v.blank);
}

} // namespace sh::ui
