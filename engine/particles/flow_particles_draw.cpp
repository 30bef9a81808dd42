// FlowParticles' two ways onto the screen: the compute splat (the fast path on every device,
// lavapipe above all) and the point-list draw (for comparison; docs/architecture.md, "The frame",
// step 6).
#include "barriers.hpp"
#include "particles/flow_particles.hpp"
#include "pipelines.hpp"
#include "vk_check.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace sh {
namespace {

constexpr VkPipelineStageFlags2 k_compute = VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT;

std::uint32_t groups(std::uint32_t n, std::uint32_t size) {
    return (n + size - 1) / size;
}

} // namespace

PixelRect screen_rect(const glm::mat4& view_proj, const glm::vec3& box_min,
                      const glm::vec3& box_max, VkExtent2D extent, std::uint32_t margin) {
    const PixelRect whole{0, 0, extent.width, extent.height};
    float lo_x = 1e30f, lo_y = 1e30f, hi_x = -1e30f, hi_y = -1e30f;
    for (int corner = 0; corner < 8; ++corner) {
        const glm::vec3 p((corner & 1) ? box_max.x : box_min.x,
                          (corner & 2) ? box_max.y : box_min.y,
                          (corner & 4) ? box_max.z : box_min.z);
        const glm::vec4 clip = view_proj * glm::vec4(p, 1.0f);
        if (clip.w <= 1e-6f) return whole; // the box reaches behind the eye: no useful bound
        // Pixel coordinates as the splat computes them (NDC y = -1 is the top row).
        const float px = (clip.x / clip.w * 0.5f + 0.5f) * static_cast<float>(extent.width);
        const float py = (clip.y / clip.w * 0.5f + 0.5f) * static_cast<float>(extent.height);
        lo_x = std::min(lo_x, px);
        lo_y = std::min(lo_y, py);
        hi_x = std::max(hi_x, px);
        hi_y = std::max(hi_y, py);
    }
    const float m = static_cast<float>(margin);
    const auto clamp_to = [](float v, std::uint32_t side) {
        return static_cast<std::uint32_t>(std::clamp(v, 0.0f, static_cast<float>(side)));
    };
    const std::uint32_t x0 = clamp_to(std::floor(lo_x - m), extent.width);
    const std::uint32_t y0 = clamp_to(std::floor(lo_y - m), extent.height);
    const std::uint32_t x1 = clamp_to(std::ceil(hi_x + m) + 1.0f, extent.width);
    const std::uint32_t y1 = clamp_to(std::ceil(hi_y + m) + 1.0f, extent.height);
    if (x1 <= x0 || y1 <= y0) return PixelRect{0, 0, 0, 0};
    return PixelRect{x0, y0, x1 - x0, y1 - y0};
}

