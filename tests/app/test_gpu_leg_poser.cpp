// The pose passes (engine/scene/leg_poser: pose_meshes/veins/valves.comp) against the CPU
// reference (sim::PosedLeg::place, sim::soft_binding), validation on. The scene is recorded
// once per pose as the program records it, then the posed buffers every leg vertex shader
// reads are read back: every mesh vertex (bones rigid with their segment, the rest soft, the
// skin swollen, the stocking's own range further out), every vein tube vertex at its
// compartment's radius, and every valve grid point, at walking, running, sitting and lying
// with the swelling and a stocking, within the GPU pose test's 2e-3 cm.
#include "anatomy/leg_skinning.hpp"
#include "anatomy/mesh_loader.hpp"
#include "flow_bridge.hpp"
#include "gpu_context.hpp"
#include "pose_state.hpp"
#include "scene/vein_mesh.hpp"
#include "scene_test_helpers.hpp"
#include "vein_state.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

using namespace sh;

namespace {

std::vector<glm::vec4> read_back(test::GpuContext& ctx, const Buffer& buffer, std::size_t count) {
    auto down = download_compute_buffer(ctx.device, ctx.submitter, buffer);
    if (!down) FAIL(down.error().describe());
    std::vector<glm::vec4> out(count);
    down.value().read(out.data(), count * sizeof(glm::vec4));
    return out;
}

glm::vec3 to_glm(const sim::Vec3& v) {
    return {static_cast<float>(v.x), static_cast<float>(v.y), static_cast<float>(v.z)};
}

float smooth(float edge0, float edge1, float x) {
    const float t = std::clamp((x - edge0) / (edge1 - edge0), 0.0f, 1.0f);
    return t * t * (3.0f - 2.0f * t);
}

// The skin's swelling at a rest point, as documented in shaders/pose.h (pose_swelling_cm): the
// foot's value up to 3 cm below the ankle joint, the ankle's at 2 cm above it, the calf's at 60 %
// of the way to the knee, nothing from 2 cm below the knee; the sole does not grow downwards.
float swelling_cm(const gpu::PoseState& ps, const glm::vec3& rest, const glm::vec3& normal) {
    const float foot_top = ps.ankle.z - 3.0f, ankle_b = ps.ankle.z + 2.0f;
    const float calf = ps.ankle.z + 0.6f * (ps.knee.z - ps.ankle.z), knee = ps.knee.z - 2.0f;
    const glm::vec4 s = ps.skin_swelling_cm;
    const float z = rest.z;
    float grow;
    if (z <= foot_top)
        grow = s.x;
    else if (z <= ankle_b)
        grow = s.x + (s.y - s.x) * smooth(foot_top, ankle_b, z);
    else if (z <= calf)
        grow = s.y + (s.z - s.y) * smooth(ankle_b, calf, z);
    else
        grow = s.z * (1.0f - smooth(calf, knee, z));
    return grow * (1.0f - smooth(0.3f, 0.8f, -normal.z));
}

// A direction with these weights turned as the skin turns it: by the sum of its joints' turns
// about x, plus the hip's.
glm::vec3 turned(const gpu::PoseState& ps, const sim::SkinBinding& b, const glm::vec3& dir) {
    const float angle =
        b.weight[0] * ps.knee.w + b.weight[1] * ps.ankle.w + b.weight[2] * ps.mtp.w + ps.hip.w;
    const float c = std::cos(angle), s = std::sin(angle);
    return {dir.x, dir.y * c - dir.z * s, dir.y * s + dir.z * c};
}

struct Worst {
    float position = 0.0f; // posed position against the CPU pose of the posed rest point
    float rest = 0.0f;     // posed rest point against what the CPU expects it to be
    float normal = 0.0f;
    float moved = 0.0f; // the largest move from the rest pose
    std::size_t checked = 0;
    void add(const sim::PosedLeg& leg, const sim::SkinBinding& binding, const glm::vec3& rest_cpu,
             const glm::vec4& rest_gpu, const glm::vec4& posed, const glm::vec3& normal_cpu,
             const glm::vec4& normal_gpu) {
        const glm::vec3 r = rest_cpu;
        const glm::vec3 cpu = to_glm(leg.place(sim::Vec3{r.x, r.y, r.z}, binding));
        position = std::max(position, glm::length(glm::vec3(posed) - cpu));
        rest = std::max(rest, glm::length(glm::vec3(rest_gpu) - r));
        normal = std::max(normal, glm::length(glm::vec3(normal_gpu) - normal_cpu));
        moved = std::max(moved, glm::length(cpu - r));
        ++checked;
    }
};

struct PoseCase {
    std::string name;
    sim::PosedLeg leg;
    bool swollen_with_stocking = false;
};

std::vector<PoseCase> pose_cases() {
    const sim::Network& net = sim::default_network();
    const sim::ActivitySpec walking{sim::Activity::Walking, 4.7};
    const sim::ActivitySpec running{sim::Activity::Running, 16.0};
    return {
        {"walking, late stance", sim::PosedLeg(net, 1.0, sim::Posture::Standing, walking, 0.55),
         true},
        {"running, swing", sim::PosedLeg(net, 1.0, sim::Posture::Standing, running, 0.8), false},
        {"sitting", sim::PosedLeg(net, 1.0, sim::Posture::Sitting), true},
        {"lying", sim::PosedLeg(net, 1.0, sim::Posture::Lying), false},
    };
}

// A pose case's frame state: at rest but for the pose, with the swelling and a below-knee
// stocking where the case says so.
std::unique_ptr<gpu::VeinState> case_state(const VeinStateTables& tables, const PoseCase& pose) {
    auto state = std::make_unique<gpu::VeinState>();
    write_rest_vein_state(tables, *state);
    write_pose_state(pose.leg.skeleton(), pose.leg.pose(), 1.0f, state->pose);
    if (pose.swollen_with_stocking) {
        state->pose.skin_swelling_cm = {0.8f, 1.0f, 0.5f, 0.0f};
        state->pose.stocking = {static_cast<float>(app::stocking_top_cm(
                                    pose.leg.skeleton(), 1.0, sim::StockingLength::BelowKnee)),
                                23.0f, 2.0f, 0.0f};
    }
    return state;
}

} // namespace

