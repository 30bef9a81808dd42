// Dear ImGui 1.86 over our offscreen colour image. 1.86's Vulkan backend has no dynamic
// rendering, so the UI gets its own small classic render pass: one attachment (the target's
// colour image) with loadOp LOAD, COLOR_ATTACHMENT_OPTIMAL in, TRANSFER_SRC_OPTIMAL out (ready
// for the blit to the swapchain or the readback copy), one framebuffer per target image.
// Works without SDL (headless, tests): display size and delta time are then set by hand.
// This file is backend glue only; the program's widgets live in app/ui/.
#pragma once

#include "device.hpp"
#include "frame_content.hpp"
#include "immediate_submit.hpp"
#include "instance.hpp"
#include "memory.hpp"
#include "result.hpp"
#include "vk_handle.hpp"

#include <memory>
#include <string>
#include <string_view>
#include <vector>
#include <vulkan/vulkan.h>

struct SDL_Window;
union SDL_Event;

namespace sh {

using UniqueRenderPass = DeviceHandle<VkRenderPass, vkDestroyRenderPass>;
using UniqueFramebuffer = DeviceHandle<VkFramebuffer, vkDestroyFramebuffer>;

class ImGuiLayer final : public FrameOverlay {
public:
    ~ImGuiLayer() override;
    ImGuiLayer(const ImGuiLayer&) = delete;
    ImGuiLayer& operator=(const ImGuiLayer&) = delete;

    // One layer at a time (ImGui has one current context). window: null for headless. The
    // submitter must outlive the layer (a display-density change re-uploads the font).
    // font_px: the font's height in points (0: ImGui's default 13). Large text for a hall or a
    // kiosk looks far better from a large atlas than from scaling the 13 px one; the atlas is
    // rasterised at font_px times the display's pixels per point (HiDPI, see ui_scale.hpp).
    static Result<std::unique_ptr<ImGuiLayer>> create(const Instance& instance,
                                                      const Device& device,
                                                      const ImmediateSubmitter& submitter,
                                                      SDL_Window* window, float font_px = 0.0f);

    // Window only: feeds an SDL event to ImGui. True when ImGui wants it for itself (the mouse
    // is over a panel, a text field has focus), so the app should not also act on it.
    bool process_event(const SDL_Event& event);

    // Starts a UI frame at `size` pixels (the target's size) after `dt_s` seconds; then build
    // widgets with ImGui::... and call end_frame() before the frame is recorded. With a window,
    // ImGui works in the window's points and draws at `size` pixels (HiDPI, see ui_scale.hpp);
    // when the pixels-per-point change (the window moved to another display) the font atlas
    // is rebuilt at the new scale (waits for the device once).
    void begin_frame(VkExtent2D size, float dt_s);
    void end_frame();

    // FrameOverlay: the UI pass over the target's colour image.
    void record(VkCommandBuffer cmd, OffscreenTarget& target) override;
    void on_target_resized(OffscreenTarget& target) override;

    // Rasterises the ImGui windows `names` (and their child windows) only when they may have
    // changed: after any input event, when one moved, changed size, appeared or went, after
    // redraw_all, and otherwise every `refresh_s` seconds (their live numbers and plots); in
    // between their pixels are copied from the last drawn frame (a memcpy-speed transfer
    // instead of a blended, textured fill). Everything else (other windows, popups, labels) is
    // drawn every frame, on top. For CPU devices, where large panels cost milliseconds to
    // fill. The copy holds what was behind a translucent window too, so the caller asks for
    // redraw_all while that changes (a moving camera). No names turn it off.
    void cache_windows(std::vector<std::string> names, float refresh_s);
    void cache_window(std::string name, float refresh_s) {
        cache_windows({std::move(name)}, refresh_s);
    }
    // The next frame draws everything afresh (a screenshot or a recorded frame).
    void redraw_all() noexcept { force_redraw_ = true; }
    // A CPU device (lavapipe): filling pixels is what the UI costs there.
    bool cpu_device() const noexcept {
        return device_.properties().deviceType == VK_PHYSICAL_DEVICE_TYPE_CPU;
    }
    // Whether the last recorded frame drew the cached windows from their copy.
    bool drew_from_cache() const noexcept { return drew_from_cache_; }
    // Frames that rasterised the cached windows (and refreshed the copy) and frames that
    // copied them, since the start (the benchmark's "ui_cache").
    std::uint64_t frames_cache_drawn() const noexcept { return frames_cache_drawn_; }
    std::uint64_t frames_from_cache() const noexcept { return frames_from_cache_; }
    bool caches_windows() const noexcept { return !cached_windows_.empty(); }

private:
    explicit ImGuiLayer(const Device& device) : device_(device) {}
    // ImGui_ImplVulkan_Init plus the font upload, with the atlas rasterised at `font_raster`.
    Result<bool> init_vulkan_backend(float font_raster);

    const Device& device_;
    VkInstance instance_ = VK_NULL_HANDLE;
    const ImmediateSubmitter* submitter_ = nullptr;
    float font_raster_ = 1.0f;
    float font_points_ = 13.0f;      // the font's height in points (create's font_px)
    bool font_note_printed_ = false; // a fallback to the built-in font is said once
    SDL_Window* window_ = nullptr;
    UniqueDescriptorPool pool_;
    UniqueRenderPass render_pass_;
    UniqueFramebuffer framebuffer_;
    bool context_ = false;
    bool vulkan_backend_ = false;
    bool sdl_backend_ = false;
    bool has_draw_data_ = false;

    // cache_windows: the windows' names, their refresh period, the copy of their last drawn
    // pixels (TRANSFER_SRC_OPTIMAL once written) and this frame's decision (end_frame).
    void decide_window_cache();
    void copy_window(VkCommandBuffer cmd, VkImage target, bool to_cache);
    bool is_cached_window(std::string_view owner) const;
    std::vector<std::string> cached_windows_;
    float cache_refresh_s_ = 0.0f;
    float since_redraw_s_ = 0.0f;
    bool input_since_redraw_ = true;
    bool force_redraw_ = true;
    Image cache_;
    bool cache_valid_ = false;
    std::vector<VkRect2D> cached_rects_; // the windows' pixels in the cache
    std::vector<VkRect2D> window_rects_; // this frame's (empty: nothing cached this frame)
    bool redraw_window_ = true; // this frame rasterises the windows (and refreshes the copy)
    bool drew_from_cache_ = false;
    std::uint64_t frames_cache_drawn_ = 0;
    std::uint64_t frames_from_cache_ = 0;
};

} // namespace sh
