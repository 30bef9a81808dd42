// FlowParticles' host paths (CPU devices, FlowParticleOptions::host_step): the step as its C++
// twin, and the splat on the host with only its resolve on the device (host_splat.hpp;
// docs/architecture.md, "The frame", steps 5 and 6). Each runs in two halves on two threads:
// both lie on the program's path from the fence wait to the frame's submission.
#include "barriers.hpp"
#include "particles/flow_particles.hpp"
#include "particles/host_splat.hpp"
#include "two_halves.hpp"

#include <algorithm>

namespace sh {
namespace {

constexpr VkPipelineStageFlags2 k_compute = VK_PIPELINE_STAGE_2_COMPUTE_SHADER_BIT;

std::uint32_t groups(std::uint32_t n, std::uint32_t size) {
    return (n + size - 1) / size;
}

} // namespace

void FlowParticles::record_host_update(VkCommandBuffer cmd, float dt) {
    gpu::FlowPush push = push_;
    push.dt = dt;
    // The hash's particle ids count from each half's first index, so the halves land on the
    // whole set's bits.
    const std::span<gpu::FlowParticle> all(host_particles_);
    host_placed_.resize(host_particles_.size());
    const std::span<CentrelinePoint> placed(host_placed_);
    in_two_halves(all.size(), [&](std::size_t begin, std::size_t count) {
        step_flow_particles_range(all.subspan(begin, count), static_cast<std::uint32_t>(begin),
                                  tables_, *host_state_, push, placed.subspan(begin, count));
    });
    if (!options_.host_step_to_device) return;
    const Buffer& staging = host_staging_[host_slot_];
    host_slot_ = (host_slot_ + 1) % k_host_staging_buffers;
    staging.write(host_particles_.data(), host_particles_.size() * sizeof(gpu::FlowParticle));
    // WAR: the previous frame's splat (compute) or points (vertex shader) read the buffer; the
    // copy overwrites it. Then RAW for this frame's readers, as after a compute step.
    pipeline_barrier(
        cmd,
        {buffer_barrier(particles_.get(), k_compute | VK_PIPELINE_STAGE_2_VERTEX_SHADER_BIT,
                        VK_ACCESS_2_NONE, VK_PIPELINE_STAGE_2_COPY_BIT, VK_ACCESS_2_NONE)},
        {});
    const VkBufferCopy region{0, 0, staging.size()};
    vkCmdCopyBuffer(cmd, staging.get(), particles_.get(), 1, &region);
    pipeline_barrier(cmd,
                     {buffer_barrier(particles_.get(), VK_PIPELINE_STAGE_2_COPY_BIT,
                                     VK_ACCESS_2_TRANSFER_WRITE_BIT,
                                     k_compute | VK_PIPELINE_STAGE_2_VERTEX_SHADER_BIT,
                                     VK_ACCESS_2_SHADER_STORAGE_READ_BIT |
                                         VK_ACCESS_2_SHADER_STORAGE_WRITE_BIT)},
                     {});
}

void FlowParticles::record_host_splat(VkCommandBuffer cmd, OffscreenTarget& target,
                                      const glm::mat4& view_proj, const PixelRect& rect,
                                      const PassMarker& passes) {
    if (!begin_splat(cmd, target, rect, passes)) return;
    // Every key is empty: the last frame's collection emptied the keys it listed.
    const std::size_t used = std::size_t{rect.width} * rect.height;
    if (used > host_keys_.size()) host_keys_.resize(used, k_host_splat_empty);
    std::uint64_t* keys = host_keys_.data();
    if (!host_poser_) host_poser_ = std::make_shared<ParticlePoser>(tables_);
    host_poser_->set_pose(SoftPose(host_state_->pose));
    const ParticlePoser& poser = *host_poser_;
    host_posed_.resize(host_particles_.size());
    HostSplatFrame frame;
    frame.view_proj = view_proj;
    frame.width = splat_extent_.width;
    frame.height = splat_extent_.height;
    frame.rect = rect;
    frame.clip_z_max = options_.clip_z_max;
    const std::span<const gpu::FlowParticle> all(host_particles_);
    const std::span<glm::vec3> posed(host_posed_);
    // The step's centreline points, once it has run (a splat before the first step searches).
    const std::span<const CentrelinePoint> placed(host_placed_);
    const bool have_placed = placed.size() == all.size();
    in_two_halves(all.size(), [&](std::size_t begin, std::size_t count) {
        pose_particles_range(all.subspan(begin, count), poser, posed.subspan(begin, count),
                             have_placed ? placed.subspan(begin, count)
                                         : std::span<const CentrelinePoint>());
        host_splat_range(all.subspan(begin, count), posed.subspan(begin, count), frame, keys);
    });
    // The covered pixels, each half of the rows by one thread, then one list in this frame's
    // part of host_pixels_: the frame that last read that part has finished (the frame loop
    // waited for its fence).
    in_two_halves(rect.height, [&](std::size_t first_row, std::size_t rows) {
        // The second half is the one that ends at the last row (the first may be empty).
        std::vector<gpu::HostSplatPixel>& out =
            host_collected_[first_row + rows == rect.height ? 1 : 0];
        out.clear();
        collect_splat_pixels(keys, rect.width, static_cast<std::uint32_t>(first_row),
                             static_cast<std::uint32_t>(rows), out);
    });
    const std::uint32_t part = host_pixel_part_;
    host_pixel_part_ = (host_pixel_part_ + 1) % k_host_staging_buffers;
    const std::size_t first = std::size_t{part} * host_pixels_per_part_;
    std::size_t count = 0;
    for (const std::vector<gpu::HostSplatPixel>& half : host_collected_) {
        if (half.empty()) continue;
        // Written (and flushed) before the submission: visible to the device without a barrier.
        host_pixels_.write(half.data(), half.size() * sizeof(gpu::HostSplatPixel),
                           (first + count) * sizeof(gpu::HostSplatPixel));
        count += half.size();
    }
    if (count != 0) {
        gpu::SplatPush push = splat_push(rect);
        push.host_pixel_first = static_cast<std::uint32_t>(first);
        push.host_pixel_count = static_cast<std::uint32_t>(count);
        vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, splat_layout_.get(), 0, 1,
                                &host_resolve_set_, 0, nullptr);
        vkCmdPushConstants(cmd, splat_layout_.get(), VK_SHADER_STAGE_COMPUTE_BIT, 0, sizeof(push),
                           &push);
        vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, host_resolve_pipeline_.get());
        vkCmdDispatch(cmd, groups(static_cast<std::uint32_t>(count), gpu::HOST_RESOLVE_GROUP), 1,
                      1);
    }
    target.end_compute_access(cmd);
    passes.mark(cmd, "splat resolve");
}

} // namespace sh
