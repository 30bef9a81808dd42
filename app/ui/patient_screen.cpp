#include "patient_screen.hpp"

#include "lecture_screen.hpp"
#include "translate.hpp"

#include <algorithm>

namespace sh::ui {

using i18n::tr;

int draw_patient_screen(const PatientView& v) {
    apply_mode_look(v.look);
    int chosen = -1;
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const ImGuiWindowFlags fixed = ImGuiWindowFlags_NoDecoration |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_AlwaysAutoResize;

    // The caption first: the buttons fill the height above it.
    const float caption_h =
        draw_caption_bar("##patient_caption",
                         v.explanation + "\n" +
                             tr("The risk is an average for many people, not a diagnosis for you."),
                         v.look);

    // The choices down the left edge, large; a second column when the screen is too short.
    const ImGuiStyle& style = ImGui::GetStyle();
    const int n = static_cast<int>(v.scenes.size());
    const float avail = display.y - caption_h - 2.0f * style.WindowPadding.y + style.ItemSpacing.y;
    // The enlarged buttons when they fit in one column, else the touch floor (54 px) first.
    float button_h = v.look.touch_px;
    if (avail / (button_h + style.ItemSpacing.y) < static_cast<float>(n))
        button_h = std::max(
            54.0f, std::min(button_h, avail / static_cast<float>(n) - style.ItemSpacing.y));
    const float row_h = button_h + style.ItemSpacing.y;
    const int rows_fit = std::max(1, static_cast<int>(avail / row_h));
    const int cols = std::max(1, (n + rows_fit - 1) / rows_fit);
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowBgAlpha(0.55f);
    ImGui::Begin("##patient_scenes", nullptr, fixed | ImGuiWindowFlags_NoBringToFrontOnFocus);
    std::vector<const char*> labels;
    for (const std::string& s : v.scenes) labels.push_back(s.c_str());
    const float width = button_width(labels.data(), n);
    for (int i = 0; i < n; ++i) {
        if (i % cols != 0) ImGui::SameLine();
        const bool current = i == v.scene;
        if (current) ImGui::PushStyleColor(ImGuiCol_Button, accent_colour(v.look));
        if (ImGui::Button(labels[static_cast<std::size_t>(i)], ImVec2(width, button_h))) chosen = i;
        if (current) ImGui::PopStyleColor();
    }
    const ImVec2 scenes_max(ImGui::GetWindowPos().x + ImGui::GetWindowSize().x,
                            ImGui::GetWindowPos().y + ImGui::GetWindowSize().y);
    ImGui::End();

    // The figures at the top right, in words first and numbers second; below the buttons when
    // the screen is too narrow for both side by side (their width is last frame's: the window
    // sizes itself to its text).
    static float numbers_w = 0.0f;
    const bool beside = display.x - numbers_w >= scenes_max.x;
    ImGui::SetNextWindowPos(ImVec2(display.x, beside ? 0.0f : scenes_max.y), ImGuiCond_Always,
                            ImVec2(1, 0));
    ImGui::SetNextWindowBgAlpha(0.55f);
    ImGui::Begin("##patient_numbers", nullptr, fixed | ImGuiWindowFlags_NoInputs);
    ImGui::SetWindowFontScale(small_text_scale(v.look));
    ImGui::Text(tr("Pressure in the ankle veins: %.0f mmHg"), static_cast<double>(v.ankle_mmHg));
    // Walking empties the veins (the leg gets smaller); sitting still swells it.
    if (v.swelling_pct < 0.0f)
        ImGui::Text(tr("Leg volume: %.1f %% less (veins emptied)"),
                    static_cast<double>(-v.swelling_pct));
    else
        ImGui::Text(tr("Leg swelling: %.1f %% more volume"), static_cast<double>(v.swelling_pct));
    ImGui::Text(tr("Clot risk: %.1f times usual"), static_cast<double>(v.vte_risk));
    if (v.seated_hours > 0.01) ImGui::Text(tr("Hours seated: %.1f"), v.seated_hours);
    // The heart's sentences wrap at a third of the screen; only beside the buttons (stacked under
    // them on a small screen they would run into the caption).
    if (!v.heart_now.empty() && beside) {
        ImGui::PushTextWrapPos(
            ImGui::GetCursorPosX() +
            std::max(display.x / 3.0f,
                     ImGui::CalcTextSize("Pressure in the ankle veins: 00 mmHg").x));
        ImGui::Separator();
        ImGui::TextUnformatted(v.heart_now.c_str());
        if (!v.heart_compared.empty()) ImGui::TextUnformatted(v.heart_compared.c_str());
        ImGui::TextDisabled("%s", v.heart_disclaimer.c_str());
        ImGui::PopTextWrapPos();
    }
    numbers_w = ImGui::GetWindowSize().x;
    const float numbers_bottom = ImGui::GetWindowPos().y + ImGui::GetWindowSize().y;
    ImGui::End();

    // The beating heart under the figures, at the right edge: clear of the leg in the middle.
    const float heart_px = std::clamp(0.2f * display.y, 48.0f, 220.0f);
    if (numbers_bottom + heart_px < display.y - caption_h)
        draw_heart_card("##patient_heart", v.heart, numbers_bottom, heart_px, false,
                        small_text_scale(v.look), v.look.light);

    return chosen;
}

} // namespace sh::ui
