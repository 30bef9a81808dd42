#include "frame_loop.hpp"

#include "barriers.hpp"
#include "vk_check.hpp"

#include <algorithm>
#include <cstdio>

namespace sh {

namespace {

constexpr std::uint64_t k_fence_timeout_ns = 10'000'000'000; // a stuck GPU is an error, not a hang

bool same(VkExtent2D a, VkExtent2D b) {
    return a.width == b.width && a.height == b.height;
}

} // namespace

Result<std::unique_ptr<FrameLoop>> FrameLoop::create(const Device& device, VkSurfaceKHR surface,
                                                     VkExtent2D extent) {
    std::unique_ptr<FrameLoop> loop(new FrameLoop(device));
    loop->surface_ = surface;
    Result<OffscreenTarget> target = create_offscreen_target(device, extent);
    if (!target) return target.error();
    loop->target_ = target.take();
    VkFormatProperties props{};
    vkGetPhysicalDeviceFormatProperties(device.physical(), OffscreenTarget::k_color_format, &props);
    if (surface != VK_NULL_HANDLE &&
        (props.optimalTilingFeatures & VK_FORMAT_FEATURE_BLIT_SRC_BIT) == 0)
        return Error{"frame loop: the offscreen colour format cannot be a blit source", {}};

    for (PerFrame& f : loop->frames_) {
        VkCommandPoolCreateInfo pool{};
        pool.sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO;
        pool.flags = VK_COMMAND_POOL_CREATE_TRANSIENT_BIT; // reset whole every frame
        pool.queueFamilyIndex = device.queue_family();
        VkCommandPool p = VK_NULL_HANDLE;
        VK_CHECK(vkCreateCommandPool(device.get(), &pool, nullptr, &p));
        f.pool = UniqueCommandPool(device.get(), p);

        VkCommandBufferAllocateInfo alloc{};
        alloc.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO;
        alloc.commandPool = p;
        alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
        alloc.commandBufferCount = 2;
        std::array<VkCommandBuffer, 2> buffers{};
        VK_CHECK(vkAllocateCommandBuffers(device.get(), &alloc, buffers.data()));
        f.cmd = buffers[0];
        f.tail = buffers[1];

        VkFenceCreateInfo fence{};
        fence.sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO;
        fence.flags = VK_FENCE_CREATE_SIGNALED_BIT; // the first wait on each slot returns at once
        VkFence fh = VK_NULL_HANDLE;
        VK_CHECK(vkCreateFence(device.get(), &fence, nullptr, &fh));
        f.fence = UniqueFence(device.get(), fh);

        VkSemaphoreCreateInfo sem{};
        sem.sType = VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO;
        VkSemaphore s = VK_NULL_HANDLE;
        VK_CHECK(vkCreateSemaphore(device.get(), &sem, nullptr, &s));
        f.acquired = UniqueSemaphore(device.get(), s);
    }
    loop->timer_ = GpuTimer::create(device, k_frames_in_flight);
    loop->passes_ = PassTimer::create(device, k_frames_in_flight);
    return loop;
}

FrameLoop::~FrameLoop() {
    // The last frame is shown (a failure no longer matters here: nothing may throw), then
    // every submission must be finished before the command pools, fences, target and swapchain
    // are destroyed (member destructors run after this body).
    if (pending_present_) (void)present_image(*pending_present_);
    vkDeviceWaitIdle(device_.get());
}

// Brings the swapchain and the target to `size`. Returns false when the frame must be skipped.
bool FrameLoop::follow_size(FrameContent& content, FrameOverlay* overlay, VkExtent2D size) {
    if (surface_ != VK_NULL_HANDLE && (swapchain_dirty_ || swapchain_.get() == VK_NULL_HANDLE ||
                                       !same(size, swapchain_wanted_))) {
        // Frames in flight may still blit into the old images: present the last one, wait,
        // then hand the old swapchain to the driver as oldSwapchain and destroy it once the
        // new one exists.
        present_pending();
        VK_CHECK(vkDeviceWaitIdle(device_.get()));
        Result<Swapchain> fresh = create_swapchain(device_, surface_, size, swapchain_.get());
        if (!fresh) {
            // Zero-sized surface (minimised between our size poll and now): try next frame.
            swapchain_dirty_ = true;
            return false;
        }
        swapchain_ = fresh.take(); // destroys the retired swapchain
        swapchain_wanted_ = size;
        swapchain_dirty_ = false;
        ++stats_.swapchain_builds;
    }
    if (!same(size, target_.extent())) {
        VK_CHECK(vkDeviceWaitIdle(device_.get())); // the old target may still be read or written
        // Captures at the old size are finished (idle): keep their pixels, then drop the
        // buffers sized for the old target.
        for (PerFrame& pf : frames_) {
            if (pf.capture) harvest(pf);
            pf.readback = Buffer{};
        }
        Result<OffscreenTarget> fresh = create_offscreen_target(device_, size);
        if (!fresh) throw std::runtime_error(fresh.error().describe());
        target_ = fresh.take();
        ++stats_.target_builds;
        content.on_target_resized(target_);
        if (overlay != nullptr) overlay->on_target_resized(target_);
    }
    return true;
}

FrameStatus FrameLoop::render(FrameContent& content, FrameOverlay* overlay, FrameInfo info,
                              VkExtent2D size, bool capture) {
    if (size.width == 0 || size.height == 0) { // minimised: never build a 0x0 swapchain
        present_pending();                     // the last frame before minimising is still shown
        ++stats_.skipped;
        return FrameStatus::Skipped;
    }
    PerFrame& f = frames_[slot_];
    const VkFence fence = f.fence.get();
    VK_CHECK(vkWaitForFences(device_.get(), 1, &fence, VK_TRUE, k_fence_timeout_ns));
    if (f.capture) harvest(f); // finished with the fence: free the slot's readback buffer

    if (!follow_size(content, overlay, size)) {
        ++stats_.skipped;
        return FrameStatus::Skipped;
    }

    if (capture && f.readback.get() == VK_NULL_HANDLE) {
        const VkExtent2D e = target_.extent();
        Result<Buffer> buffer =
            create_buffer(device_, VkDeviceSize{e.width} * e.height * 4,
                          VK_BUFFER_USAGE_TRANSFER_DST_BIT, MemoryUse::Readback);
        if (!buffer) throw std::runtime_error(buffer.error().describe());
        f.readback = buffer.take();
    }

    VK_CHECK(vkResetFences(device_.get(), 1, &fence));
    VK_CHECK(vkResetCommandPool(device_.get(), f.pool.get(), 0));
    VkCommandBufferBeginInfo begin{};
    begin.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO;
    begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    const VkCommandBuffer cmd = f.cmd;
    VK_CHECK(vkBeginCommandBuffer(cmd, &begin));

    timer_.begin_frame(cmd, slot_);
    info.frame_number = stats_.rendered;
    info.frame_slot = slot_;
    info.extent = target_.extent();

    // WAR: the previous frame's blit and readback copy read the colour image; this frame's
    // compute splats and colour clears write it. (begin_rendering's own barrier waits for
    // colour output and COPY, not BLIT, so the blit needs this execution dependency.)
    VkMemoryBarrier2 war{};
    war.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER_2;
    war.srcStageMask = VK_PIPELINE_STAGE_2_BLIT_BIT | VK_PIPELINE_STAGE_2_COPY_BIT;
    war.dstStageMask =
        VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT | VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT;
    VkDependencyInfo dep{};
    dep.sType = VK_STRUCTURE_TYPE_DEPENDENCY_INFO;
    dep.memoryBarrierCount = 1;
    dep.pMemoryBarriers = &war;
    vkCmdPipelineBarrier2(cmd, &dep);

    content.record_compute(cmd, info);
    timer_.mark(cmd, slot_, GpuSection::Compute);
    passes_.begin(cmd, slot_);
    info.passes = PassMarker{&passes_, slot_};
    content.record(cmd, target_, info);
    timer_.mark(cmd, slot_, GpuSection::Draw);
    if (overlay != nullptr) {
        overlay->record(cmd, target_);
    } else {
        // RAW + layout: the copy/blit below reads what the content's colour output or compute
        // splat wrote.
        pipeline_barrier(
            cmd, {},
            {image_barrier(target_.color().get(), VK_IMAGE_ASPECT_COLOR_BIT,
                           VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT |
                               VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT,
                           VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT |
                               VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT,
                           VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
                           VK_PIPELINE_STAGE_2_BLIT_BIT | VK_PIPELINE_STAGE_2_COPY_BIT,
                           VK_ACCESS_2_TRANSFER_READ_BIT, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL)});
    }
    timer_.mark(cmd, slot_, GpuSection::Ui);
    if (capture) record_readback(cmd, f.readback.get());
    VK_CHECK(vkEndCommandBuffer(cmd));
    // The frame's own work goes to the device now, before the previous frame is presented and
    // before this frame's swapchain image is acquired (see the header: presenting waits).
    submit(cmd, VK_NULL_HANDLE, VK_NULL_HANDLE, VK_NULL_HANDLE);

    std::optional<std::uint32_t> image_index;
    if (surface_ != VK_NULL_HANDLE) {
        present_pending();
        image_index = acquire(f);
    }
    VK_CHECK(vkBeginCommandBuffer(f.tail, &begin));
    if (image_index) record_blit(f.tail, swapchain_.image(*image_index));
    timer_.mark(f.tail, slot_, GpuSection::Present);
    passes_.end(f.tail, slot_);
    timer_.end_frame(f.tail, slot_);
    VK_CHECK(vkEndCommandBuffer(f.tail));
    if (image_index) {
        submit(f.tail, f.acquired.get(), swapchain_.render_finished(*image_index), fence);
        pending_present_ = image_index;
    } else {
        submit(f.tail, VK_NULL_HANDLE, VK_NULL_HANDLE, fence);
    }
    if (capture) f.capture = stats_.rendered; // this frame's number (counted below)

    slot_ = (slot_ + 1) % k_frames_in_flight;
    ++stats_.rendered;
    return FrameStatus::Rendered;
}

std::optional<std::uint32_t> FrameLoop::acquire(PerFrame& f) {
    std::uint32_t image_index = 0;
    const VkResult acquired =
        VK_CHECK_SWAPCHAIN(vkAcquireNextImageKHR(device_.get(), swapchain_.get(), UINT64_MAX,
                                                 f.acquired.get(), VK_NULL_HANDLE, &image_index));
    if (acquired == VK_ERROR_OUT_OF_DATE_KHR) { // semaphore not signalled: nothing to undo
        swapchain_dirty_ = true;
        return std::nullopt;
    }
    // SUBOPTIMAL: the image is acquired (and the semaphore will signal), so present this
    // frame and rebuild before the next one.
    if (acquired == VK_SUBOPTIMAL_KHR) swapchain_dirty_ = true;
    return image_index;
}

void FrameLoop::submit(VkCommandBuffer cmd, VkSemaphore wait_acquired, VkSemaphore signal_done,
                       VkFence fence) {
    VkCommandBufferSubmitInfo cmd_info{};
    cmd_info.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_SUBMIT_INFO;
    cmd_info.commandBuffer = cmd;
    VkSemaphoreSubmitInfo wait{};
    wait.sType = VK_STRUCTURE_TYPE_SEMAPHORE_SUBMIT_INFO;
    wait.semaphore = wait_acquired;
    wait.stageMask = VK_PIPELINE_STAGE_2_BLIT_BIT; // only the blit touches the swapchain image
    VkSemaphoreSubmitInfo signal{};
    signal.sType = VK_STRUCTURE_TYPE_SEMAPHORE_SUBMIT_INFO;
    signal.semaphore = signal_done;
    signal.stageMask = VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT;
    VkSubmitInfo2 info{};
    info.sType = VK_STRUCTURE_TYPE_SUBMIT_INFO_2;
    info.commandBufferInfoCount = 1;
    info.pCommandBufferInfos = &cmd_info;
    if (wait_acquired != VK_NULL_HANDLE) {
        info.waitSemaphoreInfoCount = 1;
        info.pWaitSemaphoreInfos = &wait;
    }
    if (signal_done != VK_NULL_HANDLE) {
        info.signalSemaphoreInfoCount = 1;
        info.pSignalSemaphoreInfos = &signal;
    }
    // A fence signal waits for everything submitted before it too, so the slot's fence (on
    // its second submission) covers both of the frame's command buffers.
    VK_CHECK(vkQueueSubmit2(device_.queue(), 1, &info, fence));
}

VkResult FrameLoop::present_image(std::uint32_t image_index) {
    const VkSemaphore render_finished = swapchain_.render_finished(image_index);
    const VkSwapchainKHR sc = swapchain_.get();
    VkPresentInfoKHR present{};
    present.sType = VK_STRUCTURE_TYPE_PRESENT_INFO_KHR;
    present.waitSemaphoreCount = 1;
    present.pWaitSemaphores = &render_finished;
    present.swapchainCount = 1;
    present.pSwapchains = &sc;
    present.pImageIndices = &image_index;
    return vkQueuePresentKHR(device_.queue(), &present);
}

void FrameLoop::present_pending() {
    if (!pending_present_) return;
    const std::uint32_t image_index = *pending_present_;
    pending_present_.reset();
    const VkResult presented = VK_CHECK_SWAPCHAIN(present_image(image_index));
    // Some drivers report a resize as SUBOPTIMAL, others as OUT_OF_DATE: rebuild on both.
    if (presented != VK_SUCCESS) swapchain_dirty_ = true;
}

void FrameLoop::record_readback(VkCommandBuffer cmd, VkBuffer readback) {
    // The overlay (or the barrier above) left the colour image in TRANSFER_SRC_OPTIMAL with its
    // writes made visible to COPY; the readback buffer's previous host read finished before the
    // fence wait, so the copy needs no barrier of its own.
    const VkExtent2D e = target_.extent();
    VkBufferImageCopy region{};
    region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    region.imageExtent = {e.width, e.height, 1};
    vkCmdCopyImageToBuffer(cmd, target_.color().get(), VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                           readback, 1, &region);
    // RAW (device -> host): make the copy's writes available to the host after the fence.
    pipeline_barrier(
        cmd,
        {buffer_barrier(readback, VK_PIPELINE_STAGE_2_COPY_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT,
                        VK_PIPELINE_STAGE_2_HOST_BIT, VK_ACCESS_2_HOST_READ_BIT)},
        {});
}

void FrameLoop::record_blit(VkCommandBuffer cmd, VkImage image) {
    // WAR against the presentation engine's read of this image: the acquire semaphore is waited
    // at BLIT, and this barrier's source stage BLIT chains onto that wait, so the layout change
    // (contents discarded: UNDEFINED) happens after the semaphore.
    pipeline_barrier(
        cmd, {},
        {image_barrier(image, VK_IMAGE_ASPECT_COLOR_BIT, VK_PIPELINE_STAGE_2_BLIT_BIT,
                       VK_ACCESS_2_NONE, VK_IMAGE_LAYOUT_UNDEFINED, VK_PIPELINE_STAGE_2_BLIT_BIT,
                       VK_ACCESS_2_TRANSFER_WRITE_BIT, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL)});
    // A blit, not a copy: it converts RGBA to the swapchain's BGRA and scales in the rare frame
    // where the surface's extent already differs from the drawable size we polled.
    record_whole_image_blit(cmd, target_.color().get(), target_.extent(), image,
                            swapchain_.extent(), VK_FILTER_NEAREST);
    // Layout for presentation after the blit's writes; the render-finished semaphore (signalled
    // at ALL_COMMANDS) carries the dependency to the presentation engine.
    pipeline_barrier(cmd, {},
                     {image_barrier(image, VK_IMAGE_ASPECT_COLOR_BIT, VK_PIPELINE_STAGE_2_BLIT_BIT,
                                    VK_ACCESS_2_TRANSFER_WRITE_BIT,
                                    VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_PIPELINE_STAGE_2_NONE,
                                    VK_ACCESS_2_NONE, VK_IMAGE_LAYOUT_PRESENT_SRC_KHR)});
}

void FrameLoop::harvest(PerFrame& f) {
    // The readback buffer is sized for the target the copy was recorded against; targets are
    // only replaced after harvesting every slot (follow_size), so that is the current one.
    const VkExtent2D e = target_.extent();
    auto pixels = std::make_shared<RgbaPixels>();
    pixels->width = e.width;
    pixels->height = e.height;
    pixels->data.resize(std::size_t{e.width} * e.height * 4);
    f.readback.read(pixels->data.data(), pixels->data.size());
    ready_.push_back({*f.capture, pixels});
    newest_ = std::move(pixels);
    f.capture.reset();
}

std::vector<CapturedFrame> FrameLoop::take_captures(bool wait) {
    for (PerFrame& f : frames_) {
        if (!f.capture) continue;
        const VkFence fence = f.fence.get();
        if (wait) {
            VK_CHECK(vkWaitForFences(device_.get(), 1, &fence, VK_TRUE, k_fence_timeout_ns));
        } else {
            const VkResult status = vkGetFenceStatus(device_.get(), fence);
            if (status == VK_NOT_READY) continue; // still on the GPU: never waited for here
            if (status != VK_SUCCESS)
                throw_vulkan_error(status, "vkGetFenceStatus", __FILE__, __LINE__);
        }
        harvest(f);
    }
    std::sort(ready_.begin(), ready_.end(), [](const CapturedFrame& a, const CapturedFrame& b) {
        return a.frame_number < b.frame_number;
    });
    std::vector<CapturedFrame> out;
    out.swap(ready_);
    return out;
}

Result<RgbaPixels> FrameLoop::take_capture() {
    (void)take_captures(true);
    if (!newest_) return Error{"no frame was captured", {}};
    RgbaPixels pixels = *newest_;
    newest_.reset();
    return pixels;
}

} // namespace sh
