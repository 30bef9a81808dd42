// Soft-tissue points posed on the host, as the shaders pose them (shaders/pose.h,
// pose_soft_point), for the many points of one frame's pose: the blood particles drawn by the
// host splat (engine/particles/host_splat). In float, with what depends only on the pose worked
// out once: the sines and cosines of each joint's whole turn serve every point that turns with
// the joint whole or not at all (most of them: outside the joints' blends), so a point pays for
// trigonometry only inside a blend. sh::pose_soft_point (double, through sim::pose_point) is the
// reference; tests/engine/test_soft_pose.cpp holds the two together.
#pragma once

#include "gpu_layouts.h"

#include <glm/vec3.hpp>

namespace sh {

class SoftPose {
public:
    explicit SoftPose(const gpu::PoseState& state);
    // The posed position of the soft-tissue rest point `rest` (cm, the veins' scaled frame).
    glm::vec3 operator()(const glm::vec3& rest) const;

    struct Posed {
        glm::vec3 position;
        glm::vec3 normal;
    };
    // A vertex of the leg, as shaders/pose_pass.h's write_posed poses it: rigid with its
    // segment (`segment` as a bone vertex's normal.w: 1 thigh .. 4 toes) or soft tissue
    // (segment 0), its normal turned by the sum of its joints' turns (pose.h pose_direction).
    // For the leg's vertices posed on the host (engine/scene/host_leg_pose).
    Posed vertex(const glm::vec3& rest, const glm::vec3& normal, float segment) const;

private:
    struct Weights {
        glm::vec3 w;      // x knee, y ankle, z metatarsophalangeal: 0 proximal .. 1 distal
        glm::vec3 grad_y; // their gradients along y and z (the squeeze of the volume factor)
        glm::vec3 grad_z;
    };
    struct Joint {
        glm::vec3 centre{0.0f};
        float angle = 0.0f;
        float cos_whole = 1.0f, sin_whole = 0.0f; // of the whole angle (weight 1)
    };
    Weights weights(const glm::vec3& rest) const;
    float volume_factor(const glm::vec3& rest, const Weights& b) const;
    float backward_bulge(const glm::vec3& rest) const;
    static glm::vec3 turn(const glm::vec3& p, const Joint& joint, float weight);
    // pose.h pose_apply with the weights `b` (the point's soft or rigid weights).
    glm::vec3 apply(const glm::vec3& rest, const Weights& b) const;

    gpu::PoseState state_;
    Joint hip_, knee_, ankle_, mtp_;
    bool written_ = false;
    bool straight_ = false; // every joint's angle 0: nothing squeezed, nothing bulges
};

} // namespace sh
