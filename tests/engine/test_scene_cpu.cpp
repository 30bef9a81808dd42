// The leg scene's CPU parts: camera presets, the vein tube mesh builder and the still-scene
// cache's comparison of picture inputs.
#include "scene/camera.hpp"
#include "scene/camera_rig.hpp"
#include "scene/mesh_renderer.hpp"
#include "scene/scene_renderer.hpp"
#include "scene/vein_mesh.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <glm/geometric.hpp>
#include <glm/vec4.hpp>
#include <limits>
#include <vector>

using namespace sh;

namespace {
// NDC of a world point through a camera (x, y in [-1, 1] when inside the view).
glm::vec3 ndc(const glm::mat4& vp, const glm::vec3& p) {
    const glm::vec4 c = vp * glm::vec4(p, 1.0f);
    return glm::vec3(c) / c.w;
}
} // namespace

TEST_CASE("scene camera: presets look from the named side and frame the leg", "[scene][camera]") {
    const glm::vec3 centre(0, 0, 45), extent(14, 14, 90);
    const float aspect = 16.0f / 9.0f;
    using scene::CameraPreset;
    const auto front = scene::camera_preset(CameraPreset::Front, centre, extent, aspect);
    const auto back = scene::camera_preset(CameraPreset::Back, centre, extent, aspect);
    const auto medial = scene::camera_preset(CameraPreset::Medial, centre, extent, aspect);
    const auto cut = scene::camera_preset(CameraPreset::Cutaway, centre, extent, aspect);
    CHECK(front.eye().y > centre.y + 50); // anterior is +y
    CHECK(back.eye().y < centre.y - 50);
    CHECK(medial.eye().x < centre.x - 50); // medial of a right leg is -x
    CHECK(cut.eye().x < centre.x);
    CHECK(cut.eye().y < centre.y); // posteromedial
    for (const auto& cam : {front, back, medial, cut}) {
        const glm::mat4 vp = cam.view_proj(aspect);
        for (int i = 0; i < 8; ++i) {
            const glm::vec3 corner =
                centre + 0.5f * extent * glm::vec3(i & 1 ? 1 : -1, i & 2 ? 1 : -1, i & 4 ? 1 : -1);
            const glm::vec3 p = ndc(vp, corner);
            CHECK(std::abs(p.x) <= 1.0f);
            CHECK(std::abs(p.y) <= 1.0f);
            CHECK(p.z > 0.0f); // Vulkan depth range 0..1
            CHECK(p.z < 1.0f);
        }
        // Up in the leg (+z) is up on screen (Vulkan clip y points down).
        CHECK(ndc(vp, centre + glm::vec3(0, 0, 10)).y < ndc(vp, centre).y);
    }
    CHECK(sh::sim::from_id<CameraPreset>("cutaway") == CameraPreset::Cutaway);
    CHECK_FALSE(sh::sim::from_id<CameraPreset>("sideways"));
}

TEST_CASE("scene camera: orbit clamps the pitch, zoom clamps the distance", "[scene][camera]") {
    scene::Camera cam;
    cam.orbit(0.3f, 10.0f);
    CHECK(cam.pitch < 1.49f);
    cam.zoom(1e-6f);
    CHECK(cam.distance >= 5.0f);
    CHECK(std::isfinite(cam.view()[0][0]));
}