Result<bool> create_flow_draw_pipelines(const Device& device, FlowParticles& fp) {
    const VkDevice dev = device.get();
    // Point path: the particle buffer, read by the vertex shader.
    // Binding 1: the VeinState, whose pose places the particles where they are drawn.
    auto points_set_layout = create_storage_set_layout(dev, 2, VK_SHADER_STAGE_VERTEX_BIT);
    if (!points_set_layout) return points_set_layout.error();
    fp.points_set_layout_ = points_set_layout.take();
    auto points_set = allocate_descriptor_set(dev, fp.pool_.get(), fp.points_set_layout_.get());
    if (!points_set) return points_set.error();
    fp.points_set_ = points_set.value();
    const VkDescriptorBufferInfo infos[2] = {{fp.particles_.get(), 0, VK_WHOLE_SIZE},
                                             {fp.vein_state_, 0, VK_WHOLE_SIZE}};
    VkWriteDescriptorSet point_writes[2]{};
    for (std::uint32_t i = 0; i < 2; ++i) {
        point_writes[i].sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET;
        point_writes[i].dstSet = fp.points_set_;
        point_writes[i].dstBinding = i;
        point_writes[i].descriptorCount = 1;
        point_writes[i].descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
        point_writes[i].pBufferInfo = &infos[i];
    }
    vkUpdateDescriptorSets(dev, 2, point_writes, 0, nullptr);

    auto points_layout = create_pipeline_layout(
        dev, fp.points_set_layout_.get(), VK_SHADER_STAGE_VERTEX_BIT, sizeof(gpu::PointsPush));
    if (!points_layout) return points_layout.error();
    fp.points_layout_ = points_layout.take();
    GraphicsPipelineDesc desc;
    desc.vertex_shader = "particles_points.vert";
    desc.fragment_shader = "particles_points.frag";
    desc.layout = fp.points_layout_.get();
    desc.topology = VK_PRIMITIVE_TOPOLOGY_POINT_LIST;
    desc.color_format = fp.options_.color_format;
    desc.depth_format = fp.options_.depth_format;
    desc.depth_write = false; // particles are tested against the scene, not against each other
    auto points_pipeline = create_graphics_pipeline(dev, desc);
    if (!points_pipeline) return points_pipeline.error();
    fp.points_pipeline_ = points_pipeline.take();
    fp.large_points_ = device.large_points();

    // Splat path: particles, accumulation buffer, colour (storage image), depth (a copy), the
    // VeinState (its pose).
    const VkDescriptorSetLayoutBinding bindings[5] = {
        {0, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, VK_SHADER_STAGE_COMPUTE_BIT, nullptr},
        {1, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, VK_SHADER_STAGE_COMPUTE_BIT, nullptr},
        {2, VK_DESCRIPTOR_TYPE_STORAGE_IMAGE, 1, VK_SHADER_STAGE_COMPUTE_BIT, nullptr},
        {3, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, VK_SHADER_STAGE_COMPUTE_BIT, nullptr},
        {4, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, VK_SHADER_STAGE_COMPUTE_BIT, nullptr}};
    Result<UniqueDescriptorSetLayout> splat_set = create_set_layout(dev, bindings);
    if (!splat_set) return splat_set.error();
    fp.splat_set_layout_ = splat_set.take();
    const VkDescriptorSetLayout splat_set_layout = fp.splat_set_layout_.get();

    auto splat_layout = create_pipeline_layout(dev, splat_set_layout, VK_SHADER_STAGE_COMPUTE_BIT,
                                               sizeof(gpu::SplatPush));
    if (!splat_layout) return splat_layout.error();
    fp.splat_layout_ = splat_layout.take();
    auto splat = create_compute_pipeline(dev, fp.splat_layout_.get(), "particle_splat.comp");
    if (!splat) return splat.error();
    fp.splat_pipeline_ = splat.take();
    auto resolve =
        create_compute_pipeline(dev, fp.splat_layout_.get(), "particle_splat_resolve.comp");
    if (!resolve) return resolve.error();
    fp.resolve_pipeline_ = resolve.take();
    if (fp.options_.host_step) {
        auto host_resolve =
            create_compute_pipeline(dev, fp.splat_layout_.get(), "particle_host_resolve.comp");
        if (!host_resolve) return host_resolve.error();
        fp.host_resolve_pipeline_ = host_resolve.take();
    }
    return true;
}

