// The stage under the leg on the GPU (engine/scene/stage_renderer, shaders/stage.*), validation
// on: the floor's pixels against a CPU twin of its shading (the fade into the background and the
// analytic contact shadow of the posed leg), at points unprojected from the rendered pixels.
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

// CPU twin of stage.frag for a floor point with no grid line near it.
glm::vec3 floor_shade(const gpu::StageFrame& f, const glm::vec3& p) {
    const glm::vec3 n(0, 0, 1);
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
        const float facing = std::clamp(glm::dot(n, d / dist), 0.0f, 1.0f);
        left *= 1.0f - facing * std::clamp(a4.w * a4.w / (dist * dist), 0.0f, 1.0f);
    }
    const float shadow = std::clamp(f.shadow_color.w * (1.0f - left), 0.0f, 1.0f);
    const glm::vec3 floor = glm::mix(glm::vec3(f.floor_color), glm::vec3(f.shadow_color), shadow);
    const float r = glm::length(glm::vec2(p) - glm::vec2(f.floor)) / f.floor.w;
    const float x = std::clamp((r - 0.6f) / 0.4f, 0.0f, 1.0f);
    const glm::vec3 c = glm::mix(floor, glm::vec3(f.background), x * x * (3.0f - 2.0f * x));
    return glm::pow(glm::clamp(c, 0.0f, 1.0f), glm::vec3(1.0f / 2.2f)) * 255.0f;
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
