#include "pipelines.hpp"

#include "shader_registry.hpp"
#include "vk_check.hpp"

#include <string>
#include <vector>

namespace sh {

Result<UniqueShaderModule> create_shader_module(VkDevice device, std::string_view name) {
    const std::span<const std::uint32_t> words = shader_spirv(name);
    if (words.empty()) return Error{"no embedded shader named '" + std::string(name) + "'", {}};
    VkShaderModuleCreateInfo info{};
    info.sType = VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO;
    info.codeSize = words.size_bytes();
    info.pCode = words.data();
    VkShaderModule module = VK_NULL_HANDLE;
    const VkResult r = vkCreateShaderModule(device, &info, nullptr, &module);
    if (r != VK_SUCCESS) {
        return vulkan_error(r, "vkCreateShaderModule failed for '" + std::string(name) + "'");
    }
    return UniqueShaderModule(device, module);
}

Result<UniquePipelineLayout> create_pipeline_layout(VkDevice device,
                                                    VkDescriptorSetLayout set_layout,
                                                    VkShaderStageFlags push_stages,
                                                    std::uint32_t push_size) {
    VkPushConstantRange range{push_stages, 0, push_size};
    VkPipelineLayoutCreateInfo info{};
    info.sType = VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO;
    info.setLayoutCount = set_layout != VK_NULL_HANDLE ? 1u : 0u;
    info.pSetLayouts = set_layout != VK_NULL_HANDLE ? &set_layout : nullptr;
    info.pushConstantRangeCount = push_size > 0 ? 1u : 0u;
    info.pPushConstantRanges = push_size > 0 ? &range : nullptr;
    VkPipelineLayout layout = VK_NULL_HANDLE;
    const VkResult r = vkCreatePipelineLayout(device, &info, nullptr, &layout);
    if (r != VK_SUCCESS) return vulkan_error(r, "vkCreatePipelineLayout failed");
    return UniquePipelineLayout(device, layout);
}

Result<UniqueDescriptorSetLayout>
create_set_layout(VkDevice device, std::span<const VkDescriptorSetLayoutBinding> bindings) {
    VkDescriptorSetLayoutCreateInfo info{};
    info.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO;
    info.bindingCount = static_cast<std::uint32_t>(bindings.size());
    info.pBindings = bindings.data();
    VkDescriptorSetLayout layout = VK_NULL_HANDLE;
    const VkResult r = vkCreateDescriptorSetLayout(device, &info, nullptr, &layout);
    if (r != VK_SUCCESS) return vulkan_error(r, "vkCreateDescriptorSetLayout failed");
    return UniqueDescriptorSetLayout(device, layout);
}

Result<UniqueDescriptorSetLayout> create_storage_set_layout(VkDevice device, std::uint32_t count,
                                                            VkShaderStageFlags stages) {
    std::vector<VkDescriptorSetLayoutBinding> bindings(count);
    for (std::uint32_t i = 0; i < count; ++i)
        bindings[i] = {i, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, stages, nullptr};
    return create_set_layout(device, bindings);
}

Result<UniquePipeline> create_compute_pipeline(VkDevice device, VkPipelineLayout layout,
                                               std::string_view shader) {
    Result<UniqueShaderModule> module = create_shader_module(device, shader);
    if (!module) return module.error();
    VkComputePipelineCreateInfo info{};
    info.sType = VK_STRUCTURE_TYPE_COMPUTE_PIPELINE_CREATE_INFO;
    info.stage.sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO;
    info.stage.stage = VK_SHADER_STAGE_COMPUTE_BIT;
    info.stage.module = module.value().get();
    info.stage.pName = "main";
    info.layout = layout;
    VkPipeline pipeline = VK_NULL_HANDLE;
    const VkResult r =
        vkCreateComputePipelines(device, VK_NULL_HANDLE, 1, &info, nullptr, &pipeline);
    if (r != VK_SUCCESS) {
        return vulkan_error(r, "vkCreateComputePipelines failed for '" + std::string(shader) + "'");
    }
    return UniquePipeline(device, pipeline);
}

Result<UniquePipeline> create_graphics_pipeline(VkDevice device, const GraphicsPipelineDesc& desc) {
    Result<UniqueShaderModule> vert = create_shader_module(device, desc.vertex_shader);
    if (!vert) return vert.error();
    Result<UniqueShaderModule> frag = create_shader_module(device, desc.fragment_shader);
    if (!frag) return frag.error();

    VkPipelineShaderStageCreateInfo stages[2]{};
    stages[0].sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO;
    stages[0].stage = VK_SHADER_STAGE_VERTEX_BIT;
    stages[0].module = vert.value().get();
    stages[0].pName = "main";
    stages[1].sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO;
    stages[1].stage = VK_SHADER_STAGE_FRAGMENT_BIT;
    stages[1].module = frag.value().get();
    stages[1].pName = "main";

    VkPipelineVertexInputStateCreateInfo vertex_input{};
    vertex_input.sType = VK_STRUCTURE_TYPE_PIPELINE_VERTEX_INPUT_STATE_CREATE_INFO;

    VkPipelineInputAssemblyStateCreateInfo assembly{};
    assembly.sType = VK_STRUCTURE_TYPE_PIPELINE_INPUT_ASSEMBLY_STATE_CREATE_INFO;
    assembly.topology = desc.topology;

    VkPipelineViewportStateCreateInfo viewport{};
    viewport.sType = VK_STRUCTURE_TYPE_PIPELINE_VIEWPORT_STATE_CREATE_INFO;
    viewport.viewportCount = 1;
    viewport.scissorCount = 1;

    VkPipelineRasterizationStateCreateInfo raster{};
    raster.sType = VK_STRUCTURE_TYPE_PIPELINE_RASTERIZATION_STATE_CREATE_INFO;
    raster.polygonMode = VK_POLYGON_MODE_FILL;
    raster.cullMode = desc.cull;
    raster.frontFace = VK_FRONT_FACE_COUNTER_CLOCKWISE;
    raster.lineWidth = 1.0f;

    VkPipelineMultisampleStateCreateInfo multisample{};
    multisample.sType = VK_STRUCTURE_TYPE_PIPELINE_MULTISAMPLE_STATE_CREATE_INFO;
    multisample.rasterizationSamples = VK_SAMPLE_COUNT_1_BIT;

    VkPipelineDepthStencilStateCreateInfo depth{};
    depth.sType = VK_STRUCTURE_TYPE_PIPELINE_DEPTH_STENCIL_STATE_CREATE_INFO;
    const bool has_depth = desc.depth_format != VK_FORMAT_UNDEFINED;
    depth.depthTestEnable = has_depth && desc.depth_test ? VK_TRUE : VK_FALSE;
    depth.depthWriteEnable = has_depth && desc.depth_write ? VK_TRUE : VK_FALSE;
    depth.depthCompareOp = VK_COMPARE_OP_LESS_OR_EQUAL;

    VkPipelineColorBlendAttachmentState blend_attachment{};
    blend_attachment.colorWriteMask = VK_COLOR_COMPONENT_R_BIT | VK_COLOR_COMPONENT_G_BIT |
                                      VK_COLOR_COMPONENT_B_BIT | VK_COLOR_COMPONENT_A_BIT;
    if (desc.blend != BlendMode::None) {
        const bool additive = desc.blend == BlendMode::Additive;
        blend_attachment.blendEnable = VK_TRUE;
        blend_attachment.srcColorBlendFactor = VK_BLEND_FACTOR_SRC_ALPHA;
        blend_attachment.dstColorBlendFactor =
            additive ? VK_BLEND_FACTOR_ONE : VK_BLEND_FACTOR_ONE_MINUS_SRC_ALPHA;
        blend_attachment.colorBlendOp = VK_BLEND_OP_ADD;
        blend_attachment.srcAlphaBlendFactor =
            additive ? VK_BLEND_FACTOR_ONE : VK_BLEND_FACTOR_ZERO;
        blend_attachment.dstAlphaBlendFactor = VK_BLEND_FACTOR_ONE;
        blend_attachment.alphaBlendOp = VK_BLEND_OP_ADD;
    }
    VkPipelineColorBlendStateCreateInfo blend{};
    blend.sType = VK_STRUCTURE_TYPE_PIPELINE_COLOR_BLEND_STATE_CREATE_INFO;
    blend.attachmentCount = 1;
    blend.pAttachments = &blend_attachment;

    const VkDynamicState dynamic_states[] = {VK_DYNAMIC_STATE_VIEWPORT, VK_DYNAMIC_STATE_SCISSOR};
    VkPipelineDynamicStateCreateInfo dynamic{};
    dynamic.sType = VK_STRUCTURE_TYPE_PIPELINE_DYNAMIC_STATE_CREATE_INFO;
    dynamic.dynamicStateCount = 2;
    dynamic.pDynamicStates = dynamic_states;

    VkPipelineRenderingCreateInfo rendering{};
    rendering.sType = VK_STRUCTURE_TYPE_PIPELINE_RENDERING_CREATE_INFO;
    rendering.colorAttachmentCount = 1;
    rendering.pColorAttachmentFormats = &desc.color_format;
    rendering.depthAttachmentFormat = desc.depth_format;

    VkGraphicsPipelineCreateInfo info{};
    info.sType = VK_STRUCTURE_TYPE_GRAPHICS_PIPELINE_CREATE_INFO;
    info.pNext = &rendering; // dynamic rendering: no VkRenderPass
    info.stageCount = 2;
    info.pStages = stages;
    info.pVertexInputState = &vertex_input;
    info.pInputAssemblyState = &assembly;
    info.pViewportState = &viewport;
    info.pRasterizationState = &raster;
    info.pMultisampleState = &multisample;
    info.pDepthStencilState = has_depth ? &depth : nullptr;
    info.pColorBlendState = &blend;
    info.pDynamicState = &dynamic;
    info.layout = desc.layout;

    VkPipeline pipeline = VK_NULL_HANDLE;
    const VkResult r =
        vkCreateGraphicsPipelines(device, VK_NULL_HANDLE, 1, &info, nullptr, &pipeline);
    if (r != VK_SUCCESS) {
        return vulkan_error(r, "vkCreateGraphicsPipelines failed for '" +
                                   std::string(desc.vertex_shader) + "'");
    }
    return UniquePipeline(device, pipeline);
}

Result<UniqueDescriptorPool> create_descriptor_pool(VkDevice device,
                                                    std::span<const VkDescriptorPoolSize> sizes,
                                                    std::uint32_t max_sets) {
    VkDescriptorPoolCreateInfo info{};
    info.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO;
    info.maxSets = max_sets;
    info.poolSizeCount = static_cast<std::uint32_t>(sizes.size());
    info.pPoolSizes = sizes.data();
    VkDescriptorPool pool = VK_NULL_HANDLE;
    const VkResult r = vkCreateDescriptorPool(device, &info, nullptr, &pool);
    if (r != VK_SUCCESS) return vulkan_error(r, "vkCreateDescriptorPool failed");
    return UniqueDescriptorPool(device, pool);
}

Result<VkDescriptorSet> allocate_descriptor_set(VkDevice device, VkDescriptorPool pool,
                                                VkDescriptorSetLayout layout) {
    VkDescriptorSetAllocateInfo alloc{};
    alloc.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO;
    alloc.descriptorPool = pool;
    alloc.descriptorSetCount = 1;
    alloc.pSetLayouts = &layout;
    VkDescriptorSet set = VK_NULL_HANDLE;
    const VkResult r = vkAllocateDescriptorSets(device, &alloc, &set);
    if (r != VK_SUCCESS) return vulkan_error(r, "vkAllocateDescriptorSets failed");
    return set;
}

Result<UniqueSampler> create_clamped_sampler(VkDevice device, VkFilter filter) {
    VkSamplerCreateInfo info{};
    info.sType = VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO;
    info.magFilter = filter;
    info.minFilter = filter;
    info.mipmapMode = VK_SAMPLER_MIPMAP_MODE_NEAREST;
    info.addressModeU = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
    info.addressModeV = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
    info.addressModeW = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
    VkSampler sampler = VK_NULL_HANDLE;
    const VkResult r = vkCreateSampler(device, &info, nullptr, &sampler);
    if (r != VK_SUCCESS) return vulkan_error(r, "vkCreateSampler failed");
    return UniqueSampler(device, sampler);
}

} // namespace sh