TEST_CASE("camera rig: a lesson's view turns and zooms the preset and is where double-click "
          "returns",
          "[scene][camera]") {
    const glm::vec3 centre(0, 0, 45), extent(20, 30, 90);
    const float aspect = 16.0f / 9.0f;
    const scene::Camera preset =
        scene::camera_preset(scene::CameraPreset::Back, centre, extent, aspect);
    scene::CameraRig rig;
    (void)rig.view(scene::CameraPreset::Back, centre, extent, aspect);
    rig.set_view(30.0f, 10.0f, 2.0f);
    for (int i = 0; i < 60; ++i) rig.update(1.0f / 60.0f); // the 0.6 s glide is over
    (void)rig.view(scene::CameraPreset::Back, centre, extent, aspect);
    const auto settled = [&] {
        scene::Camera c = rig.view(scene::CameraPreset::Back, centre, extent, aspect);
        for (int i = 0; i < 120; ++i) {
            rig.update(1.0f / 60.0f);
            c = rig.view(scene::CameraPreset::Back, centre, extent, aspect);
        }
        return c;
    };
    scene::Camera c = settled();
    const float deg = 3.14159265f / 180.0f;
    // The lesson's view is framed from its own direction, then magnified.
    const scene::Camera turned =
        scene::camera_preset(scene::CameraPreset::Back, scene::box_corners(centre, extent), aspect,
                             {}, {}, 30.0f * deg, 10.0f * deg);
    CHECK(std::remainder(c.yaw - preset.yaw - 30.0f * deg, 2.0f * 3.14159265f) ==
          Approx(0.0f).margin(1e-4));
    CHECK(c.pitch == Approx(preset.pitch + 10.0f * deg));
    CHECK(c.distance == Approx(turned.distance / 2.0f)); // twice as close
    // The user turns away; double-click glides back to the lesson's view, not the bare preset.
    rig.orbit(0.3f, 0.1f);
    rig.reset();
    c = settled();
    CHECK(c.distance == Approx(turned.distance / 2.0f));
    CHECK(c.pitch == Approx(preset.pitch + 10.0f * deg).margin(1e-3));
    // (0, 0, 1) is the plain preset again.
    rig.set_view(0.0f, 0.0f, 1.0f);
    c = settled();
    CHECK(c.distance == Approx(preset.distance));
    CHECK(c.yaw == Approx(preset.yaw).margin(1e-4));
}

// any_point_under against projecting every point, on clouds shaped like a stride's framing (a
// leg-sized block, clusters at the foot) and clouds reaching behind the eye, for rectangles all
// over the frame (edges, corners, slivers, the middle) and cameras turned about the leg.
TEST_CASE("scene camera: any_point_under answers as projecting every point does",
          "[scene][camera]") {
    std::uint32_t seed = 12345u;
    const auto uniform = [&seed] { // 0..1, a fixed sequence
        seed = seed * 1664525u + 1013904223u;
        return static_cast<float>(seed >> 8) / static_cast<float>(1u << 24);
    };
    const auto brute = [](const scene::Camera& c, float aspect, const std::vector<glm::vec3>& pts,
                          const scene::ScreenRect& r) {
        const glm::mat4 vp = c.view_proj(aspect);
        for (const glm::vec3& p : pts) {
            const glm::vec4 clip = vp * glm::vec4(p, 1.0f);
            if (clip.w <= 1e-6f) continue;
            const float x = 0.5f + 0.5f * clip.x / clip.w, y = 0.5f + 0.5f * clip.y / clip.w;
            if (x > r.x0 && x < r.x1 && y > r.y0 && y < r.y1) return true;
        }
        return false;
    };
    int inside = 0, outside = 0;
    for (int cloud = 0; cloud < 12; ++cloud) {
        std::vector<glm::vec3> pts;
        const int n = 300 + cloud * 700; // 300 to 8000: partial last runs included
        const float reach = cloud % 4 == 3 ? 400.0f : 60.0f; // some reach behind the eye
        for (int i = 0; i < n; ++i) {
            const bool foot = i % 5 == 0;
            pts.emplace_back((uniform() - 0.5f) * (foot ? 12.0f : 2.0f * reach / 3.0f),
                             (uniform() - 0.5f) * (foot ? 25.0f : reach),
                             foot ? uniform() * 8.0f : uniform() * 1.5f * reach);
        }
        scene::Camera c = scene::camera_preset(scene::CameraPreset::Front, pts, 16.0f / 9.0f);
        c.orbit(0.5f * static_cast<float>(cloud), 0.05f * static_cast<float>(cloud % 3));
        if (cloud % 4 == 3) c.distance *= 0.3f; // the eye inside the cloud
        for (int k = 0; k < 200; ++k) {
            const float x0 = uniform(), y0 = uniform();
            const float w = k % 3 == 0 ? 0.01f * uniform() : 0.5f * uniform();
            const scene::ScreenRect r{x0, y0, std::min(1.0f, x0 + w), std::min(1.0f, y0 + w)};
            const bool expected = brute(c, 16.0f / 9.0f, pts, r);
            INFO("cloud " << cloud << " rect " << r.x0 << "," << r.y0 << " - " << r.x1 << ","
                          << r.y1);
            CHECK(scene::any_point_under(c, 16.0f / 9.0f, pts, r) == expected);
            (expected ? inside : outside) += 1;
        }
    }
    // Both answers occur often, so both paths (runs passed over, runs searched) are exercised.
    CHECK(inside > 300);
    CHECK(outside > 300);
}

