// GPU struct layouts and sizes shared by GLSL (#include "gpu_layouts.h") and C++.
//
// Why one header: the particle buffer and the push-constant blocks are read by shaders and
// written by C++; keeping one definition (plus the static_asserts at the bottom) turns a layout
// mismatch into a compile error instead of garbage on screen.
//
// Rules for editing:
//  - storage buffers are std430: a vec4 is 16-byte aligned, so order members by hand and pad
//    explicitly to a multiple of 16 bytes; never rely on implicit padding.
//  - push-constant blocks must stay <= 128 bytes (lavapipe's maxPushConstantsSize, and the
//    minimum every Vulkan device guarantees).
//  - only scalar, vec4 and mat4 members: their std430 and C++ (glm) layouts agree once padded.
#ifndef SH_GPU_LAYOUTS_H
#define SH_GPU_LAYOUTS_H

#ifdef __cplusplus
#include <cstddef>
#include <cstdint>
#include <glm/mat4x4.hpp>
#include <glm/vec4.hpp>

namespace sh::gpu {
using uint = std::uint32_t;
using vec4 = glm::vec4;
using mat4 = glm::mat4;
#define SH_GPU_CONST inline constexpr
#else
#define SH_GPU_CONST const
#endif

// Invocations per workgroup of the particle compute shaders (x dimension). 256 is a good fit
// for both desktop GPUs and lavapipe (maxComputeWorkGroupInvocations 1024).
SH_GPU_CONST uint PARTICLE_WORKGROUP_SIZE = 256u;

// One particle on one vein centreline, as the compute shader keeps it (std430, 32 bytes).
// s is the arclength along the polyline in cm; position is derived from s after each step so
// that the vertex shader can draw it without searching the polyline again.
struct Particle {
    float s;      // arclength from the first polyline point, cm
    uint segment; // index of the polyline segment that contains s
    float speed;  // velocity used in the last step, cm/s (signed: negative is reflux)
    float pad0;
    vec4 position; // xyz in cm, w = 1
};

// A polyline point: xyz in cm, w = cumulative arclength up to this point in cm.
// (Plain vec4 on the GPU; documented here so both sides agree on the meaning of w.)

// Push constants of particle_advect.comp (16 bytes).
struct AdvectPush {
    float dt;            // time step, s
    uint particle_count; // particles to advance; invocations past it return
    uint point_count;    // polyline points; segments = point_count - 1
    uint pad0;
};

// Push constants of the simple draw pipelines (triangle.*, particles.*): 96 bytes.
struct DrawPush {
    mat4 view_proj;   // world (cm) to clip space; identity for the test triangle
    vec4 color;       // linear RGBA written by the fragment shader
    float point_size; // in pixels; 1.0 unless the largePoints feature is enabled
    float pad0;
    float pad1;
    float pad2;
};

#ifdef __cplusplus
static_assert(sizeof(Particle) == 32, "Particle must match std430 (32 bytes)");
static_assert(offsetof(Particle, s) == 0);
static_assert(offsetof(Particle, segment) == 4);
static_assert(offsetof(Particle, speed) == 8);
static_assert(offsetof(Particle, position) == 16);
static_assert(sizeof(AdvectPush) == 16);
static_assert(offsetof(AdvectPush, particle_count) == 4);
static_assert(offsetof(AdvectPush, point_count) == 8);
static_assert(sizeof(DrawPush) == 96);
static_assert(offsetof(DrawPush, color) == 64);
static_assert(offsetof(DrawPush, point_size) == 80);
static_assert(sizeof(DrawPush) <= 128, "push constants are limited to 128 bytes");
static_assert(sizeof(AdvectPush) <= 128, "push constants are limited to 128 bytes");
} // namespace sh::gpu
#endif

#undef SH_GPU_CONST
#endif // SH_GPU_LAYOUTS_H
