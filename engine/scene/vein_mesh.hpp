// CPU construction of the vein geometry drawn by VeinRenderer, built once from VeinGeometry:
//  - closed tubes (capped ends) along each compartment's centreline, smoothed by Catmull-Rom;
//    a compartment of `count` parallel veins becomes that many tubes side by side, each with
//    the single vein's reference radius;
//  - short tubes along the junction paths of the links;
//  - one ValveInstance per valved link (and per parallel tube of its compartment).
// The vertices store the radial offset at the reference radius; the vertex shader scales it
// by sqrt(area ratio) of the vertex's compartment each frame, so the mesh never changes.
#pragma once

#include "anatomy/mesh.hpp"
#include "gpu_layouts.h"
#include "vein_data.hpp"

#include <cstdint>
#include <vector>

namespace sh::scene {

struct TubeOptions {
    std::uint32_t sides = 12;       // vertices around each ring
    std::uint32_t subdivisions = 4; // Catmull-Rom samples per centreline segment
    float side_spacing = 2.4f;      // centre distance of parallel tubes, in reference radii
};

struct VeinMesh {
    std::vector<gpu::VeinVertex> vertices;
    std::vector<std::uint32_t> indices; // counter-clockwise seen from outside
    std::uint32_t tube_count = 0;
};

// Uniform Catmull-Rom through the points (end points duplicated), `subdivisions` samples per
// segment; consecutive duplicate points are dropped first. Passes through every input point.
std::vector<glm::vec3> catmull_rom(const std::vector<glm::vec3>& points,
                                   std::uint32_t subdivisions);

// Direction in which parallel tubes are set apart: horizontal and perpendicular to the
// tangent where possible (paired tibial veins sit side by side, not one above the other).
glm::vec3 side_direction(const glm::vec3& tangent);

// Appends one closed tube. Does nothing for fewer than two distinct points.
void append_tube(VeinMesh& mesh, const std::vector<glm::vec3>& centreline, float radius_cm,
                 std::uint32_t compartment, VeinKind kind, std::uint32_t sides);

VeinMesh build_vein_mesh(const VeinGeometry& geometry, const TubeOptions& options = {});

std::vector<gpu::ValveInstance> build_valves(const VeinGeometry& geometry,
                                             const TubeOptions& options = {});

// The tubes as a plain mesh with every radius multiplied by `radius_scale` (tests, export).
anatomy::Mesh vein_mesh_to_mesh(const VeinMesh& mesh, float radius_scale = 1.0f);

} // namespace sh::scene
