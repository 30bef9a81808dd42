// Blood particles on the GPU (engine/particles/) against the CPU reference, the valve,
// branching and recycling rules on the GPU, and the depth-tested splat. Validation on; every
// test ends with zero validation errors and warnings. (The same comparison on the simulated
// leg, which needs the app's bridge, is in tests/app/test_gpu_state_path.cpp.)
#include "draw_pipelines.hpp"
#include "flow_particles_compare.hpp"
#include "gpu_context.hpp"
#include "offscreen_target.hpp"
#include "particles/flow_particles.hpp"
#include "particles/flow_test_scenes.hpp"
#include "vein_state.hpp"

#include <array>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <functional>
#include <vector>

namespace {

using sh::gpu::FlowParticle;

constexpr float k_dt = 1.0f / 60.0f;

std::size_t count_in(const std::vector<FlowParticle>& ps, std::uint32_t c) {
    std::size_t n = 0;
    for (const auto& p : ps) n += p.compartment == c ? 1u : 0u;
    return n;
}

std::vector<FlowParticle>
run_steps(sh::test::GpuContext& ctx, const sh::VeinGeometry& g, const sh::gpu::VeinState& state,
          const std::vector<FlowParticle>& initial, int steps,
          const std::function<void(const std::vector<FlowParticle>&)>& after_each = {}) {
    auto buffer = sh::create_vein_state_buffer(ctx.device, ctx.submitter, state);
    if (!buffer) FAIL(buffer.error().describe());
    auto fp =
        sh::create_flow_particles(ctx.device, ctx.submitter, g, buffer.value().get(), {}, initial);
    if (!fp) FAIL(fp.error().describe());
    std::vector<FlowParticle> out;
    for (int i = 0; i < steps; ++i) {
        ctx.submitter.submit([&](VkCommandBuffer cmd) { fp.value().record_update(cmd, k_dt); });
        if (after_each || i + 1 == steps) {
            auto back = fp.value().read_back(ctx.device, ctx.submitter);
            if (!back) FAIL(back.error().describe());
            out = back.take();
            if (after_each) after_each(out);
        }
    }
    return out;
}

std::vector<FlowParticle> in_proximal(std::uint32_t n) {
    std::vector<FlowParticle> ps(n);
    for (std::uint32_t i = 0; i < n; ++i)
        ps[i] = sh::make_flow_particle(1, 0.005f * static_cast<float>(i), 0.1f, 0.0f);
    return ps;
}

// The splat tests' scene: three still particles in clip space (identity view_proj), one in
// front of the test triangle (depth 0.5 over the centre), one behind it, one beside it, with
// occluded particles hidden; and the pixel a point lands on in a size x size target.
const glm::vec3 k_dots[3] = {{0.0f, 0.2f, 0.3f}, {0.1f, 0.3f, 0.8f}, {-0.8f, -0.8f, 0.8f}};

struct ThreeDots {
    sh::VeinStateBuffer state;
    sh::FlowParticles particles;
};

// `host_splat`: the step and the splat on the host (CPU devices' path: host_splat.hpp, resolved
// by particle_host_resolve.comp) instead of the compute shaders.
ThreeDots make_three_dots(sh::test::GpuContext& ctx, bool host_splat = false) {
    sh::VeinGeometry g;
    for (const glm::vec3& s : k_dots)
        g.compartments.push_back(
            sh::flow_scenes::straight("dot", s, s + glm::vec3(0.0f, 0.0f, 0.01f), 0.0f));
    std::vector<FlowParticle> initial;
    for (std::uint32_t c = 0; c < 3; ++c) initial.push_back(sh::make_flow_particle(c, 0, 0, 0));
    sh::FlowParticleOptions options;
    options.occluded_alpha = 0.0f; // hidden behind the scene
    options.host_step = host_splat;
    auto state =
        sh::create_vein_state_buffer(ctx.device, ctx.submitter, sh::flow_scenes::rest_state(g));
    if (!state) FAIL(state.error().describe());
    auto fp = sh::create_flow_particles(ctx.device, ctx.submitter, g, state.value().get(), options,
                                        initial);
    if (!fp) FAIL(fp.error().describe());
    return ThreeDots{state.take(), fp.take()};
}

std::array<std::uint32_t, 2> pixel_of(glm::vec3 p, std::uint32_t size) {
    const float side = static_cast<float>(size);
    return {static_cast<std::uint32_t>((p.x * 0.5f + 0.5f) * side),
            static_cast<std::uint32_t>((p.y * 0.5f + 0.5f) * side)};
}

void record_red_triangle(const sh::TriangleRenderer& triangle, VkCommandBuffer cmd,
                         sh::OffscreenTarget& target) {
    target.begin_rendering(cmd, {0.0f, 0.0f, 0.0f, 1.0f});
    sh::gpu::DrawPush push{};
    push.view_proj = glm::mat4(1.0f);
    push.color = {1.0f, 0.0f, 0.0f, 1.0f};
    push.point_size = 1.0f;
    triangle.record(cmd, push);
    target.end_rendering(cmd);
}

} // namespace

