// What every vertex shader of the leg reads: the posed buffers the pose passes wrote this frame
// (pose_pass.h: position, normal, rest point per posed vertex), bound to the scene set, and the
// varyings of scene_lit.frag (scene_mesh.frag reads world, normal and rest only). Include after
// gpu_layouts.h.
#ifndef SH_SCENE_POSED_H
#define SH_SCENE_POSED_H

layout(std430, set = 0, binding = 0) readonly buffer Globals { SceneGlobals globals; };
layout(std430, set = 0, binding = 1) readonly buffer PosedPositions { vec4 posed_positions[]; };
layout(std430, set = 0, binding = 2) readonly buffer PosedNormals { vec4 posed_normals[]; };
layout(std430, set = 0, binding = 6) readonly buffer PosedRest { vec4 posed_rest[]; };
layout(push_constant) uniform Push { ScenePush push; };

layout(location = 0) out vec3 out_world;
layout(location = 1) out vec3 out_normal;
layout(location = 2) out vec4 out_color;
layout(location = 3) out vec3 out_pattern;
layout(location = 4) out vec3 out_rest;

// Posed vertex `i` projected, its position, normal and rest point passed on.
void emit_posed(uint i) {
    const vec3 p = posed_positions[i].xyz;
    out_world = p;
    out_normal = posed_normals[i].xyz;
    out_rest = posed_rest[i].xyz;
    gl_Position = globals.view_proj * vec4(p, 1.0);
}

#endif // SH_SCENE_POSED_H
