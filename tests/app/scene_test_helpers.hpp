// Rendering the leg scene once into an offscreen target and comparing the picture with its
// committed reference image: shared by the scene tests of tests/app (test_gpu_scene.cpp,
// test_gpu_pose.cpp). SH_SCENE_REFERENCE_DIR and SH_TEST_OUTPUT_DIR come from
// bridge_tests.cmake.
#pragma once

#include "gpu_context.hpp"
#include "image_compare.hpp"
#include "offscreen_target.hpp"
#include "scene/scene_renderer.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

namespace sh::test {

// The scene from a preset framed on its posed leg (SceneRenderer::camera), into a new target.
inline RgbaPixels render(GpuContext& ctx, scene::SceneRenderer& scene, VkExtent2D size,
                         scene::CameraPreset preset, const scene::SceneOptions& options) {
    auto target = create_offscreen_target(ctx.device, size);
    if (!target) FAIL(target.error().describe());
    const float aspect = static_cast<float>(size.width) / static_cast<float>(size.height);
    const scene::Camera cam = scene.camera(preset, aspect);
    ctx.submitter.submit(
        [&](VkCommandBuffer cmd) { scene.record(cmd, target.value(), cam, options); });
    auto pixels = target.value().read_back(ctx.device, ctx.submitter);
    if (!pixels) FAIL(pixels.error().describe());
    return pixels.take();
}

// Per-channel tolerance 8, at most 0.5 % of the pixels over it (tests/common/image_compare).
// SH_UPDATE_REFERENCE_IMAGES=1 rewrites the reference.
inline void compare_with_reference(const RgbaPixels& actual, const std::string& name) {
    const ImageComparison c = test::compare_with_reference(
        actual, std::filesystem::path(SH_SCENE_REFERENCE_DIR) / (name + ".png"), SH_TEST_OUTPUT_DIR,
        name);
    if (c.reference_rewritten) WARN(c.message);
    INFO(c.message);
    if (!c.passed) FAIL(c.message);
}

} // namespace sh::test