TEST_CASE("gpu flow particles: step matches the CPU reference (synthetic)",
          "[gpu][flow_particles]") {
    auto ctx = sh::test::make_gpu_context();
    sh::test::compare_flow_particles_with_reference(
        *ctx, sh::flow_scenes::branching_network(), sh::flow_scenes::branching_forward(2.0f),
        sh::flow_scenes::branching_forward(6.0f), 16384, 60);
    sh::test::finish_and_check_validation(ctx);
}

// The host step (CPU devices' default): a frame at a time, the state uploaded for the compute
// step and given to the host step alike. What the device's buffer holds after each frame is the
// CPU twin's step to the bit (the copy moved every byte), and the same particles as the compute
// step's within the twin's tolerance (on lavapipe they agree to the bit).
TEST_CASE("gpu flow particles: the host step puts the CPU twin's particles in the buffer",
          "[gpu][flow_particles]") {
    auto ctx = sh::test::make_gpu_context();
    {
        const sh::VeinGeometry g = sh::flow_scenes::branching_network();
        const sh::gpu::VeinState states[2] = {sh::flow_scenes::branching_forward(2.0f),
                                              sh::flow_scenes::branching_forward(6.0f)};
        const auto rest = sh::flow_scenes::rest_state(g);
        auto buffer = sh::create_vein_state_buffer(ctx->device, ctx->submitter, rest);
        if (!buffer) FAIL(buffer.error().describe());
        sh::FlowParticleOptions options;
        options.count = 16384;
        options.seed = 11;
        auto device_step = sh::create_flow_particles(ctx->device, ctx->submitter, g,
                                                     buffer.value().get(), options);
        options.host_step = true;
        auto host_step = sh::create_flow_particles(ctx->device, ctx->submitter, g,
                                                   buffer.value().get(), options);
        if (!device_step || !host_step) FAIL("flow particles not created");
        REQUIRE(host_step.value().host_step());
        std::vector<FlowParticle> twin =
            sh::seed_flow_particles(host_step.value().tables(), rest, options.count, options.seed);
        sh::gpu::FlowPush push = host_step.value().push();
        push.dt = k_dt;
        std::size_t crossings = 0;
        for (int frame = 0; frame < 60; ++frame) {
            const sh::gpu::VeinState& state = states[frame % 2];
            ctx->submitter.submit([&](VkCommandBuffer cmd) {
                buffer.value().record_upload(cmd, state);
                host_step.value().set_host_state(state);
                host_step.value().record_update(cmd, k_dt);
                device_step.value().record_update(cmd, k_dt);
            });
            sh::step_flow_particles_reference(twin, host_step.value().tables(), state, push);
            if (frame % 20 != 19) continue;
            auto host = host_step.value().read_back(ctx->device, ctx->submitter);
            auto device = device_step.value().read_back(ctx->device, ctx->submitter);
            if (!host || !device) FAIL("read back failed");
            REQUIRE(host.value().size() == twin.size());
            INFO("frame " << frame);
            CHECK(std::memcmp(host.value().data(), twin.data(),
                              twin.size() * sizeof(FlowParticle)) == 0);
            std::size_t other_compartment = 0;
            float max_dpos = 0.0f;
            for (std::size_t i = 0; i < twin.size(); ++i) {
                const FlowParticle& h = host.value()[i];
                const FlowParticle& d = device.value()[i];
                if (h.compartment != d.compartment) ++other_compartment;
                for (int k = 0; k < 3; ++k)
                    max_dpos = std::max(max_dpos, std::abs(h.position[k] - d.position[k]));
                crossings += h.crossings;
            }
            CHECK(other_compartment == 0);
            CHECK(max_dpos < 1e-4f);
        }
        CHECK(crossings > 0); // particles went through links, not only along lines
    }
    sh::test::finish_and_check_validation(ctx);
}

TEST_CASE("gpu flow particles: no reflux across a closed competent valve",
          "[gpu][flow_particles]") {
    auto ctx = sh::test::make_gpu_context();
    {
        std::size_t max_distal = 0;
        run_steps(*ctx, sh::flow_scenes::valve_pair(), sh::flow_scenes::valve_reflux(3.0f, 0.0f),
                  in_proximal(2000), 30, [&](const std::vector<FlowParticle>& ps) {
                      max_distal = std::max(max_distal, count_in(ps, 0));
                  });
        CHECK(max_distal == 0);
    }
    sh::test::finish_and_check_validation(ctx);
}

