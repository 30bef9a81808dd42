// The particle compute step on the GPU against its CPU reference, validation on.
#include "draw_pipelines.hpp"
#include "gpu_context.hpp"
#include "offscreen_target.hpp"
#include "particle_advector.hpp"
#include "particle_reference.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <vector>

namespace {

// A vein-like centreline (cm): up the calf with a bend, uneven segment lengths.
std::vector<glm::vec3> centreline() {
    std::vector<glm::vec3> points;
    for (int i = 0; i <= 24; ++i) {
        const float t = static_cast<float>(i) / 24.0f;
        points.emplace_back(1.5f * std::sin(6.0f * t), 40.0f * t + 0.7f * std::sin(17.0f * t),
                            0.8f * std::cos(4.0f * t));
    }
    return points;
}

// Per-segment velocities (cm/s), mixed sign so particles cross joints both ways and pile at
// both ends (the clamp is exercised).
std::vector<float> segment_velocities(std::size_t segments) {
    std::vector<float> v(segments);
    for (std::size_t i = 0; i < segments; ++i)
        v[i] = 12.0f * std::sin(0.9f * static_cast<float>(i)) + 3.0f;
    return v;
}

std::vector<sh::gpu::Particle> spread_particles(const std::vector<glm::vec4>& line, std::size_t n) {
    std::vector<sh::gpu::Particle> ps;
    ps.reserve(n);
    const float length = line.back().w;
    for (std::size_t i = 0; i < n; ++i) {
        // Deterministic, irrational-ish spacing so particles do not sit on segment joints.
        const float u = std::fmod(static_cast<float>(i) * 0.618034f, 1.0f);
        ps.push_back(sh::make_particle(line, u * length));
    }
    return ps;
}

} // namespace

TEST_CASE("gpu particles: compute step matches the CPU reference", "[gpu][particles]") {
    constexpr std::size_t k_count = 16384;
    constexpr int k_steps = 30;
    constexpr float k_dt = 1.0f / 60.0f;

    auto ctx = sh::test::make_gpu_context();
    {
        const auto points = centreline();
        const std::vector<glm::vec4> line = sh::build_polyline(points);
        const std::vector<float> speeds = segment_velocities(line.size() - 1);
        std::vector<sh::gpu::Particle> cpu = spread_particles(line, k_count);

        auto advector =
            sh::create_particle_advector(ctx->device, ctx->submitter, line, speeds, cpu);
        if (!advector) FAIL(advector.error().describe());

        ctx->submitter.submit([&](VkCommandBuffer cmd) {
            for (int i = 0; i < k_steps; ++i) advector.value().record_step(cmd, k_dt);
        });
        for (int i = 0; i < k_steps; ++i) sh::advance_particles_reference(cpu, line, speeds, k_dt);

        auto gpu = advector.value().read_back(ctx->device, ctx->submitter);
        if (!gpu) FAIL(gpu.error().describe());
        REQUIRE(gpu.value().size() == k_count);

        float max_ds = 0.0f;
        float max_dpos = 0.0f;
        std::size_t segment_mismatches = 0;
        for (std::size_t i = 0; i < k_count; ++i) {
            const sh::gpu::Particle& g = gpu.value()[i];
            const sh::gpu::Particle& c = cpu[i];
            max_ds = std::max(max_ds, std::abs(g.s - c.s));
            for (int k = 0; k < 3; ++k)
                max_dpos = std::max(max_dpos, std::abs(g.position[k] - c.position[k]));
            if (g.segment != c.segment) ++segment_mismatches;
        }
        INFO("max |ds| = " << max_ds << " cm, max |dpos| = " << max_dpos << " cm");
        CHECK(max_ds < 1e-4f);
        CHECK(max_dpos < 1e-4f);
        CHECK(segment_mismatches == 0);
        // The clamp was exercised: some particles ended at each end of the line.
        std::size_t at_start = 0;
        std::size_t at_end = 0;
        for (const auto& p : cpu) {
            at_start += p.s == 0.0f ? 1u : 0u;
            at_end += p.s == line.back().w ? 1u : 0u;
        }
        CHECK(at_start + at_end > 0);
    }
    sh::test::finish_and_check_validation(ctx);
}

