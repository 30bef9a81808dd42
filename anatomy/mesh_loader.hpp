// Loading anatomy meshes through assimp (glTF, GLB, OBJ, FBX, STL, PLY, ... anything assimp
// reads) into plain CPU meshes in the leg frame, and the user's per-role overrides.
//
// Frames. The leg frame is right leg, cm, x lateral, y anterior, z up. A file is converted by
// (1) its units (mm, cm, m, in: to cm), (2) its axes: "y-up" files (glTF by specification, and
// FBX) map X,Y,Z to leg (-X, Z, Y); "atlas" files (BodyParts3D and Z-Anatomy: x to the body's
// left, y posterior, z up; chosen by default for BodyParts3D names such as FJ1437.obj) map to
// leg (-X, -Y, Z); "z-up" files (OBJ, STL, PLY and the rest by default) are taken as already in
// the leg axes, and (3) the manifest transform. --mesh then places the mesh (resolve_override). The
// default leg's glTF files are written with the inverse of (2) and in cm, so they round-trip
// bit-exactly.
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

// The axes a file is read in: `requested`, or when Auto, atlas for BodyParts3D element names
// (FJ1437.obj), y-up for glTF, GLB and FBX, z-up for the rest.
Axes file_axes(Axes requested, const std::filesystem::path& path);

// Loads every triangle of every mesh of the file (node transforms applied) as one mesh.
LoadResult load_mesh_file(const std::filesystem::path& path, const std::string& role,
                          const ImportOptions& options = {}) noexcept;

// --mesh ROLE=PATH[:UNITS[:AXES]]  e.g. soleus=scans/soleus.stl:mm  or  skin=leg.obj:mm:z-up,
// or atlas=FOLDER[:UNITS[:AXES]] / atlas=SET.json for a set from one atlas. AXES: y-up, z-up,
// atlas.
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

// A fit that would scale a mesh by more than this factor either way is refused (a degenerate
// mesh whose points nearly coincide would be "scaled by 3.3e+10").
constexpr float k_max_fit_scale = 1e4f;

// Loads a user's mesh for a role and places it where the default structure is (atlas_fit.hpp:
// its long axis onto the default's, one uniform scale so that it fits in the default's box,
// centred on it). An atlas frame (BodyParts3D file names, axes "atlas", or a z-up mesh in known
// units lying to one side of the body midline away from the leg) is turned into the leg's axes
// first, and a left-side structure mirrored onto our right leg. The mesh keeps `o.role`, which
// tells the skinning whether it is rigid with a bone or soft (leg_skinning.hpp). On any failure
// returns `default_mesh` and says why in `messages`.
Mesh resolve_override(const MeshOverride& o, const Mesh& default_mesh,
                      std::vector<std::string>& messages) noexcept;

// --mesh atlas=FOLDER or atlas=SET.json (atlas_set.hpp): the set's structures replace those of
// their roles in `leg`, all moved by one similarity fitted on the set's bones (or, with none, on
// all its structures) against the same defaults, so their relative places are kept.
constexpr std::string_view k_atlas_set_role = "atlas";
void apply_atlas_set(const MeshOverride& o, std::vector<Mesh>& leg,
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
