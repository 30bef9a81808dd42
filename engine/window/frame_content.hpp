// The seam between the frame loop and whatever draws the leg. The frame loop owns the per-frame
// command buffer, the offscreen target, the UI overlay and presentation; a FrameContent only
// records its passes into the command buffer it is handed (app/leg_content is the real one:
// the state upload and particle step in record_compute, the scene and the particle splat in
// record). The loop writes GPU timestamps around the two calls, which is why compute and
// drawing are separate entry points (the benchmark reports them apart).
#pragma once

#include "gpu_layouts.h"
#include "offscreen_target.hpp"
#include "pass_timer.hpp"

#include <cstdint>
#include <vulkan/vulkan.h>

namespace sh {

// What one frame is about. Plain data; valid only during the record calls.
struct FrameInfo {
    std::uint64_t frame_number = 0; // counts recorded frames, from 0
    std::uint32_t frame_slot = 0;   // 0 .. k_frames_in_flight-1: index per-frame resources by it
    VkExtent2D extent{};            // of the offscreen target (follows the window)
    double time_s = 0;              // simulated time of the state
    double dt_s = 0;                // simulated seconds since the previous frame (0 when paused)
    // The simulator's state of this frame (filled once by the app, uploaded once by the
    // content); null when the frame has none (the content then keeps its last state).
    const gpu::VeinState* state = nullptr;
    PassMarker passes; // record(): mark the end of each pass by name
};

class FrameContent {
public:
    virtual ~FrameContent() = default;

    // Outside any rendering: compute passes (particle advection, muscle deformation). Resources
    // written here and read by record() need their own barrier, recorded by the content.
    virtual void record_compute(VkCommandBuffer cmd, const FrameInfo& info) {
        (void)cmd;
        (void)info;
    }

    // Draws the frame into `target`. Contract with the overlay pass that follows:
    //  - the colour image must be fully written (normally target.begin_rendering clears it);
    //  - on return it is in COLOR_ATTACHMENT_OPTIMAL, written last by the colour-attachment
    //    output stage or by a compute shader (the overlay pass's dependency waits for both);
    //  - depth may be left in any state (the overlay does not use it).
    virtual void record(VkCommandBuffer cmd, OffscreenTarget& target, const FrameInfo& info) = 0;

    // The target was recreated at a new size (the device is idle). Size-dependent resources
    // (descriptor sets naming the colour image, for example) are rebuilt here.
    virtual void on_target_resized(OffscreenTarget& target) { (void)target; }
};

// Drawn after the content, over the same colour image (the ImGui pass). On return the colour
// image must be in TRANSFER_SRC_OPTIMAL with its writes done at COLOR_ATTACHMENT_OUTPUT: the
// loop then copies it to the swapchain or reads it back.
class FrameOverlay {
public:
    virtual ~FrameOverlay() = default;
    virtual void record(VkCommandBuffer cmd, OffscreenTarget& target) = 0;
    // The target was recreated (device idle): drop framebuffers that name the old image.
    virtual void on_target_resized(OffscreenTarget& target) = 0;
};

} // namespace sh
