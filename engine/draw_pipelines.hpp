// A minimal dynamic-rendering pipeline that proves the graphics path into the offscreen target:
// a single triangle (the offscreen, post and splat tests draw it as the "scene").
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

} // namespace sh
