#include "post/edge_aa_pass.hpp"

#include "barriers.hpp"
#include "pipelines.hpp"
#include "vk_check.hpp"

#include <algorithm>
#include <stdexcept>

namespace sh {
namespace {

struct EdgeAaPush { // edge_aa_common.h
    std::int32_t rect_offset[2];
    std::int32_t rect_size[2];
    float to_source[2];
    std::uint32_t upscale;
    std::uint32_t pad0;
};
static_assert(sizeof(EdgeAaPush) == 32);

constexpr std::uint32_t k_tile = 16;        // local_size of edge_aa_find.comp (x and y)
constexpr VkDeviceSize k_edges_header = 16; // groups_x, groups_y, groups_z, edge_count
constexpr VkPipelineStageFlags2 k_compute = VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT;

} // namespace

VkRect2D clamp_rect(VkRect2D rect, VkExtent2D extent) {
    const auto clamp_to = [](std::int64_t v, std::uint32_t side) {
        return static_cast<std::uint32_t>(std::clamp<std::int64_t>(v, 0, side));
    };
    const std::uint32_t x0 = clamp_to(rect.offset.x, extent.width);
    const std::uint32_t y0 = clamp_to(rect.offset.y, extent.height);
    const std::uint32_t x1 =
        clamp_to(std::int64_t{rect.offset.x} + rect.extent.width, extent.width);
    const std::uint32_t y1 =
        clamp_to(std::int64_t{rect.offset.y} + rect.extent.height, extent.height);
    if (x1 <= x0 || y1 <= y0) return VkRect2D{{0, 0}, {0, 0}};
    return VkRect2D{{static_cast<std::int32_t>(x0), static_cast<std::int32_t>(y0)},
                    {x1 - x0, y1 - y0}};
}

Result<EdgeAaPass> create_edge_aa_pass(const Device& device) {
    const VkDevice dev = device.get();
    EdgeAaPass p;
    const VkDescriptorSetLayoutBinding bindings[3] = {
        {0, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, VK_SHADER_STAGE_COMPUTE_BIT, nullptr},
        {1, VK_DESCRIPTOR_TYPE_STORAGE_IMAGE, 1, VK_SHADER_STAGE_COMPUTE_BIT, nullptr},
        {2, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, VK_SHADER_STAGE_COMPUTE_BIT, nullptr}};
    Result<UniqueDescriptorSetLayout> set = create_set_layout(dev, bindings);
    if (!set) return set.error();
    p.set_layout_ = set.take();
    const VkDescriptorSetLayout set_layout = p.set_layout_.get();
    auto layout =
        create_pipeline_layout(dev, set_layout, VK_SHADER_STAGE_COMPUTE_BIT, sizeof(EdgeAaPush));
    if (!layout) return layout.error();
    p.layout_ = layout.take();
    auto find = create_compute_pipeline(dev, p.layout_.get(), "edge_aa_find.comp");
    if (!find) return find.error();
    p.find_pipeline_ = find.take();
    auto pipeline = create_compute_pipeline(dev, p.layout_.get(), "edge_aa.comp");
    if (!pipeline) return pipeline.error();
    p.pipeline_ = pipeline.take();
    return p;
}

Result<bool> EdgeAaPass::attach(const Device& device, const OffscreenTarget& target,
                                const OffscreenTarget* output) {
    if (!target.has_storage() || (output != nullptr && !output->has_storage()))
        return Error{"edge anti-aliasing: the colour image has no STORAGE usage", {}};
    if (output != nullptr && (!target.has_linear_blit() || !output->has_linear_blit()))
        return Error{"edge anti-aliasing: the colour format cannot be blitted with linear "
                     "filtering on this device (needed to upscale); use --render-scale 1",
                     {}};
    const VkDevice dev = device.get();
    pool_.reset();
    set_ = VK_NULL_HANDLE;
    const VkExtent2D e = target.extent();
    auto copy = create_buffer(device, VkDeviceSize{e.width} * e.height * 4,
                              VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT,
                              MemoryUse::DeviceLocal);
    if (!copy) return copy.error();
    copy_ = copy.take();
    // At most one list entry per pixel of the image.
    auto edges =
        create_buffer(device, k_edges_header + VkDeviceSize{e.width} * e.height * 4,
                      VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_INDIRECT_BUFFER_BIT |
                          VK_BUFFER_USAGE_TRANSFER_DST_BIT,
                      MemoryUse::DeviceLocal);
    if (!edges) return edges.error();
    edges_ = edges.take();
    const VkDescriptorPoolSize sizes[2] = {{VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 2},
                                           {VK_DESCRIPTOR_TYPE_STORAGE_IMAGE, 1}};
    auto pool = create_descriptor_pool(dev, std::span(sizes), 1u);
    if (!pool) return pool.error();
    pool_ = pool.take();
    auto set = allocate_descriptor_set(dev, pool_.get(), set_layout_.get());
    if (!set) return set.error();
    set_ = set.value();

    const VkDescriptorBufferInfo src{copy_.get(), 0, VK_WHOLE_SIZE};
    const VkDescriptorBufferInfo list{edges_.get(), 0, VK_WHOLE_SIZE};
    const OffscreenTarget& written = output != nullptr ? *output : target;
    const VkDescriptorImageInfo dst{VK_NULL_HANDLE, written.color().view(),
                                    VK_IMAGE_LAYOUT_GENERAL};
    VkWriteDescriptorSet writes[3]{};
    for (std::uint32_t i = 0; i < 3; ++i) {
        writes[i].sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET;
        writes[i].dstSet = set_;
        writes[i].dstBinding = i;
        writes[i].descriptorCount = 1;
    }
    writes[0].descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
    writes[0].pBufferInfo = &src;
    writes[1].descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_IMAGE;
    writes[1].pImageInfo = &dst;
    writes[2].descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
    writes[2].pBufferInfo = &list;
    vkUpdateDescriptorSets(dev, 3, writes, 0, nullptr);
    image_ = target.color().get();
    extent_ = e;
    output_image_ = output != nullptr ? output->color().get() : VK_NULL_HANDLE;
    output_extent_ = output != nullptr ? output->extent() : VkExtent2D{};
    return true;
}

void EdgeAaPass::record(VkCommandBuffer cmd, OffscreenTarget& target, VkRect2D rect,
                        OffscreenTarget* output) const {
    const auto same = [](const OffscreenTarget& t, VkImage image, VkExtent2D extent) {
        return image == t.color().get() && extent.width == t.extent().width &&
               extent.height == t.extent().height;
    };
    if (set_ == VK_NULL_HANDLE || !same(target, image_, extent_) ||
        (output != nullptr) != (output_image_ != VK_NULL_HANDLE) ||
        (output != nullptr && !same(*output, output_image_, output_extent_)))
        throw std::logic_error("EdgeAaPass::record: call attach with these targets first");
    rect = clamp_rect(rect, extent_);
    if (rect.extent.width == 0 || rect.extent.height == 0) {
        if (output != nullptr) target.blit_to(cmd, *output);
        return;
    }
    // The list header {0 groups, 1, 1, 0 edges}. WAR: the previous use's indirect read and
    // shader reads come first.
    pipeline_barrier(
        cmd,
        {buffer_barrier(edges_.get(), k_compute | VK_PIPELINE_STAGE_2_DRAW_INDIRECT_BIT,
                        VK_ACCESS_2_NONE, VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT,
                        VK_ACCESS_2_TRANSFER_WRITE_BIT)},
        {});
    const std::uint32_t header[4] = {0, 1, 1, 0};
    vkCmdUpdateBuffer(cmd, edges_.get(), 0, sizeof(header), header);
    // RAW/WAW: the find pass's atomics come after the reset.
    pipeline_barrier(cmd,
                     {buffer_barrier(edges_.get(), VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT,
                                     VK_ACCESS_2_TRANSFER_WRITE_BIT, k_compute,
                                     VK_ACCESS_2_SHADER_STORAGE_READ_BIT |
                                         VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT)},
                     {});
    target.copy_color_and_begin_compute_access(cmd, copy_.get(), rect);
    EdgeAaPush push{};
    push.rect_offset[0] = rect.offset.x;
    push.rect_offset[1] = rect.offset.y;
    push.rect_size[0] = static_cast<std::int32_t>(rect.extent.width);
    push.rect_size[1] = static_cast<std::int32_t>(rect.extent.height);
    push.to_source[0] = 1.0f;
    push.to_source[1] = 1.0f;
    if (output != nullptr) {
        push.to_source[0] =
            static_cast<float>(extent_.width) / static_cast<float>(output_extent_.width);
        push.to_source[1] =
            static_cast<float>(extent_.height) / static_cast<float>(output_extent_.height);
        push.upscale = 1;
    }
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, find_pipeline_.get());
    vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, layout_.get(), 0, 1, &set_, 0,
                            nullptr);
    vkCmdPushConstants(cmd, layout_.get(), VK_SHADER_STAGE_COMPUTE_BIT, 0, sizeof(push), &push);
    vkCmdDispatch(cmd, (rect.extent.width + k_tile - 1) / k_tile,
                  (rect.extent.height + k_tile - 1) / k_tile, 1);
    // RAW: the indirect dispatch reads the group count, the smoothing pass the list.
    pipeline_barrier(
        cmd,
        {buffer_barrier(edges_.get(), k_compute,
                        VK_ACCESS_2_SHADER_STORAGE_READ_BIT | VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT,
                        VK_PIPELINE_STAGE_2_DRAW_INDIRECT_BIT | k_compute,
                        VK_ACCESS_2_INDIRECT_COMMAND_READ_BIT |
                            VK_ACCESS_2_SHADER_STORAGE_READ_BIT)},
        {});
    if (output == nullptr) {
        vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, pipeline_.get());
        vkCmdDispatchIndirect(cmd, edges_.get(), 0);
        target.end_compute_access(cmd);
        return;
    }
    // Upscaling: the bilinear blit writes every output pixel (on lavapipe a blit is the
    // cheapest full-frame pass), then the edge pixels' blocks are rewritten sharp.
    target.end_compute_access(cmd);
    target.blit_to(cmd, *output);
    output->begin_compute_access(cmd);
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, pipeline_.get());
    vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, layout_.get(), 0, 1, &set_, 0,
                            nullptr);
    vkCmdPushConstants(cmd, layout_.get(), VK_SHADER_STAGE_COMPUTE_BIT, 0, sizeof(push), &push);
    vkCmdDispatchIndirect(cmd, edges_.get(), 0);
    output->end_compute_access(cmd);
}

} // namespace sh
