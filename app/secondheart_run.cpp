#include "secondheart_run.hpp"

#include "camera_control.hpp"
#include "control_panel.hpp"
#include "desktop_overlay.hpp"
#include "device.hpp"
#include "frame_loop.hpp"
#include "imgui_layer.hpp"
#include "immediate_submit.hpp"
#include "instance.hpp"
#include "leg_content.hpp"
#include "memory_report.hpp"
#include "mode_controller.hpp"
#include "mode_events.hpp"
#include "png_writer.hpp"
#include "recent_samples.hpp"
#include "sdl_window.hpp"
#include "secondheart_sim.hpp"
#include "settings.hpp"
#include "shipped_lessons.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <imgui.h>
#include <nlohmann/json.hpp>
#include <SDL.h>
#include <string>
#include <vector>

namespace sh::app {

namespace {

using Clock = std::chrono::steady_clock;

// Headless frames are a fixed 1/60 s of wall time, so that a run's images do not depend on how
// fast the machine renders.
constexpr double k_headless_frame_s = 1.0 / 60.0;
constexpr std::uint32_t k_headless_default_frames = 120;
constexpr std::uint32_t k_test_minimise_frames = 20; // frames the test hook keeps it minimised
constexpr const char* k_default_png = "secondheart-frame.png";

constexpr auto identity_ms = [](double ms) { return ms; };

// The panel's view and blood-colour lists index these enums directly.
static_assert(ui::k_views.size() == static_cast<std::size_t>(scene::CameraPreset::Cutaway) + 1);
static_assert(ui::k_blood_colours.size() == gpu::FLOW_COLOR_DIRECTION + 1 &&
              gpu::FLOW_COLOR_PRESSURE == 1);

// Destroys the surface before the instance goes, whatever path leaves the function.
struct SurfaceGuard {
    SdlWindow* window = nullptr;
    ~SurfaceGuard() {
        if (window != nullptr) window->destroy_surface();
    }
};

// Declared after every GPU object, so destroyed first: nothing is destroyed while in use, also
// when an exception leaves the frame loop.
struct IdleGuard {
    VkDevice device = VK_NULL_HANDLE;
    ~IdleGuard() {
        if (device != VK_NULL_HANDLE) vkDeviceWaitIdle(device);
    }
};

// The window, or why there is none (then the run is headless).
std::unique_ptr<SdlWindow> open_window(const Options& o, const std::string& png,
                                       const WindowPlacement& placement) {
    if (o.headless) return nullptr;
    std::string why;
    if (!display_available()) {
        why = "no display (DISPLAY and WAYLAND_DISPLAY are unset)";
    } else {
        // A kiosk must not close with its window (Alt+F4): only a signal (SDL_QUIT) or the PIN.
        if (o.mode == AppMode::Kiosk) SDL_SetHint(SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE, "0");
        auto window = SdlWindow::create("SecondHeart", static_cast<int>(o.size.width),
                                        static_cast<int>(o.size.height), placement);
        if (window) {
            if (!window.value()->placement_note().empty())
                std::fprintf(stderr, "secondheart: --display: %s\n",
                             window.value()->placement_note().c_str());
            return window.take();
        }
        why = window.error().describe();
    }
    std::fprintf(stderr, "secondheart: %s: running headless, the last frame goes to %s\n",
                 why.c_str(), png.c_str());
    return nullptr;
}

// The hidden window hooks of the smoke tests: a resize, a minimise (restored
// k_test_minimise_frames later) and a display change, at the frames the options name.
void window_test_hooks(const Options& o, std::uint32_t i, SdlWindow& window,
                       std::optional<std::uint32_t>& restore_at) {
    if (o.test_resize_frame && *o.test_resize_frame == i)
        SDL_SetWindowSize(window.get(), static_cast<int>(o.test_resize_to.width),
                          static_cast<int>(o.test_resize_to.height));
    if (o.test_minimise_frame && *o.test_minimise_frame == i) {
        SDL_MinimizeWindow(window.get());
        restore_at = i + k_test_minimise_frames;
    }
    if (restore_at && *restore_at == i) SDL_RestoreWindow(window.get());
    if (o.test_display_change_frame && *o.test_display_change_frame == i) {
        // As if a display had been plugged in: the next poll re-places the window.
        SDL_Event e{};
        e.type = SDL_DISPLAYEVENT;
        e.display.event = SDL_DISPLAYEVENT_CONNECTED;
        SDL_PushEvent(&e);
    }
}

// The --test-keys presses due by frame i, as if pressed before it (window or headless).
// Returns true when one of them quits (desktop Esc or Ctrl+Q).
bool inject_test_keys(const Options& o, std::uint32_t i, std::size_t& next, ModeController& modes) {
    bool quit = false;
    for (; next < o.test_keys.size() && o.test_keys[next].frame <= i; ++next) {
        const KeyPress& k = o.test_keys[next].press;
        if (modes.mode() != AppMode::Desktop)
            modes.on_key(k);
        else
            quit = quit || map_key(AppMode::Desktop, k) == ModeAction::Quit;
    }
    return quit;
}

// What is drawn when the leg renderer cannot be built (a driver limit, say): the background,
// so that the panel and the numbers still work.
class BackgroundContent final : public FrameContent {
public:
    explicit BackgroundContent(std::array<float, 4> colour) : colour_(colour) {}
    void record(VkCommandBuffer cmd, OffscreenTarget& target, const FrameInfo&) override {
        target.begin_rendering(cmd, colour_);
        target.end_rendering(cmd);
    }

private:
    std::array<float, 4> colour_;
};

struct LoopResult {
    // Wall time of the recent rendered frames (fixed storage: a kiosk renders for weeks).
    RecentSamples<double> frame_ms;
    bool captured = false;
};

// The frame loop proper: events, test hooks, simulation, UI, frame.
LoopResult run_frames(const Options& o, std::uint32_t frames, bool capture_last, SdlWindow* window,
                      SimDriver& sim, FrameLoop& loop, ImGuiLayer& ui, FrameContent& content,
                      ui::PanelState& panel, ModeController& modes, LegContent* leg,
                      DesktopOverlay& overlay, CameraInput& camera) {
    LoopResult result;
    const bool desktop = modes.mode() == AppMode::Desktop;
    std::size_t next_test_key = 0;
    const Clock::time_point run_start = Clock::now(); // export: the recording clock
    std::optional<std::uint32_t> restore_at;
    Clock::time_point last = Clock::now();
    double frame_ema_ms = 0;
    bool quit = false;
    for (std::uint32_t i = 0; !quit && (frames == 0 || i < frames); ++i) {
        const Clock::time_point start = Clock::now();
        if (window != nullptr) {
            SDL_Event event;
            while (SDL_PollEvent(&event) != 0) {
                const bool ui_took = ui.process_event(event);
                if (event.type == SDL_QUIT) quit = true;
                const VkExtent2D px = window->drawable_size();
                camera.control.handle(event, ui_took, static_cast<int>(px.width),
                                      static_cast<int>(px.height));
                // export: F9, F12 (not in the kiosk: visitors must not fill the disk)
                if (!ui_took && event.type == SDL_KEYDOWN && event.key.repeat == 0 &&
                    modes.mode() != AppMode::Kiosk && overlay.handle_key(event.key.keysym.sym))
                    continue;
                if (!desktop)
                    dispatch_mode_event(event, modes, *window);
                else if (const auto key = key_from_sdl(event); key && !ui_took)
                    quit = quit || map_key(AppMode::Desktop, *key) == ModeAction::Quit;
            }
            window_test_hooks(o, i, *window, restore_at);
            const VkExtent2D px = window->drawable_size();
            inject_test_pointer(camera.test, i, camera.next_test, static_cast<int>(px.width),
                                static_cast<int>(px.height), camera.rig);
        }
        quit = inject_test_keys(o, i, next_test_key, modes) || quit || modes.quit_requested();

        const double wall_dt = window != nullptr && !o.test_fixed_dt
                                   ? std::chrono::duration<double>(start - last).count()
                                   : k_headless_frame_s;
        last = start;
        if (!desktop) modes.update(i == 0 ? 0.0 : wall_dt, sim, leg);
        const double sim_dt = sim.advance(i == 0 ? 0.0 : wall_dt);
        if (o.report_rss_every != 0 && i % o.report_rss_every == 0)
            std::fprintf(stderr, "secondheart: memory frame %u clock %.1f s sim %.1f s: %s\n", i,
                         static_cast<double>(i) * wall_dt, sim.time_s(),
                         describe(process_memory()).c_str());

        VkExtent2D size =
            window != nullptr ? window->drawable_size() : VkExtent2D{o.size.width, o.size.height};
        // Xvfb has no window manager, so SDL_MinimizeWindow changes nothing there: while the
        // test hook holds the window "minimised" it also withholds the size, so that the 0x0
        // path (no swapchain, frames skipped, then a clean resume) runs under any X server.
        if (restore_at && i < *restore_at) size = {0, 0};
        if (size.width == 0 || size.height == 0) {
            // Minimised: no swapchain can exist at 0x0. Keep simulating, render nothing, and
            // do not spin a core while waiting to be restored.
            (void)loop.render(content, &ui, {}, size);
            SDL_Delay(16);
            continue;
        }

        // The camera: transitions and the kiosk's drift back. The leg is framed right of the
        // desktop panel (380 px at the left) when the window is wide enough to show both, and
        // between the title and the caption of the lecture, kiosk and patient screens.
        camera.rig.update(static_cast<float>(wall_dt), camera.idle_return_s);
        scene::FrameInsets insets;
        if (desktop && size.width >= 800) insets.left = 390.0f / static_cast<float>(size.width);
        if (!desktop) insets = {0.0f, 0.1f, 0.16f};
        camera.rig.set_insets(insets);
        sim.update_panel(panel);
        const GpuTimes& gpu = loop.timer().smoothed();
        panel.frame_ms = static_cast<float>(frame_ema_ms);
        panel.gpu_compute_ms = static_cast<float>(gpu.ms(GpuSection::Compute));
        panel.gpu_draw_ms = static_cast<float>(gpu.ms(GpuSection::Draw));
        panel.gpu_ui_ms = static_cast<float>(gpu.ms(GpuSection::Ui));
        panel.gpu_passes.clear();
        for (const auto& [name, ms] : loop.passes().smoothed().passes)
            panel.gpu_passes.emplace_back(name, static_cast<float>(ms));
        ui.begin_frame(size, static_cast<float>(wall_dt));
        ui::PanelEdits edits;
        if (desktop)
            edits = ui::draw_control_panel(panel);
        else // the mode's text size follows the output's height in ImGui units (points)
            modes.draw(sim, static_cast<std::uint32_t>(ImGui::GetIO().DisplaySize.y));
        // export/labels: the panel's export buttons, the anatomical labels (desktop), messages.
        overlay.draw(panel, edits, size,
                     leg != nullptr && desktop ? std::optional(leg->view_proj(size)) : std::nullopt,
                     sim.live());
        ui.end_frame();
        if (edits.any()) sim.apply_edits(panel, edits);
        if (leg != nullptr && (edits.view || edits.blood_colour)) {
            // The panel's lists are in the order of CameraPreset and FLOW_COLOR_*.
            leg->options().view = static_cast<scene::CameraPreset>(panel.view);
            leg->options().blood_colour = static_cast<std::uint32_t>(panel.blood_colour);
        }

        FrameInfo info;
        info.time_s = sim.time_s();
        info.dt_s = sim_dt;
        info.state = &sim.state();
        bool capture = capture_last && frames != 0 && i + 1 == frames;
        // export: frames read back for a screenshot or the recording (run clock: wall time in
        // a window, 1/60 s per frame headless).
        const double clock_s = window != nullptr
                                   ? std::chrono::duration<double>(start - run_start).count()
                                   : i * k_headless_frame_s;
        capture |= overlay.before_render(clock_s, loop.stats().rendered);
        const FrameStatus status = loop.render(content, &ui, info, size, capture);
        overlay.after_render(loop, status == FrameStatus::Rendered); // export
        if (status == FrameStatus::Rendered) {
            const double ms =
                std::chrono::duration<double, std::milli>(Clock::now() - start).count();
            result.frame_ms.push(ms);
            frame_ema_ms = frame_ema_ms == 0 ? ms : frame_ema_ms + 0.05 * (ms - frame_ema_ms);
            result.captured |= capture && frames != 0 && i + 1 == frames;
        }
    }
    overlay.finish(loop); // export: the last read-back frames, then stop a recording
    return result;
}

} // namespace

int run_secondheart(const Options& o, std::optional<sim::Scenario> scenario) {
    const std::string png = !o.screenshot.empty() ? o.screenshot : k_default_png;
    // The settings file (corrupt values are reported and defaulted); the command line wins.
    std::vector<std::string> problems;
    const std::string settings_path = default_settings_path();
    const Settings settings = load_settings(settings_path, problems);
    const bool full_screen_mode = o.mode == AppMode::Lecture || o.mode == AppMode::Kiosk;
    WindowPlacement placement;
    // Lecture and kiosk are fullscreen, as is any run given --display; an explicit --size asks
    // for a window of that size instead (tests, rehearsing on a laptop).
    placement.fullscreen = (full_screen_mode || o.display) && !o.size_given;
    placement.display = o.display.value_or(settings.display);
    const std::string palette = o.palette_given.value_or(settings.palette);
    const bool light = palette == "light" || palette == "projector";
    std::vector<Lesson> lessons;
    if (full_screen_mode) lessons = lessons_for_run(o.lessons, problems);
    for (const std::string& p : problems) std::fprintf(stderr, "secondheart: %s\n", p.c_str());
    std::unique_ptr<SdlWindow> window = open_window(o, png, placement);
    const bool headless = window == nullptr;
    const std::uint32_t frames =
        o.benchmark != 0 ? o.benchmark
                         : (o.frames != 0 ? o.frames : (headless ? k_headless_default_frames : 0));
    // Headless runs always leave a PNG (that is their output) unless only timing was asked for.
    const bool write_png_at_end = !o.screenshot.empty() || (headless && o.benchmark == 0);

    if (o.validation && !validation_layer_available()) {
        std::fprintf(stderr,
                     "secondheart: --validation: %s is not installed (Debian: "
                     "vulkan-validationlayers)\n",
                     k_validation_layer);
        return k_exit_failure;
    }
    InstanceBuilder builder;
    builder.app_name("SecondHeart")
        .validation(o.validation ? Validation::Required : Validation::Off);
    if (window) {
        auto extensions = window->instance_extensions();
        if (!extensions) throw std::runtime_error(extensions.error().describe());
        builder.surface_extensions(extensions.take());
    }
    Result<Instance> instance_result = builder.build();
    if (!instance_result) {
        std::fprintf(stderr, "secondheart: no usable Vulkan driver: %s\n",
                     instance_result.error().describe().c_str());
        return k_exit_no_device;
    }
    Instance instance = instance_result.take();
    const std::shared_ptr<ValidationStats> stats = instance.stats();
    int exit_code = k_exit_ok;
    {
        SurfaceGuard surface_guard;
        VkSurfaceKHR surface = VK_NULL_HANDLE;
        if (window) {
            auto s = window->create_surface(instance.get());
            if (!s) throw std::runtime_error(s.error().describe());
            surface = s.value();
            surface_guard.window = window.get();
        }
        DeviceOptions device_options;
        device_options.surface = surface;
        if (!o.gpu.empty()) device_options.gpu_override = o.gpu;
        Result<Device> device_result = create_device(instance, device_options);
        if (!device_result) {
            std::fprintf(stderr, "secondheart: no usable Vulkan device: %s\n",
                         device_result.error().describe().c_str());
            return k_exit_no_device;
        }
        Device device = device_result.take();
        const std::string device_name = device.properties().deviceName;
        std::fprintf(stderr, "secondheart: %s on %s\n", headless ? "headless" : "window",
                     device_name.c_str());

        Result<ImmediateSubmitter> submitter = create_immediate_submitter(device);
        if (!submitter) throw std::runtime_error(submitter.error().describe());
        SimDriver sim(std::move(scenario));
        // Headless frames are 1/60 s whatever the machine: let the simulator finish each one
        // too, so that images (the reference tests) do not depend on the machine's speed.
        if (headless || o.test_fixed_dt) sim.set_step_budget_ms(1e9);
        // The leg and its blood; if the scene cannot be built (a driver limit, say), say why and
        // show the simple placeholder instead of nothing.
        LegContentOptions lo;
        lo.particles =
            o.particles != 0 ? o.particles : static_cast<std::uint32_t>(settings.particles);
        lo.meshes = o.meshes;
        lo.view = scene::parse_camera_preset(o.view).value_or(scene::CameraPreset::Front);
        lo.palette = light ? scene::Palette::Light : scene::Palette::Dark;
        if (o.antialias != "auto") lo.antialias = o.antialias == "on";
        lo.render_scale = o.render_scale;
        lo.leg_detail = parse_leg_detail(o.leg_detail).value_or(std::nullopt);
        lo.draw_points = o.particle_draw == "points";
        CameraInput camera;
        camera.idle_return_s = o.mode == AppMode::Kiosk ? static_cast<float>(settings.idle_s) : 0.0f;
        if (std::string why; !o.test_pointer.empty())
            camera.test = parse_test_pointer(o.test_pointer, why).value_or(std::vector<TestPointer>{});
        lo.camera_rig = &camera.rig;
        std::unique_ptr<FrameContent> content;
        LegContent* leg_content = nullptr; // the modes set its camera
        std::uint32_t particle_count = 0;
        float render_scale = 1.0f;
        double leg_detail = 1.0;
        bool antialias = false;
        if (auto leg = LegContent::create(device, submitter.value(), sim.geometry(), lo)) {
            particle_count = leg.value()->particle_count();
            render_scale = leg.value()->render_scale();
            leg_detail = leg.value()->leg_detail();
            antialias = leg.value()->antialias();
            leg_content = leg.value().get();
            content = leg.take();
        } else {
            std::fprintf(stderr,
                         "secondheart: the leg renderer failed (%s); showing the panel over an "
                         "empty background\n",
                         leg.error().describe().c_str());
            content = std::make_unique<BackgroundContent>(
                scene::background_color(light ? scene::Palette::Light : scene::Palette::Dark));
        }
        std::fprintf(stderr,
                     "secondheart: %u particles, view %s, render scale %.2f, anti-aliasing %s\n",
                     particle_count, o.view.c_str(), static_cast<double>(render_scale),
                     antialias ? "on" : "off");
        VkExtent2D initial{o.size.width, o.size.height};
        if (window) {
            const VkExtent2D drawable = window->drawable_size();
            if (drawable.width != 0 && drawable.height != 0) initial = drawable;
        }
        auto loop = FrameLoop::create(device, surface, initial);
        if (!loop) throw std::runtime_error(loop.error().describe());
        ModeSetup setup;
        setup.mode = o.mode;
        setup.lessons = std::move(lessons);
        setup.settings = settings;
        setup.light = light;
        setup.dpi = window ? window->display_dpi() : 0.0f;
        ModeController modes(std::move(setup));
        if (o.mode != AppMode::Desktop)
            std::fprintf(stderr, "secondheart: %s mode, %s%s, settings %s\n",
                         std::string(to_string(o.mode)).c_str(),
                         !window                ? "headless"
                         : placement.fullscreen ? "fullscreen on display "
                                                : "window",
                         placement.fullscreen && window
                             ? std::to_string(window->display_in_use()).c_str()
                             : "",
                         settings_path.c_str());
        auto ui = ImGuiLayer::create(
            instance, device, submitter.value(), window ? window->get() : nullptr,
            o.mode == AppMode::Desktop ? 0.0f : modes.font_px(initial.height));
        if (!ui) throw std::runtime_error(ui.error().describe());
        IdleGuard idle_guard{device.get()};

        ui::PanelState panel;
        sim.init_panel(panel);
        panel.device_name = device_name;
        panel.view = static_cast<int>(lo.view);
        // export: the export folder (settings key export_dir) and --record.
        OverlayOptions overlay_options;
        overlay_options.export_dir_setting = settings.export_dir;
        overlay_options.record_path = o.record;
        overlay_options.headless = headless;
        DesktopOverlay overlay(sim.geometry(), overlay_options);
        const LoopResult result =
            run_frames(o, frames, write_png_at_end, window.get(), sim, *loop.value(), *ui.value(),
                       *content, panel, modes, leg_content, overlay, camera);

        if (write_png_at_end) {
            if (!result.captured) {
                std::fprintf(stderr, "secondheart: the last frame was not rendered (minimised?); "
                                     "no PNG written\n");
            } else {
                Result<RgbaPixels> pixels = loop.value()->take_capture();
                if (!pixels) throw std::runtime_error(pixels.error().describe());
                auto written = write_png(png, pixels.value());
                if (!written) throw std::runtime_error(written.error().describe());
                std::fprintf(stderr, "secondheart: wrote %s (%ux%u)\n", png.c_str(),
                             pixels.value().width, pixels.value().height);
            }
        }
        const FrameStats& fs = loop.value()->stats();
        const GpuTimes gpu = loop.value()->timer().median();
        std::fprintf(stderr,
                     "secondheart: %llu frames rendered, %llu skipped, swapchain built %u times, "
                     "target %u times; median frame %.2f ms, GPU %.2f ms (compute %.2f, draw "
                     "%.2f, ui %.2f)\n",
                     static_cast<unsigned long long>(fs.rendered),
                     static_cast<unsigned long long>(fs.skipped), fs.swapchain_builds,
                     fs.target_builds, median_of(result.frame_ms, identity_ms), gpu.total_ms,
                     gpu.ms(GpuSection::Compute), gpu.ms(GpuSection::Draw), gpu.ms(GpuSection::Ui));
        if (o.benchmark != 0) {
            const VkExtent2D e = loop.value()->target().extent();
            nlohmann::json j;
            j["frames"] = fs.rendered;
            j["frame_ms_median"] = median_of(result.frame_ms, identity_ms);
            j["gpu_ms_median"] = gpu.total_ms;
            j["compute_ms_median"] = gpu.ms(GpuSection::Compute);
            j["draw_ms_median"] = gpu.ms(GpuSection::Draw);
            j["ui_ms_median"] = gpu.ms(GpuSection::Ui);
            j["present_ms_median"] = gpu.ms(GpuSection::Present);
            nlohmann::json passes = nlohmann::json::object(); // GPU ms per draw pass
            for (const auto& [name, ms] : loop.value()->passes().median().passes) passes[name] = ms;
            j["passes"] = passes;
            j["gpu_timestamps"] = loop.value()->timer().enabled();
            j["particles"] = particle_count;
            j["device"] = device_name;
            j["mode"] = headless ? "headless" : "window";
            j["width"] = e.width;
            j["height"] = e.height;
            j["render_scale"] = render_scale;
            j["antialias"] = antialias;
            j["leg_detail"] = leg_detail;
            j["particle_draw"] = o.particle_draw;
            std::printf("%s\n", j.dump().c_str()); // the last line on stdout
            std::fflush(stdout);
        }
    }
    instance = Instance{}; // leak reports of the layer arrive here, so count after it
    if (o.validation) {
        std::fprintf(stderr, "secondheart: validation: %u errors, %u warnings\n", stats->errors(),
                     stats->warnings());
        if (stats->errors() != 0 || stats->warnings() != 0) {
            for (const std::string& m : stats->last_messages())
                std::fprintf(stderr, "  %s\n", m.c_str());
            std::fprintf(stderr,
                         "secondheart: FAILED: the validation layer reported %u errors "
                         "and %u warnings\n",
                         stats->errors(), stats->warnings());
            exit_code = k_exit_validation;
        }
    }
    return exit_code;
}

} // namespace sh::app
