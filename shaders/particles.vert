#version 450
#extension GL_GOOGLE_include_directive : require
// Draws each particle as a point, reading its position straight from the storage buffer that
// particle_advect.comp writes (no vertex buffer, no copy).
#include "gpu_layouts.h"

layout(std430, set = 0, binding = 0) readonly buffer Particles {
    Particle particles[];
};
layout(push_constant) uniform PushBlock {
    DrawPush pc;
};

void main() {
    gl_Position = pc.view_proj * particles[gl_VertexIndex].position;
    gl_PointSize = pc.point_size;
}
