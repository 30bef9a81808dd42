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

// The cusps' triangles over their posed grid points: for each of `valve_count` valves, each of
// its two cusps, each quad of the VALVE_GRID_U x VALVE_GRID_V grid (row by row), two triangles
// (corners (0,0) (1,0) (1,1) and (0,0) (1,1) (0,1)); an index is the point's place counted
// from the first valve's first point (VALVE_POINT_COUNT points a valve, each cusp's
// (VALVE_GRID_U + 1) x (VALVE_GRID_V + 1) points row by row). Indexed, a grid point is posed
// and projected once, not once for each of the up to six corners it is.
std::vector<std::uint32_t> valve_cusp_indices(std::uint32_t valve_count);

// The tubes as a plain mesh with every radius multiplied by `radius_scale` (tests, export).
anatomy::Mesh vein_mesh_to_mesh(const VeinMesh& mesh, float radius_scale = 1.0f);

} // namespace sh::scene
