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
    points_ = rest_;
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
    // Keep the poses of the last cycle (a little more, so its first pose is still in), one
    // every 1/k_kept_poses of it; the newest pose always replaces the one kept last within that
    // spacing, so the current pose is always framed.
    const float now = state.time_s;
    const float period = std::max(state.cycle.y, 0.0f);
    const float spacing = period / static_cast<float>(k_kept_poses);
    if (!seen_.empty() && now < seen_.back().time_s) seen_.clear(); // a restart
    const bool replace_last = seen_.size() > 1 && now - seen_[seen_.size() - 2].time_s < spacing;
    if (!seen_.empty() && (seen_.back().time_s == now || replace_last))
        seen_.back() = {now, current_, std::move(posed)}; // paused, or within the spacing
    else
        seen_.push_back({now, current_, std::move(posed)});
    const float window = 1.05f * period;
    while (seen_.size() > 1 && seen_.front().time_s < now - window) seen_.pop_front();
    framing_ = seen_.front().box;
    points_.clear();
    for (const Seen& s : seen_) {
        framing_.min = glm::min(framing_.min, s.box.min);
        framing_.max = glm::max(framing_.max, s.box.max);
        points_.insert(points_.end(), s.points.begin(), s.points.end());
    }
}

} // namespace sh::scene
