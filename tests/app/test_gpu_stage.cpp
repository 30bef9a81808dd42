// The stage under the leg on the GPU (engine/scene/stage_renderer, shaders/stage.*), validation
// on: the floor's pixels against a CPU twin of its shading (the fade into the background and the
// contact shadow of the posed leg, analytic at the nodes of the frame's shadow grid and
// interpolated between them), at points unprojected from the rendered pixels. Without a GPU:
// the grid against the analytic shadow everywhere (the per-pixel method it replaced).
#include "gpu_context.hpp"
#include "gpu_layouts.h"
#include "offscreen_target.hpp"
#include "scene/camera.hpp"
#include "scene/scene_renderer.hpp"
#include "stage_layout.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <glm/geometric.hpp>
#include <glm/mat4x4.hpp>

using namespace sh;

namespace {

constexpr std::array<float, 4> k_background = {0.118f, 0.141f, 0.180f, 1.0f}; // dark palette

// The analytic contact shadow at a floor point (0 light .. 1 full shadow colour), written here
// from the model stage.frag documents: each capsule of the leg occludes the sky by (r / d)^2 times
// how much it lies above the point, the seat or the bed darkens the floor under it.
float analytic_shadow(const gpu::StageFrame& f, const glm::vec3& p) {
    float left = 1.0f;
    for (int i = 0; i < gpu::STAGE_MAX_OCCLUDERS; ++i) {
        const glm::vec4 a4 = f.occluder_a[i];
        if (a4.w <= 0.0f) continue;
        const glm::vec3 a(a4), b(f.occluder_b[i]);
        const glm::vec3 ab = b - a;
        const float t =
            std::clamp(glm::dot(p - a, ab) / std::max(glm::dot(ab, ab), 1e-6f), 0.f, 1.f);
        const glm::vec3 d = a + t * ab - p;
        const float dist = std::max(glm::length(d), 1e-3f);
        const float above = std::clamp(d.z / dist, 0.0f, 1.0f);
        left *= 1.0f - above * std::clamp(a4.w * a4.w / (dist * dist), 0.0f, 1.0f);
    }
    float shadow = f.shadow_color.w * (1.0f - left);
    for (int i = 0; i < gpu::STAGE_MAX_CASTERS; ++i) {
        const glm::vec4 lo = f.caster_min[i], hi = f.caster_max[i];
        if (lo.w <= 0.0f || p.z > lo.z) continue;
        const float soft = 2.0f + 0.45f * (lo.z - p.z);
        const auto edge = [soft](float inside) {
            const float x = std::clamp((inside + soft) / (2.0f * soft), 0.0f, 1.0f);
            return x * x * (3.0f - 2.0f * x);
        };
        shadow = std::max(shadow, lo.w * edge(p.x - lo.x) * edge(hi.x - p.x) * edge(p.y - lo.y) *
                                      edge(hi.y - p.y));
    }
    return std::clamp(shadow, 0.0f, 1.0f);
}

// The shadow the floor shows: the analytic one at the four nodes of the frame's shadow grid
// around p (nodes `spacing` apart from `origin`), interpolated bilinearly.
float grid_shadow(const gpu::StageFrame& f, const glm::vec3& p) {
    const glm::vec2 origin(f.shadow_grid);
    const float spacing = f.shadow_grid.z;
    const float last = static_cast<float>(gpu::STAGE_SHADOW_SIDE - 1);
    const float ux = std::clamp((p.x - origin.x) / spacing, 0.0f, last);
    const float uy = std::clamp((p.y - origin.y) / spacing, 0.0f, last);
    const float x0 = std::min(std::floor(ux), last - 1.0f),
                y0 = std::min(std::floor(uy), last - 1.0f);
    const auto node = [&](float x, float y) {
        return analytic_shadow(f, glm::vec3(origin + spacing * glm::vec2(x, y), p.z));
    };
    const float fx = ux - x0, fy = uy - y0;
    const float below = glm::mix(node(x0, y0), node(x0 + 1, y0), fx);
    const float above = glm::mix(node(x0, y0 + 1), node(x0 + 1, y0 + 1), fx);
    return glm::mix(below, above, fy);
}

// CPU twin of stage.frag for a floor point with no grid line near it, with the shadow given.
glm::vec3 floor_shade(const gpu::StageFrame& f, const glm::vec3& p, float shadow) {
    const glm::vec3 floor = glm::mix(glm::vec3(f.floor_color), glm::vec3(f.shadow_color), shadow);
    const float r = glm::length(glm::vec2(p) - glm::vec2(f.floor)) / f.floor.w;
    const float x = std::clamp((r - 0.6f) / 0.4f, 0.0f, 1.0f);
    const glm::vec3 c = glm::mix(floor, glm::vec3(f.background), x * x * (3.0f - 2.0f * x));
    return glm::pow(glm::clamp(c, 0.0f, 1.0f), glm::vec3(1.0f / 2.2f)) * 255.0f;
}
glm::vec3 floor_shade(const gpu::StageFrame& f, const glm::vec3& p) {
    return floor_shade(f, p, grid_shadow(f, p));
}

// Whether a floor point lies straight below one of the leg's capsules (within its radius of the
// segment seen from above): the leg hides it from every view but a grazing one.
bool under_the_leg(const gpu::StageFrame& f, const glm::vec3& p) {
    for (int i = 0; i < gpu::STAGE_MAX_OCCLUDERS; ++i) {
        const float r = f.occluder_a[i].w;
        if (r <= 0.0f) continue;
        const glm::vec2 a(f.occluder_a[i]), ab = glm::vec2(f.occluder_b[i]) - a;
        const float t = std::clamp(
            glm::dot(glm::vec2(p) - a, ab) / std::max(glm::dot(ab, ab), 1e-6f), 0.f, 1.f);
        if (glm::length(a + t * ab - glm::vec2(p)) < r) return true;
    }
    return false;
}

// Where the ray through the centre of pixel (x, y) meets the plane z = height.
glm::vec3 floor_point(const glm::mat4& view_proj, VkExtent2D size, int x, int y, float height) {
    const glm::mat4 inv = glm::inverse(view_proj);
    const float nx = (static_cast<float>(x) + 0.5f) / static_cast<float>(size.width) * 2.0f - 1.0f;
    const float ny = (static_cast<float>(y) + 0.5f) / static_cast<float>(size.height) * 2.0f - 1.0f;
    glm::vec4 a = inv * glm::vec4(nx, ny, 0.0f, 1.0f), b = inv * glm::vec4(nx, ny, 1.0f, 1.0f);
    const glm::vec3 p0 = glm::vec3(a) / a.w, p1 = glm::vec3(b) / b.w;
    return p0 + (height - p0.z) / (p1.z - p0.z) * (p1 - p0);
}

glm::ivec2 pixel_of(const glm::mat4& view_proj, VkExtent2D size, const glm::vec3& p) {
    const glm::vec4 c = view_proj * glm::vec4(p, 1.0f);
    return {static_cast<int>((c.x / c.w * 0.5f + 0.5f) * static_cast<float>(size.width)),
            static_cast<int>((c.y / c.w * 0.5f + 0.5f) * static_cast<float>(size.height))};
}

RgbaPixels render_stage(test::GpuContext& ctx, scene::StageRenderer& stage,
                        const scene::StageLayout& layout, const gpu::SceneGlobals& globals,
                        VkExtent2D size) {
    auto target = create_offscreen_target(ctx.device, size);
    if (!target) FAIL(target.error().describe());
    ctx.submitter.submit([&](VkCommandBuffer cmd) {
        stage.record_upload(cmd, layout, globals, k_background, false);
        // RAW: the draw reads what the update wrote.
        VkMemoryBarrier2 b{};
        b.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER_2;
        b.srcStageMask = VK_PIPELINE_STAGE_2_COPY_BIT;
        b.srcAccessMask = VK_ACCESS_2_TRANSFER_WRITE_BIT;
        b.dstStageMask =
            VK_PIPELINE_STAGE_2_VERTEX_SHADER_BIT | VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT;
        b.dstAccessMask = VK_ACCESS_2_SHADER_STORAGE_READ_BIT;
        VkDependencyInfo dep{};
        dep.sType = VK_STRUCTURE_TYPE_DEPENDENCY_INFO;
        dep.memoryBarrierCount = 1;
        dep.pMemoryBarriers = &b;
        vkCmdPipelineBarrier2(cmd, &dep);
        target.value().begin_rendering(cmd, k_background);
        stage.record(cmd);
        target.value().end_rendering(cmd);
    });
    auto pixels = target.value().read_back(ctx.device, ctx.submitter);
    if (!pixels) FAIL(pixels.error().describe());
    return pixels.take();
}

} // namespace

