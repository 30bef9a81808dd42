#version 450
// The anatomy meshes (scene_mesh.vert): a mesh draw's colour and pattern are its push constants,
// so they are read from there, not interpolated. On lavapipe every varying costs each triangle's
// setup (its plane equations) and each pixel's interpolation; the leg's meshes are many small
// triangles (the skin, drawn twice, most of them), and seven fewer floats per vertex took about
// 1 ms off the walking frame (docs/architecture.md, "The frame"). Same lighting, scene_shading.h.
#include "gpu_layouts.h"
#include "scene_shading.h"

layout(location = 0) in vec3 in_world;
layout(location = 1) in vec3 in_normal;
layout(location = 4) in vec3 in_rest; // the point in the rest pose (cm)
layout(location = 0) out vec4 out_color;

void main() {
    out_color = shade_surface(in_world, in_normal, push.color, vec3(0.0, 0.0, push.params.z),
                              in_rest);
}
