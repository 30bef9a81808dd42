// Small Vulkan helpers shared by the scene renderers: one-shot uploads into device-local
// buffers, and graphics pipelines with the states the shared create_graphics_pipeline does not
// offer (face culling, alpha blending).
#pragma once

#include "device.hpp"
#include "immediate_submit.hpp"
#include "memory.hpp"
#include "result.hpp"
#include "vk_handle.hpp"

#include <string_view>
#include <vector>
#include <vulkan/vulkan.h>

namespace sh::scene {

// Collects device-local buffers with their initial contents and fills them all in one
// immediate submission (one staging buffer each; creation time only).
class Uploader {
public:
    // Creates a device-local buffer of `bytes` (at least 16) with `usage` | TRANSFER_DST and
    // queues `data` (may be null: zero-filled) for upload.
    Result<Buffer> add(const Device& device, const void* data, std::size_t bytes,
                       VkBufferUsageFlags usage);
    // One submission with every copy, then a barrier that makes the copies visible to the
    // vertex, fragment and compute shaders and to index fetch.
    void flush(const ImmediateSubmitter& submitter);

private:
    struct Pending {
        Buffer staging;
        VkBuffer dst = VK_NULL_HANDLE;
        VkDeviceSize bytes = 0;
    };
    std::vector<Pending> pending_;
};

enum class Blend { None, Alpha };

struct ScenePipelineDesc {
    std::string_view vertex_shader;
    std::string_view fragment_shader;
    VkPipelineLayout layout = VK_NULL_HANDLE;
    VkCullModeFlags cull = VK_CULL_MODE_BACK_BIT;
    bool depth_write = true;
    Blend blend = Blend::None;
};

// Dynamic rendering into the OffscreenTarget formats, no vertex input (vertex pulling from
// storage buffers), dynamic viewport and scissor, depth test LESS_OR_EQUAL.
Result<UniquePipeline> create_scene_pipeline(VkDevice device, const ScenePipelineDesc& desc);

// Points storage-buffer binding `binding` of `set` at the whole of `buffer`.
void write_storage_binding(VkDevice device, VkDescriptorSet set, std::uint32_t binding,
                           VkBuffer buffer);

// A pool with `sets` sets of up to `storage_descriptors` storage buffers in all.
Result<UniqueDescriptorPool> create_storage_pool(VkDevice device, std::uint32_t sets,
                                                 std::uint32_t storage_descriptors);
Result<VkDescriptorSet> allocate_set(VkDevice device, VkDescriptorPool pool,
                                     VkDescriptorSetLayout layout);

} // namespace sh::scene
