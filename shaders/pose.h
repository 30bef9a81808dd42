// The GLSL twin of sim/skeleton.cpp: the skin weights of a rest point (soft_binding,
// rigid_binding) and the posed position of that point (pose_point), for the vertex shaders that
// draw the leg and the passes that draw the blood. The weights are closed-form in the rest
// position, so a shader needs only the frame's PoseState (gpu_layouts.h) besides the point.
// Include after gpu_layouts.h. Tested against the C++ reference at several poses
// (tests/app/test_gpu_pose.cpp, through pose_probe.comp).
//
// Cost per vertex: one square root, eight sines and cosines (four rotations), a few dozen
// multiply-adds; for soft tissue inside a blend and behind the knee's axis, eight more weight
// evaluations (the backward bulge's samples: a square root and a few dozen multiply-adds each).
#ifndef SH_POSE_H
#define SH_POSE_H

// Per-joint weight (0 proximal .. 1 distal) and its gradient in y and z: x knee, y ankle,
// z metatarsophalangeal (sim::SkinBinding).
struct SkinWeights {
    vec3 w;
    vec3 grad_y;
    vec3 grad_z;
};

// Rigid segments, as written in a mesh vertex's normal.w (engine/scene/mesh_renderer): 0 soft
// tissue, 1 thigh, 2 shank, 3 foot, 4 toes.
const float POSE_SEGMENT_SOFT = 0.0;

// sim/skeleton.cpp: limits of the lateral volume compensation, the knee blend's widening per
// cm of depth behind the joint, and the backward bulge's limit and samples.
const float POSE_MIN_WIDENING = 0.75;
const float POSE_MAX_WIDENING = 1.45;
const float POSE_KNEE_WIDENING = 1.2;
const float POSE_KNEE_CENTRE_SHIFT = 1.0;
const float POSE_MAX_BULGE = 1.7;
const int POSE_BULGE_SAMPLES = 8;

// Smoothstep from 0 at centre - half to 1 at centre + half (x = value, y = slope).
vec2 pose_ramp(float centre, float half_width, float x) {
    const float t = clamp((x - centre + half_width) / (2.0 * half_width), 0.0, 1.0);
    return vec2(t * t * (3.0 - 2.0 * t), 6.0 * t * (1.0 - t) / (2.0 * half_width));
}

// sim::soft_binding: muscles, tendon, skin, veins, blood.
SkinWeights pose_soft_weights(PoseState ps, vec3 rest) {
    SkinWeights b;
    // Knee: the blend widens with depth behind the joint (a smooth max(0, depth)).
    const float depth = -(rest.y - ps.knee.y) - 3.0 * ps.bands.x / 8.0;
    const float root = sqrt(depth * depth + 1.0);
    const float soft = 0.5 * (depth + root);
    const float dsoft_dy = -0.5 * (1.0 + depth / root);
    const float band = ps.bands.x + POSE_KNEE_WIDENING * soft;
    const float u =
        rest.z - (ps.knee.z + ps.bands.y + POSE_KNEE_CENTRE_SHIFT * POSE_KNEE_WIDENING * soft);
    const float t = clamp(0.5 + u / (2.0 * band), 0.0, 1.0);
    const float slope = 6.0 * t * (1.0 - t);
    b.w.x = 1.0 - t * t * (3.0 - 2.0 * t);
    b.grad_z.x = -slope / (2.0 * band);
    b.grad_y.x = -slope * -(POSE_KNEE_CENTRE_SHIFT / (2.0 * band) + u / (2.0 * band * band)) *
                 POSE_KNEE_WIDENING * dsoft_dy;
    const vec2 ankle = pose_ramp(ps.ankle.z, ps.bands.z, rest.z);
    b.w.y = 1.0 - ankle.x;
    b.grad_y.y = 0.0;
    b.grad_z.y = -ankle.y;
    const vec2 toes = pose_ramp(ps.mtp.y, ps.bands.w, rest.y);
    b.w.z = toes.x;
    b.grad_y.z = toes.y;
    b.grad_z.z = 0.0;
    return b;
}

// sim::rigid_binding: segment 1 thigh, 2 shank, 3 foot, 4 toes (distal of joint j when > j+1).
SkinWeights pose_rigid_weights(float segment) {
    SkinWeights b;
    b.w = vec3(greaterThan(vec3(segment), vec3(1.5, 2.5, 3.5)));
    b.grad_y = vec3(0.0);
    b.grad_z = vec3(0.0);
    return b;
}

// A vertex's weights: rigid with its segment, or soft.
SkinWeights pose_weights(PoseState ps, vec3 rest, float segment) {
    return segment > 0.5 ? pose_rigid_weights(segment) : pose_soft_weights(ps, rest);
}

// A state nobody wrote (all zeros) has no blend widths: it draws the rest pose.
bool pose_written(PoseState ps) {
    return ps.bands.z > 0.0;
}

// The anatomy meshes' scale to the simulated body (1 when nobody wrote it).
float pose_mesh_scale(PoseState ps) {
    return ps.offset.w > 0.0 ? ps.offset.w : 1.0;
}

// sim::rotate_about_x.
vec3 pose_rotate_x(vec3 p, vec3 centre, float angle) {
    const float c = cos(angle), s = sin(angle);
    const float y = p.y - centre.y, z = p.z - centre.z;
    return vec3(p.x, centre.y + y * c - z * s, centre.z + y * s + z * c);
}

