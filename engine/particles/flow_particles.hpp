// Blood as GPU particles flowing through the venous network, driven by the simulator's state
// (gpu::VeinState in the VeinStateBuffer bound at creation; docs/architecture.md, "The frame").
// The step itself (velocity profile, valves, branching, recycling) is described in
// flow_particles_reference.hpp, whose CPU twin the GPU tests compare against.
//
// Per frame, on one queue and one command buffer:
//   (VeinStateBuffer::record_upload)      the frame's state, recorded by the owner first
//   record_update(cmd, dt)                compute: one step of every particle (or, with
//                                         host_step, the CPU twin's step copied in)
//   then either (outside rendering, after the scene pass)
//   record_splat(cmd, target, view_proj)  compute: splat into the colour image, depth-tested
//                                         (with host_step: splatted on the host, resolved by
//                                         compute)
//   or
//   record_barrier_for_draw(cmd)          before begin_rendering
//   record_draw_points(cmd, view_proj)    inside rendering: the point-list comparison path
//
// Colour (computed by the step, FLOW_COLOR_*): speed (forward dark blue -> light cyan, reflux
// dark orange -> yellow, brightness by speed), pressure (blue -> yellow ramp), direction
// (Okabe-Ito blue / orange). Held particles are grey. In every mode reflux is also drawn
// bigger and ringed (5x5 ring in the splat, 2x point with a dark core in the point path), so
// forward and reflux differ in shape as well as hue, never by red against green.
#pragma once

#include "device.hpp"
#include "gpu_layouts.h"
#include "immediate_submit.hpp"
#include "memory.hpp"
#include "offscreen_target.hpp"
#include "particles/flow_particles_reference.hpp"
#include "pass_timer.hpp"
#include "result.hpp"
#include "vein_data.hpp"
#include "vk_handle.hpp"

#include <array>
#include <cstdint>
#include <glm/mat4x4.hpp>
#include <memory>
#include <span>
#include <vector>

namespace sh {

class ParticlePoser; // particles/host_splat.hpp

inline constexpr std::uint32_t k_default_flow_particles = 131072;

// A particle count for the device: 262,144 on discrete GPUs, 100,000 on integrated ones,
// 100,000 on CPU devices (lavapipe) and others.
std::uint32_t scale_to_device(const Device& device);

struct FlowParticleOptions {
    std::uint32_t count = k_default_flow_particles;
    std::uint32_t seed = 1;
    std::uint32_t color_mode = gpu::FLOW_COLOR_SPEED;
    std::uint32_t palette = gpu::FLOW_PALETTE_ORDINARY;
    float max_speed_cm_s = 150.0f;
    float speed_scale_cm_s = 20.0f; // shown at full brightness
    float pressure_lo_mmHg = 0.0f;
    float pressure_hi_mmHg = 90.0f;
    float occluded_alpha = 0.3f; // splats behind the scene depth: 0 hides them
    float clip_z_max = 1e9f;     // splats above this height (cm) are skipped
    float point_size = 2.0f;     // point path; 1 without largePoints
    float reflux_point_scale = 2.0f;
    // Step on the host with the CPU twin (step_flow_particles_reference) and copy the result
    // into the particle buffer, instead of the compute shader: for CPU devices (lavapipe),
    // where the shader's gathered loads cost about three times the C++ step's CPU time and the
    // C++ step runs on the program's thread while the device still draws the previous frame.
    // The twin matches lavapipe's shader to the last bit, so the picture is the same.
    // With host_step the splat runs on the host too (engine/particles/host_splat.hpp): only
    // its resolve runs on the device.
    bool host_step = false;
    // With host_step: copy each step's particles into the device's particle buffer too, for
    // the point path and read_back(). Off when neither is used (the program's default splat):
    // it saves a copy of 4.8 MB per frame at 100k particles.
    bool host_step_to_device = true;
    VkFormat color_format = OffscreenTarget::k_color_format; // of the point pipeline
    VkFormat depth_format = OffscreenTarget::k_depth_format;
};

// Pixels [x, x+width) x [y, y+height) of a target.
struct PixelRect {
    std::uint32_t x = 0, y = 0, width = 0, height = 0;
};
// The pixels a world-space box can cover on a `extent` target seen through `view_proj`, grown
// by `margin` pixels and clamped to the target; the whole target when a corner is behind the
// eye (w <= 0); empty (width 0) when the box is entirely off screen.
PixelRect screen_rect(const glm::mat4& view_proj, const glm::vec3& box_min,
                      const glm::vec3& box_max, VkExtent2D extent, std::uint32_t margin);

class FlowParticles {
public:
    FlowParticles() = default;

