// What a run leaves behind when its frames are done: the last frame as a PNG, the frame
// summary on stderr, the --benchmark JSON (the last line on stdout) and the --validation report
// (its exit code).
#pragma once

#include "frame_loop.hpp"
#include "instance.hpp"
#include "recent_samples.hpp"
#include "secondheart_options.hpp"

#include <cstdint>
#include <string>

namespace sh::app {

// Facts about the run that the benchmark JSON reports next to the timings.
struct RunFacts {
    std::string device_name;
    bool headless = true;
    std::uint32_t particles = 0;
    float render_scale = 1.0f;
    double leg_detail = 1.0;
    bool antialias = false;
    bool host_particle_step = false;
    bool host_pose = false; // the leg's vertices posed on the host (--pose-step)
    // The still-scene cache (app/scene_cache): whether it is in use, frames whose scene was
    // drawn into it and frames that took it from there (filled after the run).
    bool scene_cache = false;
    std::uint64_t scene_drawn = 0;
    std::uint64_t scene_from_cache = 0;
    // The cached UI windows (ImGuiLayer::cache_windows, CPU devices): frames that drew them and
    // frames that copied them.
    bool ui_cache = false;
    std::uint64_t ui_drawn = 0;
    std::uint64_t ui_from_cache = 0;
};

// Writes the last captured frame to `png` (or says why there is none). Throws on a write
// failure (the program's edge reports it).
void write_last_frame(FrameLoop& loop, bool captured, const std::string& png);

// "N frames rendered, M skipped, ...; median frame ... ms, GPU ... ms (...)" on stderr.
void print_frame_summary(const FrameLoop& loop, const RecentSamples<double>& frame_ms);

// One line of JSON on stdout: medians of the frame and of each GPU section and pass.
void print_benchmark_json(const Options& o, const FrameLoop& loop,
                          const RecentSamples<double>& frame_ms, double cpu_ms_per_frame,
                          const RunFacts& facts);

// After the instance is gone (leak reports arrive then): the counts on stderr, and
// k_exit_validation with the last messages when the layer reported anything.
int validation_report(const ValidationStats& stats);

} // namespace sh::app
