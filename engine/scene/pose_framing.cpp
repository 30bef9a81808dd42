#include "scene/pose_framing.hpp"

#include "anatomy/leg_skinning.hpp"
#include "pose_state.hpp"

#include <algorithm>

namespace sh::scene {

PoseFraming::PoseFraming(const std::vector<anatomy::Mesh>& meshes) {
    std::size_t total = 0;
    for (const anatomy::Mesh& m : meshes) total += m.positions.size();
    const std::size_t stride = std::max<std::size_t>(1, total / k_samples);
    std::vector<glm::vec3> all;
    for (const anatomy::Mesh& m : meshes) {
        if (m.empty()) continue;
        const std::vector<sim::SkinBinding> b = anatomy::skin_bindings(m);
        // Every stride-th vertex, and each mesh's extreme vertices along x, y and z, so that
        // the rest pose's box is exactly the meshes' bounds.
        std::vector<std::size_t> picked;
        for (std::size_t i = 0; i < m.positions.size(); i += stride) picked.push_back(i);
        for (int axis = 0; axis < 3; ++axis) {
            const auto [lo, hi] = std::minmax_element(
                m.positions.begin(), m.positions.end(),
                [axis](const glm::vec3& a, const glm::vec3& c) { return a[axis] < c[axis]; });
            picked.push_back(static_cast<std::size_t>(lo - m.positions.begin()));
            picked.push_back(static_cast<std::size_t>(hi - m.positions.begin()));
        }
        for (const std::size_t i : picked) {
            rest_.push_back(m.positions[i]);
            bindings_.push_back(b[i]);
        }
        all.insert(all.end(), m.positions.begin(), m.positions.end());
    }
    current_ = framing_ = anatomy::compute_bounds(all);
}

void PoseFraming::update(const gpu::VeinState& state) {
    if (rest_.empty() || !(state.pose.bands.z > 0.0f)) return;
    const SkeletonAndPose p = skeleton_and_pose(state.pose);
    const double scale = state.pose.offset.w > 0.0f ? state.pose.offset.w : 1.0;
    std::vector<glm::vec3> posed;
    posed.reserve(rest_.size());
    for (std::size_t i = 0; i < rest_.size(); ++i) {
        const sim::Vec3 r{rest_[i].x * scale, rest_[i].y * scale, rest_[i].z * scale};
        const sim::Vec3 q = sim::pose_point(p.skeleton, p.pose, r, bindings_[i]);
        posed.emplace_back(static_cast<float>(q.x), static_cast<float>(q.y),
                           static_cast<float>(q.z));
    }
    current_ = anatomy::compute_bounds(posed);
    // Keep the boxes of the last cycle (a little more, so its first pose is still in).
    const float now = state.time_s;
    if (!seen_.empty() && now < seen_.back().time_s) seen_.clear(); // a restart
    if (!seen_.empty() && seen_.back().time_s == now)
        seen_.back().box = current_; // paused, or two frames of one state
    else
        seen_.push_back({now, current_});
    const float window = 1.05f * std::max(state.cycle.y, 0.0f);
    while (seen_.size() > 1 && seen_.front().time_s < now - window) seen_.pop_front();
    framing_ = seen_.front().box;
    for (const Seen& s : seen_) {
        framing_.min = glm::min(framing_.min, s.box.min);
        framing_.max = glm::max(framing_.max, s.box.max);
    }
}

} // namespace sh::scene