    // One step with the state last uploaded into the VeinStateBuffer (its record_upload must
    // come first in the same or an earlier submission). With host_step, the step with the
    // state last given to set_host_state runs here, on the calling thread, into one of
    // k_host_staging_buffers mapped buffers in turn, and the command buffer copies it into the
    // particle buffer: so at most that many submissions with a step may be in flight (the
    // frame loop keeps 2 and waits for the frame two back before recording).
    void record_update(VkCommandBuffer cmd, float dt);
    // The state the next host step reads (copied; only with host_step). The GPU step reads
    // the VeinStateBuffer instead, which the owner uploads from the same state.
    void set_host_state(const gpu::VeinState& state);
    bool host_step() const noexcept { return options_.host_step; }
    static constexpr std::uint32_t k_host_staging_buffers = 2;

    // Creates the splat resources for the target's size (call again after a resize). Errors
    // when the colour image lacks STORAGE or the depth image lacks TRANSFER_SRC usage.
    // `depth_source`: where the scene's depth is (null: the target itself). With the scene
    // drawn into a smaller internal target and upscaled (render scale, CPU devices) the blood
    // is still splatted at the frame's full size, so each particle stays the few crisp pixels
    // it is at full resolution; each pixel tests against the internal depth pixel under it.
    Result<bool> attach_target(const Device& device, const OffscreenTarget& target,
                               OffscreenTarget* depth_source = nullptr);
    // After the scene pass (outside rendering); leaves the target in its attachment layouts.
    // Throws std::logic_error if the target was not attached.
    // `passes` marks "splat depth copy", "particle splat" and "splat resolve" (GPU timestamps).
    void record_splat(VkCommandBuffer cmd, OffscreenTarget& target, const glm::mat4& view_proj,
                      const PassMarker& passes = {});

    void record_barrier_for_draw(VkCommandBuffer cmd) const;
    void record_draw_points(VkCommandBuffer cmd, const glm::mat4& view_proj) const;

    // The particles after the last step: the device's buffer, or with host_step and without
    // host_step_to_device the host's copy.
    Result<std::vector<gpu::FlowParticle>> read_back(const Device& device,
                                                     const ImmediateSubmitter& submitter) const;

    void set_color_mode(std::uint32_t mode) noexcept { push_.color_mode = mode; }
    void set_palette(std::uint32_t palette) noexcept { push_.palette = palette; }
    void set_occluded_alpha(float alpha) noexcept { options_.occluded_alpha = alpha; }
    void set_clip_height(float z_cm) noexcept { options_.clip_z_max = z_cm; }
    // Where particles can be (world cm): the resolve then covers only its screen rectangle.
    // Default: everywhere (the whole target).
    void set_bounds(const glm::vec3& min, const glm::vec3& max) noexcept {
        bounds_min_ = min;
        bounds_max_ = max;
        has_bounds_ = true;
    }
    const gpu::FlowPush& push() const noexcept { return push_; }
    const FlowTables& tables() const noexcept { return tables_; }
    std::uint32_t count() const noexcept { return push_.particle_count; }
    const Buffer& particles() const noexcept { return particles_; }

private:
    friend Result<FlowParticles> create_flow_particles(const Device&, const ImmediateSubmitter&,
                                                       const VeinGeometry&, VkBuffer,
                                                       const FlowParticleOptions&,
                                                       std::span<const gpu::FlowParticle>);
    friend Result<bool> create_flow_draw_pipelines(const Device&, FlowParticles&);

    void record_host_update(VkCommandBuffer cmd, float dt);
    // record_splat with host_step: the host splats this frame's particles into host_keys_ and
    // lists the pixels they cover in one of k_host_staging_buffers parts of host_pixels_ in
    // turn (the same frames-in-flight bound as the step's); the device resolves that list.
    void record_host_splat(VkCommandBuffer cmd, OffscreenTarget& target, const glm::mat4& view_proj,
                           const PixelRect& rect, const PassMarker& passes);
    // Both splats: the scene's depth copied for the test and the colour image opened for
    // compute; false (and the image closed again) when the leg is off screen.
    bool begin_splat(VkCommandBuffer cmd, OffscreenTarget& target, const PixelRect& rect,
                     const PassMarker& passes);
    // The push constants both resolves share: sizes, rectangle, occluded alpha.
    gpu::SplatPush splat_push(const PixelRect& rect) const;

