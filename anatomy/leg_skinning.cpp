#include "anatomy/leg_skinning.hpp"

#include "anatomy/landmarks.hpp"

namespace sh::anatomy {
namespace {

sim::Vec3 to_sim(const glm::vec3& v) {
    return {v.x, v.y, v.z};
}
glm::vec3 to_glm(const sim::Vec3& v) {
    return {static_cast<float>(v.x), static_cast<float>(v.y), static_cast<float>(v.z)};
}

} // namespace

const sim::Skeleton& leg_skeleton() {
    static const sim::Skeleton sk = [] {
        sim::Skeleton s;
        s.hip = to_sim(landmark("hip_joint"));
        s.knee = to_sim(landmark("knee_joint"));
        s.ankle = to_sim(landmark("ankle_joint"));
        const glm::vec3 mtp =
            0.5f * (landmark("first_metatarsal_head") + landmark("fifth_metatarsal_head"));
        s.mtp = to_sim(mtp);
        return s;
    }();
    return sk;
}

bool is_bone_role(std::string_view role) {
    return role == "femur" || role == "patella" || role == "tibia" || role == "fibula" ||
           role == "foot_bones";
}

std::vector<sim::SkinBinding> skin_bindings(const Mesh& mesh) {
    std::vector<sim::SkinBinding> out;
    out.reserve(mesh.positions.size());
    const std::string_view role = mesh.role;
    const sim::Vec3 first = to_sim(landmark("first_metatarsal_head"));
    const sim::Vec3 fifth = to_sim(landmark("fifth_metatarsal_head"));
    for (const glm::vec3& p : mesh.positions) {
        if (role == "femur" || role == "patella") {
            out.push_back(sim::rigid_binding(sim::BodySegment::Thigh));
        } else if (role == "tibia" || role == "fibula") {
            out.push_back(sim::rigid_binding(sim::BodySegment::Shank));
        } else if (role == "foot_bones") {
            out.push_back(sim::rigid_binding(sim::foot_bone_segment(to_sim(p), first, fifth)));
        } else {
            out.push_back(sim::soft_binding(leg_skeleton(), to_sim(p)));
        }
    }
    return out;
}

Mesh pose_mesh(const Mesh& rest, const std::vector<sim::SkinBinding>& bindings,
               const sim::SkeletonPose& pose, const sim::Skeleton& skeleton) {
    Mesh out = rest;
    for (std::size_t i = 0; i < out.positions.size(); ++i)
        out.positions[i] =
            to_glm(sim::pose_point(skeleton, pose, to_sim(rest.positions[i]), bindings[i]));
    finalize(out);
    return out;
}

glm::vec3 pose_soft_point(const glm::vec3& rest, const sim::SkeletonPose& pose,
                          const sim::Skeleton& skeleton) {
    const sim::Vec3 r = to_sim(rest);
    return to_glm(sim::pose_point(skeleton, pose, r, sim::soft_binding(skeleton, r)));
}

} // namespace sh::anatomy
