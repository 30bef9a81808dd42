#version 450
#extension GL_GOOGLE_include_directive : require
// The stage under the leg (floor, seat, bed): a small triangle list built on the CPU each frame
// (engine/scene/stage_renderer), pulled from the frame's storage buffer by gl_VertexIndex.
#include "stage_buffer.h"

layout(location = 0) out vec3 out_world;
layout(location = 1) out vec3 out_normal;
layout(location = 2) out vec3 out_color;
layout(location = 3) out float out_material;

void main() {
    const StageVertex v = vertices[gl_VertexIndex];
    out_world = v.position.xyz;
    out_normal = v.normal.xyz;
    out_color = v.color.rgb;
    out_material = v.position.w;
    gl_Position = frame.view_proj * vec4(v.position.xyz, 1.0);
}
