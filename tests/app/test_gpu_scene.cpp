// The leg scene on the GPU, validation on: muscle contraction against the CPU reference, and
// rendered views of the default leg, with the simulator's real venous network (hence here in
// tests/app: the network reaches the engine through app/flow_bridge), against small committed
// reference images.
#include "anatomy/leg_skinning.hpp"
#include "flow_bridge.hpp"
#include "gpu_context.hpp"
#include "offscreen_target.hpp"
#include "particles/flow_particles.hpp"
#include "png_writer.hpp"
#include "pose_state.hpp"
#include "post/edge_aa_pass.hpp"
#include "scene/scene_renderer.hpp"
#include "scene_test_helpers.hpp"
#include "vein_state.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

using namespace sh;
using test::compare_with_reference;
using test::render;

namespace {

const anatomy::LoadedLeg& default_leg() {
    static const anatomy::LoadedLeg leg =
        anatomy::load_leg(std::filesystem::path(SH_SCENE_ANATOMY_DIR) / "manifest.json", {});
    return leg;
}

// The simulator's network, as the program draws it.
VeinGeometry vein_geometry() {
    return app::vein_geometry(sim::default_network());
}

// A fixed mid-contraction state: sinuses squeezed, a varicose great saphenous vein with one
// failed valve, valves alternately open and closed.
std::unique_ptr<gpu::VeinState> synthetic_state(const VeinGeometry& g) {
    auto tables = build_vein_state_tables(g);
    REQUIRE(tables);
    auto s = std::make_unique<gpu::VeinState>();
    write_rest_vein_state(tables.value(), *s);
    for (std::size_t i = 0; i < g.compartments.size(); ++i) {
        const VeinCompartment& c = g.compartments[i];
        s->compartments[i].area_ratio = c.kind == VeinKind::Intramuscular ? 0.45f
                                        : c.label.find("great_saphenous") != std::string::npos
                                            ? 2.2f
                                            : 1.0f;
    }
    bool failed_one = false;
    for (std::size_t i = 0; i < g.links.size(); ++i) {
        s->links[i].valve_opening = i % 2 == 0 ? 1.0f : 0.0f;
        if (g.links[i].has_valve && !failed_one &&
            g.compartments[g.links[i].to].label.find("great_saphenous") != std::string::npos) {
            s->links[i].valve_failure = 1.0f;
            failed_one = true;
        }
    }
    s->muscle_activation = {0.8f, 0.6f, 0.0f, 0.0f};
    finish_vein_state(tables.value(), *s);
    return s;
}

// The scene with the VeinState buffer it reads (declared first: it outlives the scene).
struct LegScene {
    VeinStateBuffer state;
    scene::SceneRenderer scene;
};

// The default leg with the synthetic state uploaded and applied, ready to render.
LegScene make_scene(test::GpuContext& ctx, const VeinGeometry& veins) {
    const auto state = synthetic_state(veins);
    auto buffer = create_vein_state_buffer(ctx.device, ctx.submitter, *state);
    if (!buffer) FAIL(buffer.error().describe());
    auto scene = scene::create_scene_renderer(ctx.device, ctx.submitter, veins,
                                              buffer.value().get(), default_leg());
    if (!scene) FAIL(scene.error().describe());
    scene.value().update(*state);
    return LegScene{buffer.take(), scene.take()};
}

} // namespace