Result<bool> FlowParticles::attach_target(const Device& device, const OffscreenTarget& target,
                                          OffscreenTarget* depth_source) {
    if (!target.has_storage())
        return Error{"particle splat: the colour image has no STORAGE usage", {}};
    const OffscreenTarget& depth = depth_source != nullptr ? *depth_source : target;
    if (!depth.has_depth_copy())
        return Error{"particle splat: the depth image has no TRANSFER_SRC usage", {}};
    const VkDevice dev = device.get();
    const VkExtent2D extent = target.extent();
    // The caller guarantees no submission still uses the old set and buffer (resize waits for
    // the device to be idle).
    splat_pool_.reset();
    splat_set_ = VK_NULL_HANDLE;
    // The compute splat's keys; the host splat keeps its own (host_keys_), so with host_step
    // this is only a placeholder for the compute splat's descriptor set.
    const VkDeviceSize accum_bytes =
        options_.host_step ? VkDeviceSize{4} : VkDeviceSize{extent.width} * extent.height * 4;
    auto accum = create_buffer(
        device, accum_bytes, VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT,
        MemoryUse::DeviceLocal);
    if (!accum) return accum.error();
    accum_ = accum.take();
    accum_cleared_ = false;
    const VkExtent2D depth_extent = depth.extent();
    auto depth_copy =
        create_buffer(device, VkDeviceSize{depth_extent.width} * depth_extent.height * 4,
                      VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT,
                      MemoryUse::DeviceLocal);
    if (!depth_copy) return depth_copy.error();
    depth_copy_ = depth_copy.take();

    if (options_.host_step) {
        // Room for every pixel in each part. The list is written from its start and only the
        // leg's covered pixels are listed, so on a CPU device most of the pages are never
        // touched (at 3840x2160 the two parts are 199 MB, of which a frame writes about 1 MB).
        host_pixels_per_part_ = std::size_t{extent.width} * extent.height;
        auto pixels = create_buffer(device,
                                    VkDeviceSize{host_pixels_per_part_} * k_host_staging_buffers *
                                        sizeof(gpu::HostSplatPixel),
                                    VK_BUFFER_USAGE_STORAGE_BUFFER_BIT, MemoryUse::Upload);
        if (!pixels) return pixels.error();
        host_pixels_ = pixels.take();
        host_pixel_part_ = 0;
        // Grown (every key empty) when a rectangle first reaches past it: record_host_splat.
        host_keys_.clear();
    }

    const std::uint32_t set_count = options_.host_step ? 2u : 1u;
    const VkDescriptorPoolSize sizes[2] = {{VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 4 * set_count},
                                           {VK_DESCRIPTOR_TYPE_STORAGE_IMAGE, set_count}};
    auto pool = create_descriptor_pool(dev, std::span(sizes), set_count);
    if (!pool) return pool.error();
    splat_pool_ = pool.take();
    const VkDescriptorImageInfo color{VK_NULL_HANDLE, target.color().view(),
                                      VK_IMAGE_LAYOUT_GENERAL};
    // The compute splat's set; with host_step also the host resolve's, the list of covered
    // pixels at binding 1.
    for (std::uint32_t s = 0; s < set_count; ++s) {
        auto set = allocate_descriptor_set(dev, splat_pool_.get(), splat_set_layout_.get());
        if (!set) return set.error();
        (s == 0 ? splat_set_ : host_resolve_set_) = set.value();
        const VkDescriptorBufferInfo buffers[4] = {
            {particles_.get(), 0, VK_WHOLE_SIZE},
            {s == 0 ? accum_.get() : host_pixels_.get(), 0, VK_WHOLE_SIZE},
            {depth_copy_.get(), 0, VK_WHOLE_SIZE},
            {vein_state_, 0, VK_WHOLE_SIZE}};
        VkWriteDescriptorSet writes[5]{};
        for (std::uint32_t i = 0; i < 5; ++i) {
            writes[i].sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET;
            writes[i].dstSet = set.value();
            writes[i].dstBinding = i;
            writes[i].descriptorCount = 1;
            writes[i].descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
        }
        writes[0].pBufferInfo = &buffers[0];
        writes[1].pBufferInfo = &buffers[1];
        writes[2].descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_IMAGE;
        writes[2].pImageInfo = &color;
        writes[3].pBufferInfo = &buffers[2];
        writes[4].pBufferInfo = &buffers[3];
        vkUpdateDescriptorSets(dev, 5, writes, 0, nullptr);
    }
    splat_image_ = target.color().get();
    splat_extent_ = extent;
    depth_source_ = depth_source;
    depth_extent_ = depth_extent;
    return true;
}

