// The GPU skinning (shaders/pose.h) against its CPU reference (sim::pose_point), validation on:
// the default leg's vertices (bones rigid with their segment, everything else soft) and the
// venous network's centrelines, posed on the GPU by pose_probe.comp with the PoseState that
// app/flow_bridge writes from a sim::PosedLeg, compared with sim::pose_point of the same
// PosedLeg, at walking push-off, running at its deepest knee flexion (over 100 deg), sitting,
// seated ankle pumps, lying and the raised leg. Then the posed leg against reference images
// (the sitting leg from the medial side, walking at push-off, a stocking over a swollen leg).
#include "anatomy/leg_skinning.hpp"
#include "anatomy/mesh_loader.hpp"
#include "flow_bridge.hpp"
#include "gpu_context.hpp"
#include "pipelines.hpp"
#include "pose_state.hpp"
#include "scene/mesh_renderer.hpp"
#include "scene/scene_gpu.hpp"
#include "scene_test_helpers.hpp"
#include "vein_state.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

using namespace sh;

namespace {

struct Probe {
    glm::vec4 rest;           // xyz, w segment (0 soft)
    sim::SkinBinding binding; // the CPU reference's
    bool rigid = false;
};

// Every 3rd vertex of every mesh of the default leg, and every network centreline point.
std::vector<Probe> probe_points(const sim::Skeleton& skeleton) {
    const anatomy::LoadedLeg leg =
        anatomy::load_leg(std::filesystem::path(SH_SCENE_ANATOMY_DIR) / "manifest.json", {});
    std::vector<Probe> out;
    for (const anatomy::Mesh& m : leg.meshes) {
        const bool bone = anatomy::is_bone_role(m.role);
        const std::vector<sim::SkinBinding> rigid = anatomy::skin_bindings(m);
        for (std::size_t i = 0; i < m.positions.size(); i += 3) {
            const glm::vec3 p = m.positions[i];
            const sim::Vec3 r{p.x, p.y, p.z};
            if (bone)
                out.push_back({glm::vec4(p, scene::rigid_segment_code(rigid[i])), rigid[i], true});
            else
                out.push_back({glm::vec4(p, 0.0f), sim::soft_binding(skeleton, r), false});
        }
    }
    for (const VeinCompartment& c : app::vein_geometry(sim::default_network()).compartments)
        for (const glm::vec3& p : c.centreline)
            out.push_back(
                {glm::vec4(p, 0.0f), sim::soft_binding(skeleton, sim::Vec3{p.x, p.y, p.z}), false});
    return out;
}

// The phase of `activity` where `score` of the pose is largest (200 phases).
double phase_of_max(const sim::ActivitySpec& activity, double (*score)(const sim::SkeletonPose&)) {
    double best = 0.0, best_score = -1e9;
    for (int i = 0; i < 200; ++i) {
        const double phase = i / 200.0;
        const sim::PosedLeg leg(sim::default_network(), 1.0, sim::Posture::Standing, activity,
                                phase);
        if (score(leg.pose()) > best_score) {
            best_score = score(leg.pose());
            best = phase;
        }
    }
    return best;
}

struct NamedPose {
    std::string name;
    sim::PosedLeg leg;
};

std::vector<NamedPose> test_poses() {
    const sim::Network& net = sim::default_network();
    const sim::ActivitySpec walking{sim::Activity::Walking, 4.7};
    const sim::ActivitySpec running{sim::Activity::Running, 16.0};
    const sim::ActivitySpec pumps{sim::Activity::AnklePumps, 0.0};
    // Push-off: the ankle's peak plantarflexion; running: the knee's deepest flexion.
    const double push_off =
        phase_of_max(walking, [](const sim::SkeletonPose& p) { return -p.ankle_dorsiflexion_deg; });
    const double deep_knee =
        phase_of_max(running, [](const sim::SkeletonPose& p) { return p.knee_flexion_deg; });
    return {
        {"walking push-off", sim::PosedLeg(net, 1.0, sim::Posture::Standing, walking, push_off)},
        {"running, deepest knee",
         sim::PosedLeg(net, 1.0, sim::Posture::Standing, running, deep_knee)},
        {"sitting", sim::PosedLeg(net, 1.0, sim::Posture::Sitting)},
        {"ankle pumps seated", sim::PosedLeg(net, 1.0, sim::Posture::Sitting, pumps, 0.25)},
        {"lying", sim::PosedLeg(net, 1.0, sim::Posture::Lying)},
        {"leg raised", sim::PosedLeg(net, 1.0, sim::Posture::LegRaised)},
    };
}

glm::vec3 to_glm(const sim::Vec3& v) {
    return {static_cast<float>(v.x), static_cast<float>(v.y), static_cast<float>(v.z)};
}

} // namespace