TEST_CASE("gpu particles: drawn as points into the offscreen target", "[gpu][particles]") {
    auto ctx = sh::test::make_gpu_context();
    {
        // A straight line across the view in clip space units (identity view_proj).
        const std::vector<glm::vec3> points = {{-0.8f, 0.0f, 0.5f}, {0.8f, 0.0f, 0.5f}};
        const std::vector<glm::vec4> line = sh::build_polyline(points);
        const std::vector<float> speeds = {0.1f};
        std::vector<sh::gpu::Particle> ps;
        for (int i = 0; i < 64; ++i)
            ps.push_back(sh::make_particle(line, 0.02f * static_cast<float>(i)));

        auto advector = sh::create_particle_advector(ctx->device, ctx->submitter, line, speeds, ps);
        if (!advector) FAIL(advector.error().describe());
        auto target = sh::create_offscreen_target(ctx->device, {64, 32});
        if (!target) FAIL(target.error().describe());
        auto renderer = sh::create_particle_renderer(
            ctx->device, sh::OffscreenTarget::k_color_format, sh::OffscreenTarget::k_depth_format,
            advector.value().particles());
        if (!renderer) FAIL(renderer.error().describe());

        // One frame as the app will record it: compute, barrier, draw, readback.
        ctx->submitter.submit([&](VkCommandBuffer cmd) {
            advector.value().record_step(cmd, 1.0f / 60.0f);
            advector.value().record_barrier_for_draw(cmd);
            target.value().begin_rendering(cmd, {0.0f, 0.0f, 0.0f, 1.0f});
            sh::gpu::DrawPush push{};
            push.view_proj = glm::mat4(1.0f);
            push.color = {1.0f, 0.0f, 0.0f, 1.0f};
            push.point_size = 1.0f;
            renderer.value().record(cmd, push, advector.value().count());
            target.value().end_rendering(cmd);
        });
        auto pixels = target.value().read_back(ctx->device, ctx->submitter);
        if (!pixels) FAIL(pixels.error().describe());

        std::size_t red = 0;
        for (std::uint32_t y = 0; y < 32; ++y)
            for (std::uint32_t x = 0; x < 64; ++x) red += pixels.value().at(x, y)[0] == 255 ? 1 : 0;
        CHECK(red > 10); // points landed along the middle row
        CHECK(pixels.value().at(0, 0)[0] == 0);
    }
    sh::test::finish_and_check_validation(ctx);
}

// Hidden from the default run (tag [.]); run by hand for a throughput figure:
//   build/tests/engine/sh_engine_gpu_tests "[perf]"
TEST_CASE("gpu particles: compute throughput", "[.][perf]") {
    constexpr std::size_t k_count = 262144;
    constexpr int k_steps = 100;
    auto ctx = sh::test::make_gpu_context();
    {
        const std::vector<glm::vec4> line = sh::build_polyline(centreline());
        const std::vector<float> speeds = segment_velocities(line.size() - 1);
        auto advector = sh::create_particle_advector(ctx->device, ctx->submitter, line, speeds,
                                                     spread_particles(line, k_count));
        if (!advector) FAIL(advector.error().describe());
        ctx->submitter.submit(
            [&](VkCommandBuffer cmd) { advector.value().record_step(cmd, 0.01f); });
        const auto start = std::chrono::steady_clock::now();
        ctx->submitter.submit([&](VkCommandBuffer cmd) {
            for (int i = 0; i < k_steps; ++i) advector.value().record_step(cmd, 0.01f);
        });
        const double ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                .count();
        std::printf("%zu particles x %d steps: %.1f ms, %.3f ms/step, %.0f particles/ms\n", k_count,
                    k_steps, ms, ms / k_steps, static_cast<double>(k_count) * k_steps / ms);
    }
    sh::test::finish_and_check_validation(ctx);
}