void FlowParticles::record_splat(VkCommandBuffer cmd, OffscreenTarget& target,
                                 const glm::mat4& view_proj, const PassMarker& passes) {
    if (splat_set_ == VK_NULL_HANDLE || splat_image_ != target.color().get() ||
        splat_extent_.width != target.extent().width ||
        splat_extent_.height != target.extent().height)
        throw std::logic_error("FlowParticles::record_splat: call attach_target first");

    // The footprint reaches 2 pixels from a particle's centre pixel; 4 leaves a margin. The
    // splat writes only inside this rectangle and the resolve empties what it reads there.
    const PixelRect rect = has_bounds_
                               ? screen_rect(view_proj, bounds_min_, bounds_max_, splat_extent_, 4)
                               : PixelRect{0, 0, splat_extent_.width, splat_extent_.height};
    if (options_.host_step) {
        record_host_splat(cmd, target, view_proj, rect, passes);
        return;
    }
    const VkAccessFlags2 k_read_write =
        VK_ACCESS_2_SHADER_STORAGE_READ_BIT | VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT;
    if (!accum_cleared_) {
        // Once per buffer: WAR/WAW against any earlier use, the fill, then RAW/WAW for the splat.
        pipeline_barrier(
            cmd,
            {buffer_barrier(accum_.get(), k_compute, k_read_write,
                            VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT, VK_ACCESS_2_TRANSFER_WRITE_BIT)},
            {});
        vkCmdFillBuffer(cmd, accum_.get(), 0, VK_WHOLE_SIZE, gpu::SPLAT_EMPTY);
        pipeline_barrier(cmd,
                         {buffer_barrier(accum_.get(), VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT,
                                         VK_ACCESS_2_TRANSFER_WRITE_BIT, k_compute, k_read_write)},
                         {});
        accum_cleared_ = true;
    }
    // Particles: RAW, the splat reads what the step wrote. Accumulation buffer: RAW/WAW, the
    // splat's loads and atomics come after the previous frame's resolve emptied it.
    pipeline_barrier(
        cmd,
        {buffer_barrier(particles_.get(), k_compute, VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT,
                        k_compute, VK_ACCESS_2_SHADER_STORAGE_READ_BIT),
         buffer_barrier(accum_.get(), k_compute, k_read_write, k_compute, k_read_write)},
        {});
    if (!begin_splat(cmd, target, rect, passes)) return;
    gpu::SplatPush push = splat_push(rect);
    push.view_proj = view_proj;
    push.particle_count = push_.particle_count;
    push.clip_z_max = options_.clip_z_max;
    vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, splat_layout_.get(), 0, 1,
                            &splat_set_, 0, nullptr);
    vkCmdPushConstants(cmd, splat_layout_.get(), VK_SHADER_STAGE_COMPUTE_BIT, 0, sizeof(push),
                       &push);
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, splat_pipeline_.get());
    vkCmdDispatch(cmd, groups(push.particle_count, gpu::PARTICLE_WORKGROUP_SIZE), 1, 1);
    passes.mark(cmd, "particle splat");
    // Accumulation buffer: RAW/WAR, the resolve reads the splat's atomics and empties them.
    pipeline_barrier(
        cmd, {buffer_barrier(accum_.get(), k_compute, k_read_write, k_compute, k_read_write)}, {});
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, resolve_pipeline_.get());
    vkCmdDispatch(cmd, groups(rect.width, gpu::SPLAT_TILE), groups(rect.height, gpu::SPLAT_TILE),
                  1);
    target.end_compute_access(cmd);
    passes.mark(cmd, "splat resolve");
}

bool FlowParticles::begin_splat(VkCommandBuffer cmd, OffscreenTarget& target, const PixelRect& rect,
                                const PassMarker& passes) {
    (depth_source_ != nullptr ? *depth_source_ : target).copy_depth(cmd, depth_copy_.get());
    target.begin_compute_access(cmd);
    passes.mark(cmd, "splat depth copy");
    if (rect.width != 0 && rect.height != 0) return true;
    // The leg is off screen: no pixel to draw.
    target.end_compute_access(cmd);
    passes.mark(cmd, "splat resolve");
    return false;
}

gpu::SplatPush FlowParticles::splat_push(const PixelRect& rect) const {
    gpu::SplatPush push{};
    push.width = splat_extent_.width;
    push.height = splat_extent_.height;
    push.occluded_alpha = options_.occluded_alpha;
    push.depth_width = depth_extent_.width;
    push.depth_height = depth_extent_.height;
    push.rect_x = rect.x;
    push.rect_y = rect.y;
    push.rect_width = rect.width;
    push.rect_height = rect.height;
    return push;
}

void FlowParticles::record_barrier_for_draw(VkCommandBuffer cmd) const {
    // RAW: the vertex shader reads the positions and colours the step wrote.
    pipeline_barrier(
        cmd,
        {buffer_barrier(particles_.get(), k_compute, VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT,
                        VK_PIPELINE_STAGE_2_VERTEX_SHADER_BIT,
                        VK_ACCESS_2_SHADER_STORAGE_READ_BIT)},
        {});
}

void FlowParticles::record_draw_points(VkCommandBuffer cmd, const glm::mat4& view_proj) const {
    gpu::PointsPush push{};
    push.view_proj = view_proj;
    // Without largePoints every point is 1 pixel (a larger gl_PointSize is invalid there).
    push.point_size = large_points_ ? options_.point_size : 1.0f;
    push.reflux_scale = large_points_ ? options_.reflux_point_scale : 1.0f;
    push.clip_z_max = options_.clip_z_max;
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, points_pipeline_.get());
    vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, points_layout_.get(), 0, 1,
                            &points_set_, 0, nullptr);
    vkCmdPushConstants(cmd, points_layout_.get(), VK_SHADER_STAGE_VERTEX_BIT, 0, sizeof(push),
                       &push);
    vkCmdDraw(cmd, push_.particle_count, 1, 0, 0);
}

} // namespace sh
