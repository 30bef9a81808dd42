#include "scene/scene_gpu.hpp"

#include "barriers.hpp"
#include "offscreen_target.hpp"
#include "pipelines.hpp"
#include "vk_check.hpp"

#include <algorithm>
#include <cstring>
#include <string>

namespace sh::scene {

Result<Buffer> Uploader::add(const Device& device, const void* data, std::size_t bytes,
                             VkBufferUsageFlags usage) {
    // A zero-sized buffer is invalid; empty data (no valves, say) still gets a valid binding.
    const VkDeviceSize size = std::max<VkDeviceSize>(bytes, 16);
    Result<Buffer> dst = create_buffer(device, size, usage | VK_BUFFER_USAGE_TRANSFER_DST_BIT,
                                       MemoryUse::DeviceLocal);
    if (!dst) return dst.error();
    Result<Buffer> staging =
        create_buffer(device, size, VK_BUFFER_USAGE_TRANSFER_SRC_BIT, MemoryUse::Upload);
    if (!staging) return staging.error();
    std::vector<std::uint8_t> zeros;
    if (data == nullptr || bytes < size) {
        zeros.assign(size, 0);
        if (data != nullptr) std::memcpy(zeros.data(), data, bytes);
        staging.value().write(zeros.data(), size);
    } else {
        staging.value().write(data, bytes);
    }
    pending_.push_back({staging.take(), dst.value().get(), size});
    return dst;
}

void Uploader::flush(const ImmediateSubmitter& submitter) {
    if (pending_.empty()) return;
    submitter.submit([&](VkCommandBuffer cmd) {
        for (const Pending& p : pending_) {
            const VkBufferCopy region{0, 0, p.bytes};
            vkCmdCopyBuffer(cmd, p.staging.get(), p.dst, 1, &region);
        }
        // RAW: every later use (index fetch, vertex pulling, compute) reads what was copied.
        VkMemoryBarrier2 barrier{};
        barrier.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER_2;
        barrier.srcStageMask = VK_PIPELINE_STAGE_2_COPY_BIT;
        barrier.srcAccessMask = VK_ACCESS_2_TRANSFER_WRITE_BIT;
        barrier.dstStageMask =
            VK_PIPELINE_STAGE_2_INDEX_INPUT_BIT | VK_PIPELINE_STAGE_2_VERTEX_SHADER_BIT |
            VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT | VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT;
        barrier.dstAccessMask = VK_ACCESS_2_INDEX_READ_BIT | VK_ACCESS_2_SHADER_STORAGE_READ_BIT |
                                VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT;
        VkDependencyInfo dep{};
        dep.sType = VK_STRUCTURE_TYPE_DEPENDENCY_INFO;
        dep.memoryBarrierCount = 1;
        dep.pMemoryBarriers = &barrier;
        vkCmdPipelineBarrier2(cmd, &dep);
    });
    pending_.clear(); // the submission has completed: staging buffers can go
}

Result<UniquePipeline> create_scene_pipeline(VkDevice device, const ScenePipelineDesc& desc) {
    GraphicsPipelineDesc g;
    g.vertex_shader = desc.vertex_shader;
    g.fragment_shader = desc.fragment_shader;
    g.layout = desc.layout;
    g.color_format = OffscreenTarget::k_color_format;
    g.depth_format = OffscreenTarget::k_depth_format;
    g.depth_test = true;
    g.depth_write = desc.depth_write;
    g.blend = desc.blend == Blend::Alpha ? BlendMode::Alpha : BlendMode::None;
    g.cull = desc.cull;
    return create_graphics_pipeline(device, g);
}

void write_storage_binding(VkDevice device, VkDescriptorSet set, std::uint32_t binding,
                           VkBuffer buffer) {
    const VkDescriptorBufferInfo info{buffer, 0, VK_WHOLE_SIZE};
    VkWriteDescriptorSet write{};
    write.sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET;
    write.dstSet = set;
    write.dstBinding = binding;
    write.descriptorCount = 1;
    write.descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
    write.pBufferInfo = &info;
    vkUpdateDescriptorSets(device, 1, &write, 0, nullptr);
}

Result<UniqueDescriptorPool> create_storage_pool(VkDevice device, std::uint32_t sets,
                                                 std::uint32_t storage_descriptors) {
    const VkDescriptorPoolSize size{VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, storage_descriptors};
    return create_descriptor_pool(device, std::span(&size, 1), sets);
}

Result<VkDescriptorSet> allocate_set(VkDevice device, VkDescriptorPool pool,
                                     VkDescriptorSetLayout layout) {
    return allocate_descriptor_set(device, pool, layout);
}

} // namespace sh::scene
