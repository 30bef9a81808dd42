#version 450
#extension GL_GOOGLE_include_directive : require
// Blends the particle splats (particle_splat.comp) onto the colour image: one invocation per
// pixel of the rectangle where particles can land. Centre pixels cover 90%, edge pixels 45%,
// occluded ones are scaled by occluded_alpha. Clears as it resolves: a pixel it read goes back
// to SPLAT_EMPTY, so the buffer is empty again for the next frame without a fill of the whole
// frame (the splat writes only inside this rectangle).
#include "gpu_layouts.h"

layout(local_size_x = SPLAT_TILE, local_size_y = SPLAT_TILE) in;

layout(std430, set = 0, binding = 1) buffer Accum { uint accum[]; };
layout(set = 0, binding = 2, rgba8) uniform image2D color_image;

layout(push_constant) uniform PushBlock { SplatPush pc; };

void main() {
    uvec2 xy = gl_GlobalInvocationID.xy + uvec2(pc.rect_x, pc.rect_y);
    if (xy.x >= pc.rect_x + pc.rect_width || xy.y >= pc.rect_y + pc.rect_height) return;
    const uint index = xy.y * pc.width + xy.x;
    uint key = accum[index];
    if (key == SPLAT_EMPTY) return;
    accum[index] = SPLAT_EMPTY;
    vec3 rgb = vec3(float((key >> 11) & 31u) / 31.0, float((key >> 5) & 63u) / 63.0,
                    float(key & 31u) / 31.0);
    float alpha = ((key >> 16) & 1u) != 0u ? 0.45 : 0.9;
    if (((key >> 17) & 1u) != 0u) alpha *= pc.occluded_alpha;
    ivec2 p = ivec2(xy);
    vec4 dst = imageLoad(color_image, p);
    imageStore(color_image, p, vec4(mix(dst.rgb, rgb, alpha), dst.a));
}
