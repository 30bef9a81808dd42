#include "anatomy/mesh.hpp"

#include <algorithm>
#include <cmath>
#include <glm/common.hpp>
#include <glm/geometric.hpp>
#include <limits>
#include <unordered_map>

namespace sh::anatomy {

float Bounds::diagonal() const {
    return valid ? glm::length(max - min) : 0.0f;
}

bool Bounds::contains(const Bounds& other, float tolerance) const {
    if (!valid || !other.valid) return false;
    for (int i = 0; i < 3; ++i) {
        if (other.min[i] < min[i] - tolerance || other.max[i] > max[i] + tolerance) return false;
    }
    return true;
}

Bounds compute_bounds(const std::vector<glm::vec3>& positions) {
    Bounds b;
    if (positions.empty()) return b;
    b.min = b.max = positions.front();
    for (const auto& p : positions) {
        b.min = glm::min(b.min, p);
        b.max = glm::max(b.max, p);
    }
    b.valid = true;
    return b;
}

std::vector<glm::vec3> compute_normals(const std::vector<glm::vec3>& positions,
                                       const std::vector<std::uint32_t>& indices) {
    std::vector<glm::dvec3> acc(positions.size(), glm::dvec3(0.0));
    for (std::size_t t = 0; t + 2 < indices.size(); t += 3) {
        const glm::dvec3 a(positions[indices[t]]);
        const glm::dvec3 b(positions[indices[t + 1]]);
        const glm::dvec3 c(positions[indices[t + 2]]);
        const glm::dvec3 n = glm::cross(b - a, c - a); // length = twice the area: area weighting
        for (int k = 0; k < 3; ++k) acc[indices[t + static_cast<std::size_t>(k)]] += n;
    }
    std::vector<glm::vec3> out(positions.size());
    for (std::size_t i = 0; i < acc.size(); ++i) {
        const double len = glm::length(acc[i]);
        out[i] = len > 0.0 ? glm::vec3(acc[i] / len) : glm::vec3(0.0f, 0.0f, 1.0f);
    }
    return out;
}

void finalize(Mesh& mesh) {
    mesh.normals = compute_normals(mesh.positions, mesh.indices);
    mesh.bounds = compute_bounds(mesh.positions);
}

double mesh_volume(const std::vector<glm::vec3>& positions,
                   const std::vector<std::uint32_t>& indices) {
    // Tetrahedra against a reference point inside the bounds (better conditioned than the
    // origin; the result does not depend on the point for a closed mesh).
    const Bounds b = compute_bounds(positions);
    const glm::dvec3 o = b.valid ? glm::dvec3(b.centre()) : glm::dvec3(0.0);
    double six_v = 0.0;
    for (std::size_t t = 0; t + 2 < indices.size(); t += 3) {
        const glm::dvec3 a = glm::dvec3(positions[indices[t]]) - o;
        const glm::dvec3 c1 = glm::dvec3(positions[indices[t + 1]]) - o;
        const glm::dvec3 c2 = glm::dvec3(positions[indices[t + 2]]) - o;
        six_v += glm::dot(a, glm::cross(c1, c2));
    }
    return six_v / 6.0;
}

double mesh_volume(const Mesh& mesh) {
    return mesh_volume(mesh.positions, mesh.indices);
}

TopologyReport check_topology(const Mesh& mesh) {
    TopologyReport r;
    // key: (min,max) vertex pair; value: count of a->b with a<b (forward) and reverse.
    struct Use {
        int forward = 0;
        int backward = 0;
    };
    std::unordered_map<std::uint64_t, Use> edges;
    edges.reserve(mesh.indices.size());
    for (std::size_t t = 0; t + 2 < mesh.indices.size(); t += 3) {
        const std::uint32_t v[3] = {mesh.indices[t], mesh.indices[t + 1], mesh.indices[t + 2]};
        if (v[0] == v[1] || v[1] == v[2] || v[0] == v[2]) {
            ++r.degenerate_triangles;
            continue;
        }
        for (int k = 0; k < 3; ++k) {
            const std::uint32_t a = v[k];
            const std::uint32_t b = v[(k + 1) % 3];
            const std::uint64_t key =
                (static_cast<std::uint64_t>(std::min(a, b)) << 32) | std::max(a, b);
            Use& u = edges[key];
            if (a < b)
                ++u.forward;
            else
                ++u.backward;
        }
    }
    r.edges = edges.size();
    for (const auto& [key, u] : edges) {
        const int n = u.forward + u.backward;
        if (n == 1)
            ++r.boundary_edges;
        else if (n > 2)
            ++r.nonmanifold_edges;
        else if (u.forward != 1)
            ++r.misoriented_edges;
    }
    return r;
}

bool point_inside(const Mesh& mesh, const glm::vec3& point) {
    // Moller-Trumbore against a fixed, slightly irrational direction.
    const glm::dvec3 dir = glm::normalize(glm::dvec3(1.0, 0.0123456, 0.0078901));
    const glm::dvec3 o(point);
    int hits = 0;
    for (std::size_t t = 0; t + 2 < mesh.indices.size(); t += 3) {
        const glm::dvec3 a(mesh.positions[mesh.indices[t]]);
        const glm::dvec3 b(mesh.positions[mesh.indices[t + 1]]);
        const glm::dvec3 c(mesh.positions[mesh.indices[t + 2]]);
        const glm::dvec3 e1 = b - a;
        const glm::dvec3 e2 = c - a;
        const glm::dvec3 p = glm::cross(dir, e2);
        const double det = glm::dot(e1, p);
        if (std::abs(det) < 1e-14) continue;
        const double inv = 1.0 / det;
        const glm::dvec3 s = o - a;
        const double u = glm::dot(s, p) * inv;
        if (u < 0.0 || u > 1.0) continue;
        const glm::dvec3 q = glm::cross(s, e1);
        const double v = glm::dot(dir, q) * inv;
        if (v < 0.0 || u + v > 1.0) continue;
        if (glm::dot(e2, q) * inv > 0.0) ++hits;
    }
    return (hits % 2) == 1;
}

namespace {
double point_triangle_distance2(const glm::dvec3& p, const glm::dvec3& a, const glm::dvec3& b,
                                const glm::dvec3& c) {
    // Closest point on triangle (Ericson, Real-Time Collision Detection, 5.1.5), written out.
    const glm::dvec3 ab = b - a, ac = c - a, ap = p - a;
    const double d1 = glm::dot(ab, ap), d2 = glm::dot(ac, ap);
    if (d1 <= 0 && d2 <= 0) return glm::dot(ap, ap);
    const glm::dvec3 bp = p - b;
    const double d3 = glm::dot(ab, bp), d4 = glm::dot(ac, bp);
    if (d3 >= 0 && d4 <= d3) return glm::dot(bp, bp);
    const double vc = d1 * d4 - d3 * d2;
    if (vc <= 0 && d1 >= 0 && d3 <= 0) {
        const glm::dvec3 q = a + ab * (d1 / (d1 - d3));
        return glm::dot(p - q, p - q);
    }
    const glm::dvec3 cp = p - c;
    const double d5 = glm::dot(ab, cp), d6 = glm::dot(ac, cp);
    if (d6 >= 0 && d5 <= d6) return glm::dot(cp, cp);
    const double vb = d5 * d2 - d1 * d6;
    if (vb <= 0 && d2 >= 0 && d6 <= 0) {
        const glm::dvec3 q = a + ac * (d2 / (d2 - d6));
        return glm::dot(p - q, p - q);
    }
    const double va = d3 * d6 - d5 * d4;
    if (va <= 0 && (d4 - d3) >= 0 && (d5 - d6) >= 0) {
        const glm::dvec3 q = b + (c - b) * ((d4 - d3) / ((d4 - d3) + (d5 - d6)));
        return glm::dot(p - q, p - q);
    }
    const double denom = 1.0 / (va + vb + vc);
    const glm::dvec3 q = a + ab * (vb * denom) + ac * (vc * denom);
    return glm::dot(p - q, p - q);
}
} // namespace

float distance_to_surface(const Mesh& mesh, const glm::vec3& point) {
    double best = std::numeric_limits<double>::max();
    const glm::dvec3 p(point);
    for (std::size_t t = 0; t + 2 < mesh.indices.size(); t += 3) {
        best = std::min(best,
                        point_triangle_distance2(p, glm::dvec3(mesh.positions[mesh.indices[t]]),
                                                 glm::dvec3(mesh.positions[mesh.indices[t + 1]]),
                                                 glm::dvec3(mesh.positions[mesh.indices[t + 2]])));
    }
    return static_cast<float>(std::sqrt(best));
}

void append(Mesh& a, const Mesh& b) {
    const auto base = static_cast<std::uint32_t>(a.positions.size());
    a.positions.insert(a.positions.end(), b.positions.begin(), b.positions.end());
    a.normals.insert(a.normals.end(), b.normals.begin(), b.normals.end());
    for (const std::uint32_t i : b.indices) a.indices.push_back(base + i);
    a.bounds = compute_bounds(a.positions);
}

} // namespace sh::anatomy
