// The GPU particle step against its CPU twin, shared by the engine's synthetic test and the
// app's simulated-leg test (tests/app/test_gpu_state_path.cpp). Header-only, Catch2.
#pragma once

#include "gpu_context.hpp"
#include "particles/flow_particles.hpp"
#include "particles/flow_test_scenes.hpp"
#include "vein_state.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <memory>
#include <vector>

namespace sh::test {

// Runs `steps` GPU steps alternating between two states (each uploaded into the one
// VeinStateBuffer before its step, as a frame does) and the same on the CPU reference; checks
// agreement in compartment, s, position and colour (in `palette`). Returns the GPU's particles.
inline std::vector<gpu::FlowParticle>
compare_flow_particles_with_reference(GpuContext& ctx, const VeinGeometry& geometry,
                                      const gpu::VeinState& state0, const gpu::VeinState& state1,
                                      std::uint32_t count, int steps,
                                      std::uint32_t palette = gpu::FLOW_PALETTE_ORDINARY) {
    constexpr float k_dt = 1.0f / 60.0f;
    const auto rest = std::make_unique<gpu::VeinState>(flow_scenes::rest_state(geometry));
    auto buffer = create_vein_state_buffer(ctx.device, ctx.submitter, *rest);
    if (!buffer) FAIL(buffer.error().describe());
    FlowParticleOptions options;
    options.count = count;
    options.seed = 11;
    options.palette = palette;
    auto fp =
        create_flow_particles(ctx.device, ctx.submitter, geometry, buffer.value().get(), options);
    if (!fp) FAIL(fp.error().describe());
    const gpu::VeinState* states[2] = {&state0, &state1};
    ctx.submitter.submit([&](VkCommandBuffer cmd) {
        for (int i = 0; i < steps; ++i) {
            buffer.value().record_upload(cmd, *states[i % 2]);
            fp.value().record_update(cmd, k_dt);
        }
    });
    auto gpu = fp.value().read_back(ctx.device, ctx.submitter);
    if (!gpu) FAIL(gpu.error().describe());

    const FlowTables& t = fp.value().tables();
    // The GPU side was seeded at rest, as create_flow_particles does.
    std::vector<gpu::FlowParticle> cpu = seed_flow_particles(t, *rest, count, options.seed);
    gpu::FlowPush push = fp.value().push();
    push.dt = k_dt;
    for (int i = 0; i < steps; ++i) step_flow_particles_reference(cpu, t, *states[i % 2], push);

    REQUIRE(gpu.value().size() == cpu.size());
    float max_ds = 0, max_dpos = 0;
    int max_dcolor = 0;
    std::size_t compartment_mismatches = 0, crossings = 0;
    for (std::size_t i = 0; i < cpu.size(); ++i) {
        const gpu::FlowParticle& g = gpu.value()[i];
        const gpu::FlowParticle& c = cpu[i];
        if (g.compartment != c.compartment) {
            ++compartment_mismatches;
            continue;
        }
        max_ds = std::max(max_ds, std::abs(g.s - c.s));
        for (int k = 0; k < 3; ++k)
            max_dpos = std::max(max_dpos, std::abs(g.position[k] - c.position[k]));
        for (int k = 0; k < 24; k += 8)
            max_dcolor = std::max(max_dcolor, std::abs(static_cast<int>((g.color >> k) & 255u) -
                                                       static_cast<int>((c.color >> k) & 255u)));
        crossings += c.crossings;
    }
    INFO("max |ds| " << max_ds << " cm, max |dpos| " << max_dpos << " cm, max colour diff "
                     << max_dcolor << ", crossings " << crossings);
    CHECK(compartment_mismatches == 0);
    CHECK(max_ds < 1e-4f);
    CHECK(max_dpos < 1e-4f);
    CHECK(max_dcolor <= 1);
    CHECK(crossings > 0); // the test moved particles through links, not only along lines
    return gpu.take();
}

} // namespace sh::test
