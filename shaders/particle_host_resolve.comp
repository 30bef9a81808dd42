#version 450
#extension GL_GOOGLE_include_directive : require
// Blends the host splat's keys (engine/particles/host_splat.cpp) onto the colour image: one
// invocation per pixel of the rectangle the host splatted into. Each key is 64 bits: the high
// word as particle_splat.comp's key without its occluded bit, the low word the bits of the
// winning particle's NDC depth, tested here against the scene's depth under this pixel (the
// compute splat tests once per particle, at its centre pixel). Centre pixels cover 90 %, rim
// pixels 45 %, occluded ones times occluded_alpha, as particle_splat_resolve.comp. Empties what
// it reads, so the host finds the keys empty when it splats into them again.
#include "gpu_layouts.h"

layout(local_size_x = SPLAT_TILE, local_size_y = SPLAT_TILE) in;

// Little-endian 64-bit keys: x the low word (depth bits), y the high word.
layout(std430, set = 0, binding = 1) buffer Keys { uvec2 keys[]; };
layout(set = 0, binding = 2, rgba8) uniform image2D color_image;
layout(std430, set = 0, binding = 3) readonly buffer SceneDepth { float scene_depth[]; };

layout(push_constant) uniform PushBlock { SplatPush pc; };

void main() {
    const uvec2 rel = gl_GlobalInvocationID.xy;
    if (rel.x >= pc.rect_width || rel.y >= pc.rect_height) return;
    const uint index = pc.host_key_first + rel.y * pc.rect_width + rel.x;
    const uvec2 key = keys[index];
    if (key.y == SPLAT_EMPTY) return;
    keys[index] = uvec2(SPLAT_EMPTY);
    const uvec2 xy = rel + uvec2(pc.rect_x, pc.rect_y);
    // The scene depth pixel under this one (the same unless the scene was drawn smaller); a
    // small bias so that a particle exactly on a surface is not hidden by it.
    const vec2 ratio = vec2(pc.depth_width, pc.depth_height) / vec2(pc.width, pc.height);
    const uvec2 d =
        min(uvec2((vec2(xy) + 0.5) * ratio), uvec2(pc.depth_width, pc.depth_height) - 1u);
    const bool occluded = uintBitsToFloat(key.x) > scene_depth[d.y * pc.depth_width + d.x] + 1e-5;
    float alpha = ((key.y >> 16) & 1u) != 0u ? 0.45 : 0.9;
    if (occluded) alpha *= pc.occluded_alpha;
    if (alpha <= 0.0) return;
    const uint c = key.y & 0xffffu;
    const vec3 rgb =
        vec3(float((c >> 11) & 31u) / 31.0, float((c >> 5) & 63u) / 63.0, float(c & 31u) / 31.0);
    const ivec2 p = ivec2(xy);
    const vec4 dst = imageLoad(color_image, p);
    imageStore(color_image, p, vec4(mix(dst.rgb, rgb, alpha), dst.a));
}