TEST_CASE("gpu stage: the floor and its contact shadow match the CPU twin of the shader",
          "[gpu][stage]") {
    auto ctx = test::make_gpu_context();
    {
        auto stage = scene::create_stage_renderer(ctx->device);
        if (!stage) FAIL(stage.error().describe());
        const sim::Network& net = sim::default_network();
        const sim::PosedLeg standing(net, 1.0, sim::Posture::Standing);
        const scene::StageLayout layout =
            app::stage_for_pose(net, standing, sim::Posture::Standing);
        const VkExtent2D size{240, 180};
        // Looking down on the foot from the front and above, so the floor fills the frame.
        scene::Camera cam;
        cam.target = {0.0f, 4.0f, 0.0f};
        cam.pitch = 0.7f;
        cam.distance = 260.0f;
        gpu::SceneGlobals globals{};
        globals.view_proj = cam.view_proj(240.0f / 180.0f);
        globals.eye = glm::vec4(cam.eye(), 1.0f);
        const RgbaPixels px = render_stage(*ctx, stage.value(), layout, globals, size);
        const gpu::StageFrame frame = scene::stage_frame(layout, globals, k_background, false);

        // Floor points beside the foot (in its shadow), a little further, far out (faded),
        // each moved to the centre of its pixel; none within 3 cm of a grid line.
        int checked = 0;
        float beside = 0, far_out = 0;
        for (const glm::vec3 want :
             {glm::vec3(9, 2, 0), glm::vec3(-9, 4, 0), glm::vec3(17, 6, 0), glm::vec3(-40, 5, 0),
              glm::vec3(70, 60, 0), glm::vec3(5, -10, 0)}) {
            const glm::ivec2 q = pixel_of(globals.view_proj, size, want);
            REQUIRE(q.x >= 0);
            REQUIRE(q.y >= 0);
            REQUIRE(q.x < 240);
            REQUIRE(q.y < 180);
            const glm::vec3 p = floor_point(globals.view_proj, size, q.x, q.y, layout.floor_z);
            const glm::vec2 cell = glm::abs(glm::fract(glm::vec2(p) / 25.0f + 0.5f) - 0.5f) * 25.0f;
            if (std::min(cell.x, cell.y) < 3.0f) continue;
            const glm::vec3 expected = floor_shade(frame, p);
            const auto got =
                px.at(static_cast<std::uint32_t>(q.x), static_cast<std::uint32_t>(q.y));
            INFO("floor point " << p.x << ", " << p.y << ": expected " << expected.r << " "
                                << expected.g << " " << expected.b << ", got " << int(got[0]) << " "
                                << int(got[1]) << " " << int(got[2]));
            for (int c = 0; c < 3; ++c) CHECK(std::abs(got[c] - expected[c]) <= 3.0f);
            // And close to the per-pixel analytic shadow the grid replaced (the grid's 0.06
            // bound off the leg's footprint, below, is at most 3 levels on the dark palette).
            if (!under_the_leg(frame, p)) {
                const glm::vec3 per_pixel = floor_shade(frame, p, analytic_shadow(frame, p));
                INFO("per-pixel analytic shade " << per_pixel.r << " " << per_pixel.g << " "
                                                 << per_pixel.b);
                for (int c = 0; c < 3; ++c) CHECK(std::abs(got[c] - per_pixel[c]) <= 6.0f);
            }
            if (want.x == 9) beside = got[1];
            if (want.x == 70) far_out = got[1];
            ++checked;
        }
        CHECK(checked >= 5);
        // The shadow is there to be seen: beside the foot the floor is clearly darker than the
        // open floor, and the open floor is lighter than the background it fades into.
        const glm::vec3 open = floor_shade(frame, {30, -30, 0});
        CHECK(beside < open.g - 8.0f);
        CHECK(open.g > std::pow(k_background[1], 1.0f) * 255.0f + 8.0f);
        CHECK(std::abs(far_out - k_background[1] * 255.0f) < 12.0f);
    }
    test::finish_and_check_validation(ctx);
}