TEST_CASE("gpu scene: muscle contraction and the pose's thickening match the CPU reference at "
          "constant volume",
          "[gpu][scene]") {
    auto ctx = test::make_gpu_context();
    {
        const VeinGeometry veins = vein_geometry();
        LegScene leg = make_scene(*ctx, veins);
        scene::SceneRenderer& scene = leg.scene;
        REQUIRE(scene.muscles().muscles().size() == 4); // soleus, both gastrocnemius heads, tendon

        const auto state = synthetic_state(veins);
        state->muscle_activation = {1.0f, 0.5f, 0.0f, 0.0f};
        // Deep running knee flexion and full plantarflexion at once: the gastrocnemius heads
        // and the Achilles tendon thicken (anatomy/pose_volume.hpp).
        sim::SkeletonPose pose;
        pose.knee_flexion_deg = 100.0;
        pose.ankle_dorsiflexion_deg = -45.0;
        write_pose_state(anatomy::leg_skeleton(), pose, 1.0f, state->pose);
        scene.update(*state);
        (void)render(*ctx, scene, {64, 80}, scene::CameraPreset::Back, {});

        const Buffer& positions = scene.meshes().positions();
        auto readback = create_buffer(ctx->device, positions.size(),
                                      VK_BUFFER_USAGE_TRANSFER_DST_BIT, MemoryUse::Readback);
        REQUIRE(readback);
        ctx->submitter.submit([&](VkCommandBuffer cmd) {
            // RAW: the copy reads what the vertex stage's producer (the deform compute) wrote;
            // the render() submission has completed, this orders the device-side access.
            VkMemoryBarrier2 b{};
            b.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER_2;
            b.srcStageMask = VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT;
            b.srcAccessMask = VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT;
            b.dstStageMask = VK_PIPELINE_STAGE_2_COPY_BIT;
            b.dstAccessMask = VK_ACCESS_2_TRANSFER_READ_BIT;
            VkDependencyInfo dep{};
            dep.sType = VK_STRUCTURE_TYPE_DEPENDENCY_INFO;
            dep.memoryBarrierCount = 1;
            dep.pMemoryBarriers = &b;
            vkCmdPipelineBarrier2(cmd, &dep);
            const VkBufferCopy region{0, 0, positions.size()};
            vkCmdCopyBuffer(cmd, positions.get(), readback.value().get(), 1, &region);
        });
        std::vector<glm::vec4> gpu(scene.meshes().vertex_count());
        readback.value().read(gpu.data(), gpu.size() * sizeof(glm::vec4));

        for (const scene::DeformedMuscle& m : scene.muscles().muscles()) {
            const scene::MeshDraw& draw = scene.meshes().draws()[m.draw];
            INFO(draw.role << " lambda " << m.current.lambda << " k " << m.current.bulge
                           << " thickening " << m.current.thickening);
            const std::vector<glm::vec3> cpu = anatomy::apply_muscle_deformation(m.rig, m.current);
            REQUIRE(cpu.size() == draw.vertex_count);
            float worst = 0.0f;
            anatomy::Mesh deformed =
                *std::find_if(default_leg().meshes.begin(), default_leg().meshes.end(),
                              [&](const anatomy::Mesh& x) { return x.role == draw.role; });
            const double rest = anatomy::mesh_volume(deformed);
            for (std::size_t i = 0; i < cpu.size(); ++i) {
                const glm::vec3 g(gpu[draw.vertex_offset + i]);
                worst = std::max(worst, glm::length(g - cpu[i]));
                deformed.positions[i] = g;
            }
            CHECK(worst < 1e-3f); // cm
            if (m.activation_slot) {
                CHECK(m.current.lambda < 1.0f); // it did contract
                // The contraction alone keeps the volume.
                anatomy::MuscleDeformation contraction = m.current;
                contraction.thickening = 1.0f;
                const double contracted = anatomy::mesh_volume(
                    anatomy::apply_muscle_deformation(m.rig, contraction), deformed.indices);
                CHECK(std::abs(contracted - rest) / rest < 0.05);
            }
            // What the GPU wrote, posed (the CPU reference of the pose pass), has the rest
            // volume: the thickening made up what the pose squeezes out (2 %: the target of
            // tests/anatomy/test_skinning.cpp; the contraction's own error is below 0.5 %).
            if (draw.role != "soleus") CHECK(m.current.thickening > 1.01f);
            const double posed = anatomy::mesh_volume(
                anatomy::pose_mesh(deformed, anatomy::skin_bindings(deformed), pose));
            CHECK(std::abs(posed - rest) / rest < 0.02);
        }
    }
    test::finish_and_check_validation(ctx);
}

TEST_CASE("gpu scene: front view of the default leg matches its reference image",
          "[gpu][scene][image]") {
    auto ctx = test::make_gpu_context();
    {
        const VeinGeometry veins = vein_geometry();
        LegScene leg = make_scene(*ctx, veins);
        const RgbaPixels px = render(*ctx, leg.scene, {256, 320}, scene::CameraPreset::Front, {});
        compare_with_reference(px, "scene_front");
    }
    test::finish_and_check_validation(ctx);
}

