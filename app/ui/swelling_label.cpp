#include "swelling_label.hpp"

#include "translate.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <imgui.h>

namespace sh::ui {

std::string swelling_label_text(double exaggeration) {
    if (!(exaggeration > 1.0 + 1e-6)) return {};
    char text[96]; // in the language shown
    const double rounded = std::round(exaggeration * 10.0) / 10.0;
    if (std::abs(rounded - std::round(rounded)) < 1e-6)
        std::snprintf(text, sizeof text, i18n::tr("Swelling shown x%.0f"), rounded);
    else
        std::snprintf(text, sizeof text, i18n::tr("Swelling shown x%.1f"), rounded);
    return text;
}

void draw_swelling_label(double exaggeration, float view_left_px, float top_px) {
    const std::string text = swelling_label_text(exaggeration);
    if (text.empty()) return;
    const ImGuiIO& io = ImGui::GetIO();
    ImFont* font = ImGui::GetFont();
    // About 3.5 % of the height: 25 px on a 720-line projector, legible from the back row.
    const float size = std::max(ImGui::GetFontSize(), 0.035f * io.DisplaySize.y);
    const ImVec2 extent = font->CalcTextSizeA(size, 1e9f, 0.0f, text.c_str());
    const float pad = 0.35f * size;
    const float centre = 0.5f * (std::max(view_left_px, 0.0f) + io.DisplaySize.x);
    const ImVec2 lo(std::max(view_left_px, centre - 0.5f * extent.x - pad), top_px + pad);
    const ImVec2 hi(lo.x + extent.x + 2.0f * pad, lo.y + extent.y + 2.0f * pad);
    // A window of its own (no inputs, no background), so that the camera sees it among the
    // rectangles the UI covers and keeps the leg from under it (app/camera_control).
    ImGui::SetNextWindowPos(lo);
    ImGui::SetNextWindowSize(ImVec2(hi.x - lo.x, hi.y - lo.y));
    constexpr ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoInputs |
                                       ImGuiWindowFlags_NoBackground |
                                       ImGuiWindowFlags_NoSavedSettings |
                                       ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav;
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
    const bool open = ImGui::Begin("##swelling_shown", nullptr, flags);
    ImGui::PopStyleVar();
    if (!open) {
        ImGui::End();
        return;
    }
    ImDrawList* list = ImGui::GetWindowDrawList();
    list->PushClipRectFullScreen(); // the window's own clip would shave the border
    // Amber on near-black: reads on the dark and the light palette and on a washed-out
    // projector, and is none of the blood's colours.
    list->AddRectFilled(lo, hi, IM_COL32(20, 20, 24, 225), 0.3f * size);
    list->AddRect(lo, hi, IM_COL32(255, 190, 60, 255), 0.3f * size, 0, 2.0f);
    list->AddText(font, size, ImVec2(lo.x + pad, lo.y + pad), IM_COL32(255, 205, 90, 255),
                  text.c_str());
    list->PopClipRect();
    ImGui::End();
}

} // namespace sh::ui