// No GPU: the grid the renderer fills each frame holds the analytic shadow at its nodes, and what
// the floor interpolates between them stays close to the analytic shadow evaluated everywhere
// (the per-pixel method it replaced) in every posture's stage, penumbrae near the sole included.
TEST_CASE("stage: the floor's shadow grid stays within 0.06 of the analytic contact shadow",
          "[stage]") {
    const sim::Network& net = sim::default_network();
    scene::Camera cam;
    gpu::SceneGlobals globals{};
    globals.view_proj = cam.view_proj(16.0f / 9.0f);
    for (const sim::Posture posture : {sim::Posture::Standing, sim::Posture::Sitting,
                                       sim::Posture::Lying, sim::Posture::LegRaised}) {
        const sim::PosedLeg leg(net, 1.0, posture);
        const scene::StageLayout layout = app::stage_for_pose(net, leg, posture);
        const gpu::StageFrame frame = scene::stage_frame(layout, globals, k_background, true);
        constexpr int side = gpu::STAGE_SHADOW_SIDE;
        std::vector<float> nodes(side * side);
        scene::fill_floor_shadow(frame, nodes.data());
        const glm::vec2 origin(frame.shadow_grid);
        const float spacing = frame.shadow_grid.z;
        // The grid spans the disc with nodes on its rim square.
        CHECK(spacing * (side - 1) == Approx(2.0f * layout.floor_radius).epsilon(1e-4));
        float node_error = 0.0f, between_error = 0.0f, under_error = 0.0f, darkest = 0.0f;
        for (int y = 0; y < side; ++y)
            for (int x = 0; x < side; ++x) {
                const glm::vec3 p(origin + spacing * glm::vec2(x, y), layout.floor_z);
                if (glm::length(glm::vec2(p) - layout.floor_centre) > layout.floor_radius) continue;
                node_error =
                    std::max(node_error, std::abs(nodes[y * side + x] - analytic_shadow(frame, p)));
            }
        // Floor points a quarter of a node spacing apart, over the whole disc.
        const float step = 0.25f * spacing;
        for (float dy = -layout.floor_radius; dy <= layout.floor_radius; dy += step)
            for (float dx = -layout.floor_radius; dx <= layout.floor_radius; dx += step) {
                if (dx * dx + dy * dy > layout.floor_radius * layout.floor_radius) continue;
                const glm::vec3 p(layout.floor_centre + glm::vec2(dx, dy), layout.floor_z);
                const float exact = analytic_shadow(frame, p);
                darkest = std::max(darkest, exact);
                const float error = std::abs(grid_shadow(frame, p) - exact);
                if (under_the_leg(frame, p)) {
                    under_error = std::max(under_error, error);
                } else {
                    between_error = std::max(between_error, error);
                }
            }
        INFO("posture " << static_cast<int>(posture) << ": node spacing " << spacing
                        << " cm, darkest shadow " << darkest << ", largest error at nodes "
                        << node_error << ", between them " << between_error << " (under the leg "
                        << under_error << ")");
        CHECK(node_error < 1e-4f);
        CHECK(darkest > 0.3f); // there is a shadow to get wrong
        CHECK(between_error < 0.06f);
        CHECK(under_error < 0.25f);
    }
}

