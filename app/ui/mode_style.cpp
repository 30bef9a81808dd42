#include "mode_style.hpp"

#include <algorithm>

namespace sh::ui {

void apply_mode_look(const ModeLook& look) {
    ImGuiIO& io = ImGui::GetIO();
    const float atlas_px = io.Fonts->Fonts.empty() ? 13.0f : io.Fonts->Fonts[0]->FontSize;
    io.FontGlobalScale = look.text_px / atlas_px;

    ImGuiStyle& s = ImGui::GetStyle();
    if (look.light)
        ImGui::StyleColorsLight(&s);
    else
        ImGui::StyleColorsDark(&s);
    // Pure black and white with one saturated accent: projectors wash out mid-greys, and a
    // touch screen is seen at an angle.
    const ImVec4 text = look.light ? ImVec4(0, 0, 0, 1) : ImVec4(1, 1, 1, 1);
    const ImVec4 back = look.light ? ImVec4(1, 1, 1, 0.92f) : ImVec4(0, 0, 0, 0.82f);
    const ImVec4 accent = accent_colour(look);
    s.Colors[ImGuiCol_Text] = text;
    s.Colors[ImGuiCol_WindowBg] = back;
    s.Colors[ImGuiCol_PopupBg] = back;
    s.Colors[ImGuiCol_ModalWindowDimBg] = ImVec4(0, 0, 0, 0.6f);
    s.Colors[ImGuiCol_Border] = text;
    s.Colors[ImGuiCol_Button] =
        look.light ? ImVec4(0.85f, 0.88f, 0.95f, 1) : ImVec4(0.16f, 0.2f, 0.3f, 1);
    s.Colors[ImGuiCol_ButtonHovered] = accent;
    s.Colors[ImGuiCol_ButtonActive] = accent;
    s.Colors[ImGuiCol_PlotHistogram] = accent;
    s.Colors[ImGuiCol_FrameBg] =
        look.light ? ImVec4(0.85f, 0.85f, 0.85f, 1) : ImVec4(0.2f, 0.2f, 0.2f, 1);

    const float pad = std::max(4.0f, look.text_px * 0.5f);
    s.WindowPadding = ImVec2(pad, pad);
    // A button is the text plus twice the vertical frame padding: make that the touch size.
    s.FramePadding = ImVec2(pad, std::max(3.0f, (look.touch_px - look.text_px) * 0.5f));
    s.ItemSpacing = ImVec2(std::max(10.0f, look.touch_px * 0.2f), std::max(8.0f, pad * 0.8f));
    s.ItemInnerSpacing = ImVec2(pad * 0.5f, pad * 0.5f);
    s.WindowRounding = 0;
    s.FrameRounding = std::max(2.0f, look.text_px * 0.25f);
    s.WindowBorderSize = 0;
    s.FrameBorderSize = 1;
    s.PopupBorderSize = 2;
}

ImU32 caption_background(const ModeLook& look) {
    return look.light ? IM_COL32(255, 255, 255, 235) : IM_COL32(0, 0, 0, 210);
}

ImVec4 accent_colour(const ModeLook& look) {
    return look.light ? ImVec4(0.0f, 0.35f, 0.8f, 1) : ImVec4(0.95f, 0.6f, 0.1f, 1);
}

float small_text_scale(const ModeLook& look) {
    return std::min(1.0f, std::max(0.7f, 13.0f / look.text_px));
}

float button_width(const char* const* labels, int count) {
    float widest = 0;
    for (int i = 0; i < count; ++i) widest = std::max(widest, ImGui::CalcTextSize(labels[i]).x);
    return widest + 2.0f * ImGui::GetStyle().FramePadding.x;
}

} // namespace sh::ui
