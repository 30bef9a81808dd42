#pragma once
// The leg's skeleton and its skinning: four segments (thigh, shank, foot, toes) joined by three
// sagittal hinges (knee, ankle = talocrural, metatarsophalangeal), all about the lateral axis x of
// the leg frame (x lateral, y anterior, z up, cm). The simulator (gravity), the leg generator
// (per-vertex weights of muscles, tendon and skin), the vein centrelines and the renderer all
// pose points with the one function `pose_point`, so everything moves with the same skeleton.
//
// Skinning: each soft point carries, per joint, the weight w (0 = proximal segment, 1 = distal)
// and its gradient. It is turned by w times the joint angle about the joint axis, distal joints
// first: for two segments joined by a hinge this is exactly what dual-quaternion skinning gives
// (the blend of a pure rotation is the rotation by the blended angle), so a bent knee neither
// collapses nor tears. The squeeze on the flexion side and stretch on the other change the local
// volume by the factor f = 1 + angle * (grad w . J(p - c)); the point's lateral offset is divided
// by f, so every small piece of tissue keeps its volume (the back of the bent knee bulges
// sideways a little instead of vanishing). Bones are rigid: weights 0 or 1, gradient 0.
//
// Plain C++ with no dependency, shared by sh_sim and sh_anatomy.

#include "geometry.hpp"

#include <array>

namespace sh::sim {

enum class BodySegment { Thigh, Shank, Foot, Toes };
constexpr int kJointCount = 3; // knee, ankle, metatarsophalangeal

struct SkinBinding {
    std::array<float, kJointCount> weight{}; // 0 proximal .. 1 distal
    std::array<float, kJointCount> grad_y{}; // d weight / d y (1/cm)
    std::array<float, kJointCount> grad_z{}; // d weight / d z (1/cm)
};

// Joint angles of a pose: the thigh's inclination (the hip), and the three hinges; degrees,
// flexion / dorsiflexion / extension of the toes positive. `supine` turns the whole leg onto its
// back about the hip (lying); `lift` is added last (cm, room frame).
struct SkeletonPose {
    double thigh_deg = 0;
    double knee_flexion_deg = 0;
    double ankle_dorsiflexion_deg = 0;
    double mtp_extension_deg = 0;
    bool supine = false;
    Vec3 offset{};
    // A supine body tilted head-up by this many degrees (a tilt table, issue 11); 0 lies flat.
    double head_up_tilt_deg = 0;
};

struct Skeleton {
    Vec3 hip{-3, 0, 91};       // femoral head centre
    Vec3 knee{0, 0, 47};       // knee joint line centre
    Vec3 ankle{0, 0, 8};       // talocrural centre
    Vec3 mtp{0.8, 12.3, 1.45}; // between the first and fifth metatarsal heads
    // Half-widths of the soft blends (cm). The knee's blend is centred just below the joint
    // line and widens behind the joint, upwards only (skeleton.cpp), so that 105 deg of running
    // flexion folds no tissue at the back of the knee, the popliteal vein stays behind the femoral
    // condyles and the anterior tibial veins move with the tibia (tests/anatomy/test_skinning.cpp;
    // the values were chosen by sweeping band and centre against that test).
    double knee_band = 7.5, knee_blend_above = -0.75, ankle_band = 4.5, mtp_band = 2.0;

    Skeleton scaled(double s) const;
};

// Soft tissue (muscles, tendon, skin, veins): smooth weights from the rest position.
SkinBinding soft_binding(const Skeleton& sk, Vec3 rest);
// A rigid bone of a segment.
SkinBinding rigid_binding(BodySegment segment);
// The segment a point of the foot skeleton belongs to: toes in front of the oblique line through
// the metatarsal heads (x, y of the first and fifth given), else foot.
BodySegment foot_bone_segment(Vec3 rest, Vec3 first_metatarsal_head, Vec3 fifth_metatarsal_head);

// The posed position of a rest point.
Vec3 pose_point(const Skeleton& sk, const SkeletonPose& pose, Vec3 rest, const SkinBinding& b);

// Rotation about the lateral axis through `centre`: positive turns +z towards -y (the thigh
// flexes forward when a downward vector is turned by a positive angle).
Vec3 rotate_about_x(Vec3 p, Vec3 centre, double deg);

} // namespace sh::sim