    FlowParticleOptions options_;
    FlowTables tables_;
    gpu::FlowPush push_{};
    Buffer particles_;
    Buffer points_;
    Buffer compartments_;
    Buffer links_;
    Buffer adjacency_;
    VkBuffer vein_state_ = VK_NULL_HANDLE; // not owned; its pose places the drawn particles
    UniqueDescriptorSetLayout update_set_layout_;
    UniqueDescriptorPool pool_;
    VkDescriptorSet update_set_ = VK_NULL_HANDLE; // freed with the pool
    UniquePipelineLayout update_layout_;
    UniquePipeline update_pipeline_;

    // Host step (options_.host_step): the particles and the state the C++ step reads, and the
    // mapped buffers its result is copied from, used in turn.
    std::vector<gpu::FlowParticle> host_particles_;
    std::unique_ptr<gpu::VeinState> host_state_;
    std::array<Buffer, k_host_staging_buffers> host_staging_;
    std::uint32_t host_slot_ = 0;

    // Point path.
    UniqueDescriptorSetLayout points_set_layout_;
    VkDescriptorSet points_set_ = VK_NULL_HANDLE;
    UniquePipelineLayout points_layout_;
    UniquePipeline points_pipeline_;
    bool large_points_ = false;

    // Splat path (attach_target).
    UniqueDescriptorSetLayout splat_set_layout_;
    UniquePipelineLayout splat_layout_;
    UniquePipeline splat_pipeline_;
    UniquePipeline resolve_pipeline_;
    UniqueDescriptorPool splat_pool_;
    VkDescriptorSet splat_set_ = VK_NULL_HANDLE;
    Buffer accum_;
    bool accum_cleared_ = false; // filled with SPLAT_EMPTY once; the resolve keeps it empty
    // Host splat (host_step): 64-bit keys over the leg's rectangle (host memory only, every key
    // empty between frames; grown to the largest rectangle used), and the covered pixels
    // collected from them for the resolve: per half of the rows, then into
    // k_host_staging_buffers parts of a frame's pixels each of the mapped host_pixels_, which
    // the resolve reads through host_resolve_set_.
    std::vector<std::uint64_t> host_keys_;
    std::array<std::vector<gpu::HostSplatPixel>, 2> host_collected_;
    Buffer host_pixels_;
    std::size_t host_pixels_per_part_ = 0;
    std::vector<glm::vec3> host_posed_; // this frame's posed particles
    // Where the host step last placed each particle on its centreline (empty until it has run:
    // host_particles_ change only in the step).
    std::vector<CentrelinePoint> host_placed_;
    std::shared_ptr<ParticlePoser> host_poser_; // places them (made at the first host splat)
    std::uint32_t host_pixel_part_ = 0;
    UniquePipeline host_resolve_pipeline_;
    VkDescriptorSet host_resolve_set_ = VK_NULL_HANDLE;
    Buffer depth_copy_;                       // the depth source's depth, copied before each splat
    OffscreenTarget* depth_source_ = nullptr; // null: the splat target's own depth
    VkExtent2D depth_extent_{};
    glm::vec3 bounds_min_{0.0f}, bounds_max_{0.0f};
    bool has_bounds_ = false;
    VkImage splat_image_ = VK_NULL_HANDLE;
    VkExtent2D splat_extent_{};
};

// Uploads the tables and the particles (seeded by volume at rest unless `initial` is given) and
// creates the update, point and splat pipelines. `vein_state`: the VeinStateBuffer the step
// reads (it must outlive the particles).
Result<FlowParticles> create_flow_particles(const Device& device,
                                            const ImmediateSubmitter& submitter,
                                            const VeinGeometry& geometry, VkBuffer vein_state,
                                            const FlowParticleOptions& options,
                                            std::span<const gpu::FlowParticle> initial = {});

// Internal (flow_particles_draw.cpp): the point and splat pipelines of a FlowParticles.
Result<bool> create_flow_draw_pipelines(const Device& device, FlowParticles& particles);

} // namespace sh
