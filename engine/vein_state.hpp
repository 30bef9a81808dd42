// The simulator's state of one frame on its way to the GPU (gpu::VeinState, declared in
// shaders/gpu_layouts.h): the helpers that fill the parts of it the simulator does not read out
// directly, and the one device-local buffer every pass of the frame reads it from.
//
//   once, at load:  VeinStateTables tables = build_vein_state_tables(geometry);
//                   auto buffer = create_vein_state_buffer(device, submitter, rest_state);
//   per frame:      (app) fill the state from the simulator, then finish_vein_state(...)
//                   buffer.record_upload(cmd, state);   // first thing in the command buffer
//                   particles and scene read buffer.get() (bound at creation)
//
// Nothing here allocates per frame. docs/architecture.md, "The state path".
#pragma once

#include "device.hpp"
#include "gpu_layouts.h"
#include "immediate_submit.hpp"
#include "memory.hpp"
#include "result.hpp"
#include "vein_data.hpp"

#include <cstdint>
#include <vector>
#include <vulkan/vulkan.h>

namespace sh {

// What the per-frame fill needs that is fixed by the geometry (computed once at load).
struct VeinStateTables {
    std::uint32_t compartment_count = 0;
    std::uint32_t link_count = 0;
    // 1 / (reference area of all parallel veins), cm^-2, for the mean velocity.
    std::vector<float> inverse_reference_area;
    // The recycling CDF when no compartment has arterial inflow: the in-calf compartments
    // share it evenly (all of them when none is in the calf).
    std::vector<float> fallback_inflow_cdf;
};

// Refuses a geometry larger than the state's arrays (the message names both sizes).
Result<VeinStateTables> build_vein_state_tables(const VeinGeometry& geometry);

// Drawn radius / reference radius for an area ratio (VEIN_AREA_RATIO_DRAWN_MIN..MAX).
float drawn_radius_scale(float area_ratio);

// A state with no flow: area ratio 1, no pressure, no activation, the fallback recycling CDF.
void write_rest_vein_state(const VeinStateTables& tables, gpu::VeinState& state);

// Derives, from the per-compartment area_ratio, flow_in, flow_out and inflow already written:
// radius_scale, velocity_cm_s and the recycling inflow_cdf. Call after every fill.
void finish_vein_state(const VeinStateTables& tables, gpu::VeinState& state);

// One device-local storage buffer holding a gpu::VeinState: the frame's only upload of the
// simulator's state, bound by the particle step and the scene.
class VeinStateBuffer {
public:
    VeinStateBuffer() = default;

    // Records the copy of `state` (its used entries) into the buffer with vkCmdUpdateBuffer,
    // which takes the bytes at record time, so `state` may change right after. Barriers: WAR
    // against the previous frame's readers, RAW for this frame's compute and vertex shaders.
    // Record it before any pass that reads the buffer, outside rendering.
    void record_upload(VkCommandBuffer cmd, const gpu::VeinState& state) const;

    VkBuffer get() const noexcept { return buffer_.get(); }

private:
    friend Result<VeinStateBuffer>
    create_vein_state_buffer(const Device&, const ImmediateSubmitter&, const gpu::VeinState&);
    Buffer buffer_;
};

// The buffer, filled with `initial` (so that a pass recorded before the first upload reads a
// valid state).
Result<VeinStateBuffer> create_vein_state_buffer(const Device& device,
                                                 const ImmediateSubmitter& submitter,
                                                 const gpu::VeinState& initial);

} // namespace sh