TEST_CASE("gpu pose: the GPU skinning matches sim::pose_point at six poses", "[gpu][pose]") {
    auto ctx = test::make_gpu_context();
    {
        const std::vector<NamedPose> poses = test_poses();
        // Running at 16 km/h reaches its published swing peak (over 100 deg, docs/motion.md).
        REQUIRE(poses[1].leg.pose().knee_flexion_deg > 100.0);
        REQUIRE(poses[0].leg.pose().ankle_dorsiflexion_deg < -10.0);
        const std::vector<Probe> probes = probe_points(poses[0].leg.skeleton());
        REQUIRE(probes.size() > 1000);
        std::vector<glm::vec4> rest;
        for (const Probe& p : probes) rest.push_back(p.rest);
        const auto count = static_cast<std::uint32_t>(rest.size());

        const VkDevice dev = ctx->device.get();
        auto rest_buf = upload_device_buffer(ctx->device, ctx->submitter, rest.data(),
                                             rest.size() * sizeof(glm::vec4),
                                             VK_BUFFER_USAGE_STORAGE_BUFFER_BIT);
        REQUIRE(rest_buf);
        auto state = std::make_unique<gpu::VeinState>();
        auto state_buf = upload_device_buffer(
            ctx->device, ctx->submitter, state.get(), sizeof(gpu::VeinState),
            VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT);
        REQUIRE(state_buf);
        auto out_buf =
            create_buffer(ctx->device, rest.size() * 2 * sizeof(glm::vec4),
                          VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_SRC_BIT,
                          MemoryUse::DeviceLocal);
        REQUIRE(out_buf);
        auto set_layout = create_storage_set_layout(dev, 3, VK_SHADER_STAGE_COMPUTE_BIT);
        REQUIRE(set_layout);
        auto layout = create_pipeline_layout(dev, set_layout.value().get(),
                                             VK_SHADER_STAGE_COMPUTE_BIT, sizeof(std::uint32_t));
        REQUIRE(layout);
        auto pipeline = create_compute_pipeline(dev, layout.value().get(), "pose_probe.comp");
        REQUIRE(pipeline);
        auto pool = scene::create_storage_pool(dev, 1, 3);
        REQUIRE(pool);
        auto set = scene::allocate_set(dev, pool.value().get(), set_layout.value().get());
        REQUIRE(set);
        scene::write_storage_binding(dev, set.value(), 0, rest_buf.value().get());
        scene::write_storage_binding(dev, set.value(), 1, state_buf.value().get());
        scene::write_storage_binding(dev, set.value(), 2, out_buf.value().get());

        for (const NamedPose& pose : poses) {
            INFO(pose.name);
            write_pose_state(pose.leg.skeleton(), pose.leg.pose(), 1.0f, state->pose);
            ctx->submitter.submit([&](VkCommandBuffer cmd) {
                // The header with the pose block (what VeinStateBuffer::record_upload sends).
                vkCmdUpdateBuffer(cmd, state_buf.value().get(), 0,
                                  offsetof(gpu::VeinState, compartments), state.get());
                VkMemoryBarrier2 b{};
                b.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER_2;
                b.srcStageMask = VK_PIPELINE_STAGE_2_COPY_BIT;
                b.srcAccessMask = VK_ACCESS_2_TRANSFER_WRITE_BIT;
                b.dstStageMask = VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT;
                b.dstAccessMask = VK_ACCESS_2_SHADER_STORAGE_READ_BIT;
                VkDependencyInfo dep{};
                dep.sType = VK_STRUCTURE_TYPE_DEPENDENCY_INFO;
                dep.memoryBarrierCount = 1;
                dep.pMemoryBarriers = &b;
                vkCmdPipelineBarrier2(cmd, &dep);
                vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, pipeline.value().get());
                vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, layout.value().get(),
                                        0, 1, &set.value(), 0, nullptr);
                vkCmdPushConstants(cmd, layout.value().get(), VK_SHADER_STAGE_COMPUTE_BIT, 0,
                                   sizeof(count), &count);
                vkCmdDispatch(cmd, (count + 63) / 64, 1, 1);
            });
            auto down = download_compute_buffer(ctx->device, ctx->submitter, out_buf.value());
            REQUIRE(down);
            std::vector<glm::vec4> gpu(rest.size() * 2);
            down.value().read(gpu.data(), gpu.size() * sizeof(glm::vec4));

            float worst = 0.0f, worst_direction = 0.0f, moved = 0.0f;
            for (std::size_t i = 0; i < probes.size(); ++i) {
                const Probe& p = probes[i];
                const sim::Vec3 r{p.rest.x, p.rest.y, p.rest.z};
                const glm::vec3 cpu = to_glm(pose.leg.place(r, p.binding));
                worst = std::max(worst, glm::length(glm::vec3(gpu[2 * i]) - cpu));
                moved = std::max(moved, glm::length(cpu - glm::vec3(p.rest)));
                if (p.rigid) {
                    // A rigid segment turns its directions as it turns its points: the posed
                    // up vector is the difference of two posed points 1 cm apart.
                    const glm::vec3 up =
                        to_glm(pose.leg.place(sim::Vec3{r.x, r.y, r.z + 1.0}, p.binding)) - cpu;
                    worst_direction =
                        std::max(worst_direction, glm::length(glm::vec3(gpu[2 * i + 1]) - up));
                }
            }
            INFO("worst position error " << worst << " cm, direction " << worst_direction
                                         << ", largest move " << moved << " cm");
            CHECK(moved > 10.0f); // the pose is not the rest pose
            // float against double over a leg about 100 cm long: a few micrometres.
            CHECK(worst < 2e-3f);
            CHECK(worst_direction < 1e-4f);
        }
    }
    test::finish_and_check_validation(ctx);
}

