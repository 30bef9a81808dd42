#version 450
#extension GL_GOOGLE_include_directive : require
// Advances particles along one polyline (a vein centreline): s += v(segment) * dt, clamped to
// [0, length]. engine/particle_reference.cpp is the CPU twin of this step; keep them identical.
#include "gpu_layouts.h"

layout(local_size_x = PARTICLE_WORKGROUP_SIZE) in;

layout(std430, set = 0, binding = 0) buffer Particles {
    Particle particles[];
};
// xyz = point (cm), w = cumulative arclength (cm).
layout(std430, set = 0, binding = 1) readonly buffer Points {
    vec4 points[];
};
// One velocity per segment (cm/s), segments = point_count - 1.
layout(std430, set = 0, binding = 2) readonly buffer Velocities {
    float velocities[];
};

layout(push_constant) uniform PushBlock {
    AdvectPush pc;
};

// Last segment i with points[i].w <= s, found by walking from a hint (the particle's previous
// segment): particles move less than a segment per step, so this is 0-1 steps instead of a
// binary search. Same result as a search for any hint; the hint is clamped, never trusted.
uint find_segment_from(uint hint, float s) {
    uint last = pc.point_count - 2u;
    uint seg = min(hint, last);
    while (seg < last && points[seg + 1u].w <= s) seg++;
    while (seg > 0u && points[seg].w > s) seg--;
    return seg;
}

void main() {
    uint id = gl_GlobalInvocationID.x;
    if (id >= pc.particle_count || pc.point_count < 2u) return;

    Particle p = particles[id];
    float total = points[pc.point_count - 1u].w;

    uint seg = find_segment_from(p.segment, p.s);
    float v = velocities[seg];
    // precise: forbid fused multiply-add so that the GPU rounds like the CPU reference.
    precise float moved = p.s + v * pc.dt;
    float s = clamp(moved, 0.0, total);

    uint new_seg = find_segment_from(seg, s);
    vec4 a = points[new_seg];
    vec4 b = points[new_seg + 1u];
    float len = b.w - a.w;
    precise float t = len > 0.0 ? (s - a.w) / len : 0.0;
    precise vec3 pos = a.xyz + (b.xyz - a.xyz) * t;

    p.s = s;
    p.segment = new_seg;
    p.speed = v;
    p.position = vec4(pos, 1.0);
    particles[id] = p;
}
