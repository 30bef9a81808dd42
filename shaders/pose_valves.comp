#version 450
// Venous valve leaflets, posed once per frame at the corners of their grids: two cusps per
// valve, each a VALVE_GRID_U x VALVE_GRID_V grid of quads, so (U + 1) x (V + 1) points. u runs
// across the cusp (-1..1 around half the wall), v from the hinge on the wall (0) to the free
// edge (1). An open cusp lies against the wall, pointing downstream; a closed one swings in
// until its free edge reaches the vein's axis, where it meets the other cusp. Built in the rest
// pose, then posed as soft tissue. scene_valve.vert reads each quad's corners from here, so a
// point shared by 6 triangle corners is built and posed once.
#include "gpu_layouts.h"
#include "pose.h"
#include "pose_pass.h"

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
    const uint i = gl_GlobalInvocationID.x;
    if (i >= push.count * VALVE_POINT_COUNT) return;
    const uint point = i % VALVE_POINT_COUNT;
    const ValveInstance valve = valves[push.source + i / VALVE_POINT_COUNT];
    const uint per_leaf = (VALVE_GRID_U + 1u) * (VALVE_GRID_V + 1u);
    const uint leaf = point / per_leaf;
    const uint q = point % per_leaf;
    const float u = float(q % (VALVE_GRID_U + 1u)) / float(VALVE_GRID_U) * 2.0 - 1.0;
    const float v = float(q / (VALVE_GRID_U + 1u)) / float(VALVE_GRID_V);
    const float side = leaf == 0u ? 1.0 : -1.0;

    const VeinLinkState link = state.links[uint(valve.link.x + 0.5)];
    const float closed = 1.0 - clamp(link.valve_opening, 0.0, 1.0);
    const uint c = uint(valve.position.w + 0.5);
    const float radius = valve.side.w * state.compartments[c].radius_scale * globals.eye.w;

    const vec3 p = leaflet_point(valve, side, radius, closed, u, v);
    // Normal from finite differences of the same surface (two-sided lighting in the frag).
    const vec3 du = leaflet_point(valve, side, radius, closed, u + 0.05, v) - p;
    const vec3 dv = leaflet_point(valve, side, radius, closed, u, v + 0.05) - p;
    vec3 n = cross(du, dv);
    n = length(n) > 1e-12 ? normalize(n) : valve.axis.xyz;
    write_posed(push.target + i, p, n, pose_soft_weights(state.pose, p));
}
