#version 450
// Anatomy meshes, pulled from the scene's position/normal storage buffers (muscle_deform.comp
// rewrites the muscles' ranges each frame). gl_VertexIndex includes the draw's vertexOffset.
#include "gpu_layouts.h"

layout(std430, set = 0, binding = 0) readonly buffer Globals { SceneGlobals globals; };
layout(std430, set = 0, binding = 1) readonly buffer Positions { vec4 positions[]; };
layout(std430, set = 0, binding = 2) readonly buffer Normals { vec4 normals[]; };
layout(push_constant) uniform Push { ScenePush push; };

layout(location = 0) out vec3 out_world;
layout(location = 1) out vec3 out_normal;
layout(location = 2) out vec4 out_color;
layout(location = 3) out vec3 out_pattern;

void main() {
    const vec3 p = positions[gl_VertexIndex].xyz;
    out_world = p;
    out_normal = normals[gl_VertexIndex].xyz;
    out_color = push.color;
    out_pattern = vec3(0.0, 0.0, push.params.z);
    gl_Position = globals.view_proj * vec4(p, 1.0);
}
