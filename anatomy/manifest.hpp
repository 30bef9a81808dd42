// The anatomy manifest (assets/anatomy/manifest.json): which mesh file plays which role, in
// which units and axes, placed by which transform, and for muscles the spine of their
// contraction rig.
//
//   {"format": "secondheart-anatomy-manifest", "version": 1, "units": "cm", "up": "z",
//    "meshes": [{"role": "tibia", "file": "tibia.gltf", "units": "cm", "axes": "y-up",
//                "transform": {"translate": [0,0,0], "rotate_deg": [0,0,0], "scale": 1},
//                "deform": {"spine": [[x,y,z], ...], "anchor": "proximal",
//                           "max_shortening": 0.12}}, ...]}
//
// "units" of a mesh: mm, cm, m or in. "axes": "y-up" (glTF convention: leg x = -X, y = Z,
// z = Y) or "z-up" (file axes are the leg frame: x lateral, y anterior, z up); default by file
// type (glTF, GLB and FBX y-up, others z-up), or "atlas" (BodyParts3D, Z-Anatomy: x to the
// body's left, y posterior, z up; leg x = -X, y = -Y, z = Z). The transform applies after units and
// axes, in the leg frame: scale, then rotations about x, y, z (degrees), then translate (cm).
#pragma once

#include "result.hpp"

#include <filesystem>
#include <glm/vec3.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sh::anatomy {

enum class Units { Unknown, Millimetre, Centimetre, Metre, Inch };
// Atlas: BodyParts3D and Z-Anatomy (x to the body's left, y posterior, z up; atlas_fit.hpp).
enum class Axes { Auto, YUp, ZUp, Atlas };

std::optional<Units> parse_units(std::string_view s);
std::optional<Axes> parse_axes(std::string_view s);
std::string_view to_string(Units u);
std::string_view to_string(Axes a);
// Centimetres per file unit (1 for Unknown).
float centimetres_per_unit(Units u);

struct MeshTransform {
    glm::vec3 translate{0.0f};
    glm::vec3 rotate_deg{0.0f};
    float scale = 1.0f;
};

struct DeformSpec {
    std::vector<glm::vec3> spine; // proximal end first, leg frame, cm
    std::string anchor = "proximal";
    float max_shortening = 0.12f;
};

struct ManifestEntry {
    std::string role;
    std::string file; // relative to the manifest's folder, or absolute
    Units units = Units::Unknown;
    Axes axes = Axes::Auto;
    MeshTransform transform;
    std::optional<DeformSpec> deform;
};

struct Manifest {
    int version = 1;
    std::string units = "cm";
    std::string up = "z";
    std::vector<ManifestEntry> meshes;
    std::filesystem::path base_dir; // folder the relative file names are resolved against
};

// Never throws. `source` names the file in messages; an error reads "<source>: key '<key>':
// expected <what>" (code InvalidInput), "<source>: not valid JSON (...)", or for read_manifest
// "<path>: cannot open the manifest (missing or unreadable)" (code NotFound).
Result<Manifest> parse_manifest(std::string_view text, const std::string& source);
Result<Manifest> read_manifest(const std::filesystem::path& path);

// Deterministic JSON text of a manifest (the generator writes it).
std::string manifest_to_json(const Manifest& m);

} // namespace sh::anatomy
