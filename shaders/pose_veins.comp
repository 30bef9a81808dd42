#version 450
// Poses the vein tubes once per frame: the mesh is built once at reference radius; the radius
// follows the lumen area of the vertex's compartment (VeinCompartmentState::radius_scale of the
// frame's VeinState), times the global vein exaggeration in globals.eye.w. Then posed as soft
// tissue (pose.h). scene_vein.vert then only projects.
#include "gpu_layouts.h"
#include "pose.h"
#include "pose_pass.h"

void main() {
    const uint i = gl_GlobalInvocationID.x;
    if (i >= push.count) return;
    const VeinVertex v = vein_vertices[push.source + i];
    const uint c = uint(v.centre.w + 0.5);
    const float scale = state.compartments[c].radius_scale * globals.eye.w;
    const vec3 rest = v.centre.xyz + v.offset.xyz * scale;
    write_posed(push.target + i, rest, v.normal.xyz, pose_soft_weights(state.pose, rest));
}
