#include "control_panel.hpp"

#include <imgui.h>

namespace sh::ui {

PanelEdits draw_control_panel(PanelState& s) {
    PanelEdits edits;
    ImGui::SetNextWindowPos(ImVec2(10, 10), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(340, 0), ImGuiCond_FirstUseEver);
    ImGui::Begin("SecondHeart");

    int activity = static_cast<int>(s.activity);
    edits.activity |= ImGui::RadioButton("Standing", &activity, 0);
    ImGui::SameLine();
    edits.activity |= ImGui::RadioButton("Walking", &activity, 1);
    ImGui::SameLine();
    edits.activity |= ImGui::RadioButton("Running", &activity, 2);
    s.activity = static_cast<ActivityChoice>(activity);
    if (s.activity == ActivityChoice::Running) {
        edits.activity |=
            ImGui::SliderFloat("speed", &s.running_speed_kmh, 6.0f, 16.0f, "%.1f km/h");
    } else {
        // Standing is walking at 0 km/h as far as the slider goes: moving it starts walking.
        float speed = s.activity == ActivityChoice::Standing ? 0.0f : s.walking_speed_kmh;
        if (ImGui::SliderFloat("speed", &speed, 0.0f, 8.0f, "%.1f km/h")) {
            edits.activity = true;
            s.walking_speed_kmh = speed;
            s.activity = speed > 0.0f ? ActivityChoice::Walking : ActivityChoice::Standing;
        }
    }

    if (!s.conditions.empty()) {
        const int count = static_cast<int>(s.conditions.size());
        if (s.condition < 0 || s.condition >= count) s.condition = 0;
        if (ImGui::BeginCombo("condition", s.conditions[static_cast<std::size_t>(s.condition)].c_str())) {
            for (int i = 0; i < count; ++i) {
                const bool selected = i == s.condition;
                if (ImGui::Selectable(s.conditions[static_cast<std::size_t>(i)].c_str(), selected)) {
                    edits.condition |= !selected;
                    s.condition = i;
                }
                if (selected) ImGui::SetItemDefaultFocus();
            }
            ImGui::EndCombo();
        }
    }
    edits.pause = ImGui::Checkbox("pause", &s.paused);

    ImGui::Separator();
    ImGui::Text("time            %8.1f s", s.sim_time_s);
    ImGui::Text("ankle pressure  %8.1f mmHg", static_cast<double>(s.ankle_pressure_mmHg));
    ImGui::Text("cadence         %8.0f steps/min", static_cast<double>(s.cadence_spm));
    ImGui::Separator();
    ImGui::Text("frame %.2f ms  (GPU: compute %.2f, draw %.2f, ui %.2f)",
                static_cast<double>(s.frame_ms), static_cast<double>(s.gpu_compute_ms),
                static_cast<double>(s.gpu_draw_ms), static_cast<double>(s.gpu_ui_ms));
    if (!s.device_name.empty()) ImGui::TextDisabled("%s", s.device_name.c_str());
    ImGui::End();
    return edits;
}

} // namespace sh::ui