TEST_CASE("scene veins: Catmull-Rom passes through the points", "[scene][veins]") {
    const std::vector<glm::vec3> pts{{0, 0, 0}, {1, 0, 2}, {1, 1, 4}, {1, 1, 4}, {0, 2, 6}};
    const auto smooth = scene::catmull_rom(pts, 4);
    REQUIRE(smooth.size() == 3 * 4 + 1); // the duplicate point is dropped
    CHECK(glm::length(smooth[0] - pts[0]) < 1e-6f);
    CHECK(glm::length(smooth[4] - pts[1]) < 1e-6f);
    CHECK(glm::length(smooth[8] - pts[2]) < 1e-6f);
    CHECK(glm::length(smooth.back() - pts[4]) < 1e-6f);
}

TEST_CASE("scene veins: a tube is closed, outward and has the given radius", "[scene][veins]") {
    scene::VeinMesh mesh;
    const std::vector<glm::vec3> line{{0, 0, 0}, {0, 0, 5}, {1, 0, 10}};
    scene::append_tube(mesh, line, 0.5f, 3, VeinKind::Superficial, 12);
    REQUIRE(mesh.tube_count == 1);
    const anatomy::Mesh m = scene::vein_mesh_to_mesh(mesh);
    CHECK(anatomy::check_topology(m).closed_and_consistent());
    CHECK(anatomy::mesh_volume(m) > 0.0); // counter-clockwise seen from outside
    for (const auto& v : mesh.vertices) {
        CHECK(v.centre.w == 3.0f);
        const float r = glm::length(glm::vec3(v.offset));
        CHECK((r == Approx(0.5f).margin(1e-5) || r == 0.0f)); // ring or cap centre
    }
    // Doubling the radius scale (what the shader does for area ratio 4) doubles the volume's
    // cross-section: ~4x the volume.
    const double v1 = anatomy::mesh_volume(scene::vein_mesh_to_mesh(mesh, 1.0f));
    const double v2 = anatomy::mesh_volume(scene::vein_mesh_to_mesh(mesh, 2.0f));
    CHECK(v2 / v1 == Approx(4.0).epsilon(0.02));
    // Too few distinct points: nothing.
    scene::append_tube(mesh, {{0, 0, 0}, {0, 0, 0}}, 0.5f, 0, VeinKind::Deep, 12);
    CHECK(mesh.tube_count == 1);
}

TEST_CASE("scene meshes: roles map to structure kinds and x-ray makes muscles translucent",
          "[scene][meshes]") {
    using scene::StructureKind;
    CHECK(scene::structure_kind("tibia") == StructureKind::Bone);
    CHECK(scene::structure_kind("soleus") == StructureKind::Muscle);
    CHECK(scene::structure_kind("achilles_tendon") == StructureKind::Tendon);
    CHECK(scene::structure_kind("skin") == StructureKind::Skin);
    CHECK_FALSE(scene::material_for(StructureKind::Muscle, scene::RenderMode::Normal).translucent);
    CHECK(scene::material_for(StructureKind::Muscle, scene::RenderMode::XRay).translucent);
    CHECK(scene::material_for(StructureKind::Skin, scene::RenderMode::Normal).translucent);
    CHECK_FALSE(scene::material_for(StructureKind::Bone, scene::RenderMode::XRay).translucent);
}

