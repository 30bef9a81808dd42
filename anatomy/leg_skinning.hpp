// Skin weights of the leg's structures for the skeleton of sim/skeleton.hpp (thigh, shank, foot,
// toes; knee, ankle and metatarsophalangeal hinges), and the CPU reference of posing a mesh.
//
// Bones are rigid with their segment: femur and patella with the thigh, tibia and fibula with the
// shank, the foot skeleton with the foot behind the metatarsal heads and with the toes in front.
// Muscles, the Achilles tendon, the skin and any other role (including a mesh given with --mesh
// under a role that is not a bone) are soft: smooth weights from their rest position, the same
// weights the vein centrelines get, so tissue, veins and skin move as one.
#pragma once

#include "anatomy/mesh.hpp"
#include "skeleton.hpp"

#include <string_view>
#include <vector>

namespace sh::anatomy {

// The default leg's skeleton (its landmarks; the MTP axis between the metatarsal heads).
const sim::Skeleton& leg_skeleton();

// Whether a role is a bone (rigid) and which segment it moves with.
bool is_bone_role(std::string_view role);

// One binding per vertex of `mesh`, by its role (see above).
std::vector<sim::SkinBinding> skin_bindings(const Mesh& mesh);

// The mesh in a pose: positions moved, normals and bounds recomputed (the CPU reference of the
// GPU skinning).
Mesh pose_mesh(const Mesh& rest, const std::vector<sim::SkinBinding>& bindings,
               const sim::SkeletonPose& pose, const sim::Skeleton& skeleton = leg_skeleton());

// A point of soft tissue (a vein centreline point) in a pose.
glm::vec3 pose_soft_point(const glm::vec3& rest, const sim::SkeletonPose& pose,
                          const sim::Skeleton& skeleton = leg_skeleton());

} // namespace sh::anatomy
