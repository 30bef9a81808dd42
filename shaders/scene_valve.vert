#version 450
// Venous valve leaflets, built from gl_VertexIndex (no vertex buffer): two cusps per valve,
// each a VALVE_GRID_U x VALVE_GRID_V grid. u runs across the cusp (-1..1 around half the
// wall), v from the hinge on the wall (0) to the free edge (1). An open cusp lies against the
// wall, pointing downstream; a closed one swings in until its free edge reaches the vein's
// axis, where it meets the other cusp. Built in the rest pose, then posed as soft tissue.
#include "gpu_layouts.h"
#include "pose.h"

layout(std430, set = 0, binding = 0) readonly buffer Globals { SceneGlobals globals; };
layout(std430, set = 0, binding = 4) readonly buffer Valves { ValveInstance valves[]; };
layout(std430, set = 0, binding = 5) readonly buffer State { VeinState state; };
layout(push_constant) uniform Push { ScenePush push; };

layout(location = 0) out vec3 out_world;
layout(location = 1) out vec3 out_normal;
layout(location = 2) out vec4 out_color;
layout(location = 3) out vec3 out_pattern;
layout(location = 4) out vec3 out_rest;

const uvec2 k_corners[6] = uvec2[6](uvec2(0, 0), uvec2(1, 0), uvec2(1, 1), uvec2(0, 0),
                                    uvec2(1, 1), uvec2(0, 1));

vec3 leaflet_point(ValveInstance valve, float side, float radius, float closed, float u,
                   float v) {
    const vec3 axis = valve.axis.xyz;
    const vec3 centre_dir = side * valve.side.xyz;
    const vec3 across = cross(axis, centre_dir);
    const float phi = u * 1.50; // a little under +-90 deg: the two cusps do not overlap
    // Wall hinge at v = 0; the component towards the cusp's own wall shrinks to 0 at the free
    // edge when closed (the edge then lies on the diameter between the cusps).
    const float inward = closed * pow(v, 0.7);
    const vec3 radial = cos(phi) * (1.0 - inward) * centre_dir + sin(phi) * across;
    // Open cusps stream downstream; closed ones are shorter and cupped (a pocket).
    const float along = valve.axis.w * v * (1.0 - 0.45 * closed) -
                        0.25 * closed * radius * cos(phi) * sin(3.14159 * v);
    return valve.position.xyz + radius * 0.93 * radial + along * axis;
}

void main() {
    const ValveInstance valve = valves[push.first + gl_InstanceIndex];
    const uint corner = uint(gl_VertexIndex) % 6u;
    const uint quad = uint(gl_VertexIndex) / 6u;
    const uint leaf = quad / (VALVE_GRID_U * VALVE_GRID_V);
    const uint q = quad % (VALVE_GRID_U * VALVE_GRID_V);
    const uvec2 cell = uvec2(q % VALVE_GRID_U, q / VALVE_GRID_U) + k_corners[corner];
    const float u = float(cell.x) / float(VALVE_GRID_U) * 2.0 - 1.0;
    const float v = float(cell.y) / float(VALVE_GRID_V);
    const float side = leaf == 0u ? 1.0 : -1.0;

    const VeinLinkState link = state.links[uint(valve.link.x + 0.5)];
    const float closed = 1.0 - clamp(link.valve_opening, 0.0, 1.0);
    const float failed = link.valve_failure > 0.5 ? 1.0 : 0.0;
    const uint c = uint(valve.position.w + 0.5);
    const float radius = valve.side.w * state.compartments[c].radius_scale * globals.eye.w;

    const vec3 p = leaflet_point(valve, side, radius, closed, u, v);
    // Normal from finite differences of the same surface (two-sided lighting in the frag).
    const vec3 du = leaflet_point(valve, side, radius, closed, u + 0.05, v) - p;
    const vec3 dv = leaflet_point(valve, side, radius, closed, u, v + 0.05) - p;
    vec3 n = cross(du, dv);
    n = length(n) > 1e-12 ? normalize(n) : valve.axis.xyz;

    const SkinWeights b = pose_soft_weights(state.pose, p);
    const vec3 posed = pose_apply(state.pose, p, b);
    out_world = posed;
    out_rest = p;
    out_normal = pose_direction(state.pose, n, b);
    // Competent: pale pearl. Failed: amber AND striped (pattern 3), so it is not colour-only.
    out_color = mix(vec4(0.85, 0.86, 0.90, 1.0), vec4(1.0, 0.36, 0.02, 1.0), failed);
    out_pattern = vec3(u, v, failed > 0.5 ? 3.0 : 0.0);
    gl_Position = globals.view_proj * vec4(posed, 1.0);
}
