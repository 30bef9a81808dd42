#version 450
// The vein tubes and valve cusps (scene_vein.vert, scene_valve.vert): their colour and pattern
// vary per vertex, so they come as varyings; the lighting is scene_shading.h's.
#include "gpu_layouts.h"
#include "scene_shading.h"

layout(location = 0) in vec3 in_world;
layout(location = 1) in vec3 in_normal;
layout(location = 2) in vec4 in_color;
layout(location = 3) in vec3 in_pattern;
layout(location = 4) in vec3 in_rest; // the point in the rest pose (cm)
layout(location = 0) out vec4 out_color;

void main() {
    out_color = shade_surface(in_world, in_normal, in_color, in_pattern, in_rest);
}