float pose_squeeze(float grad_y, float grad_z, vec3 rest, vec3 centre, float angle) {
    return clamp(1.0 + angle * (grad_y * -(rest.z - centre.z) + grad_z * (rest.y - centre.y)), 0.1,
                 10.0);
}

// sim::volume_factor.
float pose_volume_factor(PoseState ps, vec3 rest, SkinWeights b) {
    return pose_squeeze(b.grad_y.x, b.grad_z.x, rest, ps.knee.xyz, ps.knee.w) *
           pose_squeeze(b.grad_y.y, b.grad_z.y, rest, ps.ankle.xyz, ps.ankle.w) *
           pose_squeeze(b.grad_y.z, b.grad_z.z, rest, ps.mtp.xyz, ps.mtp.w);
}

// sim::backward_bulge: how far a soft point behind the knee's axis moves backwards to make up
// the squeeze the lateral widening could not undo (midpoint samples from the axis back).
float pose_backward_bulge(PoseState ps, vec3 rest) {
    const float span = ps.knee.y - rest.y;
    if (span <= 0.0) return 0.0;
    // Every joint straight: nothing is squeezed, nothing bulges (exact; sim::backward_bulge).
    // A test of the frame's uniform state, so a CPU device skips the samples for all lanes.
    if (ps.knee.w == 0.0 && ps.ankle.w == 0.0 && ps.mtp.w == 0.0) return 0.0;
    float sum = 0.0;
    for (int i = 0; i < POSE_BULGE_SAMPLES; ++i) {
        vec3 p = rest;
        p.y = ps.knee.y - span * (float(i) + 0.5) / float(POSE_BULGE_SAMPLES);
        const float f = pose_volume_factor(ps, p, pose_soft_weights(ps, p));
        const float widening = clamp(1.0 / f, POSE_MIN_WIDENING, POSE_MAX_WIDENING);
        sum += clamp(1.0 / (f * widening), 1.0, POSE_MAX_BULGE) - 1.0;
    }
    return sum * span / float(POSE_BULGE_SAMPLES);
}

// sim::pose_point: the lateral width undoes the squeeze on the flexion side, then the joints
// turn distal first, then the whole leg about the hip, then the offset.
vec3 pose_apply(PoseState ps, vec3 rest, SkinWeights b) {
    if (!pose_written(ps)) return rest;
    const float f = pose_volume_factor(ps, rest, b);
    vec3 q = rest;
    q.x = ps.ankle.x + (rest.x - ps.ankle.x) * clamp(1.0 / f, POSE_MIN_WIDENING, POSE_MAX_WIDENING);
    // Then the backward bulge; bones (rigid, no gradient) and soft tissue outside every blend
    // do not bulge.
    if (any(notEqual(b.grad_y, vec3(0.0))) || any(notEqual(b.grad_z, vec3(0.0))))
        q.y -= pose_backward_bulge(ps, rest);
    q = pose_rotate_x(q, ps.mtp.xyz, b.w.z * ps.mtp.w);
    q = pose_rotate_x(q, ps.ankle.xyz, b.w.y * ps.ankle.w);
    q = pose_rotate_x(q, ps.knee.xyz, b.w.x * ps.knee.w);
    q = pose_rotate_x(q, ps.hip.xyz, ps.hip.w);
    return q + ps.offset.xyz;
}

// A direction (a normal) of a point with these weights: turned by the sum of its joints' turns
// (rotations about parallel axes add up); the small lateral widening is left out.
vec3 pose_direction(PoseState ps, vec3 dir, SkinWeights b) {
    if (!pose_written(ps)) return dir;
    const float angle = dot(b.w, vec3(ps.knee.w, ps.ankle.w, ps.mtp.w)) + ps.hip.w;
    return pose_rotate_x(dir, vec3(0.0), angle);
}

// A point of soft tissue already in the simulator's (scaled) frame: vein tubes, valves, blood.
vec3 pose_soft_point(PoseState ps, vec3 rest) {
    return pose_apply(ps, rest, pose_soft_weights(ps, rest));
}

// How much of the skin's swelling a rest point takes (x foot, y ankle, z calf of
// PoseState::skin_swelling_cm), blended smoothly by rest height: the foot up to 3 cm below the
// ankle joint, the ankle at measuring point B (2 cm above it), the calf at its widest girth
// (60 % of the way from the ankle joint to the knee), nothing from 2 cm below the knee.
float pose_swelling_cm(PoseState ps, vec3 rest, vec3 rest_normal) {
    const float z = rest.z;
    const float foot_top = ps.ankle.z - 3.0, ankle_b = ps.ankle.z + 2.0;
    const float calf = mix(ps.ankle.z, ps.knee.z, 0.6), knee = ps.knee.z - 2.0;
    const vec3 s = ps.skin_swelling_cm.xyz;
    float grow;
    if (z <= foot_top)
        grow = s.x;
    else if (z <= ankle_b)
        grow = mix(s.x, s.y, smoothstep(foot_top, ankle_b, z));
    else if (z <= calf)
        grow = mix(s.y, s.z, smoothstep(ankle_b, calf, z));
    else
        grow = mix(s.z, 0.0, smoothstep(calf, knee, z));
    // The sole stands on the floor: it does not grow downwards.
    return grow * (1.0 - smoothstep(0.3, 0.8, -rest_normal.z));
}

#endif // SH_POSE_H
