// Volume of a muscle or tendon in a pose, made up by thickening it about its own spine.
//
// The skinning (sim/skeleton) keeps each small piece's volume by widening it sideways and, behind
// the knee, by a bulge backwards, both limited (so the superficial veins stay under the skin).
// Where the bent knee or the plantarflexed ankle squeezes harder, a belly still loses volume:
// the gastrocnemius heads up to a quarter at 105 deg of running knee flexion (3-9 cm below the
// joint line, where the heads lie behind the knee's blend), the Achilles tendon 6 % behind the
// ankle at -45 deg. A real muscle is nearly incompressible: what is squeezed near the joint goes
// into the rest of the belly. So each such piece is thickened about its spine (the contraction
// rig's radial offsets, anatomy/muscle_deform) by a factor chosen so that its posed volume equals
// its rest volume.
//
// The factor is solved once per mesh at load time on two tables, knee flexion (ankle neutral)
// and ankle dorsiflexion (knee straight), and taken as their product per frame: the knee's and
// the ankle's blends barely overlap along a belly, so their volume losses multiply (the test
// states the residual). Per vertex this costs one multiply in the contraction pass.
#pragma once

#include "anatomy/mesh.hpp"
#include "anatomy/muscle_deform.hpp"
#include "skeleton.hpp"

#include <string_view>
#include <vector>

namespace sh::anatomy {

struct PoseVolumeTable {
    // Knee flexion from kKneeFirstDeg and ankle dorsiflexion from kAnkleFirstDeg, in kStepDeg
    // steps; outside the tables the end values hold. Running reaches 105 deg of knee flexion,
    // ankle pumps -45 deg of plantarflexion (sim/gait_kinematics, sim/activity).
    static constexpr double kStepDeg = 5.0;
    static constexpr double kKneeFirstDeg = -10.0, kAnkleFirstDeg = -60.0;
    std::vector<float> knee; // thickening at knee flexion kKneeFirstDeg + i * kStepDeg
    std::vector<float> ankle;
    // The same for the fully contracted muscle (shorter, its belly thicker: the pose squeezes
    // it differently; empty for a piece that does not contract). Contraction and the pose
    // come together in seated ankle pumps: the calf contracts with the knee at 89 deg.
    std::vector<float> knee_contracted;
    std::vector<float> ankle_contracted;

    // The thickening for a pose and activation (linear between rest and full; 1 when the
    // tables are empty).
    float thickening(double knee_flexion_deg, double ankle_dorsiflexion_deg,
                     float activation = 0.0f) const;
};

// Whether a role is thickened by the volume the pose squeezes out of it: the calf muscles and
// the Achilles tendon. (The tibialis anterior, in front of the knee's axis, keeps its volume
// within 0.2 % without it: tests/anatomy/test_skinning.cpp.)
bool keeps_volume_in_pose(std::string_view role);

// The tables of one soft mesh (muscle or tendon) with its rig, and when `contracts` also at full
// activation (anatomy/muscle_deform); thickening limited to [kMinThickening, kMaxThickening].
constexpr float kMinThickening = 0.85f, kMaxThickening = 1.35f;
PoseVolumeTable make_pose_volume_table(const Mesh& rest, const MuscleRig& rig,
                                       const sim::Skeleton& skeleton, bool contracts = false);

// A spine for a piece that has none (the Achilles tendon): the centroids of its vertices in
// `slices` bands of height, top first (the proximal end).
std::vector<glm::vec3> spine_from_slices(const Mesh& mesh, int slices = 8);

// The mesh's volume posed with its skin weights (taken at the given rest positions).
double posed_volume(const std::vector<glm::vec3>& rest, const std::vector<std::uint32_t>& indices,
                    const sim::SkeletonPose& pose, const sim::Skeleton& skeleton);

} // namespace sh::anatomy
