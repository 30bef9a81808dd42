#version 450
// Poses the anatomy meshes once per frame (after muscle_deform.comp rewrote the muscles' rest
// positions): bones rigid with the segment in normal.w, everything else soft (pose.h). The skin
// grows along its normal by the swelling; the stocking (its own range, a copy of the skin's
// vertices) lies STOCKING_THICKNESS_CM further out. scene_mesh.vert then only projects.
#include "gpu_layouts.h"
#include "pose.h"
#include "pose_pass.h"

void main() {
    const uint i = gl_GlobalInvocationID.x;
    if (i >= push.count) return;
    const PoseState ps = state.pose;
    // The meshes are made for a 175 cm body; the skeleton is the simulated body's.
    vec3 rest = positions[push.source + i].xyz * pose_mesh_scale(ps);
    const vec4 n = normals[push.source + i];
    if (push.surface != SCENE_SURFACE_PLAIN) {
        float grow = pose_swelling_cm(ps, rest, n.xyz);
        if (push.surface == SCENE_SURFACE_STOCKING) grow += STOCKING_THICKNESS_CM;
        rest += grow * n.xyz;
    }
    write_posed(push.target + i, rest, n.xyz, pose_weights(ps, rest, n.w));
}
