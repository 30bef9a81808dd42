// The in-place edge anti-aliasing (engine/post/edge_aa_pass): a hard-edged triangle keeps only
// its two colours without it; with it the slanted edges get intermediate values while the
// inside and the background stay untouched, and nothing outside the given rectangle changes.
// Validation on. (The leg's own silhouette: test_gpu_scene.cpp.)
#include "draw_pipelines.hpp"
#include "gpu_context.hpp"
#include "offscreen_target.hpp"
#include "post/edge_aa_pass.hpp"

#include <catch2/catch.hpp>
#include <cstdint>
#include <glm/mat4x4.hpp>
#include <optional>

namespace {

struct EdgeCounts {
    std::uint32_t pure = 0;         // background (0) or triangle (255) in every channel
    std::uint32_t intermediate = 0; // red strictly between the two, clearly so
};

bool inside(const VkRect2D& r, std::uint32_t x, std::uint32_t y) {
    return x >= static_cast<std::uint32_t>(r.offset.x) &&
           x < static_cast<std::uint32_t>(r.offset.x) + r.extent.width &&
           y >= static_cast<std::uint32_t>(r.offset.y) &&
           y < static_cast<std::uint32_t>(r.offset.y) + r.extent.height;
}

EdgeCounts count(const sh::RgbaPixels& p, const VkRect2D& region) {
    EdgeCounts c;
    for (std::uint32_t y = 0; y < p.height; ++y) {
        for (std::uint32_t x = 0; x < p.width; ++x) {
            if (!inside(region, x, y)) continue;
            const auto v = p.at(x, y);
            if ((v[0] == 0 || v[0] == 255) && v[0] == v[1] && v[1] == v[2])
                ++c.pure;
            else if (v[0] > 24 && v[0] < 231)
                ++c.intermediate;
        }
    }
    return c;
}

// Triangle (white on black) into `target`, then, when `aa_rect` is given, the pass over it.
sh::RgbaPixels render(sh::test::GpuContext& ctx, const sh::TriangleRenderer& triangle,
                      sh::OffscreenTarget& target, std::optional<VkRect2D> aa_rect) {
    sh::EdgeAaPass aa = [&] {
        auto p = sh::create_edge_aa_pass(ctx.device);
        if (!p) FAIL(p.error().describe());
        return p.take();
    }();
    if (auto ok = aa.attach(ctx.device, target); !ok) FAIL(ok.error().describe());
    ctx.submitter.submit([&](VkCommandBuffer cmd) {
        target.begin_rendering(cmd, {0.0f, 0.0f, 0.0f, 1.0f});
        sh::gpu::DrawPush push{};
        push.view_proj = glm::mat4(1.0f);
        push.color = {1.0f, 1.0f, 1.0f, 1.0f};
        push.point_size = 1.0f;
        triangle.record(cmd, push);
        target.end_rendering(cmd);
        if (aa_rect) aa.record(cmd, target, *aa_rect);
    });
    auto pixels = target.read_back(ctx.device, ctx.submitter);
    if (!pixels) FAIL(pixels.error().describe());
    return pixels.take();
}

} // namespace

TEST_CASE("gpu edge AA: a hard edge gets intermediate values, flat areas stay", "[gpu][post]") {
    auto ctx = sh::test::make_gpu_context();
    {
        auto target = sh::create_offscreen_target(ctx->device, {64, 64});
        if (!target) FAIL(target.error().describe());
        if (!target.value().has_storage()) FAIL("R8G8B8A8 must be a storage image here");
        auto triangle = sh::create_triangle_renderer(
            ctx->device, sh::OffscreenTarget::k_color_format, sh::OffscreenTarget::k_depth_format);
        if (!triangle) FAIL(triangle.error().describe());

        const VkRect2D whole{{0, 0}, {64, 64}};
        const sh::RgbaPixels plain = render(*ctx, triangle.value(), target.value(), std::nullopt);
        const sh::RgbaPixels aa = render(*ctx, triangle.value(), target.value(), whole);
        const EdgeCounts c_plain = count(plain, whole);
        const EdgeCounts c_aa = count(aa, whole);
        INFO("plain: " << c_plain.pure << " pure, " << c_plain.intermediate << " intermediate; aa: "
                       << c_aa.pure << " pure, " << c_aa.intermediate << " intermediate");
        // Without AA: only black and white.
        CHECK(c_plain.pure == 64u * 64u);
        CHECK(c_plain.intermediate == 0u);
        // With AA the two slanted edges (about 2 x 36 pixels long) are smoothed.
        CHECK(c_aa.intermediate >= 30u);
        // Inside the triangle and far outside it nothing changes; alpha is kept.
        CHECK(aa.at(32, 40)[0] == 255);
        CHECK(aa.at(2, 2)[0] == 0);
        CHECK(aa.at(61, 61)[0] == 0);
        CHECK(aa.at(2, 2)[3] == 255);
    }
    sh::test::finish_and_check_validation(ctx);
}

TEST_CASE("gpu edge AA: only the given rectangle changes, its edges still smoothed",
          "[gpu][post]") {
    auto ctx = sh::test::make_gpu_context();
    {
        auto target = sh::create_offscreen_target(ctx->device, {64, 64});
        if (!target) FAIL(target.error().describe());
        auto triangle = sh::create_triangle_renderer(
            ctx->device, sh::OffscreenTarget::k_color_format, sh::OffscreenTarget::k_depth_format);
        if (!triangle) FAIL(triangle.error().describe());

        // The left half (the triangle's left edge), and a rectangle sticking out of the image,
        // which is clamped.
        const VkRect2D left{{-8, 0}, {40, 80}};
        const VkRect2D left_clamped{{0, 0}, {32, 64}};
        const VkRect2D right_half{{32, 0}, {32, 64}};
        const sh::RgbaPixels plain = render(*ctx, triangle.value(), target.value(), std::nullopt);
        const sh::RgbaPixels aa = render(*ctx, triangle.value(), target.value(), left);
        CHECK(sh::clamp_rect(left, {64, 64}).extent.width == 32u);
        std::uint32_t changed_outside = 0;
        for (std::uint32_t y = 0; y < 64; ++y)
            for (std::uint32_t x = 0; x < 64; ++x)
                if (!inside(left_clamped, x, y) && aa.at(x, y) != plain.at(x, y)) ++changed_outside;
        CHECK(changed_outside == 0u);
        const EdgeCounts c_left = count(aa, left_clamped);
        const EdgeCounts c_right = count(aa, right_half);
        INFO("left: " << c_left.intermediate << " intermediate; right: " << c_right.intermediate);
        CHECK(c_left.intermediate >= 15u); // one slanted edge, about 36 pixels long
        CHECK(c_right.intermediate == 0u);
        // An empty rectangle records nothing and changes nothing.
        const sh::RgbaPixels none =
            render(*ctx, triangle.value(), target.value(), VkRect2D{{70, 70}, {10, 10}});
        CHECK(none.data == plain.data);
    }
    sh::test::finish_and_check_validation(ctx);
}
