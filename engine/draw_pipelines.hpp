// Two minimal dynamic-rendering pipelines that prove the graphics path into the offscreen
// target: a single triangle, and the particles drawn as points straight from their storage
// buffer. On lavapipe point rasterisation is the expensive part (see ARCHITECTURE.md), so this
// particle draw is the correctness path, not the final many-particle renderer.
#pragma once

#include "device.hpp"
#include "gpu_layouts.h"
#include "memory.hpp"
#include "result.hpp"
#include "vk_handle.hpp"

#include <vulkan/vulkan.h>

namespace sh {

class TriangleRenderer {
public:
    TriangleRenderer() = default;
    // Inside begin/end_rendering of a target with the formats given at creation.
    void record(VkCommandBuffer cmd, const gpu::DrawPush& push) const;

private:
    friend Result<TriangleRenderer> create_triangle_renderer(const Device&, VkFormat, VkFormat);
    UniquePipelineLayout layout_;
    UniquePipeline pipeline_;
};

Result<TriangleRenderer> create_triangle_renderer(const Device& device, VkFormat color_format,
                                                  VkFormat depth_format);

class ParticleRenderer {
public:
    ParticleRenderer() = default;
    // Inside begin/end_rendering; the particle buffer must have had its compute->vertex barrier
    // (ParticleAdvector::record_barrier_for_draw). push.point_size is clamped to 1 when the
    // device lacks largePoints.
    void record(VkCommandBuffer cmd, gpu::DrawPush push, std::uint32_t count) const;

private:
    friend Result<ParticleRenderer> create_particle_renderer(const Device&, VkFormat, VkFormat,
                                                             const Buffer&);
    UniqueDescriptorSetLayout set_layout_;
    UniqueDescriptorPool pool_;
    VkDescriptorSet set_ = VK_NULL_HANDLE;
    UniquePipelineLayout layout_;
    UniquePipeline pipeline_;
    bool large_points_ = false;
};

Result<ParticleRenderer> create_particle_renderer(const Device& device, VkFormat color_format,
                                                  VkFormat depth_format, const Buffer& particles);

} // namespace sh
