#version 450
// Anatomy meshes, pulled from the scene's position/normal storage buffers (muscle_deform.comp
// rewrites the muscles' ranges each frame, in the rest pose), then posed with the frame's
// skeleton (pose.h): bones rigid with the segment in normal.w, everything else soft. The skin
// grows along its normal by the swelling; the stocking lies a little further out.
// gl_VertexIndex includes the draw's vertexOffset.
#include "gpu_layouts.h"
#include "pose.h"

layout(std430, set = 0, binding = 0) readonly buffer Globals { SceneGlobals globals; };
layout(std430, set = 0, binding = 1) readonly buffer Positions { vec4 positions[]; };
layout(std430, set = 0, binding = 2) readonly buffer Normals { vec4 normals[]; };
layout(std430, set = 0, binding = 5) readonly buffer State { VeinState state; };
layout(push_constant) uniform Push { ScenePush push; };

layout(location = 0) out vec3 out_world;
layout(location = 1) out vec3 out_normal;
layout(location = 2) out vec4 out_color;
layout(location = 3) out vec3 out_pattern;
layout(location = 4) out vec3 out_rest;

void main() {
    const PoseState ps = state.pose;
    // The meshes are made for a 175 cm body; the skeleton is the simulated body's.
    vec3 rest = positions[gl_VertexIndex].xyz * pose_mesh_scale(ps);
    const vec4 n = normals[gl_VertexIndex];
    if (push.surface != SCENE_SURFACE_PLAIN) {
        float grow = pose_swelling_cm(ps, rest, n.xyz);
        if (push.surface == SCENE_SURFACE_STOCKING) grow += STOCKING_THICKNESS_CM;
        rest += grow * n.xyz;
    }
    const SkinWeights b = pose_weights(ps, rest, n.w);
    const vec3 p = pose_apply(ps, rest, b);
    out_world = p;
    out_rest = rest;
    out_normal = pose_direction(ps, n.xyz, b);
    out_color = push.color;
    out_pattern = vec3(0.0, 0.0, push.params.z);
    gl_Position = globals.view_proj * vec4(p, 1.0);
}
