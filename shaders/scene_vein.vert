#version 450
// Vein tubes: the mesh is built once at reference radius; the radius follows the lumen area
// of the vertex's compartment (VeinCompartmentState::radius_scale of the frame's VeinState),
// times the global vein exaggeration in globals.eye.w. Then posed as soft tissue (pose.h).
#include "gpu_layouts.h"
#include "pose.h"

layout(std430, set = 0, binding = 0) readonly buffer Globals { SceneGlobals globals; };
layout(std430, set = 0, binding = 3) readonly buffer Veins { VeinVertex vein_vertices[]; };
layout(std430, set = 0, binding = 5) readonly buffer State { VeinState state; };
layout(push_constant) uniform Push { ScenePush push; };

layout(location = 0) out vec3 out_world;
layout(location = 1) out vec3 out_normal;
layout(location = 2) out vec4 out_color;
layout(location = 3) out vec3 out_pattern;
layout(location = 4) out vec3 out_rest;

// Linear colours by VeinKind: deep blue, superficial lighter blue, intramuscular sinuses
// purple-blue, foot veins between deep and superficial.
const vec3 k_kind_colors[4] = vec3[4](vec3(0.030, 0.090, 0.560), vec3(0.180, 0.380, 0.820),
                                      vec3(0.180, 0.070, 0.520), vec3(0.070, 0.170, 0.640));

void main() {
    const VeinVertex v = vein_vertices[gl_VertexIndex];
    const uint c = uint(v.centre.w + 0.5);
    const float scale = state.compartments[c].radius_scale * globals.eye.w;
    const vec3 rest = v.centre.xyz + v.offset.xyz * scale;
    const SkinWeights b = pose_soft_weights(state.pose, rest);
    const vec3 p = pose_apply(state.pose, rest, b);
    out_world = p;
    out_rest = rest;
    out_normal = pose_direction(state.pose, v.normal.xyz, b);
    out_color = vec4(k_kind_colors[min(uint(v.offset.w + 0.5), 3u)], push.color.a);
    out_pattern = vec3(0.0, 0.0, push.params.z);
    gl_Position = globals.view_proj * vec4(p, 1.0);
}