// No GPU: the floor's colour baked at the grid's nodes (fill_floor_colour, what stage_floor.frag
// interpolates off the grid lines) against the shader's per-pixel formula (floor_shade above,
// gamma by std::pow) at every node, both palettes, every posture's stage: within the 10-bit
// packing's step and a half (1.5 / 1023 of full scale, 0.4 of an 8-bit level). What the stage
// uploads (fill_floor_nodes, the rows in two halves on two threads) is checked to be the same
// values as the whole grid on one thread.
TEST_CASE("stage: the floor colour baked at the nodes is the shader's formula there", "[stage]") {
    const sim::Network& net = sim::default_network();
    scene::Camera cam;
    gpu::SceneGlobals globals{};
    globals.view_proj = cam.view_proj(16.0f / 9.0f);
    for (const bool light : {false, true})
        for (const sim::Posture posture : {sim::Posture::Standing, sim::Posture::Sitting,
                                           sim::Posture::Lying, sim::Posture::LegRaised}) {
            const sim::PosedLeg leg(net, 1.0, posture);
            const scene::StageLayout layout = app::stage_for_pose(net, leg, posture);
            const gpu::StageFrame frame = scene::stage_frame(layout, globals, k_background, light);
            constexpr int side = gpu::STAGE_SHADOW_SIDE;
            std::vector<float> shadow(side * side);
            std::vector<std::uint32_t> packed(side * side);
            scene::fill_floor_nodes(frame, shadow.data(), packed.data());
            std::vector<float> shadow_one_thread(side * side);
            std::vector<std::uint32_t> packed_one_thread(side * side);
            scene::fill_floor_shadow(frame, shadow_one_thread.data());
            scene::fill_floor_colour(frame, shadow_one_thread.data(), packed_one_thread.data());
            CHECK(shadow == shadow_one_thread);
            CHECK(packed == packed_one_thread);
            float worst = 0.0f, darkest = 1.0f, lightest = 0.0f;
            for (int y = 0; y < side; ++y)
                for (int x = 0; x < side; ++x) {
                    const int k = y * side + x;
                    const glm::vec2 at = glm::vec2(frame.shadow_grid) +
                                         frame.shadow_grid.z * glm::vec2(static_cast<float>(x),
                                                                         static_cast<float>(y));
                    const glm::vec3 want =
                        floor_shade(frame, glm::vec3(at, frame.floor.z), shadow[k]) / 255.0f;
                    for (int c = 0; c < 3; ++c) {
                        const float got =
                            static_cast<float>((packed[k] >> (8 * c)) & 255u) / 255.0f;
                        worst = std::max(worst, std::abs(got - want[c]));
                    }
                    darkest = std::min(darkest, want.g);
                    lightest = std::max(lightest, want.g);
                }
            INFO("posture " << static_cast<int>(posture) << (light ? ", light" : ", dark")
                            << ": worst " << worst * 255.0f << " of 255, green from " << darkest
                            << " to " << lightest);
            // Half a step of the 8-bit packing, and the gamma table's 2e-4.
            CHECK(worst <= 0.5f / 255.0f + 2e-4f);
            CHECK(lightest - darkest > 0.02f); // shadow and fade are there to be baked
        }
}
