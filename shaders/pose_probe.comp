#version 450
// Test probe of shaders/pose.h (tests/app/test_gpu_pose.cpp): poses a list of rest points, each
// with its rigid segment or 0 for soft tissue (w), with the frame's PoseState, exactly as the
// vertex shaders do, and writes the posed positions and one posed direction for the CPU
// reference (sim::pose_point) to compare against.
#include "gpu_layouts.h"
#include "pose.h"

layout(local_size_x = 64) in;

layout(std430, set = 0, binding = 0) readonly buffer Rest { vec4 rest[]; };
layout(std430, set = 0, binding = 1) readonly buffer State { VeinState state; };
layout(std430, set = 0, binding = 2) writeonly buffer Posed { vec4 posed[]; };   // 2 per point
layout(push_constant) uniform Push { uint count; };

void main() {
    const uint i = gl_GlobalInvocationID.x;
    if (i >= count) return;
    const vec4 r = rest[i];
    const SkinWeights b = pose_weights(state.pose, r.xyz, r.w);
    posed[2u * i] = vec4(pose_apply(state.pose, r.xyz, b), 1.0);
    posed[2u * i + 1u] = vec4(pose_direction(state.pose, vec3(0.0, 0.0, 1.0), b), 0.0);
}
