#include "barriers.hpp"

#include <cstdint>

namespace sh {

VkImageMemoryBarrier2 image_barrier(VkImage image, VkImageAspectFlags aspect,
                                    VkPipelineStageFlags2 src_stage, VkAccessFlags2 src_access,
                                    VkImageLayout old_layout, VkPipelineStageFlags2 dst_stage,
                                    VkAccessFlags2 dst_access, VkImageLayout new_layout) {
    VkImageMemoryBarrier2 b{};
    b.sType = VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER_2;
    b.srcStageMask = src_stage;
    b.srcAccessMask = src_access;
    b.dstStageMask = dst_stage;
    b.dstAccessMask = dst_access;
    b.oldLayout = old_layout;
    b.newLayout = new_layout;
    b.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED; // one queue: no ownership transfer
    b.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    b.image = image;
    b.subresourceRange = {aspect, 0, VK_REMAINING_MIP_LEVELS, 0, VK_REMAINING_ARRAY_LAYERS};
    return b;
}

VkBufferMemoryBarrier2 buffer_barrier(VkBuffer buffer, VkPipelineStageFlags2 src_stage,
                                      VkAccessFlags2 src_access, VkPipelineStageFlags2 dst_stage,
                                      VkAccessFlags2 dst_access) {
    VkBufferMemoryBarrier2 b{};
    b.sType = VK_STRUCTURE_TYPE_BUFFER_MEMORY_BARRIER_2;
    b.srcStageMask = src_stage;
    b.srcAccessMask = src_access;
    b.dstStageMask = dst_stage;
    b.dstAccessMask = dst_access;
    b.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    b.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    b.buffer = buffer;
    b.offset = 0;
    b.size = VK_WHOLE_SIZE;
    return b;
}

void pipeline_barrier(VkCommandBuffer cmd, std::initializer_list<VkBufferMemoryBarrier2> buffers,
                      std::initializer_list<VkImageMemoryBarrier2> images) {
    VkDependencyInfo dep{};
    dep.sType = VK_STRUCTURE_TYPE_DEPENDENCY_INFO;
    dep.bufferMemoryBarrierCount = static_cast<std::uint32_t>(buffers.size());
    dep.pBufferMemoryBarriers = buffers.begin();
    dep.imageMemoryBarrierCount = static_cast<std::uint32_t>(images.size());
    dep.pImageMemoryBarriers = images.begin();
    vkCmdPipelineBarrier2(cmd, &dep);
}

} // namespace sh