TEST_CASE("gpu scene: x-ray cutaway of the deep veins matches its reference image",
          "[gpu][scene][image]") {
    auto ctx = test::make_gpu_context();
    {
        const VeinGeometry veins = vein_geometry();
        LegScene leg = make_scene(*ctx, veins);
        scene::SceneOptions options;
        options.mode = scene::RenderMode::XRay;
        const RgbaPixels px =
            render(*ctx, leg.scene, {256, 320}, scene::CameraPreset::Cutaway, options);
        compare_with_reference(px, "scene_cutaway_xray");
    }
    test::finish_and_check_validation(ctx);
}

// The app anti-aliases only the leg's screen rectangle (its bounds through the camera, as
// app/leg_content does): the leg's silhouette against the background must still be smoothed
// there, and nothing outside the rectangle may change.
TEST_CASE("gpu scene: edge AA over the leg's rectangle smooths its silhouette",
          "[gpu][scene][post]") {
    auto ctx = test::make_gpu_context();
    {
        const VeinGeometry veins = vein_geometry();
        LegScene leg = make_scene(*ctx, veins);
        scene::SceneRenderer& scene = leg.scene;
        const VkExtent2D size{240, 200};
        auto target = create_offscreen_target(ctx->device, size);
        REQUIRE(target);
        auto aa = create_edge_aa_pass(ctx->device);
        REQUIRE(aa);
        REQUIRE(aa.value().attach(ctx->device, target.value()));
        const float aspect = 240.0f / 200.0f;
        const scene::Camera cam = scene.camera(scene::CameraPreset::Front, aspect);
        const anatomy::Bounds& b = scene.bounds();
        const PixelRect r = screen_rect(cam.view_proj(aspect), b.min, b.max, size, 2);
        const VkRect2D rect{{static_cast<std::int32_t>(r.x), static_cast<std::int32_t>(r.y)},
                            {r.width, r.height}};
        const auto draw = [&](bool with_aa) {
            ctx->submitter.submit([&](VkCommandBuffer cmd) {
                scene.record(cmd, target.value(), cam, {});
                if (with_aa) aa.value().record(cmd, target.value(), rect);
            });
            auto px = target.value().read_back(ctx->device, ctx->submitter);
            REQUIRE(px);
            return px.take();
        };
        const RgbaPixels plain = draw(false);
        const RgbaPixels smooth = draw(true);
        // A restriction that restricts: the leg is tall and narrow in the front view.
        INFO("leg rectangle " << r.x << "," << r.y << " " << r.width << "x" << r.height);
        CHECK(r.width > 0);
        CHECK(r.width < size.width * 3 / 4);

        const auto in_rect = [&](std::uint32_t x, std::uint32_t y) {
            return x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height;
        };
        const auto differs = [](std::array<std::uint8_t, 4> a, std::array<std::uint8_t, 4> c,
                                int by) {
            for (int k = 0; k < 3; ++k)
                if (std::abs(int(a[k]) - int(c[k])) > by) return true;
            return false;
        };
        std::uint32_t changed_outside = 0;
        for (std::uint32_t y = 0; y < size.height; ++y)
            for (std::uint32_t x = 0; x < size.width; ++x)
                if (!in_rect(x, y) && plain.at(x, y) != smooth.at(x, y)) ++changed_outside;
        CHECK(changed_outside == 0u);

        // The silhouette: in each row, the first and last pixels (from the image's sides) that
        // differ clearly from the background at that row's edge. Count the rows where the AA
        // changed that pixel or its outer neighbour (a staircase step on the skin's outline).
        std::uint32_t rows = 0, smoothed = 0;
        for (std::uint32_t y = 0; y < size.height; ++y) {
            const auto bg = plain.at(0, y);
            std::uint32_t first = size.width, last = 0;
            for (std::uint32_t x = 0; x < size.width; ++x) {
                if (differs(plain.at(x, y), bg, 40)) {
                    first = std::min(first, x);
                    last = x;
                }
            }
            if (first == size.width || first == 0 || last + 1 >= size.width) continue;
            ++rows;
            const bool left = differs(plain.at(first, y), smooth.at(first, y), 3) ||
                              differs(plain.at(first - 1, y), smooth.at(first - 1, y), 3);
            const bool right = differs(plain.at(last, y), smooth.at(last, y), 3) ||
                               differs(plain.at(last + 1, y), smooth.at(last + 1, y), 3);
            smoothed += (left ? 1u : 0u) + (right ? 1u : 0u);
        }
        INFO(smoothed << " of " << 2 * rows << " silhouette pixels smoothed; images "
                      << SH_TEST_OUTPUT_DIR << "/leg_aa_{off,on}.png");
        std::filesystem::create_directories(SH_TEST_OUTPUT_DIR);
        REQUIRE(write_png(std::filesystem::path(SH_TEST_OUTPUT_DIR) / "leg_aa_off.png", plain));
        REQUIRE(write_png(std::filesystem::path(SH_TEST_OUTPUT_DIR) / "leg_aa_on.png", smooth));
        CHECK(rows > size.height / 2);
        // Near-vertical runs of the outline only change at their steps, and the translucent
        // skin is dark on a dark background in places (below FXAA's contrast threshold):
        // at 240x200, 75 of 326 measured; without AA, or with a rectangle that cut the
        // outline off, this would be 0.
        CHECK(smoothed * 6 >= 2 * rows); // at least a sixth of the outline's ends
    }
    test::finish_and_check_validation(ctx);
}

