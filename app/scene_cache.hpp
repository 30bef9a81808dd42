// The still-scene cache of CPU devices: while nothing the leg's picture depends on changes (a leg
// standing, sitting or lying still, the camera at rest: scene::PictureInputs), the scene is not
// drawn, posed or upscaled again; its finished frame-sized picture (after the upscale and the
// edge anti-aliasing, before the blood) is copied back into the frame's target, and the blood
// and the UI are drawn over it as every frame. The scene's depth stays in the internal target,
// which nothing else writes, for the splat's depth test.
//
// Why: on lavapipe the scene and its upscale are about two thirds of a still frame's CPU time
// (1280x720: 13 + 7 of 29 ms, docs/architecture.md "The frame"), and a copy of the picture is a
// memcpy of its rows. Only where the scene is drawn into an internal target (render scale below
// 1, CPU devices); GPUs draw every frame.
#pragma once

#include "device.hpp"
#include "offscreen_target.hpp"
#include "scene/scene_renderer.hpp"

#include <cstdint>
#include <vulkan/vulkan.h>

namespace sh::app {

class SceneCache {
public:
    // A cache for frames of `extent` (the frame's target), empty. Throws std::runtime_error
    // when the image cannot be made (the caller's start-up path reports it).
    void attach(const Device& device, VkExtent2D extent);
    bool attached() const { return attached_; }

    // Whether the kept picture is what a scene with `now` would draw.
    bool holds(const scene::PictureInputs& now) const {
        return holds_ && scene::same_picture(drawn_, now);
    }
    // After the scene was drawn and upscaled into `frame`: keeps a copy, drawn with `inputs`.
    void record_store(VkCommandBuffer cmd, OffscreenTarget& frame,
                      const scene::PictureInputs& inputs);
    // Instead of drawing: the kept picture into `frame` (holds() must be true).
    void record_restore(VkCommandBuffer cmd, OffscreenTarget& frame);

    // Frames drawn and frames restored since the cache was made (the benchmark reports them).
    std::uint64_t stored_frames() const { return stored_; }
    std::uint64_t restored_frames() const { return restored_; }

private:
    OffscreenTarget picture_;
    scene::PictureInputs drawn_;
    bool attached_ = false;
    bool holds_ = false;
    std::uint64_t stored_ = 0;
    std::uint64_t restored_ = 0;
};

} // namespace sh::app
