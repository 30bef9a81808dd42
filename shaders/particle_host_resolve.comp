#version 450
#extension GL_GOOGLE_include_directive : require
// Blends the host splat's covered pixels (engine/particles/host_splat.cpp, collected into a list
// by collect_splat_pixels) onto the colour image: one invocation per listed pixel. Why a list
// and not one invocation per pixel of the leg's rectangle: the particles cover about 5 % of it
// (11k of 245k pixels in the walking patient view at 1280x720), and on lavapipe every
// invocation costs even when it returns at once (the rectangle-wide pass took 4-12 ms of CPU a
// frame). Each entry holds the winning key: the high word as particle_splat.comp's key without
// its occluded bit, the low word the bits of the particle's NDC depth, tested here against the
// scene's depth under this pixel (the compute splat tests once per particle, at its centre
// pixel). Centre pixels cover 90 %, rim pixels 45 %, occluded ones times occluded_alpha, as
// particle_splat_resolve.comp.
#include "gpu_layouts.h"

layout(local_size_x = HOST_RESOLVE_GROUP) in;

layout(std430, set = 0, binding = 1) readonly buffer Pixels { HostSplatPixel pixels[]; };
layout(set = 0, binding = 2, rgba8) uniform image2D color_image;
layout(std430, set = 0, binding = 3) readonly buffer SceneDepth { float scene_depth[]; };

layout(push_constant) uniform PushBlock { SplatPush pc; };

void main() {
    if (gl_GlobalInvocationID.x >= pc.host_pixel_count) return;
    const HostSplatPixel px = pixels[pc.host_pixel_first + gl_GlobalInvocationID.x];
    const uvec2 xy = uvec2(px.position & 0xffffu, px.position >> 16) + uvec2(pc.rect_x, pc.rect_y);
    // The scene depth pixel under this one (the same unless the scene was drawn smaller); a
    // small bias so that a particle exactly on a surface is not hidden by it.
    const vec2 ratio = vec2(pc.depth_width, pc.depth_height) / vec2(pc.width, pc.height);
    const uvec2 d =
        min(uvec2((vec2(xy) + 0.5) * ratio), uvec2(pc.depth_width, pc.depth_height) - 1u);
    const bool occluded =
        uintBitsToFloat(px.depth_bits) > scene_depth[d.y * pc.depth_width + d.x] + 1e-5;
    float alpha = ((px.key >> 16) & 1u) != 0u ? 0.45 : 0.9;
    if (occluded) alpha *= pc.occluded_alpha;
    if (alpha <= 0.0) return;
    const uint c = px.key & 0xffffu;
    const vec3 rgb =
        vec3(float((c >> 11) & 31u) / 31.0, float((c >> 5) & 63u) / 63.0, float(c & 31u) / 31.0);
    const ivec2 p = ivec2(xy);
    const vec4 dst = imageLoad(color_image, p);
    imageStore(color_image, p, vec4(mix(dst.rgb, rgb, alpha), dst.a));
}
