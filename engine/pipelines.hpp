// Shader modules and pipeline creation helpers (compute, and graphics with dynamic rendering).
#pragma once

#include "result.hpp"
#include "vk_handle.hpp"

#include <cstdint>
#include <span>
#include <string_view>
#include <vulkan/vulkan.h>

namespace sh {

// Module from an embedded shader (see shader_registry.hpp).
Result<UniqueShaderModule> create_shader_module(VkDevice device, std::string_view name);

// Layout with one descriptor set layout (or none) and one push-constant range.
Result<UniquePipelineLayout> create_pipeline_layout(VkDevice device,
                                                    VkDescriptorSetLayout set_layout,
                                                    VkShaderStageFlags push_stages,
                                                    std::uint32_t push_size);

// Set layout of the given bindings.
Result<UniqueDescriptorSetLayout>
create_set_layout(VkDevice device, std::span<const VkDescriptorSetLayoutBinding> bindings);
// Set layout of `count` storage buffers at bindings 0..count-1, visible to `stages`.
Result<UniqueDescriptorSetLayout> create_storage_set_layout(VkDevice device, std::uint32_t count,
                                                            VkShaderStageFlags stages);

// A descriptor pool for up to `max_sets` sets holding `sizes` descriptors in all.
Result<UniqueDescriptorPool> create_descriptor_pool(VkDevice device,
                                                    std::span<const VkDescriptorPoolSize> sizes,
                                                    std::uint32_t max_sets);
// One set of `layout` from `pool` (freed with the pool).
Result<VkDescriptorSet> allocate_descriptor_set(VkDevice device, VkDescriptorPool pool,
                                                VkDescriptorSetLayout layout);

// A sampler with clamp-to-edge addressing and one mip level, filtering with `filter`.
Result<UniqueSampler> create_clamped_sampler(VkDevice device, VkFilter filter);

Result<UniquePipeline> create_compute_pipeline(VkDevice device, VkPipelineLayout layout,
                                               std::string_view shader);

enum class BlendMode {
    None,
    Additive, // src alpha + dst (glow)
    Alpha,    // straight alpha "over"; destination alpha kept, so readback/present is opaque
};

struct GraphicsPipelineDesc {
    std::string_view vertex_shader;
    std::string_view fragment_shader;
    VkPipelineLayout layout = VK_NULL_HANDLE;
    VkPrimitiveTopology topology = VK_PRIMITIVE_TOPOLOGY_TRIANGLE_LIST;
    VkFormat color_format = VK_FORMAT_UNDEFINED;
    VkFormat depth_format = VK_FORMAT_UNDEFINED; // UNDEFINED: no depth attachment
    bool depth_test = true;
    bool depth_write = true;
    BlendMode blend = BlendMode::None;
    VkCullModeFlags cull = VK_CULL_MODE_NONE;
};

// No vertex input (shaders pull from storage buffers or gl_VertexIndex); viewport and scissor
// are dynamic so that one pipeline serves every target size.
Result<UniquePipeline> create_graphics_pipeline(VkDevice device, const GraphicsPipelineDesc& desc);

} // namespace sh
