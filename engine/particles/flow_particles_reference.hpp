// Blood particles in the venous network, CPU side: the static tables the GPU reads (built once
// from VeinGeometry), seeding, and the CPU twin of shaders/particles_flow.comp, which reads the
// frame's gpu::VeinState as the shader does. The step is written in the same float operations as
// the shader, in the same order, so that on lavapipe both agree to the last bit (and on any GPU
// within a tolerance); change both together.
//
// The model (docs/architecture.md, "The frame"):
//  - A particle lives in one compartment at arclength s (distal end 0, proximal end length) and
//    at a fixed point (ox, oy) of the unit disc across the lumen.
//  - Axial velocity = Q(s) / A x 2 (1 - r^2) (Poiseuille), Q interpolated from flow_in at the
//    distal end to flow_out at the proximal end, A = reference area x area ratio (x count, which
//    is folded into the reference area), capped at +-max_speed.
//  - Past the proximal end a particle takes one of the links leaving there (from == c) with
//    positive flow, chosen in proportion to flow by a hash of (particle, crossing count, seed);
//    past the distal end, one of the links arriving there (to == c) with negative flow
//    (reflux), in proportion to |flow|. A link whose valve is closed (opening < 0.05) and
//    competent (failure < 0.5) stops the particle at the compartment's end; a failed valve lets
//    it through either way. Junction paths are traversed instantly: the particle reappears at
//    the link's entry point with the distance it had left over (a perforator's few cm are not
//    worth a third kind of place to live in).
//  - Past the proximal end of the outlet compartment (the groin) a particle is reborn in a
//    capillary-bed compartment chosen in proportion to its arterial inflow, at a random s.
//  - Position = centreline point + (ox n1 + oy n2) x reference radius x sqrt(area ratio), so a
//    dilated vein widens the stream and a collapsed one narrows it.
#pragma once

#include "gpu_layouts.h"
#include "vein_data.hpp"

#include <cstdint>
#include <glm/vec3.hpp>
#include <glm/vec4.hpp>
#include <span>
#include <vector>

namespace sh {

// Valve thresholds of the step (the shader has the same literals).
inline constexpr float k_valve_closed_opening = 0.05f;
inline constexpr float k_valve_failed = 0.5f;

// The lumen's cross axes of a centreline segment (unit, perpendicular to it and to each other).
struct FlowSegmentAxes {
    glm::vec3 n1, n2;
};

struct FlowTables {
    std::vector<glm::vec4> points; // xyz cm, w = arclength within its compartment
    std::vector<gpu::FlowCompartmentGpu> compartments;
    std::vector<gpu::FlowLinkGpu> links;
    std::vector<std::uint32_t> adjacency; // link indices, ranges in FlowCompartmentGpu
    std::uint32_t outlet = 0;
    // Host side only: each segment's cross axes, indexed by its first point, worked out once
    // with the shader's operations in its order (the shader works them out per particle), so
    // that the CPU step lands on the shader's bits without a square root per particle.
    std::vector<FlowSegmentAxes> segment_axes;
};

// Compartments with fewer than 2 centreline points get a 1 mm stub so that every compartment
// has a segment; links out of range are dropped from the adjacency (never indexed).
FlowTables build_flow_tables(const VeinGeometry& geometry);

// count particles spread over the compartments in proportion to volume (length x area), at
// uniform s, with hashed lumen offsets; then placed in `state` (its area ratios).
std::vector<gpu::FlowParticle> seed_flow_particles(const FlowTables& tables,
                                                   const gpu::VeinState& state, std::uint32_t count,
                                                   std::uint32_t seed);

// A particle in compartment c at arclength s with a given lumen offset (tests place particles).
gpu::FlowParticle make_flow_particle(std::uint32_t compartment, float s, float offset_x,
                                     float offset_y);

// The shader's integer hash and [0,1) float from it (exposed for tests).
// Where arclength `s` lies on a compartment's centreline, found as the step places a particle:
// the segment (the index of its first table point), the fraction along it, the point.
struct CentrelinePoint {
    std::uint32_t first_point;
    float t;
    glm::vec3 centre;
};
// The compartment needs at least two points.
CentrelinePoint centreline_point(const FlowTables& t, std::uint32_t compartment, float s);

std::uint32_t flow_hash(std::uint32_t x);
float flow_random(std::uint32_t id, std::uint32_t counter, std::uint32_t seed);

// One step of every particle, exactly as particles_flow.comp does it.
void step_flow_particles_reference(std::span<gpu::FlowParticle> particles, const FlowTables& tables,
                                   const gpu::VeinState& state, const gpu::FlowPush& push);
// The same step for a part of the particles: `particles` are those from index `first_id` of the
// whole set (the index is the shader's invocation id, which the hash of a junction's choice
// reads), so that parts stepped on different threads give the whole set's result. `placed`
// (empty, or one per particle) receives where each particle's centreline point ended up, what
// ParticlePoser would otherwise search for again.
void step_flow_particles_range(std::span<gpu::FlowParticle> particles, std::uint32_t first_id,
                               const FlowTables& tables, const gpu::VeinState& state,
                               const gpu::FlowPush& push, std::span<CentrelinePoint> placed = {});

// The colour the step writes (packed RGBA8), exposed for tests and the legend.
std::uint32_t flow_color(std::uint32_t mode, float speed, float pressure, std::uint32_t flags,
                         const gpu::FlowPush& push);

} // namespace sh
