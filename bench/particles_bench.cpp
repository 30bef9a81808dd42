// Blood-particle frame times: update + splat against update + points, at 1280x720, for several
// particle counts, on the device the engine selects (lavapipe when VK_DRIVER_FILES points at
// it), and beside them the CPU reference of the step on one core (cpu_reference_step_ms: what
// this CPU does as plain C++, the yardstick for the shader on lavapipe). Not run by CTest.
// Prints one JSON object per line:
//   build/bench/particles_bench [frames]
// Wall time of submit + wait per frame (averaged after warm-up), which on lavapipe equals the
// GPU time; the network and flows are the simulated leg's after 2 s standing.
#include "flow_bridge.hpp"
#include "immediate_submit.hpp"
#include "instance.hpp"
#include "offscreen_target.hpp"
#include "particles/flow_particles.hpp"
#include "particles/flow_particles_reference.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <glm/gtc/matrix_transform.hpp>
#include <memory>

namespace {

double time_frames(const sh::ImmediateSubmitter& submitter, int frames,
                   const std::function<void(VkCommandBuffer)>& record) {
    for (int i = 0; i < 2; ++i) submitter.submit(record); // warm-up (pipeline JIT, caches)
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < frames; ++i) submitter.submit(record);
    const std::chrono::duration<double, std::milli> ms = std::chrono::steady_clock::now() - start;
    return ms.count() / frames;
}

} // namespace

int main(int argc, char** argv) {
    const int frames = argc > 1 ? std::max(1, std::atoi(argv[1])) : 10;
    auto instance = sh::InstanceBuilder()
                        .app_name("SecondHeart particles bench")
                        .validation(sh::Validation::Off)
                        .echo_messages(false)
                        .build();
    if (!instance) {
        std::fprintf(stderr, "%s\n", instance.error().describe().c_str());
        return 1;
    }
    auto device = sh::create_device(instance.value(), {});
    if (!device) {
        std::fprintf(stderr, "%s\n", device.error().describe().c_str());
        return 1;
    }
    auto submitter = sh::create_immediate_submitter(device.value());
    if (!submitter) return 1;
    const sh::ImmediateSubmitter& sub = submitter.value();

    const sh::sim::Network& net = sh::sim::default_network();
    sh::sim::LegModel model(net);
    model.advance(2.0);
    const sh::VeinGeometry geometry = sh::app::vein_geometry(net);
    auto writer = sh::app::VeinStateWriter::create(net, geometry);
    if (!writer) {
        std::fprintf(stderr, "%s\n", writer.error().describe().c_str());
        return 1;
    }
    const auto state = std::make_unique<sh::gpu::VeinState>();
    writer.value().fill(model, *state);
    auto state_buffer = sh::create_vein_state_buffer(device.value(), sub, *state);
    if (!state_buffer) return 1;

    const VkExtent2D extent{1280, 720};
    auto target = sh::create_offscreen_target(device.value(), extent);
    if (!target) return 1;
    // The leg seen from the front and a little to the side, the whole height in view.
    const glm::mat4 view = glm::lookAt(glm::vec3(60.0f, -140.0f, 50.0f),
                                       glm::vec3(0.0f, 0.0f, 45.0f), glm::vec3(0.0f, 0.0f, 1.0f));
    glm::mat4 proj = glm::perspective(glm::radians(45.0f), 1280.0f / 720.0f, 1.0f, 1000.0f);
    proj[1][1] *= -1.0f; // Vulkan's y points down
    const glm::mat4 view_proj = proj * view;

    const sh::FlowTables tables = sh::build_flow_tables(geometry);
    std::printf("{\"device\": \"%s\", \"width\": 1280, \"height\": 720, \"frames\": %d}\n",
                device.value().properties().deviceName, frames);
    for (const std::uint32_t count : {16384u, 100000u, 262144u, 1048576u}) {
        sh::FlowParticleOptions options;
        options.count = count;
        auto fp = sh::create_flow_particles(device.value(), sub, geometry,
                                            state_buffer.value().get(), options);
        if (!fp) {
            std::fprintf(stderr, "%s\n", fp.error().describe().c_str());
            return 1;
        }
        if (!fp.value().attach_target(device.value(), target.value())) return 1;
        sh::OffscreenTarget& t = target.value();
        const double update = time_frames(
            sub, frames, [&](VkCommandBuffer cmd) { fp.value().record_update(cmd, 1.0f / 60.0f); });
        const double clear = time_frames(sub, frames, [&](VkCommandBuffer cmd) {
            t.begin_rendering(cmd, {0.0f, 0.0f, 0.0f, 1.0f});
            t.end_rendering(cmd);
        });
        const double splat = time_frames(sub, frames, [&](VkCommandBuffer cmd) {
            fp.value().record_update(cmd, 1.0f / 60.0f);
            t.begin_rendering(cmd, {0.0f, 0.0f, 0.0f, 1.0f});
            t.end_rendering(cmd);
            fp.value().record_splat(cmd, t, view_proj);
        });
        const double points = time_frames(sub, frames, [&](VkCommandBuffer cmd) {
            fp.value().record_update(cmd, 1.0f / 60.0f);
            fp.value().record_barrier_for_draw(cmd);
            t.begin_rendering(cmd, {0.0f, 0.0f, 0.0f, 1.0f});
            fp.value().record_draw_points(cmd, view_proj);
            t.end_rendering(cmd);
        });
        // The yardstick: the same step on this CPU, one core, as plain C++ (the shader's twin).
        auto host = fp.value().read_back(device.value(), sub);
        if (!host) return 1;
        sh::gpu::FlowPush push = fp.value().push();
        push.dt = 1.0f / 60.0f;
        const auto cpu_start = std::chrono::steady_clock::now();
        for (int i = 0; i < frames; ++i)
            sh::step_flow_particles_reference(host.value(), tables, *state, push);
        const std::chrono::duration<double, std::milli> cpu_ms =
            std::chrono::steady_clock::now() - cpu_start;
        std::printf("{\"particles\": %u, \"update_ms\": %.2f, \"clear_ms\": %.2f, "
                    "\"update_splat_ms\": %.2f, \"update_points_ms\": %.2f, "
                    "\"splat_particles_per_ms\": %.0f, \"points_particles_per_ms\": %.0f, "
                    "\"cpu_reference_step_ms\": %.2f}\n",
                    count, update, clear, splat, points, count / splat, count / points,
                    cpu_ms.count() / frames);
        std::fflush(stdout);
    }
    device.value().wait_idle();
    return 0;
}
