#include "anatomy/muscle_deform.hpp"

#include <algorithm>
#include <cmath>
#include <glm/geometric.hpp>
#include <limits>

namespace sh::anatomy {

MuscleRig make_muscle_rig(const Mesh& mesh, const std::vector<glm::vec3>& spine,
                          float max_shortening, float anchor) {
    MuscleRig rig;
    rig.spine = spine;
    rig.anchor = std::clamp(anchor, 0.0f, 1.0f);
    rig.max_shortening = std::clamp(max_shortening, 0.0f, 0.4f);
    rig.rest_volume = mesh_volume(mesh);
    if (spine.size() < 2) { // no spine: a degenerate rig that leaves the mesh as it is
        rig.spine = {mesh.bounds.centre(), mesh.bounds.centre() + glm::vec3(0, 0, 1e-3f)};
    }
    const std::size_t n = rig.spine.size();
    std::vector<float> s(n, 0.0f);
    for (std::size_t i = 1; i < n; ++i)
        s[i] = s[i - 1] + glm::length(rig.spine[i] - rig.spine[i - 1]);
    const float total = std::max(s.back(), 1e-6f);
    for (auto& x : s) x /= total;
    rig.spine_s = s;
    rig.vertex.reserve(mesh.positions.size());
    for (const auto& p : mesh.positions) {
        float best = std::numeric_limits<float>::max();
        float best_t = 0.0f;
        glm::vec3 best_c = rig.spine[0];
        for (std::size_t i = 0; i + 1 < n; ++i) {
            const glm::vec3 a = rig.spine[i], b = rig.spine[i + 1];
            const glm::vec3 ab = b - a;
            const float l2 = std::max(glm::dot(ab, ab), 1e-12f);
            const float u = std::clamp(glm::dot(p - a, ab) / l2, 0.0f, 1.0f);
            const glm::vec3 c = a + u * ab;
            const float d = glm::dot(p - c, p - c);
            if (d < best) {
                best = d;
                best_t = s[i] + u * (s[i + 1] - s[i]);
                best_c = c;
            }
        }
        const glm::vec3 r = p - best_c;
        rig.vertex.emplace_back(best_t, r.x, r.y, r.z);
    }
    return rig;
}

glm::vec3 spine_point(const MuscleRig& rig, float t) {
    const auto& s = rig.spine_s;
    t = std::clamp(t, 0.0f, 1.0f);
    std::size_t i = 0;
    while (i + 2 < s.size() && t > s[i + 1]) ++i;
    const float w = (t - s[i]) / std::max(s[i + 1] - s[i], 1e-12f);
    return rig.spine[i] + std::clamp(w, 0.0f, 1.0f) * (rig.spine[i + 1] - rig.spine[i]);
}

float bulge_weight(float t) {
    return std::sin(3.14159265f * std::clamp(t, 0.0f, 1.0f));
}

std::vector<glm::vec3> apply_muscle_deformation(const MuscleRig& rig, const MuscleDeformation& d) {
    std::vector<glm::vec3> out;
    out.reserve(rig.vertex.size());
    for (const auto& v : rig.vertex) {
        const float t = v.x;
        const glm::vec3 r(v.y, v.z, v.w);
        const float t2 = rig.anchor + (t - rig.anchor) * d.lambda;
        out.push_back(spine_point(rig, t2) + (1.0f + d.bulge * bulge_weight(t)) * d.thickening * r);
    }
    return out;
}

MuscleDeformation solve_muscle_deformation(const Mesh& mesh, const MuscleRig& rig,
                                           float activation) {
    MuscleDeformation d;
    const float a = std::clamp(activation, 0.0f, 1.0f);
    d.lambda = 1.0f - rig.max_shortening * a;
    if (a <= 0.0f || rig.vertex.size() != mesh.positions.size()) return d;
    // The rest volume of the rig's own mapping (k = 0, lambda = 1) is the target: that equals
    // the mesh's volume up to float rounding.
    const double target = mesh_volume(apply_muscle_deformation(rig, {1.0f, 0.0f}), mesh.indices);
    double lo = 0.0, hi = 2.0;
    for (int it = 0; it < 40; ++it) {
        const double mid = 0.5 * (lo + hi);
        d.bulge = static_cast<float>(mid);
        const double v = mesh_volume(apply_muscle_deformation(rig, d), mesh.indices);
        if (v < target)
            lo = mid;
        else
            hi = mid;
    }
    d.bulge = static_cast<float>(0.5 * (lo + hi));
    return d;
}

std::vector<glm::vec3> deform_muscle(const Mesh& mesh, const MuscleRig& rig, float activation) {
    return apply_muscle_deformation(rig, solve_muscle_deformation(mesh, rig, activation));
}

float muscle_length(const std::vector<glm::vec3>& positions, const MuscleRig& rig) {
    const glm::vec3 axis = glm::normalize(rig.spine.back() - rig.spine.front());
    float lo = std::numeric_limits<float>::max(), hi = -lo;
    for (const auto& p : positions) {
        const float x = glm::dot(p, axis);
        lo = std::min(lo, x);
        hi = std::max(hi, x);
    }
    return hi - lo;
}

} // namespace sh::anatomy
