// The descriptor set of the pose passes (pose_meshes.comp, pose_veins.comp, pose_valves.comp;
// engine/scene/leg_poser): what they read (the rest geometry and the frame's state) and the
// posed buffers they write, which every vertex shader of the leg then only reads and projects.
// Posed buffers, one entry per posed vertex: position (xyz, w 1), normal (xyz, w 0), and the
// point in the rest pose (xyz, w 0; the fragment shader's top cut and the stocking's knit).
// Include after gpu_layouts.h and pose.h.
#ifndef SH_POSE_PASS_H
#define SH_POSE_PASS_H

layout(local_size_x = POSE_WORKGROUP_SIZE) in;

layout(std430, set = 0, binding = 0) readonly buffer Globals { SceneGlobals globals; };
layout(std430, set = 0, binding = 1) readonly buffer Positions { vec4 positions[]; };
layout(std430, set = 0, binding = 2) readonly buffer Normals { vec4 normals[]; };
layout(std430, set = 0, binding = 3) readonly buffer Veins { VeinVertex vein_vertices[]; };
layout(std430, set = 0, binding = 4) readonly buffer Valves { ValveInstance valves[]; };
layout(std430, set = 0, binding = 5) readonly buffer State { VeinState state; };
layout(std430, set = 0, binding = 6) writeonly buffer PosedPositions { vec4 posed_positions[]; };
layout(std430, set = 0, binding = 7) writeonly buffer PosedNormals { vec4 posed_normals[]; };
layout(std430, set = 0, binding = 8) writeonly buffer PosedRest { vec4 posed_rest[]; };
layout(push_constant) uniform Push { PosePush push; };

// `rest` posed as a point with weights `b`, its normal turned with it.
void write_posed(uint target, vec3 rest, vec3 normal, SkinWeights b) {
    posed_positions[target] = vec4(pose_apply(state.pose, rest, b), 1.0);
    posed_normals[target] = vec4(pose_direction(state.pose, normal, b), 0.0);
    posed_rest[target] = vec4(rest, 0.0);
}

#endif // SH_POSE_PASS_H