TEST_CASE("scene picture inputs: the still-scene cache's comparison", "[scene]") {
    sh::scene::PictureInputs drawn;
    drawn.exact = {1.0f, 2.0f, 3.0f};
    drawn.near = {1.0f, 0.5f};
    drawn.near_tolerance = {sh::scene::k_radius_scale_tolerance,
                            sh::scene::k_valve_opening_tolerance};
    sh::scene::PictureInputs now = drawn;
    CHECK(sh::scene::same_picture(drawn, now));
    // The near values may creep by their tolerances (a vein 1 % wider, a valve 3 % more
    // open)...
    now.near[0] = 1.0f + 0.9f * sh::scene::k_radius_scale_tolerance;
    now.near[1] = 0.5f - 0.9f * sh::scene::k_valve_opening_tolerance;
    CHECK(sh::scene::same_picture(drawn, now));
    // ...not beyond them.
    now.near[0] = 1.0f + 1.1f * sh::scene::k_radius_scale_tolerance;
    CHECK_FALSE(sh::scene::same_picture(drawn, now));
    now.near[0] = drawn.near[0];
    now.near[1] = 0.5f - 1.1f * sh::scene::k_valve_opening_tolerance;
    CHECK_FALSE(sh::scene::same_picture(drawn, now));
    // Everything else to the bit: camera, pose, options.
    now = drawn;
    now.exact[2] = std::nextafter(3.0f, 4.0f);
    CHECK_FALSE(sh::scene::same_picture(drawn, now));
    // A NaN is never the same (drawn again), nor a different count (another leg or network).
    now = drawn;
    now.near[0] = std::numeric_limits<float>::quiet_NaN();
    CHECK_FALSE(sh::scene::same_picture(drawn, now));
    now = drawn;
    now.exact.push_back(0.0f);
    CHECK_FALSE(sh::scene::same_picture(drawn, now));
    // Nothing drawn yet compares unequal to any frame with inputs.
    CHECK_FALSE(sh::scene::same_picture(sh::scene::PictureInputs{}, drawn));
}

TEST_CASE("scene valves: the indexed cusps are the triangles the instanced corners drew",
          "[scene][veins]") {
    // The cusps were drawn as VALVE_VERTEX_COUNT corners per valve instance, each corner's grid
    // point worked out in the vertex shader: quad = corner / 6, the cusp and the cell from the
    // quad, and the corner of the cell from {(0,0) (1,0) (1,1) (0,0) (1,1) (0,1)}. The index
    // list must reach the same points in the same order (the same triangles, drawn in the same
    // order), and every grid point of every valve.
    constexpr std::uint32_t valves = 5;
    const std::vector<std::uint32_t> indices = sh::scene::valve_cusp_indices(valves);
    REQUIRE(indices.size() == valves * sh::gpu::VALVE_VERTEX_COUNT);
    const std::uint32_t corner_x[6] = {0, 1, 1, 0, 1, 0}, corner_y[6] = {0, 0, 1, 0, 1, 1};
    std::vector<int> used(valves * sh::gpu::VALVE_POINT_COUNT, 0);
    std::size_t mismatches = 0;
    for (std::uint32_t instance = 0; instance < valves; ++instance)
        for (std::uint32_t vertex = 0; vertex < sh::gpu::VALVE_VERTEX_COUNT; ++vertex) {
            const std::uint32_t corner = vertex % 6, quad = vertex / 6;
            const std::uint32_t leaf = quad / (sh::gpu::VALVE_GRID_U * sh::gpu::VALVE_GRID_V);
            const std::uint32_t q = quad % (sh::gpu::VALVE_GRID_U * sh::gpu::VALVE_GRID_V);
            const std::uint32_t x = q % sh::gpu::VALVE_GRID_U + corner_x[corner];
            const std::uint32_t y = q / sh::gpu::VALVE_GRID_U + corner_y[corner];
            const std::uint32_t point =
                leaf * (sh::gpu::VALVE_GRID_U + 1) * (sh::gpu::VALVE_GRID_V + 1) +
                y * (sh::gpu::VALVE_GRID_U + 1) + x;
            const std::uint32_t want = instance * sh::gpu::VALVE_POINT_COUNT + point;
            const std::uint32_t got = indices[instance * sh::gpu::VALVE_VERTEX_COUNT + vertex];
            if (got != want) ++mismatches;
            if (got < used.size()) ++used[got];
        }
    CHECK(mismatches == 0);
    CHECK(std::count(used.begin(), used.end(), 0) == 0);
}