TEST_CASE("gpu flow particles: reflux through a failed valve", "[gpu][flow_particles]") {
    auto ctx = sh::test::make_gpu_context();
    {
        const auto ps =
            run_steps(*ctx, sh::flow_scenes::valve_pair(),
                      sh::flow_scenes::valve_reflux(3.0f, 1.0f), in_proximal(2000), 120);
        CHECK(count_in(ps, 0) > 1000);
    }
    sh::test::finish_and_check_validation(ctx);
}

TEST_CASE("gpu flow particles: colour-vision palette matches the CPU reference",
          "[gpu][flow_particles][cvd]") {
    // Reflux through a failed valve, so both reflux and forward colours are compared; the
    // reference's colours are the ones checked under simulated colour blindness
    // (test_cvd_palette.cpp).
    auto ctx = sh::test::make_gpu_context();
    const auto ps = sh::test::compare_flow_particles_with_reference(
        *ctx, sh::flow_scenes::valve_pair(), sh::flow_scenes::valve_reflux(3.0f, 1.0f),
        sh::flow_scenes::valve_reflux(3.0f, 1.0f), 4096, 30, sh::gpu::FLOW_PALETTE_CVD);
    std::size_t reflux = 0;
    for (const auto& p : ps) reflux += (p.flags & sh::gpu::FLOW_FLAG_REFLUX) != 0u ? 1u : 0u;
    CHECK(reflux > 0);
    sh::test::finish_and_check_validation(ctx);
}

TEST_CASE("gpu flow particles: branching in proportion to flow", "[gpu][flow_particles]") {
    auto ctx = sh::test::make_gpu_context();
    {
        const sh::VeinGeometry g = sh::flow_scenes::branching_network();
        const float end = sh::build_flow_tables(g).compartments[1].length_cm;
        std::vector<FlowParticle> initial(20000, sh::make_flow_particle(1, end - 0.01f, 0.05f, 0));
        const auto ps = run_steps(*ctx, g, sh::flow_scenes::branching_forward(2.0f), initial, 1);
        const double a = static_cast<double>(count_in(ps, 2));
        const double b = static_cast<double>(count_in(ps, 3));
        REQUIRE(a + b == Approx(20000.0));
        CHECK(a / (a + b) == Approx(0.75).margin(0.015));
    }
    sh::test::finish_and_check_validation(ctx);
}

TEST_CASE("gpu flow particles: recycled particles are born in capillary beds",
          "[gpu][flow_particles]") {
    auto ctx = sh::test::make_gpu_context();
    {
        const sh::VeinGeometry g = sh::flow_scenes::branching_network();
        std::vector<FlowParticle> initial = sh::seed_flow_particles(
            sh::build_flow_tables(g), sh::flow_scenes::rest_state(g), 8192, 5);
        std::size_t recycled = 0;
        run_steps(*ctx, g, sh::flow_scenes::branching_forward(6.0f), initial, 20,
                  [&](const std::vector<FlowParticle>& ps) {
                      for (const auto& p : ps) {
                          if ((p.flags & sh::gpu::FLOW_FLAG_RECYCLED) == 0u) continue;
                          ++recycled;
                          REQUIRE(p.compartment == 0u);
                      }
                  });
        CHECK(recycled > 100);
    }
    sh::test::finish_and_check_validation(ctx);
}

