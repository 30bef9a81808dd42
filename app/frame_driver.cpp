#include "frame_driver.hpp"

#include "memory_report.hpp"
#include "mode_events.hpp"
#include "shutdown_signal.hpp"
#include "stage_layout.hpp"
#include "swelling_label.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <imgui.h>
#include <optional>
#include <SDL.h>
#include <string>
#include <vector>

namespace sh::app {
namespace {

// CPU seconds used by every thread of this process so far.
double process_cpu_seconds() {
    timespec t{};
    if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t) != 0) return 0.0;
    return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

using Clock = std::chrono::steady_clock;

// Headless frames are a fixed 1/60 s of wall time, so that a run's images do not depend on how
// fast the machine renders.
constexpr double k_headless_frame_s = 1.0 / 60.0;

// On CPU devices the desktop panel (ImGui window "SecondHeart", app/ui/control_panel.cpp) and
// the large windows of the lecture, kiosk and patient screens are rasterised after every input
// event, while the camera moves, and otherwise 4 times a second, their live numbers and plots
// included; in between their pixels are copied (ImGuiLayer::cache_windows). Filling the 390x700
// pixel panel costs a few milliseconds a frame there, the patient screen's button column and
// caption as much (session 9: the patient screen's UI pass 3.9-5.5 ms with them drawn every
// frame, 2.1 ms with the buttons alone copied); 4 updates a second are enough to read numbers
// that are themselves averages. What animates stays live: the beating heart, the kiosk's
// pulsing "Touch to start", and a caption whose top edge shows a timed step's progress.
constexpr float k_panel_refresh_s = 0.25f;

std::vector<std::string> cached_windows(AppMode mode) {
    switch (mode) {
    case AppMode::Desktop:
        return {"SecondHeart"};
    case AppMode::Patient:
        return {"##patient_scenes", "##patient_numbers", "##patient_caption"};
    case AppMode::Kiosk:
        // Not the topic buttons: their window has no background (alpha 0), so its copy would
        // be mostly the scene behind it, for little fill saved.
        return {"##kiosk_title", "##kiosk_numbers"};
    case AppMode::Lecture:
        return {"##lecture_title", "##lecture_counter", "##lecture_hint"};
    }
    return {};
}

// The panel's view and blood-colour lists index these enums directly.
constexpr bool panel_views_are_the_presets() {
    if (ui::k_views.size() != sim::kCameraPresets.size()) return false;
    for (std::size_t i = 0; i < ui::k_views.size(); ++i)
        if (std::string_view(ui::k_views[i]) != sim::kCameraPresets[i].label) return false;
    return true;
}
static_assert(panel_views_are_the_presets());
static_assert(ui::k_blood_colours.size() == gpu::FLOW_COLOR_DIRECTION + 1 &&
              gpu::FLOW_COLOR_PRESSURE == 1);

// The window's events of one frame. Returns true when one of them quits.
bool poll_events(FrameParts& p, bool desktop) {
    bool quit = false;
    SDL_Event event;
    while (SDL_PollEvent(&event) != 0) {
        const bool ui_took = p.ui.process_event(event);
        if (event.type == SDL_QUIT) quit = true;
        if (p.camera != nullptr) {
            const VkExtent2D px = p.window->drawable_size();
            p.camera->control.handle(event, ui_took, static_cast<int>(px.width),
                                     static_cast<int>(px.height));
        }
        // export: F9, F12 (not in the kiosk: visitors must not fill the disk)
        if (!ui_took && event.type == SDL_KEYDOWN && event.key.repeat == 0 &&
            p.modes.mode() != AppMode::Kiosk && p.overlay.handle_key(event.key.keysym.sym))
            continue;
        if (!desktop)
            dispatch_mode_event(event, p.modes, *p.window);
        else if (const auto key = key_from_sdl(event); key && !ui_took)
            quit = quit || map_key(AppMode::Desktop, *key) == ModeAction::Quit;
    }
    return quit;
}

// The live numbers, plots and GPU timings into the panel.
void refresh_panel(FrameParts& p, double frame_ema_ms) {
    p.sim.update_panel(p.panel);
    const GpuTimes& gpu = p.loop.timer().smoothed();
    p.panel.frame_ms = static_cast<float>(frame_ema_ms);
    p.panel.gpu_compute_ms = static_cast<float>(gpu.ms(GpuSection::Compute));
    p.panel.gpu_draw_ms = static_cast<float>(gpu.ms(GpuSection::Draw));
    p.panel.gpu_ui_ms = static_cast<float>(gpu.ms(GpuSection::Ui));
    p.panel.gpu_passes.clear();
    for (const auto& [name, ms] : p.loop.passes().smoothed().passes)
        p.panel.gpu_passes.emplace_back(name, static_cast<float>(ms));
}

// This frame's UI (panel or mode screen, overlay), then the panel's edits applied.
void draw_ui(FrameParts& p, bool desktop, VkExtent2D size, double wall_dt) {
    p.ui.begin_frame(size, static_cast<float>(wall_dt));
    ui::PanelEdits edits;
    if (desktop)
        edits = ui::draw_control_panel(p.panel);
    else // the mode's text size follows the output's height in ImGui units (points)
        p.modes.draw(p.sim, static_cast<std::uint32_t>(ImGui::GetIO().DisplaySize.y));
    // Whenever the swelling is not at true scale, the view says so: right of the desktop panel,
    // below the modes' title bar (the top tenth the camera keeps free).
    ui::draw_swelling_label(p.sim.swelling_exaggeration(), desktop ? p.panel.panel_right_px : 0.0f,
                            desktop ? 6.0f : 0.1f * ImGui::GetIO().DisplaySize.y);
    // export/labels: the panel's export buttons, the anatomical labels (desktop), the stocking's
    // class (every mode), messages.
    p.overlay.draw(p.panel, edits, size,
                   p.leg != nullptr ? std::optional(p.leg->view_proj(size)) : std::nullopt,
                   p.sim.live(), desktop);
    p.ui.end_frame();
    if (edits.any()) p.sim.apply_edits(p.panel, edits);
    if (p.leg != nullptr && (edits.view || edits.blood_colour)) {
        // The panel's lists are in the order of CameraPreset and FLOW_COLOR_*.
        p.leg->options().view = static_cast<scene::CameraPreset>(p.panel.view);
        if (edits.view && p.camera != nullptr) p.camera->rig.set_view(0.0f, 0.0f, 1.0f);
        p.leg->options().blood_colour = static_cast<std::uint32_t>(p.panel.blood_colour);
    }
}

} // namespace

