// The in-place edge anti-aliasing (engine/post/edge_aa_pass): a hard-edged triangle keeps only
// its two colours without it; with it the slanted edges get intermediate values while the
// inside and the background stay untouched, and nothing outside the given rectangle changes.
// With a larger output the pass upscales: its edges are compared with the true coverage.
// Validation on. (The leg's own silhouette: test_gpu_scene.cpp.)
#include "draw_pipelines.hpp"
#include "gpu_context.hpp"
#include "offscreen_target.hpp"
#include "post/edge_aa_pass.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <glm/gtc/matrix_transform.hpp>
#include <glm/mat4x4.hpp>
#include <optional>
#include <vector>

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
                      sh::OffscreenTarget& target, std::optional<VkRect2D> aa_rect,
                      const glm::mat4& view_proj = glm::mat4(1.0f)) {
    sh::EdgeAaPass aa = [&] {
        auto p = sh::create_edge_aa_pass(ctx.device);
        if (!p) FAIL(p.error().describe());
        return p.take();
    }();
    if (auto ok = aa.attach(ctx.device, target); !ok) FAIL(ok.error().describe());
    ctx.submitter.submit([&](VkCommandBuffer cmd) {
        target.begin_rendering(cmd, {0.0f, 0.0f, 0.0f, 1.0f});
        sh::gpu::DrawPush push{};
        push.view_proj = view_proj;
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

namespace {

// The triangle turned by 10 degrees: its base becomes a shallow edge whose steps lie 5-6
// pixels apart, its sides steep ones (a silhouette's two kinds of edges).
glm::mat4 turned() {
    return glm::rotate(glm::mat4(1.0f), glm::radians(10.0f), glm::vec3(0.0f, 0.0f, 1.0f));
}

// The triangle's coverage of each pixel of a `side` x `side` image, from a render at 4x the
// size averaged over 4x4 blocks (the independent expectation of an upscale: 0..255 red).
std::vector<float> coverage(sh::test::GpuContext& ctx, std::uint32_t side) {
    auto big = sh::create_offscreen_target(ctx.device, {side * 4, side * 4});
    if (!big) FAIL(big.error().describe());
    auto triangle = sh::create_triangle_renderer(ctx.device, sh::OffscreenTarget::k_color_format,
                                                 sh::OffscreenTarget::k_depth_format);
    if (!triangle) FAIL(triangle.error().describe());
    const sh::RgbaPixels fine = render(ctx, triangle.value(), big.value(), std::nullopt, turned());
    std::vector<float> out(std::size_t{side} * side, 0.0f);
    for (std::uint32_t y = 0; y < side * 4; ++y)
        for (std::uint32_t x = 0; x < side * 4; ++x)
            out[(y / 4) * side + x / 4] += static_cast<float>(fine.at(x, y)[0]) / 16.0f;
    return out;
}

// The small image rendered, then upscaled onto `output`: by the pass (with_aa) or by the plain
// bilinear blit.
sh::RgbaPixels upscaled(sh::test::GpuContext& ctx, sh::OffscreenTarget& small,
                        sh::OffscreenTarget& output, bool with_aa) {
    auto triangle = sh::create_triangle_renderer(ctx.device, sh::OffscreenTarget::k_color_format,
                                                 sh::OffscreenTarget::k_depth_format);
    if (!triangle) FAIL(triangle.error().describe());
    auto aa = sh::create_edge_aa_pass(ctx.device);
    if (!aa) FAIL(aa.error().describe());
    if (auto ok = aa.value().attach(ctx.device, small, &output); !ok) FAIL(ok.error().describe());
    const VkRect2D whole{{0, 0}, small.extent()};
    ctx.submitter.submit([&](VkCommandBuffer cmd) {
        small.begin_rendering(cmd, {0.0f, 0.0f, 0.0f, 1.0f});
        sh::gpu::DrawPush push{};
        push.view_proj = turned();
        push.color = {1.0f, 1.0f, 1.0f, 1.0f};
        push.point_size = 1.0f;
        triangle.value().record(cmd, push);
        small.end_rendering(cmd);
        if (with_aa)
            aa.value().record(cmd, small, whole, &output);
        else
            small.blit_to(cmd, output);
    });
    auto pixels = output.read_back(ctx.device, ctx.submitter);
    if (!pixels) FAIL(pixels.error().describe());
    return pixels.take();
}

} // namespace

TEST_CASE("gpu edge AA upscale: half size to full, edges nearer the true coverage than a blit",
          "[gpu][post]") {
    auto ctx = sh::test::make_gpu_context();
    {
        constexpr std::uint32_t k_side = 96;
        auto small = sh::create_offscreen_target(ctx->device, {k_side / 2, k_side / 2});
        auto output = sh::create_offscreen_target(ctx->device, {k_side, k_side});
        if (!small || !output) FAIL("offscreen targets");
        const std::vector<float> truth = coverage(*ctx, k_side);
        const sh::RgbaPixels blit = upscaled(*ctx, small.value(), output.value(), false);
        const sh::RgbaPixels sharp = upscaled(*ctx, small.value(), output.value(), true);
        // Error against the true coverage, and the pixels on the triangle's edges that are
        // blurred: neither colour, although the true coverage there is nearly pure.
        double err_blit = 0, err_sharp = 0;
        std::uint32_t soft_blit = 0, soft_sharp = 0;
        for (std::uint32_t y = 0; y < k_side; ++y) {
            for (std::uint32_t x = 0; x < k_side; ++x) {
                const float t = truth[y * k_side + x];
                const float b = blit.at(x, y)[0], s = sharp.at(x, y)[0];
                err_blit += std::abs(b - t);
                err_sharp += std::abs(s - t);
                const bool pure_truth = t < 16.0f || t > 239.0f;
                if (pure_truth && b > 48.0f && b < 207.0f) ++soft_blit;
                if (pure_truth && s > 48.0f && s < 207.0f) ++soft_sharp;
            }
        }
        INFO("mean error vs coverage: blit "
             << err_blit / (k_side * k_side) << ", pass " << err_sharp / (k_side * k_side)
             << "; blurred pixels: blit " << soft_blit << ", pass " << soft_sharp);
        CHECK(err_sharp < err_blit);
        CHECK(soft_sharp * 2 < soft_blit);
        // Inside the triangle and far outside it: the pure colours, alpha kept.
        CHECK(sharp.at(k_side / 2, k_side * 5 / 8)[0] == 255);
        CHECK(sharp.at(2, 2)[0] == 0);
        CHECK(sharp.at(2, 2)[3] == 255);
    }
    sh::test::finish_and_check_validation(ctx);
}
