#version 450
// Venous valve leaflets: two cusps per valve, each a VALVE_GRID_U x VALVE_GRID_V grid of quads,
// drawn indexed over the grid points (engine/scene/vein_mesh.cpp, valve_cusp_indices) with the
// draw's vertexOffset at the first valve's first point, so gl_VertexIndex is the point's place
// in the posed buffers. The points were built and posed this frame (pose_valves.comp or the
// host's twin); this projects one and works out which valve and grid corner it is.
#include "gpu_layouts.h"
#include "scene_posed.h"

layout(std430, set = 0, binding = 4) readonly buffer Valves { ValveInstance valves[]; };
layout(std430, set = 0, binding = 5) readonly buffer State { VeinState state; };

void main() {
    const uint posed = uint(gl_VertexIndex);
    const uint from_first = posed - push.posed_first;
    const uint instance = push.first + from_first / VALVE_POINT_COUNT;
    const uint cusp_points = (VALVE_GRID_U + 1u) * (VALVE_GRID_V + 1u);
    const uint q = (from_first % VALVE_POINT_COUNT) % cusp_points;
    const uvec2 cell = uvec2(q % (VALVE_GRID_U + 1u), q / (VALVE_GRID_U + 1u));
    emit_posed(posed);

    const float u = float(cell.x) / float(VALVE_GRID_U) * 2.0 - 1.0;
    const float v = float(cell.y) / float(VALVE_GRID_V);
    const VeinLinkState link = state.links[uint(valves[instance].link.x + 0.5)];
    const float failed = link.valve_failure > 0.5 ? 1.0 : 0.0;
    // Competent: pale pearl. Failed: amber AND striped (pattern 3), so it is not colour-only.
    out_color = mix(vec4(0.85, 0.86, 0.90, 1.0), vec4(1.0, 0.36, 0.02, 1.0), failed);
    out_pattern = vec3(u, v, failed > 0.5 ? 3.0 : 0.0);
}