namespace {

// The default leg drawn in `pose` (veins at rest, muscles relaxed), optionally with a stocking
// and a swelling, from `preset`, compared with reference_images/<name>.png.
void check_posed_image(const sim::PosedLeg& pose, const std::string& name,
                       scene::CameraPreset preset, VkExtent2D size,
                       const gpu::PoseState* extras = nullptr) {
    auto ctx = test::make_gpu_context();
    {
        const VeinGeometry veins = app::vein_geometry(sim::default_network());
        auto tables = build_vein_state_tables(veins);
        REQUIRE(tables);
        auto state = std::make_unique<gpu::VeinState>();
        write_rest_vein_state(tables.value(), *state);
        write_pose_state(pose.skeleton(), pose.pose(), 1.0f, state->pose);
        if (extras != nullptr) {
            state->pose.skin_swelling_cm = extras->skin_swelling_cm;
            state->pose.stocking = extras->stocking;
        }
        auto buffer = create_vein_state_buffer(ctx->device, ctx->submitter, *state);
        REQUIRE(buffer);
        const anatomy::LoadedLeg leg =
            anatomy::load_leg(std::filesystem::path(SH_SCENE_ANATOMY_DIR) / "manifest.json", {});
        auto scene = scene::create_scene_renderer(ctx->device, ctx->submitter, veins,
                                                  buffer.value().get(), leg);
        REQUIRE(scene);
        scene.value().update(*state);
        // The camera frames the posed leg: its box is the pose's, not the rest pose's.
        CHECK(scene.value().framing_bounds().max.z < scene.value().bounds().max.z + 1.0f);
        const RgbaPixels px = test::render(*ctx, scene.value(), size, preset, {});
        test::compare_with_reference(px, name);
    }
    test::finish_and_check_validation(ctx);
}

} // namespace

TEST_CASE("gpu pose: the sitting leg from the medial side matches its reference image",
          "[gpu][pose][image]") {
    const sim::PosedLeg sitting(sim::default_network(), 1.0, sim::Posture::Sitting);
    check_posed_image(sitting, "scene_sitting_medial", scene::CameraPreset::Medial, {320, 256});
}

TEST_CASE("gpu pose: walking at push-off matches its reference image", "[gpu][pose][image]") {
    const NamedPose push_off = test_poses()[0]; // a copy: the vector is a temporary
    check_posed_image(push_off.leg, "scene_walking_push_off", scene::CameraPreset::Medial,
                      {256, 320});
}

TEST_CASE("gpu pose: a class 2 below-knee stocking over a swollen leg matches its reference image",
          "[gpu][pose][image]") {
    const sim::PosedLeg standing(sim::default_network(), 1.0, sim::Posture::Standing);
    gpu::PoseState extras{};
    // Exaggerated swelling (cm along the normal): foot, ankle, calf.
    extras.skin_swelling_cm = {0.8f, 1.0f, 0.5f, 0.0f};
    extras.stocking = {static_cast<float>(app::stocking_top_cm(standing.skeleton(), 1.0,
                                                               sim::StockingLength::BelowKnee)),
                       23.0f, static_cast<float>(app::stocking_class(23.0)), 0.0f};
    REQUIRE(extras.stocking.z == 2.0f);
    check_posed_image(standing, "scene_stocking_swollen_front", scene::CameraPreset::Front,
                      {256, 320}, &extras);
}
