// The control panel: activity, posture, valve failure, sitting with time-lapse, presets, pause
// and single step, live plots and the clinical numbers; the interventions (stockings, elevation,
// intermittent pneumatic compression, calf strength) and the heart's numbers (issue 11). It only
// edits a plain struct in the simulator's vocabulary (sim/vocabulary.hpp: the activities, postures
// and valve groups with their labels), so the app maps the struct onto the simulator, the panel
// never sees the model or Vulkan, and tests can drive it headless.
#pragma once

#include "heart_inset.hpp"
#include "translate.hpp"
#include "vocabulary.hpp"

#include <array>
#include <string>
#include <utility>
#include <vector>

namespace sh::ui {

// The clinical protocol numbers (app/logic/clinical_numbers), measured in the background.
struct ClinicalReadout {
    bool ready = false; // false: being measured for the current valves ("measuring...")
    std::string error;  // set when the measurement failed
    float ambulatory_fall_mmHg = 0;
    float refill_time_s = 0;
    bool refill_capped = false; // no 90 % recovery within the protocol's 180 s
    float ejection_fraction_pct = 0;
    float filling_index_ml_s = 0;
};

// Camera presets in the order of scene::CameraPreset (cutaway: x-ray of the deep veins), and
// the particle colourings in the order of gpu::FLOW_COLOR_* (speed, pressure, direction).
// Shown translated with the contexts "view" and "blood colour" (app/i18n/translate.hpp).
inline constexpr std::array<const char*, 4> k_views = {
    NC_("view", "front"), NC_("view", "back"), NC_("view", "medial"), NC_("view", "cutaway")};
inline constexpr std::array<const char*, 3> k_blood_colours = {NC_("blood colour", "speed"),
                                                               NC_("blood colour", "pressure"),
                                                               NC_("blood colour", "direction")};

// The interventions' choices, in the order of sim::StockingLength, sim::StockingMaterial,
// sim::IpcSite and sim::CalfStrength (secondheart_sim.cpp checks it).
// Shown translated in the contexts named in their NC_() markers.
inline constexpr std::array<const char*, 2> k_stocking_lengths = {
    NC_("stocking length", "below knee"), NC_("stocking length", "thigh")};
inline constexpr std::array<const char*, 2> k_stocking_materials = {
    NC_("stocking material", "elastic"), NC_("stocking material", "inelastic (short-stretch)")};
inline constexpr std::array<const char*, 3> k_ipc_sites = {NC_("compression site", "off"),
                                                           NC_("compression site", "calf"),
                                                           NC_("compression site", "foot")};
inline constexpr std::array<const char*, 4> k_calf_strengths = {
    NC_("calf strength", "average"), NC_("calf strength", "untrained"),
    NC_("calf strength", "trained"), NC_("calf strength", "deconditioned")};

// What people do for their legs (issue 11), as the panel edits it.
struct InterventionControls {
    float stocking_mmHg = 0;   // at the ankle; 0 no stocking, up to 50 (RAL class IV)
    int stocking_length = 0;   // index into k_stocking_lengths
    int stocking_material = 0; // index into k_stocking_materials
    bool elevate = false;      // lying: the straight leg raised; seated: a footrest
    float elevation_deg = 40;  // 0 .. 80
    int ipc = 0;               // index into k_ipc_sites (0 off)
    float ipc_pressure_mmHg = 45;
    float ipc_on_s = 11; // the cuff inflated
    float ipc_off_s = 49;
    int calf_strength = 0; // index into k_calf_strengths
    // Shown beside the pressure, set by the app ("RAL class II (23-32 mmHg)").
    std::string stocking_class;
};

struct PanelState {
    // Edited by the user.
    sim::Activity activity = sim::Activity::Walking; // one of the sustained activities
    sim::Posture posture = sim::Posture::Standing;   // one of the postures on_panel
    float walking_speed_kmh = 3.0f;                  // 0 .. 8
    float running_speed_kmh = 10.0f;                 // 6 .. 16
    std::vector<std::string> conditions;             // offered by the app (sim::condition_names)
    int condition = 0;                               // index into conditions
    std::array<float, sim::kValveGroupCount> valve_severity{}; // 0 competent .. 1 absent
    float time_lapse = 1.0f;                                   // simulated seconds per second
    bool breaks = false;              // a 5-minute walk every hour while seated
    std::vector<std::string> presets; // offered by the app
    int preset = -1;                  // set when a preset button is pressed
    bool paused = false;
    int view = 0;            // index into k_views
    int blood_colour = 0;    // index into k_blood_colours
    bool show_labels = true; // anatomical labels over the leg
    float swelling_exaggeration = 1.0f; // 1 (true scale) .. 10
    InterventionControls interventions;

    // Live numbers, written by the app every frame; shown read-only.
    double sim_time_s = 0;
    float ankle_pressure_mmHg = 0;
    float deep_ankle_pressure_mmHg = 0;
    float cadence_spm = 0;
    double seated_hours = 0;
    float swelling_pct = 0;
    float vte_risk = 1;
    ClinicalReadout clinical;
    HeartView heart; // the closed circulation's numbers and plots (and the beat, for the inset)
    bool recording = false; // a recording is running (the button says Stop)
    std::vector<float> plot_gsv_mmHg, plot_deep_mmHg, plot_calf_volume_ml, plot_popliteal_ml_s;
    float frame_ms = 0;
    float gpu_compute_ms = 0;
    float gpu_draw_ms = 0;
    float gpu_ui_ms = 0;
    // The draw's passes (GPU timestamps, smoothed), in the order they ran: name, ms.
    std::vector<std::pair<std::string, float>> gpu_passes;
    std::string device_name;
    float panel_right_px = 0; // right edge of the panel window (overlays keep clear of it)
};

// What the user changed this frame (the app re-applies only that).
struct PanelEdits {
    bool activity = false; // activity kind or speed
    bool posture = false;
    bool condition = false;
    bool valves = false;
    bool sitting = false; // time-lapse or breaks
    bool preset = false;  // PanelState::preset names it
    bool pause = false;
    bool step = false;       // single step while paused
    bool labels = false;     // the labels checkbox (PanelState::show_labels)
    bool screenshot = false; // export buttons: take one, toggle recording, write the CSV
    bool record = false;
    bool export_csv = false;
    bool view = false;          // PanelState::view (camera preset)
    bool blood_colour = false;  // PanelState::blood_colour
    bool exaggeration = false;  // PanelState::swelling_exaggeration
    bool interventions = false; // PanelState::interventions (stocking, elevation, IPC, strength)
    bool any() const {
        return activity || posture || condition || valves || sitting || preset || pause || step ||
               labels || screenshot || record || export_csv || view || blood_colour ||
               interventions || exaggeration;
    }
};

// Inside an ImGui frame (between ImGuiLayer::begin_frame and end_frame).
PanelEdits draw_control_panel(PanelState& state);

} // namespace sh::ui
