// The first, small control panel (the full one comes later): it only edits a plain struct, so
// the app maps the struct onto the simulator and the panel never sees sim/ or Vulkan.
#pragma once

#include <string>
#include <vector>

namespace sh::ui {

enum class ActivityChoice { Standing, Walking, Running };

struct PanelState {
    // Edited by the user.
    ActivityChoice activity = ActivityChoice::Walking;
    float walking_speed_kmh = 3.0f; // 0 .. 8
    float running_speed_kmh = 10.0f; // 6 .. 16
    std::vector<std::string> conditions; // offered by the app (sim::condition_names)
    int condition = 0;                   // index into conditions
    bool paused = false;

    // Live numbers, written by the app every frame; shown read-only.
    double sim_time_s = 0;
    float ankle_pressure_mmHg = 0;
    float cadence_spm = 0;
    float frame_ms = 0;
    float gpu_compute_ms = 0;
    float gpu_draw_ms = 0;
    float gpu_ui_ms = 0;
    std::string device_name;
};

// What the user changed this frame (the app re-applies only that).
struct PanelEdits {
    bool activity = false;  // activity kind or speed
    bool condition = false;
    bool pause = false;
    bool any() const { return activity || condition || pause; }
};

// Inside an ImGui frame (between ImGuiLayer::begin_frame and end_frame).
PanelEdits draw_control_panel(PanelState& state);

} // namespace sh::ui
