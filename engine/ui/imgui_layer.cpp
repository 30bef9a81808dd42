#include "imgui_layer.hpp"

#include "ui_font.hpp"
#include "ui_scale.hpp"
#include "vk_check.hpp"

#include <algorithm>
#include <backends/imgui_impl_sdl.h>
#include <backends/imgui_impl_vulkan.h>
#include <cmath>
#include <cstdio>
#include <imgui.h>
#include <SDL.h>
#include <SDL_vulkan.h>
#include <stdexcept>
#include <string_view>
#include <vector>

namespace sh {

namespace {

void check_imgui_vk(VkResult result) {
    if (result != VK_SUCCESS)
        throw_vulkan_error(result, "ImGui Vulkan backend", __FILE__, __LINE__);
}

// LOAD keeps what the content drew; the pass ends in TRANSFER_SRC_OPTIMAL for the blit/copy.
VkRenderPass make_render_pass(VkDevice device) {
    VkAttachmentDescription color{};
    color.format = OffscreenTarget::k_color_format;
    color.samples = VK_SAMPLE_COUNT_1_BIT;
    color.loadOp = VK_ATTACHMENT_LOAD_OP_LOAD;
    color.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
    color.stencilLoadOp = VK_ATTACHMENT_LOAD_OP_DONT_CARE;
    color.stencilStoreOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
    color.initialLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
    color.finalLayout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;

    const VkAttachmentReference ref{0, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL};
    VkSubpassDescription subpass{};
    subpass.pipelineBindPoint = VK_PIPELINE_BIND_POINT_GRAPHICS;
    subpass.colorAttachmentCount = 1;
    subpass.pColorAttachments = &ref;

    std::array<VkSubpassDependency, 2> deps{};
    // RAW/WAW: the UI loads and blends over what the content wrote, by colour output (scene)
    // or by a compute shader (particle splats), per the FrameContent contract.
    deps[0].srcSubpass = VK_SUBPASS_EXTERNAL;
    deps[0].dstSubpass = 0;
    deps[0].srcStageMask =
        VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT | VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT;
    deps[0].srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT | VK_ACCESS_SHADER_WRITE_BIT;
    deps[0].dstStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
    deps[0].dstAccessMask =
        VK_ACCESS_COLOR_ATTACHMENT_READ_BIT | VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
    // RAW: the blit to the swapchain and the readback copy (both TRANSFER) read the UI's writes,
    // after the final layout transition to TRANSFER_SRC_OPTIMAL.
    deps[1].srcSubpass = 0;
    deps[1].dstSubpass = VK_SUBPASS_EXTERNAL;
    deps[1].srcStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
    deps[1].srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
    deps[1].dstStageMask = VK_PIPELINE_STAGE_TRANSFER_BIT;
    deps[1].dstAccessMask = VK_ACCESS_TRANSFER_READ_BIT;

    VkRenderPassCreateInfo info{};
    info.sType = VK_STRUCTURE_TYPE_RENDER_PASS_CREATE_INFO;
    info.attachmentCount = 1;
    info.pAttachments = &color;
    info.subpassCount = 1;
    info.pSubpasses = &subpass;
    info.dependencyCount = static_cast<std::uint32_t>(deps.size());
    info.pDependencies = deps.data();
    VkRenderPass pass = VK_NULL_HANDLE;
    VK_CHECK(vkCreateRenderPass(device, &info, nullptr, &pass));
    return pass;
}

} // namespace

Result<std::unique_ptr<ImGuiLayer>> ImGuiLayer::create(const Instance& instance,
                                                       const Device& device,
                                                       const ImmediateSubmitter& submitter,
                                                       SDL_Window* window, float font_px) {
    if (ImGui::GetCurrentContext() != nullptr)
        return Error{"ImGui layer: another layer is alive", {"ImGui has one current context"}};
    std::unique_ptr<ImGuiLayer> layer(new ImGuiLayer(device));
    layer->window_ = window;

    // The backend allocates exactly one set (the font texture) and never frees it.
    const VkDescriptorPoolSize size{VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1};
    VkDescriptorPoolCreateInfo pool{};
    pool.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO;
    pool.maxSets = 1;
    pool.poolSizeCount = 1;
    pool.pPoolSizes = &size;
    VkDescriptorPool p = VK_NULL_HANDLE;
    VK_CHECK(vkCreateDescriptorPool(device.get(), &pool, nullptr, &p));
    layer->pool_ = UniqueDescriptorPool(device.get(), p);
    layer->render_pass_ = UniqueRenderPass(device.get(), make_render_pass(device.get()));

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    layer->context_ = true;
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr; // kiosks and tests must not leave imgui.ini in the working dir
    ImGui::StyleColorsDark();
    // The UI font at the asked size; whole pixels keep it crisp.
    if (font_px > 0.0f) layer->font_points_ = std::round(font_px);
    if (window != nullptr) {
        if (!ImGui_ImplSDL2_InitForVulkan(window))
            return Error{"ImGui_ImplSDL2_InitForVulkan failed", {}};
        layer->sdl_backend_ = true;
    }

    layer->instance_ = instance.get();
    layer->submitter_ = &submitter;
    float raster = 1.0f;
    if (window != nullptr) {
        int w = 0, h = 0, pw = 0, ph = 0;
        SDL_GetWindowSize(window, &w, &h);
        SDL_Vulkan_GetDrawableSize(window, &pw, &ph);
        raster = compute_ui_scale(w, h, static_cast<std::uint32_t>(std::max(pw, 0)),
                                  static_cast<std::uint32_t>(std::max(ph, 0)))
                     .font_raster;
    }
    if (auto ok = layer->init_vulkan_backend(raster); !ok) return ok.error();
    return layer;
}

Result<bool> ImGuiLayer::init_vulkan_backend(float font_raster) {
    // The UI font (ui_font.hpp: DejaVu Sans through FreeType, else the built-in one, said once)
    // rasterised at the pixel scale and drawn at 1 / scale: the same size in points, sharp in
    // pixels.
    ImGuiIO& io = ImGui::GetIO();
    if (const std::string note = ui::build_ui_font_atlas(*io.Fonts, font_points_ * font_raster);
        !note.empty() && !font_note_printed_) {
        std::fprintf(stderr, "secondheart: font: %s\n", note.c_str());
        font_note_printed_ = true;
    }
    io.FontGlobalScale = 1.0f / font_raster;
    font_raster_ = font_raster;

    ImGui_ImplVulkan_InitInfo init{};
    init.Instance = instance_;
    init.PhysicalDevice = device_.physical();
    init.Device = device_.get();
    init.QueueFamily = device_.queue_family();
    init.Queue = device_.queue();
    init.DescriptorPool = pool_.get();
    init.Subpass = 0;
    // The backend keeps one vertex/index buffer pair per "image" and cycles through them once
    // per RenderDrawData; it draws into our target once per frame in flight, so more buffers
    // than frames in flight guarantees it never rewrites one the GPU is still reading.
    init.MinImageCount = 2;
    init.ImageCount = 3;
    init.MSAASamples = VK_SAMPLE_COUNT_1_BIT;
    init.CheckVkResultFn = check_imgui_vk;
    if (!ImGui_ImplVulkan_Init(&init, render_pass_.get()))
        return Error{"ImGui_ImplVulkan_Init failed", {}};
    vulkan_backend_ = true;

    // Font atlas upload through our immediate submitter; the staging objects go right after.
    submitter_->submit([](VkCommandBuffer cmd) { ImGui_ImplVulkan_CreateFontsTexture(cmd); });
    ImGui_ImplVulkan_DestroyFontUploadObjects();
    return true;
}

ImGuiLayer::~ImGuiLayer() {
    // The caller's frame loop has waited for the GPU; backend objects go first, then the
    // context, then (members) the framebuffer, the render pass and the descriptor pool that
    // held the backend's font set.
    if (vulkan_backend_) ImGui_ImplVulkan_Shutdown();
    if (sdl_backend_) ImGui_ImplSDL2_Shutdown();
    if (context_) ImGui::DestroyContext();
}

bool ImGuiLayer::process_event(const SDL_Event& event) {
    if (!sdl_backend_) return false;
    ImGui_ImplSDL2_ProcessEvent(&event);
    const ImGuiIO& io = ImGui::GetIO();
    const bool mouse = event.type == SDL_MOUSEMOTION || event.type == SDL_MOUSEBUTTONDOWN ||
                       event.type == SDL_MOUSEBUTTONUP || event.type == SDL_MOUSEWHEEL;
    const bool keys =
        event.type == SDL_KEYDOWN || event.type == SDL_KEYUP || event.type == SDL_TEXTINPUT;
    if (mouse || keys || event.type == SDL_WINDOWEVENT) input_since_redraw_ = true;
    return (mouse && io.WantCaptureMouse) || (keys && io.WantCaptureKeyboard);
}

void ImGuiLayer::begin_frame(VkExtent2D size, float dt_s) {
    ImGuiIO& io = ImGui::GetIO();
    UiScale scale = compute_ui_scale(0, 0, size.width, size.height);
    if (sdl_backend_) {
        int w = 0, h = 0;
        SDL_GetWindowSize(window_, &w, &h);
        scale = compute_ui_scale(w, h, size.width, size.height);
        if (scale.font_raster != font_raster_ && w > 0 && h > 0 && size.width > 0 &&
            size.height > 0) {
            // Another display density: the old font texture may still be in use by frames in
            // flight, and the backend's one descriptor set comes back with a pool reset.
            VK_CHECK(vkDeviceWaitIdle(device_.get()));
            ImGui_ImplVulkan_Shutdown();
            vulkan_backend_ = false;
            VK_CHECK(vkResetDescriptorPool(device_.get(), pool_.get(), 0));
            if (auto ok = init_vulkan_backend(scale.font_raster); !ok)
                throw std::runtime_error(ok.error().describe());
        }
    }
    ImGui_ImplVulkan_NewFrame();
    if (sdl_backend_) {
        ImGui_ImplSDL2_NewFrame();
        // 1.86's SDL backend takes the framebuffer scale from SDL_GL_GetDrawableSize, which
        // knows nothing of a Vulkan window; the target's pixel size is what we render at.
        // DisplaySize stays in points (the backend's), so mouse coordinates match.
        if (scale.display_w > 0 && scale.display_h > 0) {
            io.DisplaySize = ImVec2(scale.display_w, scale.display_h);
            io.DisplayFramebufferScale = ImVec2(scale.framebuffer_x, scale.framebuffer_y);
        }
    } else {
        io.DisplaySize = ImVec2(static_cast<float>(size.width), static_cast<float>(size.height));
        io.DisplayFramebufferScale = ImVec2(1.0f, 1.0f);
    }
    // ImGui asserts on a zero or negative step; a paused or first frame still advances the UI.
    io.DeltaTime = dt_s > 0.0f ? dt_s : 1.0f / 60.0f;
    since_redraw_s_ += io.DeltaTime;
    ImGui::NewFrame();
    has_draw_data_ = false;
}

void ImGuiLayer::end_frame() {
    ImGui::Render();
    has_draw_data_ = true;
    decide_window_cache();
}

void ImGuiLayer::record(VkCommandBuffer cmd, OffscreenTarget& target) {
    const VkExtent2D extent = target.extent();
    if (!framebuffer_) {
        const VkImageView view = target.color().view();
        VkFramebufferCreateInfo info{};
        info.sType = VK_STRUCTURE_TYPE_FRAMEBUFFER_CREATE_INFO;
        info.renderPass = render_pass_.get();
        info.attachmentCount = 1;
        info.pAttachments = &view;
        info.width = extent.width;
        info.height = extent.height;
        info.layers = 1;
        VkFramebuffer fb = VK_NULL_HANDLE;
        VK_CHECK(vkCreateFramebuffer(device_.get(), &info, nullptr, &fb));
        framebuffer_ = UniqueFramebuffer(device_.get(), fb);
    }
    ImDrawData* data = has_draw_data_ ? ImGui::GetDrawData() : nullptr;
    const bool cached =
        data != nullptr && !window_rects_.empty() &&
        std::all_of(window_rects_.begin(), window_rects_.end(), [&](const VkRect2D& r) {
            return r.offset.x + r.extent.width <= extent.width &&
                   r.offset.y + r.extent.height <= extent.height;
        });
    if (cached && cache_.get() == VK_NULL_HANDLE) {
        auto image =
            create_image(device_, {extent, OffscreenTarget::k_color_format,
                                   VK_IMAGE_USAGE_TRANSFER_SRC_BIT |
                                       VK_IMAGE_USAGE_TRANSFER_DST_BIT | VK_IMAGE_USAGE_SAMPLED_BIT,
                                   VK_IMAGE_ASPECT_COLOR_BIT});
        if (!image) { // no memory for the copy: draw everything every frame
            std::fprintf(stderr, "secondheart: UI: %s; the panel is drawn every frame\n",
                         image.error().describe().c_str());
            cached_windows_.clear();
        } else {
            cache_ = image.take();
        }
    }
    const bool from_cache = cached && cache_.get() != VK_NULL_HANDLE && cache_valid_ &&
                            !redraw_window_ && !force_redraw_;
    // The window's last drawn pixels over this frame's (before the other windows draw on top).
    if (from_cache) copy_window(cmd, target.color().get(), false);

    VkRenderPassBeginInfo begin{};
    begin.sType = VK_STRUCTURE_TYPE_RENDER_PASS_BEGIN_INFO;
    begin.renderPass = render_pass_.get();
    begin.framebuffer = framebuffer_.get();
    begin.renderArea = {{0, 0}, extent};
    vkCmdBeginRenderPass(cmd, &begin, VK_SUBPASS_CONTENTS_INLINE);
    // Without a UI frame this pass still runs: its final layout is what the blit/copy expects.
    if (data != nullptr && !from_cache) {
        ImGui_ImplVulkan_RenderDrawData(data, cmd);
    } else if (data != nullptr) {
        // Every draw list but the cached windows' and their children's ("name/child").
        ImDrawData others = *data;
        std::vector<ImDrawList*> lists;
        others.TotalVtxCount = 0;
        others.TotalIdxCount = 0;
        for (int i = 0; i < data->CmdListsCount; ++i) {
            ImDrawList* list = data->CmdLists[i];
            if (is_cached_window(list->_OwnerName != nullptr ? list->_OwnerName : "")) continue;
            lists.push_back(list);
            others.TotalVtxCount += list->VtxBuffer.Size;
            others.TotalIdxCount += list->IdxBuffer.Size;
        }
        others.CmdLists = lists.data();
        others.CmdListsCount = static_cast<int>(lists.size());
        ImGui_ImplVulkan_RenderDrawData(&others, cmd);
    }
    vkCmdEndRenderPass(cmd);
    if (cached && cache_.get() != VK_NULL_HANDLE && !from_cache) {
        copy_window(cmd, target.color().get(), true);
        cache_valid_ = true;
        cached_rects_ = window_rects_;
        since_redraw_s_ = 0.0f;
        input_since_redraw_ = false;
        force_redraw_ = false;
    }
    drew_from_cache_ = from_cache;
    if (from_cache)
        ++frames_from_cache_;
    else if (cached)
        ++frames_cache_drawn_;
    has_draw_data_ = false; // draw data belongs to one frame
}

void ImGuiLayer::on_target_resized(OffscreenTarget& target) {
    (void)target;
    framebuffer_.reset(); // names the old image view; rebuilt at the next record()
    // The copy is the old size; the caller waited for the device.
    cache_ = Image{};
    cache_valid_ = false;
}

} // namespace sh