// Not a test (hidden tag, never run by ctest): median time of the whole scene pass at
// 1280x720, `sh_engine_gpu_tests "[.scene_benchmark]"`.
TEST_CASE("gpu scene: benchmark 1280x720", "[.scene_benchmark]") {
    auto ctx = test::make_gpu_context();
    {
        const VeinGeometry veins = vein_geometry();
        LegScene leg = make_scene(*ctx, veins);
        auto target = create_offscreen_target(ctx->device, {1280, 720});
        REQUIRE(target);
        for (scene::RenderMode mode : {scene::RenderMode::Normal, scene::RenderMode::XRay}) {
            scene::SceneOptions options;
            options.mode = mode;
            std::vector<double> ms;
            for (int i = 0; i < 22; ++i) {
                const auto f = synthetic_state(veins);
                f->muscle_activation[0] = 0.5f + 0.5f * std::sin(0.3f * static_cast<float>(i));
                leg.scene.update(*f);
                const scene::Camera cam = leg.scene.camera(scene::CameraPreset::Front, 16.f / 9.f);
                const auto t0 = std::chrono::steady_clock::now();
                ctx->submitter.submit([&](VkCommandBuffer cmd) {
                    leg.state.record_upload(cmd, *f);
                    leg.scene.record(cmd, target.value(), cam, options);
                });
                const auto t1 = std::chrono::steady_clock::now();
                if (i >= 2)
                    ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
            }
            std::sort(ms.begin(), ms.end());
            WARN((mode == scene::RenderMode::Normal ? "normal" : "x-ray")
                 << " 1280x720 scene pass, median of 20: " << ms[ms.size() / 2] << " ms");
        }
    }
    test::finish_and_check_validation(ctx);
}

// Not a test (hidden tag): every preset in both modes at 512x640 into the output folder, to
// look at. `sh_engine_gpu_tests "[.scene_gallery]"`.
TEST_CASE("gpu scene: gallery", "[.scene_gallery]") {
    auto ctx = test::make_gpu_context();
    {
        const VeinGeometry veins = vein_geometry();
        LegScene leg = make_scene(*ctx, veins);
        const std::filesystem::path dir = SH_TEST_OUTPUT_DIR;
        std::filesystem::create_directories(dir);
        for (auto preset : {scene::CameraPreset::Front, scene::CameraPreset::Back,
                            scene::CameraPreset::Medial, scene::CameraPreset::Cutaway}) {
            for (auto mode : {scene::RenderMode::Normal, scene::RenderMode::XRay}) {
                scene::SceneOptions options;
                options.mode = mode;
                const RgbaPixels px = render(*ctx, leg.scene, {512, 640}, preset, options);
                const std::string name = "gallery_" + std::string(sh::sim::id_of(preset)) +
                                         (mode == scene::RenderMode::XRay ? "_xray" : "") + ".png";
                REQUIRE(write_png(dir / name, px));
            }
        }
    }
    test::finish_and_check_validation(ctx);
}

