// The run, start to end: what the settings and options ask for, the GPU brought up
// (gpu_startup), the frames driven (frame_driver), and the report (run_report).
#include "secondheart_run.hpp"

#include "frame_driver.hpp"
#include "gpu_startup.hpp"
#include "output_failures.hpp"
#include "run_report.hpp"
#include "shipped_lessons.hpp"
#include "translate.hpp"
#include "ui_font.hpp"

#include <cstdio>
#include <string>
#include <vector>

namespace sh::app {

namespace {

constexpr std::uint32_t k_headless_default_frames = 120;
constexpr const char* k_default_png = "secondheart-frame.png";

// What the options and the settings file ask of this run, decided before any GPU work.
struct RunPlan {
    std::string png;
    std::string settings_path;
    Settings settings;
    WindowPlacement placement;
    bool light = false;
    bool cvd = false;
    std::vector<Lesson> lessons;
};

// Every text of the lessons in every language they carry: the UI font adds the characters its
// main font lacks (a lesson in Chinese) from a CJK font (engine/ui/ui_font.hpp).
std::string lesson_text(const std::vector<Lesson>& lessons) {
    std::string text;
    auto add = [&text](const LocalizedText& t) {
        text += t.text;
        for (const auto& [code, translated] : t.languages) text += translated;
    };
    for (const Lesson& l : lessons) {
        add(l.title);
        for (const LessonStep& s : l.steps) add(s.caption);
    }
    return text;
}

RunPlan plan_run(const Options& o) {
    RunPlan plan;
    plan.png = !o.screenshot.empty() ? o.screenshot : k_default_png;
    // The settings file (corrupt values are reported and defaulted); the command line wins.
    std::vector<std::string> problems;
    plan.settings_path = default_settings_path();
    plan.settings = load_settings(plan.settings_path, problems);
    const bool full_screen_mode = o.mode == AppMode::Lecture || o.mode == AppMode::Kiosk;
    // Lecture and kiosk are fullscreen, as is any run given --display; an explicit --size asks
    // for a window of that size instead (tests, rehearsing on a laptop).
    plan.placement.fullscreen = (full_screen_mode || o.display) && !o.size_given;
    plan.placement.display = o.display.value_or(plan.settings.display);
    const std::string palette = o.palette_given.value_or(plan.settings.palette);
    plan.light = palette == "light" || palette == "projector";
    plan.cvd = palette == "cvd"; // the dark scene with colour-vision blood
    // The language: --language, the settings file, the system's, English (app/i18n).
    i18n::LanguageSources languages = i18n::sources_from_environment();
    languages.command_line = o.language;
    languages.settings_value = plan.settings.language;
    languages.settings_path = plan.settings_path;
    const i18n::LanguageChoice language = i18n::choose_language(languages);
    problems.insert(problems.end(), language.notes.begin(), language.notes.end());
    i18n::set_language(language.code);
    std::fprintf(stderr, "secondheart: language: %s (%s)\n", language.code.c_str(),
                 language.source.c_str());
    if (full_screen_mode) plan.lessons = lessons_for_run(o.lessons, problems);
    ui::set_ui_text_in_use(lesson_text(plan.lessons));
    for (const std::string& p : problems) std::fprintf(stderr, "secondheart: %s\n", p.c_str());
    return plan;
}

void describe_mode(const Options& o, const RunPlan& plan, const SdlWindow* window) {
    if (o.mode == AppMode::Desktop) return;
    std::fprintf(stderr, "secondheart: %s mode, %s%s, settings %s\n",
                 std::string(to_string(o.mode)).c_str(),
                 window == nullptr           ? "headless"
                 : plan.placement.fullscreen ? "fullscreen on display "
                                             : "window",
                 plan.placement.fullscreen && window != nullptr
                     ? std::to_string(window->display_in_use()).c_str()
                     : "",
                 plan.settings_path.c_str());
}

// What the benchmark reports about the content, printed for every run.
RunFacts describe_content(const Options& o, const Device& device, bool headless,
                          const LegContent* leg, VkExtent2D frame) {
    RunFacts facts;
    facts.device_name = device.properties().deviceName;
    facts.headless = headless;
    if (leg != nullptr) {
        facts.particles = leg->particle_count();
        facts.render_scale = leg->render_scale_for(frame);
        facts.leg_detail = leg->leg_detail();
        facts.antialias = leg->antialias();
        facts.host_particle_step = leg->host_particle_step();
        facts.host_pose = leg->host_pose();
    }
    std::fprintf(stderr,
                 "secondheart: %u particles (step on the %s), leg posed on the %s, view %s, "
                 "render scale %.2f, anti-aliasing %s\n",
                 facts.particles, facts.host_particle_step ? "CPU" : "GPU",
                 facts.host_pose ? "CPU" : "GPU", o.view.c_str(),
                 static_cast<double>(facts.render_scale), facts.antialias ? "on" : "off");
    return facts;
}

// The first target size: the window's drawable size when it has one, else --size.
VkExtent2D initial_size(const Options& o, const SdlWindow* window) {
    if (window != nullptr) {
        const VkExtent2D drawable = window->drawable_size();
        if (drawable.width != 0 && drawable.height != 0) return drawable;
    }
    return VkExtent2D{o.size.width, o.size.height};
}

ModeController make_modes(const Options& o, RunPlan& plan, const SdlWindow* window) {
    ModeSetup setup;
    setup.mode = o.mode;
    setup.lessons = std::move(plan.lessons);
    setup.settings = plan.settings;
    setup.light = plan.light;
    setup.dpi = window != nullptr ? window->display_dpi() : 0.0f;
    return ModeController(std::move(setup));
}

// Everything between a device and the report: content, frame loop, UI, modes, the frames.
void run_on_device(const Options& o, RunPlan& plan, std::optional<sim::Scenario> scenario,
                   const Instance& instance, const Device& device, SdlWindow* window,
                   VkSurfaceKHR surface) {
    const bool headless = window == nullptr;
    const std::uint32_t frames =
        o.benchmark != 0 ? o.benchmark
                         : (o.frames != 0 ? o.frames : (headless ? k_headless_default_frames : 0));
    // Headless runs always leave a PNG (that is their output) unless only timing was asked for.
    const bool write_png_at_end = !o.screenshot.empty() || (headless && o.benchmark == 0);
    std::fprintf(stderr, "secondheart: %s on %s\n", headless ? "headless" : "window",
                 device.properties().deviceName);

    Result<ImmediateSubmitter> submitter = create_immediate_submitter(device);
    if (!submitter) throw std::runtime_error(submitter.error().describe());
    // The settings' exaggeration unless the scenario names its own.
    const bool scenario_exaggerates = scenario && scenario->swelling_exaggeration;
    SimDriver sim(std::move(scenario));
    if (!scenario_exaggerates) sim.set_swelling_exaggeration(plan.settings.swelling_exaggeration);
    // Headless frames are 1/60 s whatever the machine: let the simulator finish each one too,
    // so that images (the reference tests) do not depend on the machine's speed.
    if (headless || o.test_fixed_dt) sim.set_step_budget_ms(1e9);
    // The camera under mouse and touch (declared before the leg, which keeps a pointer to it).
    CameraInput camera;
    camera.idle_return_s =
        o.mode == AppMode::Kiosk ? static_cast<float>(plan.settings.idle_s) : 0.0f;
    if (std::string why; !o.test_pointer.empty())
        camera.test = parse_test_pointer(o.test_pointer, why).value_or(std::vector<TestPointer>{});
    LegContentOptions lo = leg_options(o, plan.settings, plan.light);
    lo.camera_rig = &camera.rig;
    if (plan.cvd) lo.blood_palette = gpu::FLOW_PALETTE_CVD;
    RunContent run = create_run_content(device, submitter.value(), sim, lo);
    const VkExtent2D initial = initial_size(o, window);
    RunFacts facts = describe_content(o, device, headless, run.leg, initial);
    auto loop = FrameLoop::create(device, surface, initial);
    if (!loop) throw std::runtime_error(loop.error().describe());
    ModeController modes = make_modes(o, plan, window);
    describe_mode(o, plan, window);
    auto ui = ImGuiLayer::create(instance, device, submitter.value(),
                                 window != nullptr ? window->get() : nullptr,
                                 o.mode == AppMode::Desktop ? 0.0f : modes.font_px(initial.height));
    if (!ui) throw std::runtime_error(ui.error().describe());
    IdleGuard idle_guard{device.get()};

    ui::PanelState panel;
    sim.init_panel(panel);
    panel.device_name = facts.device_name;
    panel.view = static_cast<int>(lo.view);
    // export: the export folder (settings key export_dir) and --record.
    OverlayOptions overlay_options;
    overlay_options.export_dir_setting = plan.settings.export_dir;
    overlay_options.record_path = o.record;
    overlay_options.headless = headless;
    DesktopOverlay overlay(sim.geometry(), overlay_options);
    TestHooks hooks(o);
    FrameParts parts{window, sim,     *loop.value(), *ui.value(), *run.content, panel,
                     modes,  run.leg, overlay,       hooks,       &camera};
    const LoopResult result = run_frames(o, frames, write_png_at_end, parts);

    if (write_png_at_end) write_last_frame(*loop.value(), result.captured, plan.png);
    print_frame_summary(*loop.value(), result.frame_ms);
    std::fprintf(stderr, "secondheart: %s\n", sim.heart_summary().c_str()); // issue 11
    if (run.leg != nullptr && run.leg->scene_cache().attached()) {
        facts.scene_cache = true;
        facts.scene_drawn = run.leg->scene_cache().stored_frames();
        facts.scene_from_cache = run.leg->scene_cache().restored_frames();
    }
    if (ui.value()->caches_windows()) {
        facts.ui_cache = true;
        facts.ui_drawn = ui.value()->frames_cache_drawn();
        facts.ui_from_cache = ui.value()->frames_from_cache();
    }
    if (o.benchmark != 0)
        print_benchmark_json(o, *loop.value(), result.frame_ms, result.cpu_ms_per_frame, facts);
}

} // namespace

int run_secondheart(const Options& o, std::optional<sim::Scenario> scenario) {
    RunPlan plan = plan_run(o);
    std::unique_ptr<SdlWindow> window = open_window(o, plan.png, plan.placement);
    int exit_code = k_exit_ok;
    std::optional<Instance> instance = start_instance(o, window.get(), exit_code);
    if (!instance) return exit_code;
    const std::shared_ptr<ValidationStats> stats = instance->stats();
    {
        SurfaceGuard surface_guard;
        VkSurfaceKHR surface = VK_NULL_HANDLE;
        if (window) {
            auto s = window->create_surface(instance->get());
            if (!s) throw std::runtime_error(s.error().describe());
            surface = s.value();
            surface_guard.window = window.get();
        }
        std::optional<Device> device = start_device(o, *instance, surface);
        // A device that is there but refused or failed is not "nothing to run on".
        if (!device)
            return enumerate_physical_devices(instance->get()).empty() ? k_exit_no_device
                                                                       : k_exit_device_failed;
        run_on_device(o, plan, std::move(scenario), *instance, *device, window.get(), surface);
    }
    instance.reset(); // leak reports of the layer arrive here, so count after it
    const int validation = o.validation ? validation_report(*stats) : k_exit_ok;
    return validation == k_exit_ok && any_output_failed() ? report_output_failures() : validation;
}

} // namespace sh::app
