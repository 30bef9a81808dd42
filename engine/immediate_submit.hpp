// Records a one-off command buffer, submits it and waits for it (uploads, readbacks, tests).
// It has its own pool and fence so that it never disturbs the per-frame command buffers.
#pragma once

#include "device.hpp"
#include "memory.hpp"
#include "result.hpp"
#include "vk_handle.hpp"

#include <functional>
#include <vulkan/vulkan.h>

namespace sh {

class ImmediateSubmitter {
public:
    ImmediateSubmitter() = default;

    // Records fn into a fresh command buffer, submits it on the device's queue and blocks until
    // it completes. Vulkan failures (including a timeout) throw VulkanError.
    void submit(const std::function<void(VkCommandBuffer)>& fn) const;

private:
    friend Result<ImmediateSubmitter> create_immediate_submitter(const Device&);
    VkDevice device_ = VK_NULL_HANDLE;
    VkQueue queue_ = VK_NULL_HANDLE;
    UniqueCommandPool pool_;
    UniqueFence fence_;
    VkCommandBuffer cmd_ = VK_NULL_HANDLE; // freed with the pool
};

Result<ImmediateSubmitter> create_immediate_submitter(const Device& device);

// A device-local buffer (usage | TRANSFER_DST) filled from a staging buffer in one immediate
// submission. Its closing barrier makes the copy visible to compute and vertex shaders that read
// or write the buffer in later submissions (RAW, and WAW for buffers the shaders update).
// Copies a buffer that compute shaders wrote into a new host-readable buffer in one immediate
// submission, with the barriers for compute write -> copy and copy -> host read.
Result<Buffer> download_compute_buffer(const Device& device, const ImmediateSubmitter& submitter,
                                       const Buffer& source);

Result<Buffer> upload_device_buffer(const Device& device, const ImmediateSubmitter& submitter,
                                    const void* data, VkDeviceSize bytes, VkBufferUsageFlags usage);

} // namespace sh
