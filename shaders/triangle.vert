#version 450
#extension GL_GOOGLE_include_directive : require
// A single triangle generated from gl_VertexIndex (no vertex buffer): proves the dynamic-
// rendering path into the offscreen target.
#include "gpu_layouts.h"

layout(push_constant) uniform PushBlock {
    DrawPush pc;
};

const vec2 CORNERS[3] = vec2[3](vec2(0.0, -0.5), vec2(0.5, 0.5), vec2(-0.5, 0.5));

void main() {
    gl_Position = pc.view_proj * vec4(CORNERS[gl_VertexIndex], 0.5, 1.0);
}