TEST_CASE("gpu leg poser: the posed buffers match sim::PosedLeg::place for every leg vertex",
          "[gpu][pose]") {
    auto ctx = test::make_gpu_context();
    {
        const VeinGeometry veins = app::vein_geometry(sim::default_network());
        auto tables = build_vein_state_tables(veins);
        REQUIRE(tables);
        const anatomy::LoadedLeg leg =
            anatomy::load_leg(std::filesystem::path(SH_SCENE_ANATOMY_DIR) / "manifest.json", {});
        const scene::VeinMesh tube = scene::build_vein_mesh(veins);
        const std::vector<gpu::ValveInstance> valves = scene::build_valves(veins);
        REQUIRE(!valves.empty());

        for (const PoseCase& pose : pose_cases()) {
            INFO(pose.name);
            const std::unique_ptr<gpu::VeinState> state = case_state(tables.value(), pose);
            const gpu::PoseState& ps = state->pose;
            auto buffer = create_vein_state_buffer(ctx->device, ctx->submitter, *state);
            REQUIRE(buffer);
            auto created = scene::create_scene_renderer(ctx->device, ctx->submitter, veins,
                                                        buffer.value().get(), leg);
            REQUIRE(created);
            scene::SceneRenderer& scene = created.value();
            scene.update(*state);
            test::render(*ctx, scene, {64, 64}, scene::CameraPreset::Front, {});

            const scene::LegPoser& poser = scene.poser();
            const std::size_t entries = poser.entry_count();
            const std::vector<glm::vec4> posed = read_back(*ctx, poser.positions(), entries);
            const std::vector<glm::vec4> normals = read_back(*ctx, poser.normals(), entries);
            const std::vector<glm::vec4> rest = read_back(*ctx, poser.rest(), entries);
            // The meshes' rest vertices as the pose pass read them (muscles deformed in place).
            const std::uint32_t mesh_vertices = scene.meshes().vertex_count();
            const std::vector<glm::vec4> mesh_rest =
                read_back(*ctx, scene.meshes().positions(), mesh_vertices);
            const std::vector<glm::vec4> mesh_normals =
                read_back(*ctx, scene.meshes().normals(), mesh_vertices);

            Worst meshes, skin, stocking, tubes, cusps;
            float cusp_normal = 0.0f; // the largest departure of a cusp normal from unit length
            for (const scene::MeshDraw& d : scene.meshes().draws()) {
                const auto mesh =
                    std::find_if(leg.meshes.begin(), leg.meshes.end(),
                                 [&](const anatomy::Mesh& m) { return m.role == d.role; });
                REQUIRE(mesh != leg.meshes.end());
                const bool bone = anatomy::is_bone_role(d.role);
                const std::vector<sim::SkinBinding> rigid =
                    bone ? anatomy::skin_bindings(*mesh) : std::vector<sim::SkinBinding>{};
                const bool is_skin = d.kind == scene::StructureKind::Skin;
                for (std::uint32_t k = 0; k < d.vertex_count; ++k) {
                    const std::uint32_t i = d.vertex_offset + k;
                    const glm::vec3 r0 = mesh_rest[i];
                    const glm::vec3 n = mesh_normals[i];
                    const float grow = is_skin ? swelling_cm(ps, r0, n) : 0.0f;
                    const glm::vec3 r = r0 + grow * n;
                    const sim::SkinBinding b =
                        bone ? rigid[k] : sim::soft_binding(pose.leg.skeleton(), {r.x, r.y, r.z});
                    (is_skin ? skin : meshes)
                        .add(pose.leg, b, r, rest[i], posed[i], turned(ps, b, n), normals[i]);
                    if (is_skin && pose.swollen_with_stocking) {
                        const glm::vec3 s = r0 + (grow + gpu::STOCKING_THICKNESS_CM) * n;
                        const std::uint32_t j = i + poser.stocking_shift();
                        const sim::SkinBinding sb =
                            sim::soft_binding(pose.leg.skeleton(), {s.x, s.y, s.z});
                        stocking.add(pose.leg, sb, s, rest[j], posed[j], turned(ps, sb, n),
                                     normals[j]);
                    }
                }
            }
            for (std::size_t v = 0; v < tube.vertices.size(); ++v) {
                const gpu::VeinVertex& t = tube.vertices[v];
                const auto c = static_cast<std::size_t>(t.centre.w + 0.5f);
                // The vein exaggeration of the default SceneOptions is 1.
                const glm::vec3 r =
                    glm::vec3(t.centre) + glm::vec3(t.offset) * state->compartments[c].radius_scale;
                const sim::SkinBinding b = sim::soft_binding(pose.leg.skeleton(), {r.x, r.y, r.z});
                const std::size_t i = poser.vein_first() + v;
                tubes.add(pose.leg, b, r, rest[i], posed[i], turned(ps, b, glm::vec3(t.normal)),
                          normals[i]);
            }
            for (std::size_t v = 0; v < valves.size(); ++v) {
                const gpu::ValveInstance& valve = valves[v];
                const auto c = static_cast<std::size_t>(valve.position.w + 0.5f);
                const float radius = valve.side.w * state->compartments[c].radius_scale;
                for (std::uint32_t p = 0; p < gpu::VALVE_POINT_COUNT; ++p) {
                    const std::size_t i = poser.valve_first() + v * gpu::VALVE_POINT_COUNT + p;
                    // The leaflets' shape has no CPU twin; only the hinges' middles (u = 0, v = 0)
                    // have a closed form: on the wall, 0.93 of the radius out along each cusp's
                    // side. The other points are checked for their pose.
                    const std::uint32_t per_leaf =
                        (gpu::VALVE_GRID_U + 1) * (gpu::VALVE_GRID_V + 1);
                    const std::uint32_t q = p % per_leaf;
                    const bool hinge_middle = q == gpu::VALVE_GRID_U / 2;
                    const float side = p < per_leaf ? 1.0f : -1.0f;
                    const glm::vec3 r = hinge_middle
                                            ? glm::vec3(valve.position) +
                                                  radius * 0.93f * side * glm::vec3(valve.side)
                                            : glm::vec3(rest[i]);
                    const sim::SkinBinding b =
                        sim::soft_binding(pose.leg.skeleton(), {r.x, r.y, r.z});
                    // The rest normal (finite differences of the shape) has no twin either:
                    // the posed one must be a unit vector, which add() cannot see.
                    cusps.add(pose.leg, b, r, rest[i], posed[i], glm::vec3(normals[i]), normals[i]);
                    cusp_normal =
                        std::max(cusp_normal, std::abs(glm::length(glm::vec3(normals[i])) - 1.0f));
                }
            }
            const std::pair<const char*, Worst*> parts[] = {
                {"meshes", &meshes}, {"skin", &skin}, {"tubes", &tubes}, {"cusps", &cusps}};
            for (const auto& [name, w] : parts) {
                INFO(name << ": " << w->checked << " vertices, worst position " << w->position
                          << " cm, rest point " << w->rest << " cm, normal " << w->normal
                          << ", largest move " << w->moved << " cm");
                CHECK(w->checked > 50);
                CHECK(w->moved > 10.0f); // the pose is not the rest pose
                CHECK(w->position < 2e-3f);
                CHECK(w->rest < 1e-4f);
                CHECK(w->normal < 1e-4f);
            }
            CHECK(cusp_normal < 1e-4f);
            if (pose.swollen_with_stocking) {
                INFO("stocking: worst position " << stocking.position << " cm, rest point "
                                                 << stocking.rest << " cm, normal "
                                                 << stocking.normal);
                CHECK(stocking.checked == skin.checked);
                CHECK(stocking.position < 2e-3f);
                CHECK(stocking.rest < 1e-4f);
                CHECK(stocking.normal < 1e-4f);
            }
        }
    }
    test::finish_and_check_validation(ctx);
}

