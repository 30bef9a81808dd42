#include "gpu_startup.hpp"

#include "window_failure.hpp"

#include <cstdio>
#include <SDL.h>
#include <stdexcept>

namespace sh::app {
namespace {

// What is drawn when the leg renderer cannot be built: the palette's background.
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

} // namespace

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
        why = describe_window_failure(window.error().describe()); // names the display
    }
    std::fprintf(stderr, "secondheart: %s: running headless, the last frame goes to %s\n",
                 why.c_str(), png.c_str());
    return nullptr;
}

std::optional<Instance> start_instance(const Options& o, SdlWindow* window, int& exit_code) {
    if (o.validation && !validation_layer_available()) {
        std::fprintf(stderr,
                     "secondheart: --validation: %s is not installed (Debian: "
                     "vulkan-validationlayers)\n",
                     k_validation_layer);
        exit_code = k_exit_failure;
        return std::nullopt;
    }
    InstanceBuilder builder;
    builder.app_name("SecondHeart")
        .validation(o.validation ? Validation::Required : Validation::Off);
    if (window != nullptr) {
        auto extensions = window->instance_extensions();
        if (!extensions) throw std::runtime_error(extensions.error().describe());
        builder.surface_extensions(extensions.take());
    }
    Result<Instance> instance = builder.build();
    if (!instance) {
        std::fprintf(stderr, "secondheart: no usable Vulkan driver: %s\n",
                     instance.error().describe().c_str());
        exit_code = k_exit_no_device;
        return std::nullopt;
    }
    return instance.take();
}

std::optional<Device> start_device(const Options& o, const Instance& instance,
                                   VkSurfaceKHR surface) {
    DeviceOptions device_options;
    device_options.surface = surface;
    if (!o.gpu.empty()) device_options.gpu_override = o.gpu;
    Result<Device> device = create_device(instance, device_options);
    if (!device) {
        std::fprintf(stderr, "secondheart: no usable Vulkan device: %s\n",
                     device.error().describe().c_str());
        return std::nullopt;
    }
    return device.take();
}

LegContentOptions leg_options(const Options& o, const Settings& settings, bool light) {
    LegContentOptions lo;
    lo.particles = o.particles != 0 ? o.particles : static_cast<std::uint32_t>(settings.particles);
    lo.meshes = o.meshes;
    lo.view = sim::from_id<sim::CameraPreset>(o.view).value_or(sim::CameraPreset::Front);
    lo.palette = light ? scene::Palette::Light : scene::Palette::Dark;
    if (o.antialias != "auto") lo.antialias = o.antialias == "on";
    lo.render_scale = parse_render_scale(o.render_scale).value_or(std::nullopt);
    lo.leg_detail = parse_leg_detail(o.leg_detail).value_or(std::nullopt);
    lo.draw_points = o.particle_draw == "points";
    if (o.particle_step != "auto") lo.host_particle_step = o.particle_step == "cpu";
    if (o.pose_step != "auto") lo.host_pose = o.pose_step == "cpu";
    lo.scene_cache = o.scene_cache != "off";
    return lo;
}

RunContent create_run_content(const Device& device, const ImmediateSubmitter& submitter,
                              const SimDriver& sim, const LegContentOptions& options) {
    RunContent run;
    if (auto leg = LegContent::create(device, submitter, sim.geometry(), options)) {
        run.leg = leg.value().get();
        run.content = leg.take();
        return run;
    } else {
        std::fprintf(stderr,
                     "secondheart: the leg renderer failed (%s); showing the panel over an "
                     "empty background\n",
                     leg.error().describe().c_str());
    }
    run.content = std::make_unique<BackgroundContent>(scene::background_color(options.palette));
    return run;
}

} // namespace sh::app
