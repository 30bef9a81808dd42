// The particle splat on the host (CPU devices, with the host step): the C++ counterpart of
// shaders/particle_splat.comp that keeps each pixel's nearest particle as a 64-bit key, then
// lists the covered pixels with their keys (collect_splat_pixels) for
// shaders/particle_host_resolve.comp to blend onto the frame.
//
// Why on the host: lavapipe runs every load, store and atomic of the compute splat one lane at
// a time, so 100k particles cost it 8-11 ms of both its compute threads at 1280x720; the same
// work in C++ reads the particles where the host step left them and writes its keys with plain
// compare-and-swaps (docs/architecture.md, "The frame").
//
// Keys: the high word as the compute splat's key without its occluded bit (depth in 14 bits |
// 0 | edge | RGB565, so the nearest particle wins, then the centre over a rim pixel), the low
// word the bits of the particle's exact NDC depth, which the resolve tests against the scene's
// depth at each pixel. The shader's splat tests once per particle at its centre pixel; a key per
// pixel lets the resolve test every pixel, which differs only along an occluder's silhouette.
#pragma once

#include "gpu_layouts.h"
#include "particles/flow_particles.hpp"
#include "soft_pose.hpp"

#include <cstdint>
#include <glm/mat3x3.hpp>
#include <glm/mat4x4.hpp>
#include <span>
#include <vector>

namespace sh {

inline constexpr std::uint64_t k_host_splat_empty = ~std::uint64_t{0};

// Places the blood particles as posed this frame, from their centrelines: points along every
// centreline of the flow tables (its corners, and at most 0.5 cm apart between them) are posed
// once per frame (SoftPose) together with the pose's derivative there (central differences
// over 1 mm), and a particle is the posed centre at its arclength (interpolated between two
// such points) plus that derivative times its offset from the rest centre. Where that linear
// prediction misses the pose by more than 0.2 mm 1.5 radii from the centre (behind a deeply bent
// knee, where the blend turns fast and the tissue bulges), the particles of that piece are
// posed one by one. Why: SoftPose costs 65-100 ns a particle in a bent pose (the bulge behind
// the knee samples the blend eight times); this about half of it (100k particles at walking
// push-off on one core: 3.3-4.2 ms against 6.5-7.1, with 0.7 ms of the frame's samples).
// tests/app/test_particle_poser.cpp holds the result within 0.2 mm of SoftPose on the
// simulator's network in walking, running and sitting (measured: 0.16 mm at worst).
class ParticlePoser {
public:
    // The pieces of the tables' centrelines (once; the poser keeps its own copy of the
    // tables), in the rest pose until set_pose.
    explicit ParticlePoser(const FlowTables& tables);
    // Poses the samples for this frame (no allocation: the storage is the constructor's).
    void set_pose(const SoftPose& pose);
    // The posed position of a particle the step placed (its compartment, arclength and rest
    // position as step_flow_particles_range left them).
    glm::vec3 operator()(const gpu::FlowParticle& p) const;
    // The same with the particle's centreline point as the step placed it (what
    // step_flow_particles_range's `placed` holds for it), not searched for again.
    glm::vec3 operator()(const gpu::FlowParticle& p, const CentrelinePoint& rest) const;

private:
    // set_pose's work for samples [first, first + count).
    void pose_samples(const SoftPose& pose, std::size_t first, std::size_t count);

    struct Sample {
        glm::vec3 posed;    // the posed centreline point
        glm::mat3 jacobian; // d(posed) / d(rest) there
        bool linear;        // the derivative predicts the pose a lumen's width away
    };
    SoftPose pose_{gpu::PoseState{}};
    FlowTables tables_;           // a copy: the poser may outlive and move apart from the original
    std::vector<glm::vec3> rest_; // per sample: its rest point
    std::vector<float> reach_;    // per sample: how far from it the linearity is tested
    // Each centreline segment (indexed by its first table point) cut into pieces of at most
    // k_piece_cm, with a sample at both ends of every piece.
    std::vector<std::uint32_t> first_sample_;
    std::vector<std::uint32_t> pieces_;
    std::vector<Sample> samples_;
};

// The posed positions of `particles` into `out` (the same size); with `placed` (one per particle,
// from the step that moved them last) their centreline points are not searched for again.
void pose_particles_range(std::span<const gpu::FlowParticle> particles, const ParticlePoser& poser,
                          std::span<glm::vec3> out, std::span<const CentrelinePoint> placed = {});

struct HostSplatFrame {
    glm::mat4 view_proj{1.0f};
    std::uint32_t width = 0, height = 0; // the splat target's size
    PixelRect rect;                      // keys only inside it, indexed from its corner
    float clip_z_max = 1e30f;            // particles above this rest height are not drawn
};

// Splats `particles`, posed at `posed` (the same size; their rest positions when the pose
// moves nothing), into `keys` (rect.width * rect.height keys, row by row from the rect's
// top-left corner; empty is k_host_splat_empty), keeping the smallest key of each pixel. Safe
// to run on several threads over parts of the particles into the same keys.
void host_splat_range(std::span<const gpu::FlowParticle> particles,
                      std::span<const glm::vec3> posed, const HostSplatFrame& frame,
                      std::uint64_t* keys);

// The pixels a splat covered in rows [row_begin, row_begin + rows) of `keys` (rect_width keys
// a row, as host_splat_range's), appended to `out` row by row for the device's resolve, and
// those keys left empty for the next frame's splat. Rows of one call must not overlap another
// running at the same time.
void collect_splat_pixels(std::uint64_t* keys, std::uint32_t rect_width, std::uint32_t row_begin,
                          std::uint32_t rows, std::vector<gpu::HostSplatPixel>& out);

} // namespace sh