// A leg held still is drawn from the meshes posed in an earlier frame (SceneRenderer::record
// skips the muscle deformation and the mesh pose pass while nothing they read changed), and
// any change of the pose, of the swelling by more than its 0.005 cm step, or of a muscle's
// contraction poses them again. Checked on the posed buffer every leg draw reads: unchanged
// while still, moved after each change, and after the change equal to a scene that posed
// the new state from scratch.
TEST_CASE("gpu scene: a leg held still is not posed again, and every change poses it",
          "[gpu][scene][pose]") {
    auto ctx = test::make_gpu_context();
    {
        const VeinGeometry veins = vein_geometry();
        LegScene leg = make_scene(*ctx, veins);
        scene::SceneRenderer& scene = leg.scene;
        const Buffer& posed = scene.poser().positions();
        const std::size_t mesh_entries = scene.meshes().vertex_count();
        const auto read_posed = [&] {
            auto down = download_compute_buffer(ctx->device, ctx->submitter, posed);
            if (!down) FAIL(down.error().describe());
            std::vector<glm::vec4> out(mesh_entries);
            down.value().read(out.data(), out.size() * sizeof(glm::vec4));
            return out;
        };
        const auto largest_move = [](const std::vector<glm::vec4>& a,
                                     const std::vector<glm::vec4>& b) {
            float worst = 0.0f;
            for (std::size_t i = 0; i < a.size(); ++i)
                worst = std::max(worst, glm::length(glm::vec3(a[i] - b[i])));
            return worst;
        };
        auto state = synthetic_state(veins);
        const auto frame = [&] {
            ctx->submitter.submit(
                [&](VkCommandBuffer cmd) { leg.state.record_upload(cmd, *state); });
            scene.update(*state);
            (void)render(*ctx, scene, {64, 80}, scene::CameraPreset::Front, {});
            return read_posed();
        };
        const std::vector<glm::vec4> first = frame();
        CHECK(scene.posed_meshes());
        const std::vector<glm::vec4> still = frame();
        CHECK_FALSE(scene.posed_meshes());
        CHECK(largest_move(first, still) == 0.0f);

        state->pose.skin_swelling_cm.z += 0.001f; // within the step: the swelling creeps
        (void)frame();
        CHECK_FALSE(scene.posed_meshes());
        state->pose.skin_swelling_cm.z += 0.02f;
        const std::vector<glm::vec4> swollen = frame();
        CHECK(scene.posed_meshes());
        CHECK(largest_move(first, swollen) > 0.01f);

        state->muscle_activation.x = 0.2f;
        const std::vector<glm::vec4> relaxed = frame();
        CHECK(scene.posed_meshes());
        CHECK(largest_move(swollen, relaxed) > 0.01f);

        sim::SkeletonPose bent;
        bent.knee_flexion_deg = 60.0;
        write_pose_state(anatomy::leg_skeleton(), bent, 1.0f, state->pose);
        const std::vector<glm::vec4> bent_posed = frame();
        CHECK(scene.posed_meshes());
        CHECK(largest_move(relaxed, bent_posed) > 5.0f);

        // The same state posed by a fresh scene from scratch.
        LegScene fresh = make_scene(*ctx, veins);
        ctx->submitter.submit([&](VkCommandBuffer cmd) { fresh.state.record_upload(cmd, *state); });
        fresh.scene.update(*state);
        (void)render(*ctx, fresh.scene, {64, 80}, scene::CameraPreset::Front, {});
        auto down =
            download_compute_buffer(ctx->device, ctx->submitter, fresh.scene.poser().positions());
        REQUIRE(down);
        std::vector<glm::vec4> scratch(mesh_entries);
        down.value().read(scratch.data(), scratch.size() * sizeof(glm::vec4));
        CHECK(largest_move(bent_posed, scratch) < 1e-5f);
    }
    test::finish_and_check_validation(ctx);
}
