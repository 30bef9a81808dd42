#version 450
// Constant-volume contraction of one muscle belly: the GPU twin of
// anatomy/muscle_deform.cpp's apply_muscle_deformation (same spine lookup, same bulge weight).
// The CPU solves lambda, k and the thickening (MuscleDeformPush); this pass writes the deformed positions and
// approximate normals into the scene's vertex buffers, for scene_mesh.vert to draw.
#include "gpu_layouts.h"

layout(local_size_x = MUSCLE_WORKGROUP_SIZE) in;

layout(std430, set = 0, binding = 0) writeonly buffer Positions { vec4 positions[]; };
layout(std430, set = 0, binding = 1) writeonly buffer Normals { vec4 normals[]; };
layout(std430, set = 0, binding = 2) readonly buffer Rig { vec4 rig[]; };    // 2 per vertex
layout(std430, set = 0, binding = 3) readonly buffer Spine { vec4 spine[]; }; // xyz, w = s
layout(push_constant) uniform Push { MuscleDeformPush push; };

// Index of the spine segment holding t, as spine_point() walks it on the CPU.
uint segment_of(float t) {
    uint i = 0u;
    while (i + 2u < push.spine_count && t > spine[push.spine_offset + i + 1u].w) ++i;
    return i;
}

vec3 spine_point(float t) {
    t = clamp(t, 0.0, 1.0);
    const uint i = segment_of(t);
    const vec4 a = spine[push.spine_offset + i];
    const vec4 b = spine[push.spine_offset + i + 1u];
    const float w = (t - a.w) / max(b.w - a.w, 1e-12);
    return a.xyz + clamp(w, 0.0, 1.0) * (b.xyz - a.xyz);
}

void main() {
    const uint i = gl_GlobalInvocationID.x;
    if (i >= push.vertex_count) return;
    const vec4 tr = rig[2u * (push.rig_offset + i)];
    const vec3 rest_normal = rig[2u * (push.rig_offset + i) + 1u].xyz;
    const float t = tr.x;
    const float t2 = push.anchor + (t - push.anchor) * push.lambda;
    // The contraction's bulge, times the thickening that makes up the pose's volume
    // (anatomy/pose_volume.hpp), multiplied in the CPU reference's order.
    const float radial = (1.0 + push.bulge * sin(3.14159265 * clamp(t, 0.0, 1.0))) * push.thickening;
    const vec3 p = spine_point(t2) + radial * tr.yzw;

    // Normals: the map scales lengths by lambda along the spine and by `radial` across it, so
    // the inverse-transpose divides those normal components by the same factors (the slope of
    // the bulge along the spine is neglected: small for the gentle sin profile).
    const uint s = segment_of(clamp(t, 0.0, 1.0));
    const vec3 axis = normalize(spine[push.spine_offset + s + 1u].xyz -
                                spine[push.spine_offset + s].xyz);
    const vec3 along = dot(rest_normal, axis) * axis;
    const vec3 n = normalize((rest_normal - along) / radial + along / max(push.lambda, 1e-3));

    positions[push.vertex_offset + i] = vec4(p, 1.0);
    normals[push.vertex_offset + i] = vec4(n, 0.0);
}
