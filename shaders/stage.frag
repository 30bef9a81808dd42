#version 450
#extension GL_GOOGLE_include_directive : require
// Shading of the stage's furniture, the seat and the bed (the floor: stage_floor.frag), lit like
// the leg (key and fill follow the camera). The soft contact shadow, no shadow map: every posed
// segment of the leg (a capsule) occludes the sky above a surface point by the solid angle it
// covers there, about (r / d)^2 seen in the direction of the surface normal; evaluated per pixel
// here (the furniture has few pixels; the floor interpolates it from a coarse grid).
#include "stage_buffer.h"

layout(location = 0) in vec3 in_world;
layout(location = 1) in vec3 in_normal;
layout(location = 2) in vec3 in_color;
layout(location = 0) out vec4 out_color;

// Sky occlusion of a capsule seen from a surface point p with normal n: 1 where it touches.
float capsule_occlusion(vec3 p, vec3 n, vec3 a, vec3 b, float r) {
    const vec3 ab = b - a;
    const float t = clamp(dot(p - a, ab) / max(dot(ab, ab), 1e-6), 0.0, 1.0);
    const vec3 d = a + t * ab - p;
    const float dist = max(length(d), 1e-3);
    const float facing = clamp(dot(n, d / dist), 0.0, 1.0);
    return facing * clamp((r * r) / (dist * dist), 0.0, 1.0);
}

void main() {
    const vec3 n = normalize(in_normal);
    float light_left = 1.0; // product of what every occluder leaves
    for (int i = 0; i < STAGE_MAX_OCCLUDERS; ++i) {
        const vec4 a = frame.occluder_a[i];
        if (a.w <= 0.0) continue;
        light_left *= 1.0 - capsule_occlusion(in_world, n, a.xyz, frame.occluder_b[i].xyz, a.w);
    }
    const float shadow = frame.shadow_color.w * (1.0 - light_left);
    const float hemi = 0.42 + 0.18 * n.z;
    const float key = max(dot(n, frame.key_dir.xyz), 0.0) * frame.key_dir.w;
    const float fill = max(dot(n, frame.fill_dir.xyz), 0.0) * frame.fill_dir.w;
    vec3 color = in_color * (hemi + key + fill);
    color = mix(color, frame.shadow_color.rgb, clamp(shadow, 0.0, 1.0));
    out_color = vec4(pow(clamp(color, 0.0, 1.0), vec3(1.0 / 2.2)), 1.0);
}
