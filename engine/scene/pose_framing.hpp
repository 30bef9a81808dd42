// What the camera frames: the leg in the pose it is drawn in (GPU skinning, shaders/pose.h),
// over the last cycle of the activity, so a preset frames the whole step (or the sitting leg's
// L, or the lying leg) and the view does not bob with every stride. Posed on the CPU with
// sim::pose_point from a sample of the meshes' vertices (at most k_samples; about 0.1 ms).
// The camera fits the points themselves (camera_preset), not the corners of their box: the
// box of a stride is about 70 cm deep and in perspective its empty near corners would push the
// camera back (the walking leg filled 63 % of the view height instead of 87 % standing).
#pragma once

#include "anatomy/mesh.hpp"
#include "gpu_layouts.h"
#include "skeleton.hpp"

#include <deque>
#include <glm/vec3.hpp>
#include <vector>

namespace sh::scene {

class PoseFraming {
public:
    static constexpr std::size_t k_samples = 800;

    PoseFraming() = default;
    explicit PoseFraming(const std::vector<anatomy::Mesh>& meshes);

    // The frame's pose (state.pose) at simulated time state.time_s, cycle period state.cycle.y.
    void update(const gpu::VeinState& state);

    // The leg in the last pose given (rest pose before any).
    const anatomy::Bounds& current() const noexcept { return current_; }
    // Every pose of the last cycle (the current pose when still).
    const anatomy::Bounds& framing() const noexcept { return framing_; }
    // The sampled points of the poses of the last cycle (at most k_kept_poses of them, spread
    // over the cycle), or of the rest pose before any update: what camera_preset fits.
    const std::vector<glm::vec3>& points() const noexcept { return points_; }

    // Poses of a cycle kept for the framing: one every 1/24 of the cycle, enough for the
    // swing's extremes (the foot moves about 6 cm between two).
    static constexpr int k_kept_poses = 24;

private:
    struct Seen {
        float time_s;
        anatomy::Bounds box;
        std::vector<glm::vec3> points;
    };
    std::vector<glm::vec3> rest_;
    std::vector<sim::SkinBinding> bindings_;
    std::deque<Seen> seen_;
    anatomy::Bounds current_;
    anatomy::Bounds framing_;
    std::vector<glm::vec3> points_;
};

} // namespace sh::scene
