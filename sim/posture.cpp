#include "posture.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

namespace sh::sim {
namespace {
Vec3 landmark(const Network& net, const char* name, Vec3 fallback) {
    auto it = net.landmarks.find(name);
    return it == net.landmarks.end() ? fallback : it->second;
}

// Points of the sole (unscaled leg frame): heel pad, back of the heel, balls of the first and
// fifth toes, tip of the toes. The lowest of them, posed, stands on the floor.
constexpr std::array<Vec3, 5> kSole = {Vec3{0.2, -4.5, 0.0}, Vec3{0.2, -5.8, 1.2},
                                       Vec3{-2.4, 13.2, 0.0}, Vec3{4.0, 11.4, 0.0},
                                       Vec3{0.5, 18.5, 0.3}};

bool is_gait(const ActivitySpec& a) {
    return a.kind == Activity::Walking || a.kind == Activity::Running;
}
} // namespace

PostureAngles posture_angles(Posture p) {
    switch (p) {
    // Seated on a chair of knee height: the underside of the thigh lies level on the seat while
    // its axis slopes up about 10 degrees to the hip joint (which sits about 10 cm above the
    // seat), so the knee flexes 80 degrees and the lower leg is vertical, the foot flat.
    case Posture::Sitting:
        return {80.0, 80.0, false};
    case Posture::Lying:
        return {0.0, 0.0, true};
    case Posture::LegRaised:
        return {40.0, 0.0, true}; // straight leg raised on a wedge
    default:
        return {0.0, 0.0, false};
    }
}

Skeleton skeleton_of(const Network& net) {
    Skeleton s;
    s.hip = landmark(net, "hip_joint", s.hip);
    s.knee = landmark(net, "knee_joint", s.knee);
    s.ankle = landmark(net, "ankle_joint", s.ankle);
    return s;
}

PosedLeg::PosedLeg(const Network& net, double scale, Posture posture)
    : PosedLeg(net, scale, posture, ActivitySpec{}, 0.0) {}

namespace {
// The posture a still pose stands for: lying when supine, sitting when the hip is flexed.
Posture posture_of(const PostureAngles& a) {
    if (a.supine) return Posture::Lying;
    return a.hip_flexion_deg > 0 ? Posture::Sitting : Posture::Standing;
}
} // namespace

PosedLeg::PosedLeg(const Network& net, double scale, PostureAngles angles)
    : skeleton_(skeleton_of(net).scaled(scale)), scale_(scale), posture_(posture_of(angles)) {
    build(net, angles, ActivitySpec{}, 0.0);
}

PosedLeg::PosedLeg(const Network& net, double scale, PostureAngles angles,
                   const ActivitySpec& activity, double phase)
    : skeleton_(skeleton_of(net).scaled(scale)), scale_(scale), posture_(posture_of(angles)) {
    build(net, angles, activity, phase);
}

PosedLeg::PosedLeg(const Network& net, double scale, Posture posture, const ActivitySpec& activity,
                   double phase)
    : skeleton_(skeleton_of(net).scaled(scale)), scale_(scale), posture_(posture) {
    build(net, posture_angles(posture), activity, phase);
}

void PosedLeg::build(const Network& net, const PostureAngles& base, const ActivitySpec& activity,
                     double phase) {
    const Posture posture = posture_;
    const double scale = scale_;
    const JointAngles act = activity_angles(activity, phase);
    pose_.supine = base.supine;
    pose_.head_up_tilt_deg = base.head_up_tilt_deg;
    pose_.ankle_dorsiflexion_deg = act.ankle_dorsiflexion_deg;
    if (posture == Posture::Standing) {
        // Standing is where gait happens: the activity sets the thigh and knee too.
        pose_.thigh_deg = act.thigh_deg;
        pose_.knee_flexion_deg = act.knee_flexion_deg;
    } else {
        // Sitting or lying: gait and heel raises move only the foot (a seated heel raise).
        pose_.thigh_deg = base.hip_flexion_deg;
        pose_.knee_flexion_deg = base.knee_flexion_deg;
    }
    // Toes: the gait table's, or flat on the floor when the heel rises (not in bed).
    const double pitch = pose_.thigh_deg - pose_.knee_flexion_deg + pose_.ankle_dorsiflexion_deg;
    pose_.mtp_extension_deg = is_gait(activity) ? act.mtp_extension_deg
                              : base.supine     ? 0.0
                                                : toes_flat_extension_deg(pitch);

    if (base.supine) {
        // The back of the heel rests on the bed (or on the wedge when the leg is raised), held
        // where the still leg's heel is whatever the foot does.
        SkeletonPose still{base.hip_flexion_deg, 0, 0, 0, true, {}, base.head_up_tilt_deg};
        Vec3 heel = landmark(net, "heel", {0, -6, 2.5}) * scale;
        double heel_z = pose_point(skeleton_, still, heel, soft_binding(skeleton_, heel)).z;
        // Bed surface: the lower of heel and buttock (hip joint is about 10 cm above the bed).
        double bed = std::min(heel_z, skeleton_.hip.z - 10.0 * scale);
        pose_.offset = {0, 0, -bed};
    } else if (posture == Posture::Standing) {
        // The foot on the floor carries the body; in swing the hip height moves smoothly from
        // its height at toe-off to its height at the next heel strike.
        double toe_off = stance_fraction(activity);
        double p = phase - std::floor(phase);
        double lift = -lowest_sole(pose_);
        if (is_gait(activity) && activity.speed_kmh > 0.05 && p > toe_off) {
            auto at = [&](double q) {
                PosedLeg other(net, scale, posture, activity, q);
                return other.pose_.offset.z;
            };
            double t = (p - toe_off) / (1.0 - toe_off);
            lift = (1 - t) * at(toe_off) + t * at(0.0);
        }
        pose_.offset = {0, 0, lift};
    } else {
        // Seated: the seat holds the thigh where the still posture has the foot flat on the
        // floor. When the foot would go into the floor (the heel pushed down by dorsiflexion, or
        // the ball of the foot by plantarflexion) the knee rises: the thigh pivots up about the
        // hip and the knee bends with it, so the lower leg stays vertical.
        SkeletonPose still = pose_;
        still.ankle_dorsiflexion_deg = 0;
        still.mtp_extension_deg = 0;
        pose_.offset = {0, 0, -lowest_sole(still)};
        auto lowest_with = [&](double lift_deg) {
            SkeletonPose q = pose_;
            q.thigh_deg += lift_deg;
            q.knee_flexion_deg += lift_deg;
            return lowest_sole(q) + pose_.offset.z;
        };
        double lo = 0, hi = 30;
        if (lowest_with(0) < 0) {
            for (int i = 0; i < 24; ++i) {
                double mid = 0.5 * (lo + hi);
                (lowest_with(mid) < 0 ? lo : hi) = mid;
            }
            pose_.thigh_deg += hi;
            pose_.knee_flexion_deg += hi;
        }
    }
}

double PosedLeg::lowest_sole(const SkeletonPose& pose) const {
    SkeletonPose p = pose;
    p.offset = {};
    double lowest = 1e30;
    for (Vec3 s : kSole) {
        Vec3 r = s * scale_;
        lowest = std::min(lowest, pose_point(skeleton_, p, r, soft_binding(skeleton_, r)).z);
    }
    return lowest;
}

Vec3 PosedLeg::place(Vec3 p) const {
    return pose_point(skeleton_, pose_, p, soft_binding(skeleton_, p));
}

Vec3 PosedLeg::place(Vec3 p, const SkinBinding& binding) const {
    return pose_point(skeleton_, pose_, p, binding);
}

double PosedLeg::reference_height_cm(double trunk_offset_cm) const {
    // The trunk is upright when standing or sitting and horizontal when lying; the indifference
    // point is `trunk_offset_cm` along the trunk above the hip joint and a few cm anterior.
    Vec3 hip = place(skeleton_.hip);
    if (pose_.supine) {
        // Tilted head-up (issue 11's tilt table), the point moves up the trunk towards its
        // upright place.
        double tilt = pose_.head_up_tilt_deg * std::numbers::pi / 180.0;
        return hip.z + (4.0 * std::cos(tilt) + trunk_offset_cm * std::sin(tilt)) * scale_;
    }
    return hip.z + trunk_offset_cm * scale_;
}

} // namespace sh::sim
