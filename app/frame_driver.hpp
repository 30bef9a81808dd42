// Driving the frames of a run: events, test hooks, simulation, UI, then one FrameLoop::render
// per frame (docs/architecture.md, "The frame").
#pragma once

#include "camera_control.hpp"
#include "desktop_overlay.hpp"
#include "frame_loop.hpp"
#include "imgui_layer.hpp"
#include "leg_content.hpp"
#include "mode_controller.hpp"
#include "recent_samples.hpp"
#include "sdl_window.hpp"
#include "secondheart_options.hpp"
#include "secondheart_sim.hpp"
#include "test_hooks.hpp"

#include <cstdint>

namespace sh::app {

// What the frames work on (all owned by the run).
struct FrameParts {
    SdlWindow* window = nullptr; // null headless
    SimDriver& sim;
    FrameLoop& loop;
    ImGuiLayer& ui;
    FrameContent& content;
    ui::PanelState& panel;
    ModeController& modes;
    LegContent* leg = nullptr; // null when only the background is drawn
    DesktopOverlay& overlay;
    TestHooks& hooks;
    CameraInput* camera = nullptr; // mouse and touch onto the view (null: the presets only)
};

struct LoopResult {
    // Wall time of the recent rendered frames (fixed storage: a kiosk renders for weeks).
    RecentSamples<double> frame_ms;
    bool captured = false; // the last of `frames` was read back (capture_last)
    // CPU milliseconds per rendered frame from the second frame on, of every thread of the
    // program but the clinical numbers' worker: the render loop and the Vulkan driver's
    // threads. On a CPU device (lavapipe) this is the frame's whole work, and it varies far less
    // with other load on the machine than the wall time does. 0 with fewer than 2 frames.
    double cpu_ms_per_frame = 0;
};

// Renders `frames` frames (0: until quit). `capture_last` reads the last one back.
LoopResult run_frames(const Options& o, std::uint32_t frames, bool capture_last, FrameParts& p);

} // namespace sh::app
