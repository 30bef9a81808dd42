#include "immediate_submit.hpp"

#include "barriers.hpp"
#include "vk_check.hpp"

namespace sh {

Result<ImmediateSubmitter> create_immediate_submitter(const Device& device) {
    ImmediateSubmitter s;
    s.device_ = device.get();
    s.queue_ = device.queue();

    VkCommandPoolCreateInfo pool_info{};
    pool_info.sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO;
    pool_info.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
    pool_info.queueFamilyIndex = device.queue_family();
    VkCommandPool pool = VK_NULL_HANDLE;
    VkResult r = vkCreateCommandPool(device.get(), &pool_info, nullptr, &pool);
    if (r != VK_SUCCESS) return vulkan_error(r, "vkCreateCommandPool failed");
    s.pool_ = UniqueCommandPool(device.get(), pool);

    VkCommandBufferAllocateInfo alloc{};
    alloc.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO;
    alloc.commandPool = pool;
    alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    alloc.commandBufferCount = 1;
    r = vkAllocateCommandBuffers(device.get(), &alloc, &s.cmd_);
    if (r != VK_SUCCESS) return vulkan_error(r, "vkAllocateCommandBuffers failed");

    VkFenceCreateInfo fence_info{};
    fence_info.sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO;
    VkFence fence = VK_NULL_HANDLE;
    r = vkCreateFence(device.get(), &fence_info, nullptr, &fence);
    if (r != VK_SUCCESS) return vulkan_error(r, "vkCreateFence failed");
    s.fence_ = UniqueFence(device.get(), fence);
    return s;
}

void ImmediateSubmitter::submit(const std::function<void(VkCommandBuffer)>& fn) const {
    VK_CHECK(vkResetCommandBuffer(cmd_, 0));
    VkCommandBufferBeginInfo begin{};
    begin.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO;
    begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    VK_CHECK(vkBeginCommandBuffer(cmd_, &begin));
    fn(cmd_);
    VK_CHECK(vkEndCommandBuffer(cmd_));

    VkCommandBufferSubmitInfo cmd_info{};
    cmd_info.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_SUBMIT_INFO;
    cmd_info.commandBuffer = cmd_;
    VkSubmitInfo2 submit{};
    submit.sType = VK_STRUCTURE_TYPE_SUBMIT_INFO_2;
    submit.commandBufferInfoCount = 1;
    submit.pCommandBufferInfos = &cmd_info;
    const VkFence fence = fence_.get();
    VK_CHECK(vkQueueSubmit2(queue_, 1, &submit, fence));
    // A minute is far beyond any immediate job, even on lavapipe; hitting it means a hang.
    constexpr std::uint64_t timeout_ns = 60ull * 1000 * 1000 * 1000;
    VK_CHECK(vkWaitForFences(device_, 1, &fence, VK_TRUE, timeout_ns));
    VK_CHECK(vkResetFences(device_, 1, &fence));
}

Result<Buffer> upload_device_buffer(const Device& device, const ImmediateSubmitter& submitter,
                                    const void* data, VkDeviceSize bytes,
                                    VkBufferUsageFlags usage) {
    Result<Buffer> staging =
        create_buffer(device, bytes, VK_BUFFER_USAGE_TRANSFER_SRC_BIT, MemoryUse::Upload);
    if (!staging) return staging.error();
    staging.value().write(data, static_cast<std::size_t>(bytes));
    Result<Buffer> target = create_buffer(device, bytes, usage | VK_BUFFER_USAGE_TRANSFER_DST_BIT,
                                          MemoryUse::DeviceLocal);
    if (!target) return target.error();
    submitter.submit([&](VkCommandBuffer cmd) {
        const VkBufferCopy region{0, 0, bytes};
        vkCmdCopyBuffer(cmd, staging.value().get(), target.value().get(), 1, &region);
        // RAW: compute and vertex shaders of later submissions read what the copy wrote (WAW
        // where they also write the buffer, as the particle steps do).
        pipeline_barrier(
            cmd,
            {buffer_barrier(
                target.value().get(), VK_PIPELINE_STAGE_2_COPY_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT,
                VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT | VK_PIPELINE_STAGE_2_VERTEX_SHADER_BIT,
                VK_ACCESS_2_SHADER_STORAGE_READ_BIT | VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT)},
            {});
    });
    return target;
}

Result<Buffer> download_compute_buffer(const Device& device, const ImmediateSubmitter& submitter,
                                       const Buffer& source) {
    auto host =
        create_buffer(device, source.size(), VK_BUFFER_USAGE_TRANSFER_DST_BIT, MemoryUse::Readback);
    if (!host) return host.error();
    submitter.submit([&](VkCommandBuffer cmd) {
        // RAW: the copy reads what the compute shader wrote.
        pipeline_barrier(
            cmd,
            {buffer_barrier(source.get(), VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT,
                            VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT, VK_PIPELINE_STAGE_2_COPY_BIT,
                            VK_ACCESS_2_TRANSFER_READ_BIT)},
            {});
        const VkBufferCopy region{0, 0, source.size()};
        vkCmdCopyBuffer(cmd, source.get(), host.value().get(), 1, &region);
        // RAW (device -> host): the host reads the copy after the fence.
        pipeline_barrier(cmd,
                         {buffer_barrier(host.value().get(), VK_PIPELINE_STAGE_2_COPY_BIT,
                                         VK_ACCESS_2_TRANSFER_WRITE_BIT,
                                         VK_PIPELINE_STAGE_2_HOST_BIT, VK_ACCESS_2_HOST_READ_BIT)},
                         {});
    });
    return host;
}

} // namespace sh
