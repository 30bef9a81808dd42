#version 450
// Venous valve leaflets drawn from gl_VertexIndex (no vertex buffer): two cusps per valve, each
// a VALVE_GRID_U x VALVE_GRID_V grid of quads (6 corners each). The grid's points were built
// and posed this frame by pose_valves.comp; this picks the corner's point and projects it.
#include "gpu_layouts.h"
#include "scene_posed.h"

layout(std430, set = 0, binding = 4) readonly buffer Valves { ValveInstance valves[]; };
layout(std430, set = 0, binding = 5) readonly buffer State { VeinState state; };

const uvec2 k_corners[6] = uvec2[6](uvec2(0, 0), uvec2(1, 0), uvec2(1, 1), uvec2(0, 0),
                                    uvec2(1, 1), uvec2(0, 1));

void main() {
    const uint instance = push.first + uint(gl_InstanceIndex);
    const uint corner = uint(gl_VertexIndex) % 6u;
    const uint quad = uint(gl_VertexIndex) / 6u;
    const uint leaf = quad / (VALVE_GRID_U * VALVE_GRID_V);
    const uint q = quad % (VALVE_GRID_U * VALVE_GRID_V);
    const uvec2 cell = uvec2(q % VALVE_GRID_U, q / VALVE_GRID_U) + k_corners[corner];
    const uint point = leaf * (VALVE_GRID_U + 1u) * (VALVE_GRID_V + 1u) +
                       cell.y * (VALVE_GRID_U + 1u) + cell.x;
    emit_posed(push.posed_first + instance * VALVE_POINT_COUNT + point);

    const float u = float(cell.x) / float(VALVE_GRID_U) * 2.0 - 1.0;
    const float v = float(cell.y) / float(VALVE_GRID_V);
    const VeinLinkState link = state.links[uint(valves[instance].link.x + 0.5)];
    const float failed = link.valve_failure > 0.5 ? 1.0 : 0.0;
    // Competent: pale pearl. Failed: amber AND striped (pattern 3), so it is not colour-only.
    out_color = mix(vec4(0.85, 0.86, 0.90, 1.0), vec4(1.0, 0.36, 0.02, 1.0), failed);
    out_pattern = vec3(u, v, failed > 0.5 ? 3.0 : 0.0);
}