LoopResult run_frames(const Options& o, std::uint32_t frames, bool capture_last, FrameParts& p) {
    LoopResult result;
    const bool desktop = p.modes.mode() == AppMode::Desktop;
    const Clock::time_point run_start = Clock::now(); // export: the recording clock
    Clock::time_point last = Clock::now();
    double frame_ema_ms = 0;
    bool quit = false;
    if (p.ui.cpu_device()) p.ui.cache_windows(cached_windows(p.modes.mode()), k_panel_refresh_s);
    // The copies hold what lies behind the translucent windows: while the camera moves (a
    // drag, a preset's glide, the kiosk's drift back), they are drawn afresh every frame.
    std::optional<glm::mat4> last_view_proj;
    // The frame's CPU work (LoopResult::cpu_ms_per_frame), counted from the second frame: the
    // first one compiles what the driver compiles lazily.
    double cpu_start_s = 0;
    std::uint64_t cpu_frames_start = 0;
    const auto frame_cpu_s = [&p] {
        return process_cpu_seconds() - p.sim.clinical().worker_cpu_seconds();
    };
    for (std::uint32_t i = 0; !quit && (frames == 0 || i < frames); ++i) {
        if (i == 1) {
            cpu_start_s = frame_cpu_s();
            cpu_frames_start = p.loop.stats().rendered;
        }
        const Clock::time_point start = Clock::now();
        if (shutdown_requested()) frames = i + 1; // SIGTERM/SIGINT: this frame is the last
        if (p.window != nullptr) {
            quit = poll_events(p, desktop);
            p.hooks.window_events(i, *p.window);
            if (p.camera != nullptr) {
                const VkExtent2D px = p.window->drawable_size();
                inject_test_pointer(p.camera->test, i, p.camera->next_test,
                                    static_cast<int>(px.width), static_cast<int>(px.height),
                                    p.camera->rig);
            }
        }
        quit = p.hooks.inject_keys(i, p.modes) || quit || p.modes.quit_requested();

        const double wall_dt = p.window != nullptr && !o.test_fixed_dt
                                   ? std::chrono::duration<double>(start - last).count()
                                   : k_headless_frame_s;
        last = start;
        if (!desktop) p.modes.update(i == 0 ? 0.0 : wall_dt, p.sim, p.leg);
        const double sim_dt = p.sim.advance(i == 0 ? 0.0 : wall_dt);
        if (p.leg != nullptr) // the floor, seat or bed under the leg as the simulator poses it
            p.leg->options().stage = stage_for_model(p.sim.live().model());
        if (o.report_rss_every != 0 && i % o.report_rss_every == 0)
            std::fprintf(stderr, "secondheart: memory frame %u clock %.1f s sim %.1f s: %s\n", i,
                         static_cast<double>(i) * wall_dt, p.sim.time_s(),
                         describe(process_memory()).c_str());

        const VkExtent2D size =
            p.hooks.drawable_size(i, p.window != nullptr ? p.window->drawable_size()
                                                         : VkExtent2D{o.size.width, o.size.height});
        if (size.width == 0 || size.height == 0) {
            // Minimised: no swapchain can exist at 0x0. Keep simulating, render nothing, and
            // do not spin a core while waiting to be restored.
            (void)p.loop.render(p.content, &p.ui, {}, size);
            SDL_Delay(16);
            continue;
        }
        if (p.camera != nullptr) {
            // Transitions and the kiosk's drift back. The leg is framed right of the desktop
            // panel (380 px at the left) when the window is wide enough to show both, and
            // between the title and the caption of the lecture, kiosk and patient screens.
            p.camera->rig.update(static_cast<float>(wall_dt), p.camera->idle_return_s);
            scene::FrameInsets insets;
            if (desktop && size.width >= 800) insets.left = 390.0f / static_cast<float>(size.width);
            if (!desktop) insets = {0.0f, 0.1f, 0.16f};
            p.camera->rig.set_insets(insets);
        }
        refresh_panel(p, frame_ema_ms);
        draw_ui(p, desktop, size, wall_dt);
        if (p.camera != nullptr) p.camera->rig.set_covered(ui_covered_rects()); // heart, buttons
        if (auto view = p.sim.take_camera_request(); view && p.leg != nullptr) {
            // A scenario, preset or lesson step names a view: the preset, turned and zoomed.
            p.leg->options().view = view->preset;
            p.panel.view = static_cast<int>(view->preset);
            if (p.camera != nullptr)
                p.camera->rig.set_view(static_cast<float>(view->yaw_deg),
                                       static_cast<float>(view->pitch_deg),
                                       static_cast<float>(view->zoom));
        }

        if (p.leg != nullptr && p.ui.caches_windows()) { // only CPU devices cache them
            const glm::mat4 view_proj = p.leg->view_proj(size);
            if (last_view_proj && *last_view_proj != view_proj) p.ui.redraw_all();
            last_view_proj = view_proj;
        }

        FrameInfo info;
        info.time_s = p.sim.time_s();
        info.dt_s = sim_dt;
        info.state = &p.sim.state(); // the frame's one VeinState, written by sim.advance
        const bool last_frame = capture_last && frames != 0 && i + 1 == frames;
        // export: frames read back for a screenshot or the recording (run clock: wall time in
        // a window, 1/60 s per frame headless).
        const double clock_s = p.window != nullptr
                                   ? std::chrono::duration<double>(start - run_start).count()
                                   : i * k_headless_frame_s;
        const bool capture =
            p.overlay.before_render(clock_s, p.loop.stats().rendered) || last_frame;
        if (capture) p.ui.redraw_all(); // a saved frame shows the panel as it is now
        const FrameStatus status = p.loop.render(p.content, &p.ui, info, size, capture);
        p.overlay.after_render(p.loop, status == FrameStatus::Rendered); // export
        if (status == FrameStatus::Rendered) {
            const double ms =
                std::chrono::duration<double, std::milli>(Clock::now() - start).count();
            result.frame_ms.push(ms);
            frame_ema_ms = frame_ema_ms == 0 ? ms : frame_ema_ms + 0.05 * (ms - frame_ema_ms);
            result.captured |= last_frame;
        }
    }
    if (const std::uint64_t n = p.loop.stats().rendered - cpu_frames_start;
        cpu_frames_start > 0 && n > 0)
        result.cpu_ms_per_frame = 1000.0 * (frame_cpu_s() - cpu_start_s) / static_cast<double>(n);
    p.overlay.finish(p.loop); // export: the last read-back frames, then stop a recording
    return result;
}

} // namespace sh::app