TEST_CASE("host leg pose: LegPoser::pose_on_host writes what the pose passes write",
          "[gpu][pose]") {
    // The C++ twins (leg_poser_host.cpp, MuscleDeformer::deform_on_host) against the compute
    // passes on this device, entry by entry, with the calf muscles contracting, the skin
    // swollen and a stocking on where the case says so.
    auto ctx = test::make_gpu_context();
    {
        const VeinGeometry veins = app::vein_geometry(sim::default_network());
        auto tables = build_vein_state_tables(veins);
        REQUIRE(tables);
        const anatomy::LoadedLeg leg =
            anatomy::load_leg(std::filesystem::path(SH_SCENE_ANATOMY_DIR) / "manifest.json", {});
        for (const PoseCase& pose : pose_cases()) {
            INFO(pose.name);
            const std::unique_ptr<gpu::VeinState> state = case_state(tables.value(), pose);
            state->muscle_activation = {0.6f, 0.4f, 0.0f, 0.0f};
            // Compartments at different sizes, valves at different openings.
            for (std::uint32_t c = 0; c < state->compartment_count; ++c)
                state->compartments[c].radius_scale = 0.7f + 0.05f * static_cast<float>(c % 9);
            for (std::uint32_t l = 0; l < state->link_count; ++l)
                state->links[l].valve_opening = static_cast<float>(l % 5) / 4.0f;
            auto buffer = create_vein_state_buffer(ctx->device, ctx->submitter, *state);
            REQUIRE(buffer);
            std::vector<glm::vec4> posed[2][3];
            std::size_t entries = 0, stocking_first = 0, vein_first = 0, valve_first = 0;
            for (int host = 0; host < 2; ++host) {
                auto created = scene::create_scene_renderer(ctx->device, ctx->submitter, veins,
                                                            buffer.value().get(), leg);
                REQUIRE(created);
                scene::SceneRenderer& scene = created.value();
                if (host == 1) REQUIRE_FALSE(scene.enable_host_pose(ctx->device, *state));
                CHECK(scene.host_pose() == (host == 1));
                scene.update(*state);
                test::render(*ctx, scene, {64, 64}, scene::CameraPreset::Front, {});
                const scene::LegPoser& poser = scene.poser();
                entries = poser.entry_count();
                stocking_first = scene.meshes().vertex_count();
                vein_first = poser.vein_first();
                valve_first = poser.valve_first();
                posed[host][0] = read_back(*ctx, poser.positions(), entries);
                posed[host][1] = read_back(*ctx, poser.normals(), entries);
                posed[host][2] = read_back(*ctx, poser.rest(), entries);
            }
            float worst[3] = {0.0f, 0.0f, 0.0f};
            float moved = 0.0f;
            // Entries neither path writes: the stocking's range when no stocking is drawn.
            const auto written = [&](std::size_t i) {
                return pose.swollen_with_stocking || i < stocking_first || i >= vein_first;
            };
            float cusp_normal = 0.0f; // finite differences of the cusp shape: looser
            for (int b = 0; b < 3; ++b)
                for (std::size_t i = 0; i < entries; ++i) {
                    if (!written(i)) continue;
                    const float d = glm::length(posed[1][b][i] - posed[0][b][i]);
                    if (b == 1 && i >= valve_first)
                        cusp_normal = std::max(cusp_normal, d);
                    else
                        worst[b] = std::max(worst[b], d);
                }
            for (std::size_t i = 0; i < entries; ++i)
                moved = std::max(moved, glm::length(glm::vec3(posed[0][0][i] - posed[0][2][i])));
            INFO(entries << " entries: worst position " << worst[0] << " cm, normal " << worst[1]
                         << " (cusps " << cusp_normal << "), rest point " << worst[2]
                         << " cm; largest move " << moved << " cm");
            CHECK(entries > 1000);
            CHECK(moved > 10.0f); // the pose is not the rest pose
            CHECK(worst[0] < 2e-3f);
            CHECK(worst[1] < 1e-4f);
            CHECK(worst[2] < 1e-4f);
            CHECK(cusp_normal < 1e-3f);
        }
    }
    test::finish_and_check_validation(ctx);
}
