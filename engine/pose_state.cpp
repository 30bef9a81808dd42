#include "pose_state.hpp"

#include "anatomy/leg_skinning.hpp"

#include <numbers>

namespace sh {
namespace {

constexpr double k_rad = std::numbers::pi / 180.0;

glm::vec4 joint(const sim::Vec3& centre, double angle_deg) {
    return {static_cast<float>(centre.x), static_cast<float>(centre.y),
            static_cast<float>(centre.z), static_cast<float>(angle_deg * k_rad)};
}
sim::Vec3 centre(const glm::vec4& v) {
    return {v.x, v.y, v.z};
}

} // namespace

void write_pose_state(const sim::Skeleton& sk, const sim::SkeletonPose& pose, float mesh_scale,
                      gpu::PoseState& out) {
    // sim::pose_point turns the thigh, then (supine) the whole leg onto its back, both about
    // the hip: one turn by the sum.
    const double hip_turn = pose.thigh_deg + (pose.supine ? 90.0 - pose.head_up_tilt_deg : 0.0);
    out.hip = joint(sk.hip, hip_turn);
    out.knee = joint(sk.knee, -pose.knee_flexion_deg);
    out.ankle = joint(sk.ankle, pose.ankle_dorsiflexion_deg);
    out.mtp = joint(sk.mtp, pose.mtp_extension_deg);
    out.bands = {static_cast<float>(sk.knee_band), static_cast<float>(sk.knee_blend_above),
                 static_cast<float>(sk.ankle_band), static_cast<float>(sk.mtp_band)};
    out.offset = {static_cast<float>(pose.offset.x), static_cast<float>(pose.offset.y),
                  static_cast<float>(pose.offset.z), mesh_scale};
}

void write_rest_pose_state(gpu::PoseState& out) {
    out = {};
    write_pose_state(anatomy::leg_skeleton(), sim::SkeletonPose{}, 1.0f, out);
}

SkeletonAndPose skeleton_and_pose(const gpu::PoseState& s) {
    SkeletonAndPose r;
    r.skeleton.hip = centre(s.hip);
    r.skeleton.knee = centre(s.knee);
    r.skeleton.ankle = centre(s.ankle);
    r.skeleton.mtp = centre(s.mtp);
    r.skeleton.knee_band = s.bands.x;
    r.skeleton.knee_blend_above = s.bands.y;
    r.skeleton.ankle_band = s.bands.z;
    r.skeleton.mtp_band = s.bands.w;
    r.pose.thigh_deg = s.hip.w / k_rad;
    r.pose.knee_flexion_deg = -s.knee.w / k_rad;
    r.pose.ankle_dorsiflexion_deg = s.ankle.w / k_rad;
    r.pose.mtp_extension_deg = s.mtp.w / k_rad;
    r.pose.offset = {s.offset.x, s.offset.y, s.offset.z};
    return r;
}

glm::vec3 pose_soft_point(const SkeletonAndPose& p, const glm::vec3& rest) {
    const sim::Vec3 r{rest.x, rest.y, rest.z};
    const sim::Vec3 q = sim::pose_point(p.skeleton, p.pose, r, sim::soft_binding(p.skeleton, r));
    return {static_cast<float>(q.x), static_cast<float>(q.y), static_cast<float>(q.z)};
}

} // namespace sh
