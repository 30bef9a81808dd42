// CPU reference of particle_advect.comp: the same step, in the same float operations, so that
// GPU results can be checked against it on lavapipe (and on any GPU, within a tolerance).
#pragma once

#include "gpu_layouts.h"

#include <cstdint>
#include <glm/vec3.hpp>
#include <glm/vec4.hpp>
#include <span>
#include <vector>

namespace sh {

// Polyline points as the GPU stores them: xyz in cm, w = cumulative arclength in cm.
std::vector<glm::vec4> build_polyline(std::span<const glm::vec3> points);

// Last segment i with polyline[i].w <= s, clamped to [0, segments-1]; same search as the shader.
std::uint32_t find_segment(std::span<const glm::vec4> polyline, float s);

// The same segment, found by walking from `hint` (what the shader does each step).
std::uint32_t find_segment_from(std::span<const glm::vec4> polyline, std::uint32_t hint, float s);

// A particle at arclength s, with segment and position filled in.
gpu::Particle make_particle(std::span<const glm::vec4> polyline, float s);

// One step for every particle: s += v(segment containing s) * dt, clamped to [0, length];
// then segment and position follow s. velocities has one entry per segment (cm/s).
void advance_particles_reference(std::span<gpu::Particle> particles,
                                 std::span<const glm::vec4> polyline,
                                 std::span<const float> velocities, float dt);

} // namespace sh
