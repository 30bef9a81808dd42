// The particle splat on the host (CPU devices, with the host step): the C++ counterpart of
// shaders/particle_splat.comp that keeps each pixel's nearest particle as a 64-bit key in a
// mapped buffer, which shaders/particle_host_resolve.comp blends onto the frame.
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
#include <glm/mat4x4.hpp>
#include <span>

namespace sh {

inline constexpr std::uint64_t k_host_splat_empty = ~std::uint64_t{0};

struct HostSplatFrame {
    glm::mat4 view_proj{1.0f};
    std::uint32_t width = 0, height = 0; // the splat target's size
    PixelRect rect;                      // keys only inside it, indexed from its corner
    float clip_z_max = 1e30f;            // particles above this rest height are not drawn
};

// Splats `particles` into `keys` (rect.width * rect.height keys, row by row from the rect's
// top-left corner; empty is k_host_splat_empty), keeping the smallest key of each pixel.
// Safe to run on several threads over parts of the particles into the same keys.
void host_splat_range(std::span<const gpu::FlowParticle> particles, const SoftPose& pose,
                      const HostSplatFrame& frame, std::uint64_t* keys);

} // namespace sh
