// The skeleton's pose on its way to the GPU (gpu::PoseState in shaders/gpu_layouts.h, read by
// shaders/pose.h) and back: the pose is written from the simulator's own sim::PosedLeg, and the
// CPU side (camera framing, labels, tests) turns a PoseState back into the skeleton and pose
// that sim::pose_point takes, so the CPU and the shaders pose with the same numbers.
#pragma once

#include "gpu_layouts.h"
#include "skeleton.hpp"

#include <glm/vec3.hpp>

namespace sh {

// Joints, blend widths, angles and offset of `pose` on `skeleton` (both as sim::PosedLeg holds
// them: scaled to the body). `mesh_scale`: body height / the anatomy meshes' 175 cm. Leaves
// skin_swelling_cm and stocking alone.
void write_pose_state(const sim::Skeleton& skeleton, const sim::SkeletonPose& pose,
                      float mesh_scale, gpu::PoseState& out);
// The default leg standing upright, at the meshes' own size: what a state at rest holds.
void write_rest_pose_state(gpu::PoseState& out);

struct SkeletonAndPose {
    sim::Skeleton skeleton;
    sim::SkeletonPose pose;
};
// The inverse of write_pose_state (the hip's turn comes back as thigh_deg, supine false).
SkeletonAndPose skeleton_and_pose(const gpu::PoseState& state);

// A soft-tissue point (in the scaled frame of the veins) posed as the shaders pose it.
glm::vec3 pose_soft_point(const SkeletonAndPose& p, const glm::vec3& rest);

} // namespace sh
