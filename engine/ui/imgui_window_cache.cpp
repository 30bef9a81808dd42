// ImGuiLayer::cache_window (imgui_layer.hpp): which frames rasterise the cached window, and the
// copies of its pixels into and out of the cache image around the UI pass.
#include "barriers.hpp"
#include "imgui_layer.hpp"

#include <algorithm>
#include <cmath>
#include <imgui.h>
#include <imgui_internal.h>

namespace sh {

void ImGuiLayer::cache_window(std::string name, float refresh_s) {
    cached_window_ = std::move(name);
    cache_refresh_s_ = refresh_s;
    cache_valid_ = false;
}

void ImGuiLayer::decide_window_cache() {
    window_rect_ = {};
    redraw_window_ = true;
    if (cached_window_.empty()) return;
    const ImGuiWindow* window = ImGui::FindWindowByName(cached_window_.c_str());
    const ImDrawData* data = ImGui::GetDrawData();
    if (window == nullptr || !window->Active || window->Hidden || data == nullptr) return;
    // The window's pixels (ImGui works in points; the draw data's scale maps them to pixels).
    const ImVec2 scale = data->FramebufferScale;
    const float x0 = std::max(0.0f, (window->Pos.x - data->DisplayPos.x) * scale.x);
    const float y0 = std::max(0.0f, (window->Pos.y - data->DisplayPos.y) * scale.y);
    const float x1 = std::min(data->DisplaySize.x * scale.x,
                              (window->Pos.x + window->Size.x - data->DisplayPos.x) * scale.x);
    const float y1 = std::min(data->DisplaySize.y * scale.y,
                              (window->Pos.y + window->Size.y - data->DisplayPos.y) * scale.y);
    // Whole pixels inside the window only: its edge pixels, shared with what lies around it,
    // are drawn every frame by neither, so they stay with the redrawn window's copy.
    const auto lo = [](float v) { return static_cast<std::int32_t>(std::ceil(v)); };
    const auto hi = [](float v) { return static_cast<std::int32_t>(std::floor(v)); };
    if (hi(x1) - lo(x0) < 16 || hi(y1) - lo(y0) < 16) return;
    window_rect_ = {
        {lo(x0), lo(y0)},
        {static_cast<std::uint32_t>(hi(x1) - lo(x0)), static_cast<std::uint32_t>(hi(y1) - lo(y0))}};
    const bool moved = window_rect_.offset.x != cached_rect_.offset.x ||
                       window_rect_.offset.y != cached_rect_.offset.y ||
                       window_rect_.extent.width != cached_rect_.extent.width ||
                       window_rect_.extent.height != cached_rect_.extent.height;
    redraw_window_ = !cache_valid_ || moved || force_redraw_ || input_since_redraw_ ||
                     since_redraw_s_ >= cache_refresh_s_;
}

void ImGuiLayer::copy_window(VkCommandBuffer cmd, VkImage target, bool to_cache) {
    constexpr VkImageAspectFlags k_color = VK_IMAGE_ASPECT_COLOR_BIT;
    constexpr VkPipelineStageFlags2 k_copy = VK_PIPELINE_STAGE_2_COPY_BIT;
    VkImageCopy region{};
    region.srcSubresource = {k_color, 0, 0, 1};
    region.dstSubresource = {k_color, 0, 0, 1};
    region.srcOffset = {window_rect_.offset.x, window_rect_.offset.y, 0};
    region.dstOffset = region.srcOffset;
    region.extent = {window_rect_.extent.width, window_rect_.extent.height, 1};
    if (to_cache) {
        // After the UI pass (target in TRANSFER_SRC_OPTIMAL, its writes visible to transfers by
        // the pass's dependency). Cache: WAR/WAW against earlier copies from and into it.
        pipeline_barrier(
            cmd, {},
            {image_barrier(
                cache_.get(), k_color, k_copy,
                VK_ACCESS_2_TRANSFER_READ_BIT | VK_ACCESS_2_TRANSFER_WRITE_BIT,
                cache_valid_ ? VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL : VK_IMAGE_LAYOUT_UNDEFINED,
                k_copy, VK_ACCESS_2_TRANSFER_WRITE_BIT, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL)});
        vkCmdCopyImage(cmd, target, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, cache_.get(),
                       VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &region);
        // Cache: RAW, later frames copy from it.
        pipeline_barrier(
            cmd, {},
            {image_barrier(cache_.get(), k_color, k_copy, VK_ACCESS_2_TRANSFER_WRITE_BIT,
                           VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, k_copy,
                           VK_ACCESS_2_TRANSFER_READ_BIT, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL)});
        return;
    }
    // Before the UI pass: the target (COLOR_ATTACHMENT_OPTIMAL, written by the content's
    // attachments, compute passes or blits) takes the copy, then goes back for the pass.
    const VkPipelineStageFlags2 content_stages = VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT |
                                                 VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT |
                                                 VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT;
    pipeline_barrier(
        cmd, {},
        {image_barrier(target, k_color, content_stages,
                       VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT |
                           VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT | VK_ACCESS_2_TRANSFER_WRITE_BIT,
                       VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, k_copy,
                       VK_ACCESS_2_TRANSFER_WRITE_BIT, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL)});
    vkCmdCopyImage(cmd, cache_.get(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, target,
                   VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &region);
    pipeline_barrier(cmd, {},
                     {image_barrier(target, k_color, k_copy, VK_ACCESS_2_TRANSFER_WRITE_BIT,
                                    VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                                    VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT,
                                    VK_ACCESS_2_COLOR_ATTACHMENT_READ_BIT |
                                        VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT,
                                    VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL)});
}

} // namespace sh
