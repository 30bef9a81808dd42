// Plain CPU triangle meshes of the leg anatomy, in the leg frame (see landmarks.hpp):
// right leg, standing, centimetres, x lateral, y anterior, z up.
#pragma once

#include <cstdint>
#include <glm/vec3.hpp>
#include <string>
#include <vector>

namespace sh::anatomy {

struct Bounds {
    glm::vec3 min{0.0f};
    glm::vec3 max{0.0f};
    bool valid = false;

    [[nodiscard]] glm::vec3 centre() const { return 0.5f * (min + max); }
    [[nodiscard]] glm::vec3 extent() const { return max - min; }
    [[nodiscard]] float diagonal() const;
    [[nodiscard]] bool contains(const Bounds& other, float tolerance = 0.0f) const;
};

// One structure: indexed triangles (counter-clockwise seen from outside), smooth vertex normals.
struct Mesh {
    std::string role;
    std::vector<glm::vec3> positions;
    std::vector<glm::vec3> normals;
    std::vector<std::uint32_t> indices;
    Bounds bounds;

    [[nodiscard]] std::size_t triangle_count() const { return indices.size() / 3; }
    [[nodiscard]] bool empty() const { return positions.empty() || indices.empty(); }
};

Bounds compute_bounds(const std::vector<glm::vec3>& positions);

// Area-weighted smooth normals from the triangles.
std::vector<glm::vec3> compute_normals(const std::vector<glm::vec3>& positions,
                                       const std::vector<std::uint32_t>& indices);

// Recomputes normals and bounds in place.
void finalize(Mesh& mesh);

// Signed enclosed volume by the divergence theorem (sum of signed tetrahedra against the
// origin). Positive for a closed mesh wound counter-clockwise seen from outside.
double mesh_volume(const std::vector<glm::vec3>& positions,
                   const std::vector<std::uint32_t>& indices);
double mesh_volume(const Mesh& mesh);

// Closedness: every undirected edge used by exactly two triangles, in opposite directions
// (consistent winding), and no degenerate index triple.
struct TopologyReport {
    std::size_t edges = 0;
    std::size_t boundary_edges = 0;    // used once
    std::size_t nonmanifold_edges = 0; // used more than twice
    std::size_t misoriented_edges = 0; // used twice in the same direction
    std::size_t degenerate_triangles = 0;
    [[nodiscard]] bool closed_and_consistent() const {
        return boundary_edges == 0 && nonmanifold_edges == 0 && misoriented_edges == 0 &&
               degenerate_triangles == 0;
    }
};
TopologyReport check_topology(const Mesh& mesh);

// Point-in-closed-mesh by ray parity (a ray along +x, slightly tilted to avoid edges).
bool point_inside(const Mesh& mesh, const glm::vec3& point);

// Distance from a point to the nearest point of the mesh surface (exact, brute force).
float distance_to_surface(const Mesh& mesh, const glm::vec3& point);

// Appends b's triangles to a (a separate closed component).
void append(Mesh& a, const Mesh& b);

} // namespace sh::anatomy
