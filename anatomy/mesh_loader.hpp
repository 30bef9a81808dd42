// Loading anatomy meshes through assimp (glTF, GLB, OBJ, FBX, STL, PLY, ... anything assimp
// reads) into plain CPU meshes in the leg frame, and the user's per-role overrides.
//
// Frames. The leg frame is right leg, cm, x lateral, y anterior, z up. A file is converted by
// (1) its units (mm, cm, m, in: to cm), (2) its axes: "y-up" files (glTF by specification, and
// FBX) map X,Y,Z to leg (-X, Z, Y); "z-up" files (OBJ, STL, PLY and the rest by default, as
// BodyParts3D and Z-Anatomy exports usually are) are taken as already in the leg axes, and
// (3) the manifest transform. The default leg's glTF files are written with the inverse of
// (2) and in cm, so they round-trip bit-exactly.
//
// Nothing here throws: failures come back as messages and the default structure of the role
// (read from the default files, or generated in memory when those fail too) stands in.
#pragma once

#include "anatomy/manifest.hpp"
#include "anatomy/mesh.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sh::anatomy {

// Size limits of one mesh file. A single anatomical structure from BodyParts3D or Z-Anatomy is
// 1-10 MB and well under 100,000 vertices; the default leg has about 60,000 in all. Larger files
// are refused with a message before anything is read (a 2-million-vertex OBJ, about 150 MB,
// took 92 s and 2.5 GB to read); files over k_mesh_progress_bytes print progress while read.
constexpr std::uintmax_t k_max_mesh_file_bytes = 64ull << 20;
constexpr std::size_t k_max_mesh_vertices = 1'000'000;
constexpr std::uintmax_t k_mesh_progress_bytes = 8ull << 20;

struct ImportOptions {
    Units units = Units::Unknown; // Unknown: taken as cm (callers fit the mesh when it matters)
    Axes axes = Axes::Auto;
    MeshTransform transform;
    std::uintmax_t max_file_bytes = k_max_mesh_file_bytes;
    std::size_t max_vertices = k_max_mesh_vertices;
};

struct LoadResult {
    std::optional<Mesh> mesh;
    std::string error;              // "<path>: <reason>" when mesh is empty
    std::vector<std::string> notes; // e.g. "winding was inward: flipped"
};

// Loads every triangle of every mesh of the file (node transforms applied) as one mesh.
LoadResult load_mesh_file(const std::filesystem::path& path, const std::string& role,
                          const ImportOptions& options = {}) noexcept;

// --mesh ROLE=PATH[:UNITS[:AXES]]  e.g. soleus=scans/soleus.stl:mm  or  skin=leg.obj:mm:z-up
struct MeshOverride {
    std::string role;
    std::filesystem::path path;
    Units units = Units::Unknown;
    Axes axes = Axes::Auto;
};
struct OverrideParse {
    std::optional<MeshOverride> value;
    std::string error; // why the spec is not valid, with the expected form
};
OverrideParse parse_mesh_override(std::string_view spec);

// Uniformly scales and moves `mesh` so that its bounds are centred on `target` with the same
// diagonal. resolve_override refuses a fit that would scale by more than this factor either way
// (a degenerate mesh whose points nearly coincide would be "scaled by 3.3e+10").
constexpr float k_max_fit_scale = 1e4f;
Mesh fit_into_bounds(const Mesh& mesh, const Bounds& target);

// Loads a user's mesh for a role and places it: with units, it keeps its size when that is
// within 2x of the default structure and is moved onto it when it lies elsewhere; without
// units, or with units that make it implausibly large or small, it is fitted into the default
// structure's bounds. On any failure returns `default_mesh` and says why in `messages`.
Mesh resolve_override(const MeshOverride& o, const Mesh& default_mesh,
                      std::vector<std::string>& messages) noexcept;

struct LoadedLeg {
    std::vector<Mesh> meshes;                      // one per role, default_roles() order
    std::vector<std::optional<DeformSpec>> deform; // aligned with meshes
    std::vector<std::string> messages;             // everything that fell back, and why
};

// Reads the manifest and its meshes, applies the overrides (strings as given to --mesh).
// Never throws; every role gets a mesh.
LoadedLeg load_leg(const std::filesystem::path& manifest_path,
                   const std::vector<std::string>& overrides) noexcept;

// Writes a mesh with assimp's exporter, in the leg frame scaled by 1/centimetres_per_unit
// (so units = mm writes millimetres). format_id: "obj", "stl", "stlb", "ply", ... Returns ""
// or the reason.
std::string write_mesh(const Mesh& mesh, const std::filesystem::path& path,
                       const std::string& format_id, Units units = Units::Centimetre) noexcept;

} // namespace sh::anatomy
