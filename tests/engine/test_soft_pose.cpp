// The host's float pose of soft tissue (engine/soft_pose) against its reference, the double
// sim::pose_point through sh::pose_soft_point (which shaders/pose.h also matches: tests/app/
// test_gpu_pose.cpp), at the poses the program shows: standing, walking push-off, running's
// deepest knee, sitting, seated ankle pumps, lying with the leg raised. Every point of a 1 cm
// grid over the leg's rest box, inside blends and out.
#include "anatomy/leg_skinning.hpp"
#include "pose_state.hpp"
#include "soft_pose.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <glm/geometric.hpp>
#include <string>

namespace {

struct NamedPose {
    std::string name;
    sh::sim::SkeletonPose pose;
};

sh::sim::SkeletonPose pose_of(double thigh, double knee, double ankle, double mtp, bool supine) {
    sh::sim::SkeletonPose p;
    p.thigh_deg = thigh;
    p.knee_flexion_deg = knee;
    p.ankle_dorsiflexion_deg = ankle;
    p.mtp_extension_deg = mtp;
    p.supine = supine;
    p.offset = {1.5, -2.0, 3.0};
    return p;
}

} // namespace

TEST_CASE("soft pose: the host's float pose matches sim::pose_point", "[pose]") {
    const NamedPose poses[] = {
        {"standing", pose_of(0, 0, 0, 0, false)},
        {"walking push-off", pose_of(-10, 35, -15, 45, false)},
        {"running, deepest knee", pose_of(25, 105, 10, 0, false)},
        {"sitting", pose_of(90, 90, 0, 0, false)},
        {"seated ankle pump", pose_of(90, 90, 20, 0, false)},
        {"lying, leg raised 30 deg", pose_of(30, 0, -5, 0, true)},
    };
    const sh::sim::Skeleton skeleton = sh::anatomy::leg_skeleton();
    for (const NamedPose& named : poses) {
        sh::gpu::PoseState state{};
        sh::write_pose_state(skeleton, named.pose, 1.0f, state);
        const sh::SkeletonAndPose reference = sh::skeleton_and_pose(state);
        const sh::SoftPose pose(state);
        float worst = 0.0f;
        glm::vec3 worst_at{0.0f};
        for (float z = 0.0f; z <= 95.0f; z += 1.0f)
            for (float y = -12.0f; y <= 10.0f; y += 1.0f)
                for (float x = -9.0f; x <= 9.0f; x += 1.0f) {
                    const glm::vec3 rest(x, y, z);
                    const float error =
                        glm::length(pose(rest) - sh::pose_soft_point(reference, rest));
                    if (error > worst) {
                        worst = error;
                        worst_at = rest;
                    }
                }
        INFO(named.name << ": worst " << worst << " cm at " << worst_at.x << ", " << worst_at.y
                        << ", " << worst_at.z);
        // A thousandth of a millimetre: float rounding over a metre of leg, nothing more.
        CHECK(worst < 1e-4f);
    }
}

TEST_CASE("soft pose: a state nobody wrote draws the rest pose", "[pose]") {
    const sh::SoftPose pose(sh::gpu::PoseState{});
    const glm::vec3 p(1.25f, -3.5f, 40.0f);
    CHECK(pose(p) == p);
}
