// Offscreen rendering, readback and PNG output on the GPU, validation on.
#include "draw_pipelines.hpp"
#include "gpu_context.hpp"
#include "offscreen_target.hpp"
#include "png_writer.hpp"

#define STB_IMAGE_IMPLEMENTATION
#define STB_IMAGE_STATIC
#include <catch2/catch.hpp>
#include <filesystem>
#include <stb/stb_image.h>

namespace {

// Renders the test triangle (colour 0,1,0) over a known clear colour.
sh::RgbaPixels render_triangle(sh::test::GpuContext& ctx, VkExtent2D size) {
    auto target = sh::create_offscreen_target(ctx.device, size);
    if (!target) FAIL(target.error().describe());
    auto triangle = sh::create_triangle_renderer(ctx.device, sh::OffscreenTarget::k_color_format,
                                                 sh::OffscreenTarget::k_depth_format);
    if (!triangle) FAIL(triangle.error().describe());

    ctx.submitter.submit([&](VkCommandBuffer cmd) {
        target.value().begin_rendering(cmd, {0.2f, 0.4f, 0.6f, 1.0f});
        sh::gpu::DrawPush push{};
        push.view_proj = glm::mat4(1.0f);
        push.color = {0.0f, 1.0f, 0.0f, 1.0f};
        triangle.value().record(cmd, push);
        target.value().end_rendering(cmd);
    });
    auto pixels = target.value().read_back(ctx.device, ctx.submitter);
    if (!pixels) FAIL(pixels.error().describe());
    return pixels.take();
}

} // namespace

TEST_CASE("gpu offscreen: clear colour and triangle read back", "[gpu][offscreen]") {
    auto ctx = sh::test::make_gpu_context();
    {
        const sh::RgbaPixels pixels = render_triangle(*ctx, {96, 64});
        REQUIRE(pixels.width == 96);
        REQUIRE(pixels.height == 64);
        REQUIRE(pixels.data.size() == 96u * 64u * 4u);
        // UNORM rounding: 0.2*255 = 51, 0.4*255 = 102, 0.6*255 = 153.
        const auto corner = pixels.at(0, 0);
        CHECK(corner[0] == 51);
        CHECK(corner[1] == 102);
        CHECK(corner[2] == 153);
        CHECK(corner[3] == 255);
        const auto centre = pixels.at(48, 32);
        CHECK(centre[0] == 0);
        CHECK(centre[1] == 255);
        CHECK(centre[2] == 0);
        // Top-left is the clear colour and the apex row is top-centre (Vulkan's y points down).
        CHECK(pixels.at(48, 4)[1] == 102);
        CHECK(pixels.at(48, 20)[1] == 255);
    }
    sh::test::finish_and_check_validation(ctx);
}

TEST_CASE("gpu offscreen: odd sizes work", "[gpu][offscreen]") {
    auto ctx = sh::test::make_gpu_context();
    {
        const sh::RgbaPixels pixels = render_triangle(*ctx, {37, 3});
        CHECK(pixels.data.size() == 37u * 3u * 4u);
        CHECK(pixels.at(36, 2)[2] == 153);
    }
    sh::test::finish_and_check_validation(ctx);
}

TEST_CASE("gpu offscreen: PNG written and read back identical", "[gpu][png]") {
    auto ctx = sh::test::make_gpu_context();
    {
        const sh::RgbaPixels pixels = render_triangle(*ctx, {64, 48});
        const std::filesystem::path dir = SH_TEST_OUTPUT_DIR;
        std::filesystem::create_directories(dir);
        const std::filesystem::path path = dir / "offscreen_triangle.png";
        std::filesystem::remove(path);
        auto written = sh::write_png(path, pixels);
        if (!written) FAIL(written.error().describe());
        REQUIRE(std::filesystem::exists(path));

        int w = 0;
        int h = 0;
        int channels = 0;
        stbi_uc* data = stbi_load(path.string().c_str(), &w, &h, &channels, 4);
        REQUIRE(data != nullptr);
        const std::vector<std::uint8_t> loaded(data, data + static_cast<std::size_t>(w) * h * 4);
        stbi_image_free(data);
        CHECK(w == 64);
        CHECK(h == 48);
        CHECK(loaded == pixels.data);

        auto bad = sh::write_png(dir / "no_such_folder" / "x.png", pixels);
        CHECK_FALSE(bad);
    }
    sh::test::finish_and_check_validation(ctx);
}
