#include "scene/vein_mesh.hpp"

#include <algorithm>
#include <cmath>
#include <glm/geometric.hpp>
#include <limits>

namespace sh::scene {
namespace {

constexpr float k_pi = 3.14159265f;

std::vector<glm::vec3> distinct(const std::vector<glm::vec3>& points) {
    std::vector<glm::vec3> out;
    for (const glm::vec3& p : points) {
        if (out.empty() || glm::length(p - out.back()) > 1e-4f) out.push_back(p);
    }
    return out;
}

// The centrelines of `count` parallel tubes: the smoothed line moved sideways.
std::vector<std::vector<glm::vec3>> parallel_lines(const std::vector<glm::vec3>& line,
                                                   std::uint32_t count, float spacing_cm) {
    std::vector<std::vector<glm::vec3>> out(std::max(count, 1u));
    for (std::size_t i = 0; i < line.size(); ++i) {
        const glm::vec3 tangent = line[std::min(i + 1, line.size() - 1)] - line[i > 0 ? i - 1 : 0];
        const glm::vec3 side = side_direction(tangent);
        for (std::uint32_t j = 0; j < out.size(); ++j) {
            const float k = static_cast<float>(j) - 0.5f * static_cast<float>(out.size() - 1);
            out[j].push_back(line[i] + k * spacing_cm * side);
        }
    }
    return out;
}

} // namespace

std::vector<glm::vec3> catmull_rom(const std::vector<glm::vec3>& points,
                                   std::uint32_t subdivisions) {
    const std::vector<glm::vec3> p = distinct(points);
    if (p.size() < 2 || subdivisions <= 1) return p;
    std::vector<glm::vec3> out;
    const std::size_t n = p.size();
    for (std::size_t i = 0; i + 1 < n; ++i) {
        const glm::vec3 p0 = p[i > 0 ? i - 1 : 0], p1 = p[i], p2 = p[i + 1];
        const glm::vec3 p3 = p[std::min(i + 2, n - 1)];
        for (std::uint32_t k = 0; k < subdivisions; ++k) {
            const float t = static_cast<float>(k) / static_cast<float>(subdivisions);
            const float t2 = t * t, t3 = t2 * t;
            out.push_back(0.5f * ((2.0f * p1) + (-p0 + p2) * t +
                                  (2.0f * p0 - 5.0f * p1 + 4.0f * p2 - p3) * t2 +
                                  (-p0 + 3.0f * p1 - 3.0f * p2 + p3) * t3));
        }
    }
    out.push_back(p.back());
    return out;
}

glm::vec3 side_direction(const glm::vec3& tangent) {
    const float len = glm::length(tangent);
    const glm::vec3 t = len > 1e-6f ? tangent / len : glm::vec3(0, 0, 1);
    glm::vec3 s = glm::cross(t, glm::vec3(0, 1, 0)); // horizontal for a vertical vein: x
    if (glm::length(s) < 0.3f) s = glm::cross(t, glm::vec3(0, 0, 1));
    return glm::normalize(s);
}

void append_tube(VeinMesh& mesh, const std::vector<glm::vec3>& centreline, float radius_cm,
                 std::uint32_t compartment, VeinKind kind, std::uint32_t sides) {
    const std::vector<glm::vec3> line = distinct(centreline);
    if (line.size() < 2 || sides < 3) return;
    const auto base = static_cast<std::uint32_t>(mesh.vertices.size());
    const float comp = static_cast<float>(compartment);
    const float kind_f = static_cast<float>(static_cast<std::uint32_t>(kind));
    const std::size_t n = line.size();

    // Rotation-minimising frame by projecting the previous normal (no twist along the tube).
    glm::vec3 tangent = glm::normalize(line[1] - line[0]);
    glm::vec3 normal = side_direction(tangent);
    for (std::size_t i = 0; i < n; ++i) {
        tangent = glm::normalize(line[std::min(i + 1, n - 1)] - line[i > 0 ? i - 1 : 0]);
        normal = normal - glm::dot(normal, tangent) * tangent;
        if (glm::length(normal) < 1e-4f) normal = side_direction(tangent);
        normal = glm::normalize(normal);
        const glm::vec3 binormal = glm::cross(tangent, normal);
        for (std::uint32_t k = 0; k < sides; ++k) {
            const float a = 2.0f * k_pi * static_cast<float>(k) / static_cast<float>(sides);
            const glm::vec3 dir = std::cos(a) * normal + std::sin(a) * binormal;
            mesh.vertices.push_back({glm::vec4(line[i], comp), glm::vec4(radius_cm * dir, kind_f),
                                     glm::vec4(dir, 0.0f)});
        }
    }
    // Caps: a centre vertex at each end, sharing the end rings (so the tube is closed).
    const glm::vec3 t0 = glm::normalize(line[1] - line[0]);
    const glm::vec3 t1 = glm::normalize(line[n - 1] - line[n - 2]);
    const auto cap0 = static_cast<std::uint32_t>(mesh.vertices.size());
    mesh.vertices.push_back(
        {glm::vec4(line[0], comp), glm::vec4(0, 0, 0, kind_f), glm::vec4(-t0, 0.0f)});
    const auto cap1 = cap0 + 1;
    mesh.vertices.push_back(
        {glm::vec4(line[n - 1], comp), glm::vec4(0, 0, 0, kind_f), glm::vec4(t1, 0.0f)});

    // The ring runs counter-clockwise about the tangent (binormal = tangent x normal), so
    // (ring i, k) -> (ring i, k+1) -> (ring i+1, k) faces outwards.
    for (std::uint32_t i = 0; i + 1 < n; ++i) {
        for (std::uint32_t k = 0; k < sides; ++k) {
            const std::uint32_t k1 = (k + 1) % sides;
            const std::uint32_t a = base + i * sides + k, b = base + i * sides + k1;
            const std::uint32_t c = a + sides, d = b + sides;
            mesh.indices.insert(mesh.indices.end(), {a, b, c, b, d, c});
        }
    }
    const auto last = base + static_cast<std::uint32_t>(n - 1) * sides;
    for (std::uint32_t k = 0; k < sides; ++k) {
        const std::uint32_t k1 = (k + 1) % sides;
        mesh.indices.insert(mesh.indices.end(), {cap0, base + k1, base + k});
        mesh.indices.insert(mesh.indices.end(), {cap1, last + k, last + k1});
    }
    ++mesh.tube_count;
}

VeinMesh build_vein_mesh(const VeinGeometry& geometry, const TubeOptions& options) {
    VeinMesh mesh;
    for (std::uint32_t c = 0; c < geometry.compartments.size(); ++c) {
        const VeinCompartment& vc = geometry.compartments[c];
        const std::vector<glm::vec3> smooth = catmull_rom(vc.centreline, options.subdivisions);
        if (smooth.size() < 2) continue;
        const float r = vc.reference_radius_cm;
        for (const auto& line : parallel_lines(smooth, vc.count, options.side_spacing * r))
            append_tube(mesh, line, r, c, vc.kind, options.sides);
    }
    for (const VeinLink& link : geometry.links) {
        if (link.from >= geometry.compartments.size() || link.to >= geometry.compartments.size())
            continue;
        const VeinCompartment& from = geometry.compartments[link.from];
        const VeinCompartment& to = geometry.compartments[link.to];
        // A junction carries what the smaller vessel carries; it follows the distal side.
        const float r = std::min(from.reference_radius_cm, to.reference_radius_cm);
        append_tube(mesh, link.path, r, link.from, from.kind, options.sides);
    }
    return mesh;
}

std::vector<gpu::ValveInstance> build_valves(const VeinGeometry& geometry,
                                             const TubeOptions& options) {
    std::vector<gpu::ValveInstance> out;
    for (std::uint32_t l = 0; l < geometry.links.size(); ++l) {
        const VeinLink& link = geometry.links[l];
        if (!link.has_valve || link.to >= geometry.compartments.size()) continue;
        // Axis: the nearest centreline segment of either side (distal to proximal = forward).
        glm::vec3 axis(0, 0, 1);
        float best = std::numeric_limits<float>::max();
        for (std::uint32_t ci : {link.from, link.to}) {
            if (ci >= geometry.compartments.size()) continue;
            const auto line = distinct(geometry.compartments[ci].centreline);
            for (std::size_t i = 0; i + 1 < line.size(); ++i) {
                const glm::vec3 ab = line[i + 1] - line[i];
                const float u = std::clamp(
                    glm::dot(link.valve_position - line[i], ab) / glm::dot(ab, ab), 0.0f, 1.0f);
                const float d = glm::length(link.valve_position - (line[i] + u * ab));
                if (d < best) {
                    best = d;
                    axis = glm::normalize(ab);
                }
            }
        }
        const VeinCompartment& vc = geometry.compartments[link.to];
        const float r = vc.reference_radius_cm;
        const glm::vec3 side = side_direction(axis);
        const std::uint32_t count = std::max(vc.count, 1u);
        for (std::uint32_t j = 0; j < count; ++j) {
            const float k = static_cast<float>(j) - 0.5f * static_cast<float>(count - 1);
            const glm::vec3 p = link.valve_position + k * options.side_spacing * r * side;
            // Leaflet 0 hinges on the anterior-most wall: a cusp pair seen from the side.
            out.push_back({glm::vec4(p, static_cast<float>(link.to)), glm::vec4(axis, 1.6f * r),
                           glm::vec4(side, r), glm::vec4(static_cast<float>(l), 0, 0, 0)});
        }
    }
    return out;
}

anatomy::Mesh vein_mesh_to_mesh(const VeinMesh& mesh, float radius_scale) {
    anatomy::Mesh out;
    out.role = "veins";
    out.positions.reserve(mesh.vertices.size());
    for (const gpu::VeinVertex& v : mesh.vertices)
        out.positions.push_back(glm::vec3(v.centre) + radius_scale * glm::vec3(v.offset));
    out.indices = mesh.indices;
    anatomy::finalize(out);
    return out;
}

std::vector<std::uint32_t> valve_cusp_indices(std::uint32_t valve_count) {
    constexpr std::uint32_t row = gpu::VALVE_GRID_U + 1u;
    constexpr std::uint32_t cusp_points = row * (gpu::VALVE_GRID_V + 1u);
    constexpr std::uint32_t corners[6][2] = {{0, 0}, {1, 0}, {1, 1}, {0, 0}, {1, 1}, {0, 1}};
    std::vector<std::uint32_t> indices;
    indices.reserve(std::size_t{valve_count} * gpu::VALVE_VERTEX_COUNT);
    for (std::uint32_t valve = 0; valve < valve_count; ++valve)
        for (std::uint32_t cusp = 0; cusp < 2; ++cusp)
            for (std::uint32_t y = 0; y < gpu::VALVE_GRID_V; ++y)
                for (std::uint32_t x = 0; x < gpu::VALVE_GRID_U; ++x)
                    for (const auto& corner : corners)
                        indices.push_back(valve * gpu::VALVE_POINT_COUNT + cusp * cusp_points +
                                          (y + corner[1]) * row + x + corner[0]);
    return indices;
}

} // namespace sh::scene
