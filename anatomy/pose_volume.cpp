#include "anatomy/pose_volume.hpp"

#include <algorithm>
#include <cmath>

namespace sh::anatomy {
namespace {

// The rig's positions with contraction `d`, thickened by `s` about the spine.
std::vector<glm::vec3> thickened(const MuscleRig& rig, MuscleDeformation d, float s) {
    d.thickening = s;
    return apply_muscle_deformation(rig, d);
}

// The thickening at which the posed volume equals the rest volume: the volume of a belly
// thickened by s about its spine grows about as s^2, so s = sqrt(rest / posed), applied twice
// (the thicker belly reaches a little further into the joint's blend).
float solve_thickening(const Mesh& rest, const MuscleRig& rig, const MuscleDeformation& d,
                       const sim::SkeletonPose& pose, const sim::Skeleton& skeleton) {
    const double target = mesh_volume(rest);
    if (!(target > 0.0)) return 1.0f;
    float s = 1.0f;
    for (int it = 0; it < 2; ++it) {
        const double v = posed_volume(thickened(rig, d, s), rest.indices, pose, skeleton);
        if (!(v > 0.0)) break;
        s = std::clamp(static_cast<float>(s * std::sqrt(target / v)), kMinThickening,
                       kMaxThickening);
    }
    return s;
}

float lookup(const std::vector<float>& table, double first_deg, double deg) {
    if (table.empty()) return 1.0f;
    const double x = std::clamp((deg - first_deg) / PoseVolumeTable::kStepDeg, 0.0,
                                static_cast<double>(table.size() - 1));
    const auto i = std::min(static_cast<std::size_t>(x), table.size() - 1);
    const auto k = std::min(i + 1, table.size() - 1);
    const float f = static_cast<float>(x - static_cast<double>(i));
    return (1.0f - f) * table[i] + f * table[k];
}

} // namespace

bool keeps_volume_in_pose(std::string_view role) {
    return role == "soleus" || role == "gastrocnemius_medial" || role == "gastrocnemius_lateral" ||
           role == "achilles_tendon";
}

float PoseVolumeTable::thickening(double knee_flexion_deg, double ankle_dorsiflexion_deg,
                                  float activation) const {
    const float at_rest = lookup(knee, kKneeFirstDeg, knee_flexion_deg) *
                          lookup(ankle, kAnkleFirstDeg, ankle_dorsiflexion_deg);
    if (knee_contracted.empty() && ankle_contracted.empty()) return at_rest;
    const float full = lookup(knee_contracted, kKneeFirstDeg, knee_flexion_deg) *
                       lookup(ankle_contracted, kAnkleFirstDeg, ankle_dorsiflexion_deg);
    const float a = std::clamp(activation, 0.0f, 1.0f);
    return (1.0f - a) * at_rest + a * full;
}

double posed_volume(const std::vector<glm::vec3>& rest, const std::vector<std::uint32_t>& indices,
                    const sim::SkeletonPose& pose, const sim::Skeleton& skeleton) {
    std::vector<glm::vec3> posed(rest.size());
    for (std::size_t i = 0; i < rest.size(); ++i) {
        const sim::Vec3 r{rest[i].x, rest[i].y, rest[i].z};
        const sim::Vec3 p = sim::pose_point(skeleton, pose, r, sim::soft_binding(skeleton, r));
        posed[i] =
            glm::vec3(static_cast<float>(p.x), static_cast<float>(p.y), static_cast<float>(p.z));
    }
    return mesh_volume(posed, indices);
}

PoseVolumeTable make_pose_volume_table(const Mesh& rest, const MuscleRig& rig,
                                       const sim::Skeleton& skeleton, bool contracts) {
    PoseVolumeTable t;
    if (rest.empty() || rig.vertex.size() != rest.positions.size()) return t;
    // Knee flexion -10 .. 140 deg, ankle -60 .. 40 deg. A joint whose blend the piece does not
    // reach (the tendon and the knee, the gastrocnemius and the ankle) changes no volume at
    // either end of its range: its table stays empty (1), which halves the load time.
    const auto table = [&](int count, double first, double sim::SkeletonPose::*angle,
                           const MuscleDeformation& d) {
        std::vector<float> out;
        const auto at = [&](int i) {
            sim::SkeletonPose pose;
            pose.*angle = first + i * PoseVolumeTable::kStepDeg;
            return solve_thickening(rest, rig, d, pose, skeleton);
        };
        const float lo = at(0), hi = at(count - 1);
        if (std::abs(lo - 1.0f) < 1e-4f && std::abs(hi - 1.0f) < 1e-4f) return out;
        for (int i = 0; i < count; ++i) out.push_back(i == 0 ? lo : i == count - 1 ? hi : at(i));
        return out;
    };
    const auto knee = &sim::SkeletonPose::knee_flexion_deg;
    const auto ankle = &sim::SkeletonPose::ankle_dorsiflexion_deg;
    t.knee = table(31, PoseVolumeTable::kKneeFirstDeg, knee, {});
    t.ankle = table(21, PoseVolumeTable::kAnkleFirstDeg, ankle, {});
    if (contracts) {
        const MuscleDeformation full = solve_muscle_deformation(rest, rig, 1.0f);
        t.knee_contracted = table(31, PoseVolumeTable::kKneeFirstDeg, knee, full);
        t.ankle_contracted = table(21, PoseVolumeTable::kAnkleFirstDeg, ankle, full);
    }
    return t;
}

std::vector<glm::vec3> spine_from_slices(const Mesh& mesh, int slices) {
    std::vector<glm::vec3> spine;
    if (mesh.positions.empty() || slices < 2) return spine;
    const float lo = mesh.bounds.min.z, hi = mesh.bounds.max.z;
    const float h = std::max(hi - lo, 1e-6f) / static_cast<float>(slices);
    for (int s = slices - 1; s >= 0; --s) { // top first
        const float bottom = lo + static_cast<float>(s) * h, top = bottom + h;
        glm::vec3 sum(0.0f);
        int n = 0;
        for (const glm::vec3& p : mesh.positions)
            if (p.z >= bottom && p.z <= top) sum += p, ++n;
        if (n > 0) spine.push_back(sum / static_cast<float>(n));
    }
    return spine;
}

} // namespace sh::anatomy