// The render scale's path (app/leg_content, CPU devices): the scene in a half-size target,
// blitted up, then the blood splatted at the full size against the half-size depth.
TEST_CASE("gpu flow particles: full-size splat against a half-size scene depth",
          "[gpu][flow_particles]") {
    const bool host_splat = GENERATE(false, true);
    INFO((host_splat ? "host splat" : "compute splat"));
    auto ctx = sh::test::make_gpu_context();
    {
        ThreeDots dots = make_three_dots(*ctx, host_splat);
        auto internal = sh::create_offscreen_target(ctx->device, {32, 32});
        auto frame = sh::create_offscreen_target(ctx->device, {64, 64});
        if (!internal || !frame) FAIL("offscreen targets");
        if (!frame.value().has_storage() || !internal.value().has_linear_blit())
            FAIL("R8G8B8A8 storage images and linear blits are required here");
        if (auto ok = dots.particles.attach_target(ctx->device, frame.value(), &internal.value());
            !ok)
            FAIL(ok.error().describe());
        auto triangle = sh::create_triangle_renderer(
            ctx->device, sh::OffscreenTarget::k_color_format, sh::OffscreenTarget::k_depth_format);
        if (!triangle) FAIL(triangle.error().describe());

        ctx->submitter.submit([&](VkCommandBuffer cmd) {
            dots.particles.record_update(cmd, k_dt);
            record_red_triangle(triangle.value(), cmd, internal.value());
            internal.value().blit_to(cmd, frame.value());
            dots.particles.record_splat(cmd, frame.value(), glm::mat4(1.0f));
        });
        auto pixels = frame.value().read_back(ctx->device, ctx->submitter);
        if (!pixels) FAIL(pixels.error().describe());
        const auto front = pixel_of(k_dots[0], 64);
        const auto f = pixels.value().at(front[0], front[1]);
        const auto b = pixels.value().at(pixel_of(k_dots[1], 64)[0], pixel_of(k_dots[1], 64)[1]);
        const auto s = pixels.value().at(pixel_of(k_dots[2], 64)[0], pixel_of(k_dots[2], 64)[1]);
        // Two pixels from the front particle's centre: outside its 5-pixel plus at the frame's
        // size (at the internal size the plus would reach 2 frame pixels).
        const auto past = pixels.value().at(front[0] + 2, front[1]);
        INFO("front " << int(f[0]) << "," << int(f[2]) << "  behind " << int(b[0]) << ","
                      << int(b[2]) << "  beside " << int(s[2]) << "  past " << int(past[0]) << ","
                      << int(past[2]));
        CHECK(f[0] < 100); // in front of the triangle: drawn
        CHECK(f[2] > 50);
        CHECK((b[0] == 255 && b[2] == 0));       // behind it (tested against the half-size depth)
        CHECK(s[2] > 50);                        // on the background
        CHECK((past[0] == 255 && past[2] == 0)); // the dot keeps its full-size footprint
    }
    sh::test::finish_and_check_validation(ctx);
}

TEST_CASE("gpu flow particles: splat is depth-tested against the scene", "[gpu][flow_particles]") {
    const bool host_splat = GENERATE(false, true);
    INFO((host_splat ? "host splat" : "compute splat"));
    auto ctx = sh::test::make_gpu_context();
    {
        ThreeDots dots = make_three_dots(*ctx, host_splat);
        sh::FlowParticles& fp = dots.particles;
        auto target = sh::create_offscreen_target(ctx->device, {64, 64});
        if (!target) FAIL(target.error().describe());
        if (!target.value().has_storage()) FAIL("R8G8B8A8 storage images are required here");
        if (auto ok = fp.attach_target(ctx->device, target.value()); !ok)
            FAIL(ok.error().describe());
        auto triangle = sh::create_triangle_renderer(
            ctx->device, sh::OffscreenTarget::k_color_format, sh::OffscreenTarget::k_depth_format);
        if (!triangle) FAIL(triangle.error().describe());

        ctx->submitter.submit([&](VkCommandBuffer cmd) {
            fp.record_update(cmd, k_dt); // places the particles
            record_red_triangle(triangle.value(), cmd, target.value());
            fp.record_splat(cmd, target.value(), glm::mat4(1.0f));
        });
        auto pixels = target.value().read_back(ctx->device, ctx->submitter);
        if (!pixels) FAIL(pixels.error().describe());
        const auto front = pixel_of(k_dots[0], 64);
        const auto behind = pixel_of(k_dots[1], 64);
        const auto beside = pixel_of(k_dots[2], 64);
        const auto f = pixels.value().at(front[0], front[1]);
        const auto b = pixels.value().at(behind[0], behind[1]);
        const auto s = pixels.value().at(beside[0], beside[1]);
        INFO("front " << int(f[0]) << "," << int(f[1]) << "," << int(f[2]) << "  behind "
                      << int(b[0]) << "," << int(b[1]) << "," << int(b[2]) << "  beside "
                      << int(s[0]) << "," << int(s[1]) << "," << int(s[2]));
        CHECK(f[0] < 100);                              // the particle covers the red triangle
        CHECK(f[2] > 50);                               // with its (blue) colour
        CHECK((b[0] == 255 && b[1] == 0 && b[2] == 0)); // hidden: the triangle untouched
        CHECK(s[2] > 50);                               // on the clear background
        CHECK(pixels.value().at(2, 60)[2] == 0);        // nothing elsewhere

        // The point path records and draws validation-clean into the same target.
        ctx->submitter.submit([&](VkCommandBuffer cmd) {
            fp.record_update(cmd, k_dt);
            fp.record_barrier_for_draw(cmd);
            target.value().begin_rendering(cmd, {0.0f, 0.0f, 0.0f, 1.0f});
            fp.record_draw_points(cmd, glm::mat4(1.0f));
            target.value().end_rendering(cmd);
        });
        auto drawn = target.value().read_back(ctx->device, ctx->submitter);
        if (!drawn) FAIL(drawn.error().describe());
        CHECK(drawn.value().at(beside[0], beside[1])[2] > 50);
    }
    sh::test::finish_and_check_validation(ctx);
}
