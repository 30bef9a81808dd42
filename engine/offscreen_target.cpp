#include "offscreen_target.hpp"

#include "barriers.hpp"

#include <stdexcept>
#include <string>

namespace sh {

Result<OffscreenTarget> create_offscreen_target(const Device& device, VkExtent2D extent) {
    if (extent.width == 0 || extent.height == 0)
        return Error{"offscreen target: zero size", {"a minimised window must skip the frame"}};

    VkFormatProperties color_props{};
    vkGetPhysicalDeviceFormatProperties(device.physical(), OffscreenTarget::k_color_format,
                                        &color_props);
    VkFormatProperties depth_props{};
    vkGetPhysicalDeviceFormatProperties(device.physical(), OffscreenTarget::k_depth_format,
                                        &depth_props);
    const VkFormatFeatureFlags color_features = color_props.optimalTilingFeatures;
    if ((color_features & VK_FORMAT_FEATURE_COLOR_ATTACHMENT_BIT) == 0)
        return Error{"offscreen target: R8G8B8A8_UNORM cannot be a colour attachment", {}};
    if ((depth_props.optimalTilingFeatures & VK_FORMAT_FEATURE_DEPTH_STENCIL_ATTACHMENT_BIT) == 0)
        return Error{"offscreen target: D32_SFLOAT cannot be a depth attachment", {}};

    OffscreenTarget target;
    target.storage_ = (color_features & VK_FORMAT_FEATURE_STORAGE_IMAGE_BIT) != 0;
    // TRANSFER_DST: blit_to may scale another target onto this one.
    VkImageUsageFlags color_usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT |
                                    VK_IMAGE_USAGE_TRANSFER_SRC_BIT |
                                    VK_IMAGE_USAGE_TRANSFER_DST_BIT;
    const VkFormatFeatureFlags blit_features = VK_FORMAT_FEATURE_BLIT_SRC_BIT |
                                               VK_FORMAT_FEATURE_BLIT_DST_BIT |
                                               VK_FORMAT_FEATURE_SAMPLED_IMAGE_FILTER_LINEAR_BIT;
    target.linear_blit_ = (color_features & blit_features) == blit_features;
    if (target.storage_) color_usage |= VK_IMAGE_USAGE_STORAGE_BIT;

    Result<Image> color = create_image(
        device, {extent, OffscreenTarget::k_color_format, color_usage, VK_IMAGE_ASPECT_COLOR_BIT});
    if (!color) return color.error();
    // A copyable depth lets compute passes (the particle splat) test against the scene.
    target.depth_copy_ =
        (depth_props.optimalTilingFeatures & VK_FORMAT_FEATURE_TRANSFER_SRC_BIT) != 0;
    VkImageUsageFlags depth_usage = VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT;
    if (target.depth_copy_) depth_usage |= VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
    Result<Image> depth = create_image(
        device, {extent, OffscreenTarget::k_depth_format, depth_usage, VK_IMAGE_ASPECT_DEPTH_BIT});
    if (!depth) return depth.error();
    target.color_ = color.take();
    target.depth_ = depth.take();
    return target;
}

void OffscreenTarget::begin_rendering(VkCommandBuffer cmd,
                                      const std::array<float, 4>& clear_color) {
    // Colour: WAW against the previous frame's attachment writes and WAR against a previous
    // readback copy; the old contents are cleared anyway, so the old layout can be discarded.
    // Depth: WAW against the previous frame's depth tests/writes (both fragment-test stages).
    pipeline_barrier(
        cmd, {},
        {image_barrier(
             color_.get(), VK_IMAGE_ASPECT_COLOR_BIT,
             VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT | VK_PIPELINE_STAGE_2_COPY_BIT,
             VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
             VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT,
             VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT | VK_ACCESS_2_COLOR_ATTACHMENT_READ_BIT,
             VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL),
         image_barrier(depth_.get(), VK_IMAGE_ASPECT_DEPTH_BIT,
                       VK_PIPELINE_STAGE_2_EARLY_FRAGMENT_TESTS_BIT |
                           VK_PIPELINE_STAGE_2_LATE_FRAGMENT_TESTS_BIT,
                       VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
                       VK_PIPELINE_STAGE_2_EARLY_FRAGMENT_TESTS_BIT |
                           VK_PIPELINE_STAGE_2_LATE_FRAGMENT_TESTS_BIT,
                       VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_READ_BIT |
                           VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT,
                       VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL)});
    color_layout_ = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
    depth_layout_ = VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL;
    record_begin_rendering(cmd, &clear_color);
}

void OffscreenTarget::continue_rendering(VkCommandBuffer cmd) {
    // Colour: RAW/WAW against the attachment writes and compute (splat) writes before, in
    // COLOR_ATTACHMENT_OPTIMAL. Depth: RAW/WAW against the depth tests before, and WAR against
    // a depth copy (copy_depth leaves it in DEPTH_ATTACHMENT_OPTIMAL).
    pipeline_barrier(
        cmd, {},
        {image_barrier(
             color_.get(), VK_IMAGE_ASPECT_COLOR_BIT,
             VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT |
                 VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT,
             VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT | VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT,
             color_layout_, VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT,
             VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT | VK_ACCESS_2_COLOR_ATTACHMENT_READ_BIT,
             VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL),
         image_barrier(depth_.get(), VK_IMAGE_ASPECT_DEPTH_BIT,
                       VK_PIPELINE_STAGE_2_EARLY_FRAGMENT_TESTS_BIT |
                           VK_PIPELINE_STAGE_2_LATE_FRAGMENT_TESTS_BIT |
                           VK_PIPELINE_STAGE_2_COPY_BIT,
                       VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT, depth_layout_,
                       VK_PIPELINE_STAGE_2_EARLY_FRAGMENT_TESTS_BIT |
                           VK_PIPELINE_STAGE_2_LATE_FRAGMENT_TESTS_BIT,
                       VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_READ_BIT |
                           VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT,
                       VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL)});
    color_layout_ = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
    depth_layout_ = VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL;
    record_begin_rendering(cmd, nullptr);
}

void OffscreenTarget::record_begin_rendering(VkCommandBuffer cmd,
                                             const std::array<float, 4>* clear_color) {
    VkRenderingAttachmentInfo color{};
    color.sType = VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO;
    color.imageView = color_.view();
    color.imageLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
    color.loadOp =
        clear_color != nullptr ? VK_ATTACHMENT_LOAD_OP_CLEAR : VK_ATTACHMENT_LOAD_OP_LOAD;
    color.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
    if (clear_color != nullptr) {
        const std::array<float, 4>& c = *clear_color;
        color.clearValue.color = {{c[0], c[1], c[2], c[3]}};
    }

    VkRenderingAttachmentInfo depth{};
    depth.sType = VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO;
    depth.imageView = depth_.view();
    depth.imageLayout = VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL;
    depth.loadOp =
        clear_color != nullptr ? VK_ATTACHMENT_LOAD_OP_CLEAR : VK_ATTACHMENT_LOAD_OP_LOAD;
    // Kept after the pass: compute passes (the particle splat) sample it.
    depth.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
    depth.clearValue.depthStencil = {1.0f, 0};

    const VkExtent2D size = extent();
    VkRenderingInfo info{};
    info.sType = VK_STRUCTURE_TYPE_RENDERING_INFO;
    info.renderArea = {{0, 0}, size};
    info.layerCount = 1;
    info.colorAttachmentCount = 1;
    info.pColorAttachments = &color;
    info.pDepthAttachment = &depth;
    vkCmdBeginRendering(cmd, &info);

    const VkViewport viewport{
        0.0f, 0.0f, static_cast<float>(size.width), static_cast<float>(size.height), 0.0f, 1.0f};
    const VkRect2D scissor{{0, 0}, size};
    vkCmdSetViewport(cmd, 0, 1, &viewport);
    vkCmdSetScissor(cmd, 0, 1, &scissor);
}

void OffscreenTarget::end_rendering(VkCommandBuffer cmd) {
    vkCmdEndRendering(cmd);
}

void OffscreenTarget::begin_compute_access(VkCommandBuffer cmd) {
    // Colour: RAW/WAW, compute reads and writes (storage image) what the scene's colour
    // attachment wrote.
    pipeline_barrier(
        cmd, {},
        {image_barrier(color_.get(), VK_IMAGE_ASPECT_COLOR_BIT,
                       VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT,
                       VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT, color_layout_,
                       VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT,
                       VK_ACCESS_2_SHADER_STORAGE_READ_BIT | VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT,
                       VK_IMAGE_LAYOUT_GENERAL)});
    color_layout_ = VK_IMAGE_LAYOUT_GENERAL;
}

void OffscreenTarget::end_compute_access(VkCommandBuffer cmd) {
    // Colour: RAW/WAW, later attachment writes (overlays) and copies (readback, blit to the
    // swapchain) see the compute writes.
    pipeline_barrier(
        cmd, {},
        {image_barrier(
            color_.get(), VK_IMAGE_ASPECT_COLOR_BIT, VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT,
            VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT, color_layout_,
            VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT | VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT,
            VK_ACCESS_2_COLOR_ATTACHMENT_READ_BIT | VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT |
                VK_ACCESS_2_TRANSFER_READ_BIT,
            VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL)});
    color_layout_ = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
}

void OffscreenTarget::blit_to(VkCommandBuffer cmd, OffscreenTarget& output) {
    if (!linear_blit_ || !output.linear_blit_)
        throw std::logic_error("OffscreenTarget::blit_to: the colour format cannot be blitted");
    // Source: RAW, the blit reads what the scene's attachment writes and the splat's storage
    // writes left. Output: WAW/WAR against its earlier writes and reads (previous frame's UI
    // pass, readback and swapchain blit); every pixel is rewritten, contents discarded.
    pipeline_barrier(
        cmd, {},
        {image_barrier(color_.get(), VK_IMAGE_ASPECT_COLOR_BIT,
                       VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT |
                           VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT,
                       VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT |
                           VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT,
                       color_layout_, VK_PIPELINE_STAGE_2_BLIT_BIT, VK_ACCESS_2_TRANSFER_READ_BIT,
                       VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL),
         image_barrier(output.color_.get(), VK_IMAGE_ASPECT_COLOR_BIT,
                       VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT |
                           VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT,
                       VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
                       VK_PIPELINE_STAGE_2_BLIT_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT,
                       VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL)});
    record_whole_image_blit(cmd, color_.get(), extent(), output.color_.get(), output.extent(),
                            VK_FILTER_LINEAR);
    // Output: RAW for the UI overlay (colour attachment) and the copies after it. Source: WAR,
    // its next clear waits for the blit's reads.
    pipeline_barrier(
        cmd, {},
        {image_barrier(output.color_.get(), VK_IMAGE_ASPECT_COLOR_BIT, VK_PIPELINE_STAGE_2_BLIT_BIT,
                       VK_ACCESS_2_TRANSFER_WRITE_BIT, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                       VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT |
                           VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT,
                       VK_ACCESS_2_COLOR_ATTACHMENT_READ_BIT |
                           VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT | VK_ACCESS_2_TRANSFER_READ_BIT,
                       VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL),
         image_barrier(color_.get(), VK_IMAGE_ASPECT_COLOR_BIT, VK_PIPELINE_STAGE_2_BLIT_BIT,
                       VK_ACCESS_2_NONE, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                       VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT,
                       VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT,
                       VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL)});
    color_layout_ = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
    output.color_layout_ = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
}

void OffscreenTarget::copy_color_to(VkCommandBuffer cmd, OffscreenTarget& output) {
    const VkExtent2D e = extent();
    if (e.width != output.extent().width || e.height != output.extent().height)
        throw std::logic_error("OffscreenTarget::copy_color_to: the extents differ");
    constexpr VkPipelineStageFlags2 k_writers = VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT |
                                                VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT |
                                                VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT;
    constexpr VkAccessFlags2 k_writes = VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT |
                                        VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT |
                                        VK_ACCESS_2_TRANSFER_WRITE_BIT;
    // Source: RAW, the copy reads what the passes before it wrote. Output: WAW/WAR against its
    // earlier writes and reads; every pixel is rewritten, so its contents are discarded.
    pipeline_barrier(
        cmd, {},
        {image_barrier(color_.get(), VK_IMAGE_ASPECT_COLOR_BIT, k_writers, k_writes, color_layout_,
                       VK_PIPELINE_STAGE_2_COPY_BIT, VK_ACCESS_2_TRANSFER_READ_BIT,
                       VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL),
         image_barrier(output.color_.get(), VK_IMAGE_ASPECT_COLOR_BIT, k_writers, VK_ACCESS_2_NONE,
                       VK_IMAGE_LAYOUT_UNDEFINED, VK_PIPELINE_STAGE_2_COPY_BIT,
                       VK_ACCESS_2_TRANSFER_WRITE_BIT, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL)});
    VkImageCopy region{};
    region.srcSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    region.dstSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    region.extent = {e.width, e.height, 1};
    vkCmdCopyImage(cmd, color_.get(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, output.color_.get(),
                   VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &region);
    // Output: RAW for what comes next (the splat, the UI, readback). Source: WAR, its next
    // writes wait for the copy's reads.
    constexpr VkPipelineStageFlags2 k_next = VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT |
                                             VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT |
                                             VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT;
    pipeline_barrier(
        cmd, {},
        {image_barrier(output.color_.get(), VK_IMAGE_ASPECT_COLOR_BIT, VK_PIPELINE_STAGE_2_COPY_BIT,
                       VK_ACCESS_2_TRANSFER_WRITE_BIT, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, k_next,
                       VK_ACCESS_2_COLOR_ATTACHMENT_READ_BIT |
                           VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT |
                           VK_ACCESS_2_SHADER_STORAGE_READ_BIT |
                           VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT | VK_ACCESS_2_TRANSFER_READ_BIT,
                       VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL),
         image_barrier(color_.get(), VK_IMAGE_ASPECT_COLOR_BIT, VK_PIPELINE_STAGE_2_COPY_BIT,
                       VK_ACCESS_2_NONE, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, k_next,
                       VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT,
                       VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL)});
    color_layout_ = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
    output.color_layout_ = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
}

void OffscreenTarget::copy_depth(VkCommandBuffer cmd, VkBuffer dst) {
    if (!depth_copy_) throw std::logic_error("OffscreenTarget::copy_depth: no TRANSFER_SRC depth");
    // Depth: RAW, the copy reads what the depth tests wrote.
    pipeline_barrier(cmd, {},
                     {image_barrier(depth_.get(), VK_IMAGE_ASPECT_DEPTH_BIT,
                                    VK_PIPELINE_STAGE_2_EARLY_FRAGMENT_TESTS_BIT |
                                        VK_PIPELINE_STAGE_2_LATE_FRAGMENT_TESTS_BIT,
                                    VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT, depth_layout_,
                                    VK_PIPELINE_STAGE_2_COPY_BIT, VK_ACCESS_2_TRANSFER_READ_BIT,
                                    VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL)});
    const VkExtent2D e = extent();
    VkBufferImageCopy region{};
    region.imageSubresource = {VK_IMAGE_ASPECT_DEPTH_BIT, 0, 0, 1};
    region.imageExtent = {e.width, e.height, 1};
    vkCmdCopyImageToBuffer(cmd, depth_.get(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, dst, 1,
                           &region);
    // Depth: WAR, later depth tests wait for the copy; back to the attachment layout.
    // Buffer: RAW, compute shaders read the copy.
    pipeline_barrier(
        cmd,
        {buffer_barrier(dst, VK_PIPELINE_STAGE_2_COPY_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT,
                        VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT,
                        VK_ACCESS_2_SHADER_STORAGE_READ_BIT)},
        {image_barrier(depth_.get(), VK_IMAGE_ASPECT_DEPTH_BIT, VK_PIPELINE_STAGE_2_COPY_BIT,
                       VK_ACCESS_2_NONE, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                       VK_PIPELINE_STAGE_2_EARLY_FRAGMENT_TESTS_BIT |
                           VK_PIPELINE_STAGE_2_LATE_FRAGMENT_TESTS_BIT,
                       VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_READ_BIT |
                           VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT,
                       VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL)});
    depth_layout_ = VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL;
}

void OffscreenTarget::copy_color_and_begin_compute_access(VkCommandBuffer cmd, VkBuffer dst,
                                                          VkRect2D rect) {
    if (!storage_)
        throw std::logic_error("OffscreenTarget::copy_color_and_begin_compute_access: no STORAGE");
    // Colour: RAW, the copy reads what the scene's attachment and the splat's storage writes
    // left.
    pipeline_barrier(
        cmd, {},
        {image_barrier(color_.get(), VK_IMAGE_ASPECT_COLOR_BIT,
                       VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT |
                           VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT,
                       VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT |
                           VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT,
                       color_layout_, VK_PIPELINE_STAGE_2_COPY_BIT, VK_ACCESS_2_TRANSFER_READ_BIT,
                       VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL)});
    VkBufferImageCopy region{};
    region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    region.imageOffset = {rect.offset.x, rect.offset.y, 0};
    region.imageExtent = {rect.extent.width, rect.extent.height, 1};
    vkCmdCopyImageToBuffer(cmd, color_.get(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, dst, 1,
                           &region);
    // Buffer: RAW, compute reads the copy. Colour: WAR, the compute writes wait for the copy.
    pipeline_barrier(
        cmd,
        {buffer_barrier(dst, VK_PIPELINE_STAGE_2_COPY_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT,
                        VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT,
                        VK_ACCESS_2_SHADER_STORAGE_READ_BIT)},
        {image_barrier(color_.get(), VK_IMAGE_ASPECT_COLOR_BIT, VK_PIPELINE_STAGE_2_COPY_BIT,
                       VK_ACCESS_2_NONE, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                       VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT,
                       VK_ACCESS_2_SHADER_STORAGE_READ_BIT | VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT,
                       VK_IMAGE_LAYOUT_GENERAL)});
    color_layout_ = VK_IMAGE_LAYOUT_GENERAL;
}

void OffscreenTarget::record_readback(VkCommandBuffer cmd, const Buffer& readback) {
    // RAW: the copy reads what the colour-attachment stage wrote; also the layout change to
    // TRANSFER_SRC_OPTIMAL must happen after those writes.
    pipeline_barrier(cmd, {},
                     {image_barrier(color_.get(), VK_IMAGE_ASPECT_COLOR_BIT,
                                    VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT,
                                    VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT, color_layout_,
                                    VK_PIPELINE_STAGE_2_COPY_BIT, VK_ACCESS_2_TRANSFER_READ_BIT,
                                    VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL)});
    color_layout_ = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;

    VkBufferImageCopy region{};
    region.bufferOffset = 0;
    region.bufferRowLength = 0; // tightly packed rows
    region.bufferImageHeight = 0;
    region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    region.imageExtent = {extent().width, extent().height, 1};
    vkCmdCopyImageToBuffer(cmd, color_.get(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, readback.get(),
                           1, &region);

    // RAW (device -> host): the host reads the buffer after the fence; this makes the copy's
    // writes available to the host domain.
    pipeline_barrier(cmd,
                     {buffer_barrier(readback.get(), VK_PIPELINE_STAGE_2_COPY_BIT,
                                     VK_ACCESS_2_TRANSFER_WRITE_BIT, VK_PIPELINE_STAGE_2_HOST_BIT,
                                     VK_ACCESS_2_HOST_READ_BIT)},
                     {});
}

Result<RgbaPixels> OffscreenTarget::read_back(const Device& device,
                                              const ImmediateSubmitter& submitter) {
    const VkExtent2D size = extent();
    const VkDeviceSize bytes = VkDeviceSize{size.width} * size.height * 4;
    Result<Buffer> buffer =
        create_buffer(device, bytes, VK_BUFFER_USAGE_TRANSFER_DST_BIT, MemoryUse::Readback);
    if (!buffer) return buffer.error();
    submitter.submit([&](VkCommandBuffer cmd) { record_readback(cmd, buffer.value()); });

    RgbaPixels pixels;
    pixels.width = size.width;
    pixels.height = size.height;
    pixels.data.resize(static_cast<std::size_t>(bytes));
    buffer.value().read(pixels.data.data(), pixels.data.size());
    return pixels;
}

void record_whole_image_blit(VkCommandBuffer cmd, VkImage src, VkExtent2D src_extent, VkImage dst,
                             VkExtent2D dst_extent, VkFilter filter) {
    VkImageBlit region{};
    region.srcSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    region.srcOffsets[1] = {static_cast<std::int32_t>(src_extent.width),
                            static_cast<std::int32_t>(src_extent.height), 1};
    region.dstSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    region.dstOffsets[1] = {static_cast<std::int32_t>(dst_extent.width),
                            static_cast<std::int32_t>(dst_extent.height), 1};
    vkCmdBlitImage(cmd, src, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, dst,
                   VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &region, filter);
}

} // namespace sh
