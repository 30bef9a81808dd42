// GPU layout of the stage under the leg (engine/scene/stage_renderer, shaders/stage.vert and
// stage.frag): the floor, the seat or the bed, and the soft contact shadow. Shared by GLSL
// (#include "stage_layout.h") and C++, with the rules of gpu_layouts.h: std430, only scalar, vec4
// and mat4 members, padded by hand to multiples of 16 bytes. It lives apart from gpu_layouts.h
// because nothing else reads it.
#ifndef SH_STAGE_LAYOUT_H
#define SH_STAGE_LAYOUT_H

#ifdef __cplusplus
#include <cstddef>
#include <glm/mat4x4.hpp>
#include <glm/vec4.hpp>

namespace sh::gpu {
#define SH_GPU_CONST inline constexpr
using vec4 = glm::vec4;
using mat4 = glm::mat4;
#else
#define SH_GPU_CONST const
#endif

// Parts of the leg that shade the stage: capsules (segment a-b with a radius), posed.
SH_GPU_CONST int STAGE_MAX_OCCLUDERS = 4;
// Solid boxes (the seat, the bed) that shade the floor below them.
SH_GPU_CONST int STAGE_MAX_CASTERS = 2;
// The floor's contact shadow is evaluated on the CPU at the nodes of a square grid of this many
// nodes a side over the floor disc (stage_frame: 1.3 cm apart on the standing floor) and
// interpolated bilinearly per pixel: soft shadows are smooth, and 16k nodes cost far less than
// the floor's ~400k pixels at 720p each evaluating every capsule and caster.
SH_GPU_CONST int STAGE_SHADOW_SIDE = 128;
// Vertex materials (StageVertex::position.w).
SH_GPU_CONST float STAGE_MATERIAL_FLOOR = 0.0;
SH_GPU_CONST float STAGE_MATERIAL_SOLID = 1.0;

// The frame's stage: camera, lights, colours and shading. The buffer holds it, then the floor's
// shadow at the grid's nodes (float[STAGE_SHADOW_SIDE^2], row by row along +x, rows along +y),
// then the floor's colour at the same nodes (uint[STAGE_SHADOW_SIDE^2]: gamma-encoded RGBA8,
// r lowest, copied into the image the floor samples), then the vertices (StageVertex). 64 + 16 x 8 + 16 x 8 + 16 x 4 = 384 bytes.
struct StageFrame {
    mat4 view_proj;    // world (cm) to Vulkan clip space
    vec4 eye;          // xyz camera position, cm; w unused
    vec4 key_dir;      // xyz towards the key light (follows the camera); w intensity
    vec4 fill_dir;     // xyz towards the fill light; w intensity
    vec4 background;   // linear rgb of the palette's background (the floor fades into it)
    vec4 floor;        // xy centre of the floor disc, z its height, w its radius (cm)
    vec4 floor_color;  // linear rgb; w how dark the grid lines are (0..1)
    vec4 shadow_color; // linear rgb of full shadow; w strength of the contact shadow
    vec4 occluder_a[STAGE_MAX_OCCLUDERS]; // xyz one end, w radius (cm; 0 = unused)
    vec4 occluder_b[STAGE_MAX_OCCLUDERS]; // xyz other end
    vec4 caster_min[STAGE_MAX_CASTERS];   // xyz box corner; w shadow strength (0 = unused)
    vec4 caster_max[STAGE_MAX_CASTERS];   // xyz opposite corner
    vec4 shadow_grid; // xy world position of node (0, 0), z spacing of the nodes (cm); w unused
};

// One vertex of the stage's triangle list (48 bytes), built on the CPU each frame.
struct StageVertex {
    vec4 position; // xyz cm; w material (STAGE_MATERIAL_*)
    vec4 normal;   // xyz unit; w unused
    vec4 color;    // linear rgb albedo; a unused
};

#ifdef __cplusplus
static_assert(sizeof(StageFrame) == 384);
static_assert(offsetof(StageFrame, occluder_a) == 176);
static_assert(offsetof(StageFrame, caster_min) == 304);
static_assert(sizeof(StageVertex) == 48);
} // namespace sh::gpu
#endif

#undef SH_GPU_CONST

#endif // SH_STAGE_LAYOUT_H
