// ImGuiLayer::cache_windows (imgui_layer.hpp): which frames rasterise the cached windows, and
// the copies of their pixels into and out of the cache image around the UI pass.
#include "barriers.hpp"
#include "imgui_layer.hpp"

#include <algorithm>
#include <cmath>
#include <imgui.h>
#include <imgui_internal.h>
#include <string_view>

namespace sh {

void ImGuiLayer::cache_windows(std::vector<std::string> names, float refresh_s) {
    cached_windows_ = std::move(names);
    cache_refresh_s_ = refresh_s;
    cache_valid_ = false;
}

bool ImGuiLayer::is_cached_window(std::string_view owner) const {
    // A cached window's child windows are named "parent/child".
    for (const std::string& name : cached_windows_)
        if (owner == name ||
            (owner.size() > name.size() && owner.starts_with(name) && owner[name.size()] == '/'))
            return true;
    return false;
}

void ImGuiLayer::decide_window_cache() {
    window_rects_.clear();
    redraw_window_ = true;
    const ImDrawData* data = ImGui::GetDrawData();
    if (cached_windows_.empty() || data == nullptr) return;
    for (const std::string& name : cached_windows_) {
        const ImGuiWindow* window = ImGui::FindWindowByName(name.c_str());
        // A window not shown this frame (another kiosk screen, a hidden figure) is simply
        // not among this frame's copies; showing it again counts as a move below.
        if (window == nullptr || !window->Active || window->Hidden) continue;
        // The window's pixels (ImGui works in points; the draw data's scale maps them to
        // pixels).
        const ImVec2 scale = data->FramebufferScale;
        const float x0 = std::max(0.0f, (window->Pos.x - data->DisplayPos.x) * scale.x);
        const float y0 = std::max(0.0f, (window->Pos.y - data->DisplayPos.y) * scale.y);
        const float x1 = std::min(data->DisplaySize.x * scale.x,
                                  (window->Pos.x + window->Size.x - data->DisplayPos.x) * scale.x);
        const float y1 = std::min(data->DisplaySize.y * scale.y,
                                  (window->Pos.y + window->Size.y - data->DisplayPos.y) * scale.y);
        // Whole pixels inside the window only: its edge pixels, shared with what lies around
        // it, are drawn every frame by neither, so they stay with the redrawn window's copy.
        const auto lo = [](float v) { return static_cast<std::int32_t>(std::ceil(v)); };
        const auto hi = [](float v) { return static_cast<std::int32_t>(std::floor(v)); };
        // A window too small to be worth a copy is never cached: it is drawn every frame.
        if (hi(x1) - lo(x0) < 16 || hi(y1) - lo(y0) < 16) {
            window_rects_.clear();
            return;
        }
        window_rects_.push_back({{lo(x0), lo(y0)},
                                 {static_cast<std::uint32_t>(hi(x1) - lo(x0)),
                                  static_cast<std::uint32_t>(hi(y1) - lo(y0))}});
    }
    const auto same = [](const VkRect2D& a, const VkRect2D& b) {
        return a.offset.x == b.offset.x && a.offset.y == b.offset.y &&
               a.extent.width == b.extent.width && a.extent.height == b.extent.height;
    };
    const bool moved =
        window_rects_.size() != cached_rects_.size() ||
        !std::equal(window_rects_.begin(), window_rects_.end(), cached_rects_.begin(), same);
    redraw_window_ = !cache_valid_ || moved || force_redraw_ || input_since_redraw_ ||
                     since_redraw_s_ >= cache_refresh_s_;
}

void ImGuiLayer::copy_window(VkCommandBuffer cmd, VkImage target, bool to_cache) {
    constexpr VkImageAspectFlags k_color = VK_IMAGE_ASPECT_COLOR_BIT;
    constexpr VkPipelineStageFlags2 k_copy = VK_PIPELINE_STAGE_2_COPY_BIT;
    std::vector<VkImageCopy> regions;
    for (const VkRect2D& rect : window_rects_) {
        VkImageCopy region{};
        region.srcSubresource = {k_color, 0, 0, 1};
        region.dstSubresource = {k_color, 0, 0, 1};
        region.srcOffset = {rect.offset.x, rect.offset.y, 0};
        region.dstOffset = region.srcOffset;
        region.extent = {rect.extent.width, rect.extent.height, 1};
        regions.push_back(region);
    }
    const auto count = static_cast<std::uint32_t>(regions.size());
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
                       VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, count, regions.data());
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
                   VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, count, regions.data());
    pipeline_barrier(cmd, {},
                     {image_barrier(target, k_color, k_copy, VK_ACCESS_2_TRANSFER_WRITE_BIT,
                                    VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                                    VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT,
                                    VK_ACCESS_2_COLOR_ATTACHMENT_READ_BIT |
                                        VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT,
                                    VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL)});
}

} // namespace sh
