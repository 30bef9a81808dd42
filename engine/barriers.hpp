// Small builders for synchronization2 barriers (niagara's vocabulary). Call sites pass precise
// stage and access masks and say in a comment which hazard each barrier covers.
#pragma once

#include <initializer_list>
#include <vulkan/vulkan.h>

namespace sh {

VkImageMemoryBarrier2 image_barrier(VkImage image, VkImageAspectFlags aspect,
                                    VkPipelineStageFlags2 src_stage, VkAccessFlags2 src_access,
                                    VkImageLayout old_layout, VkPipelineStageFlags2 dst_stage,
                                    VkAccessFlags2 dst_access, VkImageLayout new_layout);

VkBufferMemoryBarrier2 buffer_barrier(VkBuffer buffer, VkPipelineStageFlags2 src_stage,
                                      VkAccessFlags2 src_access, VkPipelineStageFlags2 dst_stage,
                                      VkAccessFlags2 dst_access);

// One vkCmdPipelineBarrier2 with the given buffer and image barriers.
void pipeline_barrier(VkCommandBuffer cmd, std::initializer_list<VkBufferMemoryBarrier2> buffers,
                      std::initializer_list<VkImageMemoryBarrier2> images);

} // namespace sh
