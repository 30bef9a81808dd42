#include "run_report.hpp"

#include "output_failures.hpp"
#include "png_writer.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace sh::app {
namespace {
constexpr auto identity_ms = [](double ms) { return ms; };
} // namespace

void write_last_frame(FrameLoop& loop, bool captured, const std::string& png) {
    if (!captured) {
        std::fprintf(stderr, "secondheart: the last frame was not rendered (minimised?); "
                             "no PNG written\n");
        return;
    }
    Result<RgbaPixels> pixels = loop.take_capture();
    if (!pixels) throw std::runtime_error(pixels.error().describe());
    auto written = write_png(png, pixels.value());
    if (!written) { // said at the end, with exit 6
        note_output_failure(written.error().describe());
        return;
    }
    std::fprintf(stderr, "secondheart: wrote %s (%ux%u)\n", png.c_str(), pixels.value().width,
                 pixels.value().height);
}

void print_frame_summary(const FrameLoop& loop, const RecentSamples<double>& frame_ms) {
    const FrameStats& fs = loop.stats();
    const GpuTimes gpu = loop.timer().median();
    std::fprintf(stderr,
                 "secondheart: %llu frames rendered, %llu skipped, swapchain built %u times, "
                 "target %u times; median frame %.2f ms, GPU %.2f ms (compute %.2f, draw "
                 "%.2f, ui %.2f)\n",
                 static_cast<unsigned long long>(fs.rendered),
                 static_cast<unsigned long long>(fs.skipped), fs.swapchain_builds, fs.target_builds,
                 median_of(frame_ms, identity_ms), gpu.total_ms, gpu.ms(GpuSection::Compute),
                 gpu.ms(GpuSection::Draw), gpu.ms(GpuSection::Ui));
}

void print_benchmark_json(const Options& o, const FrameLoop& loop,
                          const RecentSamples<double>& frame_ms, double cpu_ms_per_frame,
                          const RunFacts& facts) {
    const GpuTimes gpu = loop.timer().median();
    const VkExtent2D e = loop.target().extent();
    nlohmann::json j;
    j["frames"] = loop.stats().rendered;
    j["frame_ms_median"] = median_of(frame_ms, identity_ms);
    j["cpu_ms_per_frame"] = cpu_ms_per_frame; // LoopResult::cpu_ms_per_frame
    j["gpu_ms_median"] = gpu.total_ms;
    j["compute_ms_median"] = gpu.ms(GpuSection::Compute);
    j["draw_ms_median"] = gpu.ms(GpuSection::Draw);
    j["ui_ms_median"] = gpu.ms(GpuSection::Ui);
    j["present_ms_median"] = gpu.ms(GpuSection::Present);
    nlohmann::json passes = nlohmann::json::object(); // GPU ms per draw pass
    for (const auto& [name, ms] : loop.passes().median().passes) passes[name] = ms;
    j["passes"] = passes;
    j["gpu_timestamps"] = loop.timer().enabled();
    j["particles"] = facts.particles;
    j["device"] = facts.device_name;
    j["mode"] = facts.headless ? "headless" : "window";
    j["width"] = e.width;
    j["height"] = e.height;
    j["render_scale"] = facts.render_scale;
    j["antialias"] = facts.antialias;
    j["leg_detail"] = facts.leg_detail;
    j["particle_draw"] = o.particle_draw;
    j["particle_step"] = facts.host_particle_step ? "cpu" : "gpu";
    j["pose_step"] = facts.host_pose ? "cpu" : "gpu";
    if (facts.scene_cache)
        j["scene_cache"] = {{"drawn", facts.scene_drawn}, {"from_cache", facts.scene_from_cache}};
    if (facts.ui_cache)
        j["ui_cache"] = {{"drawn", facts.ui_drawn}, {"from_cache", facts.ui_from_cache}};
    std::printf("%s\n", j.dump().c_str()); // the last line on stdout
    std::fflush(stdout);
}

int validation_report(const ValidationStats& stats) {
    std::fprintf(stderr, "secondheart: validation: %u errors, %u warnings\n", stats.errors(),
                 stats.warnings());
    if (stats.errors() == 0 && stats.warnings() == 0) return k_exit_ok;
    for (const std::string& m : stats.last_messages()) std::fprintf(stderr, "  %s\n", m.c_str());
    std::fprintf(stderr,
                 "secondheart: FAILED: the validation layer reported %u errors and %u warnings\n",
                 stats.errors(), stats.warnings());
    return k_exit_validation;
}

} // namespace sh::app
