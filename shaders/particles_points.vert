#version 450
#extension GL_GOOGLE_include_directive : require
// The blood particles drawn as points straight from their storage buffer (no vertex input):
// the comparison path for the compute splat. Reflux points are drawn bigger and ringed
// (particles_points.frag) so that direction does not rest on hue alone.
#include "gpu_layouts.h"
#include "pose.h"

layout(std430, set = 0, binding = 0) readonly buffer Particles { FlowParticle particles[]; };
// The frame's simulator state: its pose places the particles (advected in the rest pose).
layout(std430, set = 0, binding = 1) readonly buffer State { VeinState state; };

layout(push_constant) uniform PushBlock { PointsPush pc; };

layout(location = 0) out vec4 out_color;
layout(location = 1) flat out uint out_ring;

void main() {
    FlowParticle p = particles[gl_VertexIndex];
    gl_Position = pc.view_proj * vec4(pose_soft_point(state.pose, p.position.xyz), 1.0);
    // Above the leg mesh (the femoral veins run on to the groin): outside the clip volume.
    if (p.position.z > pc.clip_z_max) gl_Position = vec4(0.0, 0.0, -1.0, 1.0);
    bool reflux = (p.flags & FLOW_FLAG_REFLUX) != 0u && (p.flags & FLOW_FLAG_STOPPED) == 0u;
    gl_PointSize = reflux ? pc.point_size * pc.reflux_scale : pc.point_size;
    out_color = unpackUnorm4x8(p.color);
    out_ring = reflux && gl_PointSize >= 3.0 ? 1u : 0u;
}
