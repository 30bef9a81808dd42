// Compiled with -ffp-contract=off (engine/CMakeLists.txt): a fused multiply-add would round
// differently from the shader, whose step is marked `precise` for the same reason.
#include "particle_reference.hpp"

#include <algorithm>
#include <cmath>

namespace sh {

std::vector<glm::vec4> build_polyline(std::span<const glm::vec3> points) {
    std::vector<glm::vec4> out;
    out.reserve(points.size());
    float length = 0.0f;
    for (std::size_t i = 0; i < points.size(); ++i) {
        if (i > 0) {
            const glm::vec3 d = points[i] - points[i - 1];
            length += std::sqrt(d.x * d.x + d.y * d.y + d.z * d.z);
        }
        out.emplace_back(points[i], length);
    }
    return out;
}

std::uint32_t find_segment(std::span<const glm::vec4> polyline, float s) {
    if (polyline.size() < 2) return 0;
    std::uint32_t lo = 0;
    std::uint32_t hi = static_cast<std::uint32_t>(polyline.size()) - 2u;
    while (lo < hi) {
        const std::uint32_t mid = (lo + hi + 1u) / 2u;
        if (polyline[mid].w <= s) {
            lo = mid;
        } else {
            hi = mid - 1u;
        }
    }
    return lo;
}

std::uint32_t find_segment_from(std::span<const glm::vec4> polyline, std::uint32_t hint, float s) {
    if (polyline.size() < 2) return 0;
    const auto last = static_cast<std::uint32_t>(polyline.size()) - 2u;
    std::uint32_t seg = std::min(hint, last);
    while (seg < last && polyline[seg + 1].w <= s) ++seg;
    while (seg > 0 && polyline[seg].w > s) --seg;
    return seg;
}

namespace {

void place(gpu::Particle& p, std::span<const glm::vec4> polyline, std::uint32_t seg, float s) {
    const glm::vec4 a = polyline[seg];
    const glm::vec4 b = polyline[seg + 1];
    const float len = b.w - a.w;
    const float t = len > 0.0f ? (s - a.w) / len : 0.0f;
    p.s = s;
    p.segment = seg;
    p.position =
        glm::vec4(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t, a.z + (b.z - a.z) * t, 1.0f);
}

} // namespace

gpu::Particle make_particle(std::span<const glm::vec4> polyline, float s) {
    gpu::Particle p{};
    if (polyline.size() < 2) return p;
    const float clamped = std::clamp(s, 0.0f, polyline.back().w);
    place(p, polyline, find_segment(polyline, clamped), clamped);
    return p;
}

void advance_particles_reference(std::span<gpu::Particle> particles,
                                 std::span<const glm::vec4> polyline,
                                 std::span<const float> velocities, float dt) {
    if (polyline.size() < 2) return;
    const float total = polyline.back().w;
    for (gpu::Particle& p : particles) {
        const std::uint32_t seg = find_segment_from(polyline, p.segment, p.s);
        const float v = velocities[seg];
        const float moved = p.s + v * dt;
        // GLSL clamp(x, lo, hi) is min(max(x, lo), hi).
        const float s = std::min(std::max(moved, 0.0f), total);
        place(p, polyline, find_segment_from(polyline, seg, s), s);
        p.speed = v;
    }
}

} // namespace sh
