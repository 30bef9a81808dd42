// The post pass (engine/post/post_pass): a hard-edged triangle copied without anti-aliasing
// keeps only its two colours; with the FXAA-style pass its slanted edges get intermediate
// values while the inside and the background stay untouched. Validation on.
#include "draw_pipelines.hpp"
#include "gpu_context.hpp"
#include "offscreen_target.hpp"
#include "post/post_pass.hpp"

#include <catch2/catch.hpp>
#include <cstdint>
#include <glm/mat4x4.hpp>

namespace {

struct EdgeCounts {
    std::uint32_t pure = 0;         // background (0) or triangle (255) in every channel
    std::uint32_t intermediate = 0; // red strictly between the two, clearly so
};

EdgeCounts count(const sh::RgbaPixels& p) {
    EdgeCounts c;
    for (std::uint32_t y = 0; y < p.height; ++y) {
        for (std::uint32_t x = 0; x < p.width; ++x) {
            const auto v = p.at(x, y);
            if ((v[0] == 0 || v[0] == 255) && v[0] == v[1] && v[1] == v[2])
                ++c.pure;
            else if (v[0] > 24 && v[0] < 231)
                ++c.intermediate;
        }
    }
    return c;
}

// Triangle (white on black) into `source`, then the post pass into `output`.
sh::RgbaPixels render(sh::test::GpuContext& ctx, const sh::TriangleRenderer& triangle,
                      sh::OffscreenTarget& source, sh::OffscreenTarget& output, bool fxaa) {
    sh::PostPass post = [&] {
        auto p = sh::create_post_pass(ctx.device);
        if (!p) FAIL(p.error().describe());
        return p.take();
    }();
    if (auto ok = post.attach(ctx.device, source, output); !ok) FAIL(ok.error().describe());
    ctx.submitter.submit([&](VkCommandBuffer cmd) {
        source.begin_rendering(cmd, {0.0f, 0.0f, 0.0f, 1.0f});
        sh::gpu::DrawPush push{};
        push.view_proj = glm::mat4(1.0f);
        push.color = {1.0f, 1.0f, 1.0f, 1.0f};
        push.point_size = 1.0f;
        triangle.record(cmd, push);
        source.end_rendering(cmd);
        post.record_post(cmd, source, output, fxaa);
    });
    auto pixels = output.read_back(ctx.device, ctx.submitter);
    if (!pixels) FAIL(pixels.error().describe());
    return pixels.take();
}

} // namespace

TEST_CASE("gpu post: FXAA gives a hard edge intermediate values", "[gpu][post]") {
    auto ctx = sh::test::make_gpu_context();
    {
        auto source = sh::create_offscreen_target(ctx->device, {64, 64}, true);
        auto output = sh::create_offscreen_target(ctx->device, {64, 64});
        if (!source || !output) FAIL("offscreen targets");
        if (!source.value().has_sampled_color() || !output.value().has_storage())
            FAIL("R8G8B8A8 must be sampled (linear) and a storage image here");
        auto triangle = sh::create_triangle_renderer(
            ctx->device, sh::OffscreenTarget::k_color_format, sh::OffscreenTarget::k_depth_format);
        if (!triangle) FAIL(triangle.error().describe());

        const sh::RgbaPixels plain =
            render(*ctx, triangle.value(), source.value(), output.value(), false);
        const sh::RgbaPixels aa =
            render(*ctx, triangle.value(), source.value(), output.value(), true);
        const EdgeCounts c_plain = count(plain);
        const EdgeCounts c_aa = count(aa);
        INFO("plain: " << c_plain.pure << " pure, " << c_plain.intermediate << " intermediate; aa: "
                       << c_aa.pure << " pure, " << c_aa.intermediate << " intermediate");
        // Without AA the copy is exact: only black and white.
        CHECK(c_plain.pure == 64u * 64u);
        CHECK(c_plain.intermediate == 0u);
        // With AA the two slanted edges (about 2 x 36 pixels long) are smoothed.
        CHECK(c_aa.intermediate >= 30u);
        // Inside the triangle and far outside it nothing changes.
        CHECK(aa.at(32, 40)[0] == 255);
        CHECK(aa.at(2, 2)[0] == 0);
        CHECK(aa.at(61, 61)[0] == 0);
    }
    sh::test::finish_and_check_validation(ctx);
}

TEST_CASE("gpu post: upscale from a smaller source fills the whole output", "[gpu][post]") {
    auto ctx = sh::test::make_gpu_context();
    {
        auto source = sh::create_offscreen_target(ctx->device, {48, 48}, true);
        auto output = sh::create_offscreen_target(ctx->device, {64, 64});
        if (!source || !output) FAIL("offscreen targets");
        auto triangle = sh::create_triangle_renderer(
            ctx->device, sh::OffscreenTarget::k_color_format, sh::OffscreenTarget::k_depth_format);
        if (!triangle) FAIL(triangle.error().describe());
        const sh::RgbaPixels up =
            render(*ctx, triangle.value(), source.value(), output.value(), true);
        CHECK(up.width == 64u);
        CHECK(up.at(32, 40)[0] == 255); // the triangle's inside, scaled
        CHECK(up.at(2, 2)[0] == 0);
        CHECK(up.at(2, 2)[3] == 255); // written (alpha of the cleared source)
    }
    sh::test::finish_and_check_validation(ctx);
}
