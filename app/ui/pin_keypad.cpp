#include "pin_keypad.hpp"

#include "translate.hpp"

#include <algorithm>

namespace sh::ui {

using i18n::tr;

KeypadActions draw_pin_keypad(const KeypadView& v) {
    KeypadActions a;
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::GetBackgroundDrawList()->AddRectFilled(ImVec2(0, 0), display, IM_COL32(0, 0, 0, 150));
    ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.5f), ImGuiCond_Always,
                            ImVec2(0.5f, 0.5f));
    ImGui::Begin("##pin_keypad", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove);
    // A touch target, or wider when a translated label needs it ("Borrar", "Löschen").
    const char* const labels[] = {tr("Del"), tr("OK")};
    const float key = std::max(v.look.touch_px * 1.2f, button_width(labels, 2));
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    if (v.no_pin) {
        ImGui::PushTextWrapPos(std::max(key * 3 + gap * 2, display.x * 0.4f));
        ImGui::TextUnformatted(
            tr("No kiosk PIN is set in the settings file, so the kiosk cannot be "
               "left from here. Set \"kiosk_pin\" in settings.json."));
        ImGui::PopTextWrapPos();
        a.cancel = ImGui::Button(tr("Close"), ImVec2(key * 3 + gap * 2, key));
        ImGui::End();
        return a;
    }
    ImGui::TextUnformatted(tr("Staff exit: PIN"));
    const std::string stars(v.entered, '*');
    ImGui::Text("%s", stars.empty() ? "-" : stars.c_str());
    // Keypad order of phones and door locks: 1 2 3 at the top.
    for (int row = 0; row < 3; ++row) {
        for (int col = 0; col < 3; ++col) {
            const int d = row * 3 + col + 1;
            const char label[2] = {static_cast<char>('0' + d), '\0'};
            if (col > 0) ImGui::SameLine();
            if (ImGui::Button(label, ImVec2(key, key))) a.digit = d;
        }
    }
    a.erase = ImGui::Button(tr("Del"), ImVec2(key, key));
    ImGui::SameLine();
    if (ImGui::Button("0", ImVec2(key, key))) a.digit = 0;
    ImGui::SameLine();
    a.enter = ImGui::Button(tr("OK"), ImVec2(key, key));
    a.cancel = ImGui::Button(tr("Cancel"), ImVec2(key * 3 + gap * 2, key));
    if (!v.message.empty()) ImGui::TextColored(accent_colour(v.look), "%s", v.message.c_str());
    ImGui::End();
    return a;
}

} // namespace sh::ui
