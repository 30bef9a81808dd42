// The particle compute pass: particles advance along one polyline (a vein centreline) with a
// velocity per segment. This is the first GPU pipeline of the engine; the full network version
// (junctions, valves, recycling) grows out of it.
#pragma once

#include "device.hpp"
#include "gpu_layouts.h"
#include "immediate_submit.hpp"
#include "memory.hpp"
#include "result.hpp"
#include "vk_handle.hpp"

#include <glm/vec4.hpp>
#include <span>
#include <vector>

namespace sh {

class ParticleAdvector {
public:
    ParticleAdvector() = default;

    // Records one step: a barrier against the previous step's (or draw's) use of the particle
    // buffer, then one dispatch.
    void record_step(VkCommandBuffer cmd, float dt) const;
    // Records the barrier that lets the vertex shader read what the last step wrote.
    void record_barrier_for_draw(VkCommandBuffer cmd) const;

    // Copies the particles back to the CPU (one immediate submission).
    Result<std::vector<gpu::Particle>> read_back(const Device& device,
                                                 const ImmediateSubmitter& submitter) const;

    const Buffer& particles() const noexcept { return particles_; }
    std::uint32_t count() const noexcept { return count_; }

private:
    friend Result<ParticleAdvector>
    create_particle_advector(const Device&, const ImmediateSubmitter&, std::span<const glm::vec4>,
                             std::span<const float>, std::span<const gpu::Particle>);
    Buffer particles_;
    Buffer points_;
    Buffer velocities_;
    UniqueDescriptorSetLayout set_layout_;
    UniqueDescriptorPool pool_;
    VkDescriptorSet set_ = VK_NULL_HANDLE; // freed with the pool
    UniquePipelineLayout layout_;
    UniquePipeline pipeline_;
    std::uint32_t count_ = 0;
    std::uint32_t point_count_ = 0;
};

// polyline: points with cumulative arclength in w (build_polyline); velocities: one per
// segment; initial: the particles (make_particle). Uploads everything through staging buffers.
Result<ParticleAdvector> create_particle_advector(const Device& device,
                                                  const ImmediateSubmitter& submitter,
                                                  std::span<const glm::vec4> polyline,
                                                  std::span<const float> velocities,
                                                  std::span<const gpu::Particle> initial);

} // namespace sh
