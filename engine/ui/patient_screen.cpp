#include "patient_screen.hpp"

#include "lecture_screen.hpp"

#include <algorithm>

namespace sh::ui {

int draw_patient_screen(const PatientView& v) {
    apply_mode_look(v.look);
    int chosen = -1;
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const ImGuiWindowFlags fixed = ImGuiWindowFlags_NoDecoration |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_AlwaysAutoResize;

    // The choices down the left edge, large, one per line.
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowBgAlpha(0.55f);
    ImGui::Begin("##patient_scenes", nullptr, fixed);
    std::vector<const char*> labels;
    for (const std::string& s : v.scenes) labels.push_back(s.c_str());
    const float width = button_width(labels.data(), static_cast<int>(labels.size()));
    for (std::size_t i = 0; i < labels.size(); ++i) {
        const bool current = static_cast<int>(i) == v.scene;
        if (current) ImGui::PushStyleColor(ImGuiCol_Button, accent_colour(v.look));
        if (ImGui::Button(labels[i], ImVec2(width, v.look.touch_px))) chosen = static_cast<int>(i);
        if (current) ImGui::PopStyleColor();
    }
    ImGui::End();

    // The figures at the top right, in words first and numbers second.
    ImGui::SetNextWindowPos(ImVec2(display.x, 0), ImGuiCond_Always, ImVec2(1, 0));
    ImGui::SetNextWindowBgAlpha(0.55f);
    ImGui::Begin("##patient_numbers", nullptr, fixed | ImGuiWindowFlags_NoInputs);
    ImGui::SetWindowFontScale(0.8f);
    ImGui::Text("Pressure in the ankle veins: %.0f mmHg", static_cast<double>(v.ankle_mmHg));
    ImGui::Text("Leg swelling: %+.1f %%", static_cast<double>(v.swelling_pct));
    ImGui::Text("Clot risk: %.1f times usual", static_cast<double>(v.vte_risk));
    if (v.seated_hours > 0.01) ImGui::Text("Hours seated: %.1f", v.seated_hours);
    ImGui::End();

    draw_caption_bar("##patient_caption",
                     v.explanation +
                         "\nThe risk is an average for many people, not a diagnosis for you.",
                     v.look);
    return chosen;
}

} // namespace sh::ui
