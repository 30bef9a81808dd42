// A set of mesh files from one anatomy atlas (BodyParts3D, Z-Anatomy), given as a folder or as
// an atlas-set manifest, read into one mesh per role in the files' common frame. Placing the
// set on the leg is place_atlas_set (one similarity for all of it, see atlas_fit.hpp).
//
// A folder: every mesh file (obj, stl, ply, gltf, glb, fbx) whose name tells a leg structure.
// The name is the file's own (Z-Anatomy exports such as "Soleus muscle.r.obj", or "right
// tibia.stl"), or for BodyParts3D element files (FJ1437.obj) the English name given to its id
// by a BodyParts3D parts list in the folder (isa_element_parts.txt, partof_element_parts.txt:
// tab-separated lines naming an FMA id, an English name and an FJ file id). Files of several
// bones of the foot become one foot_bones mesh.
//
// An atlas-set manifest (JSON):
//   {"format": "secondheart-atlas-set", "version": 1, "units": "mm", "axes": "atlas",
//    "atlas": "BodyParts3D 4.0, CC BY-SA 2.1 JP (free text, for the credits)",
//    "meshes": [{"role": "soleus", "file": "FJ1437.obj"}, {"role": "tibia", "file": "..."}]}
// "units" (default mm) and "axes" (default atlas; or z-up for files already in the leg's axes,
// y-up for Y-up exports) hold for every file: one atlas, one frame. Entries with the same role
// are merged into one mesh; relative file names are resolved against the manifest's folder.
#pragma once

#include "anatomy/manifest.hpp"
#include "anatomy/mesh.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sh::anatomy {

// The leg role an atlas name (an English structure name or a file stem) stands for, or empty:
// "right soleus" -> soleus, "Gastrocnemius muscle (medial head).l" -> gastrocnemius_medial,
// "Talus.r" -> foot_bones, "right tibialis anterior" -> tibialis_anterior.
std::optional<std::string> role_from_atlas_name(std::string_view name);
// -1 left, +1 right, 0 not said ("left"/"right" words, or a Z-Anatomy ".l"/".r" ending).
int side_from_atlas_name(std::string_view name);

struct AtlasFile {
    std::string role;
    std::filesystem::path path;
    std::string name; // what the role was read from
    int named_side = 0;
};

struct AtlasSetFiles {
    std::vector<AtlasFile> files; // empty: `error` says why
    Units units = Units::Millimetre;
    Axes axes = Axes::Atlas;
    std::string error;
    std::vector<std::string> notes; // files ignored and why
};

// A folder or an atlas-set manifest (a .json file). `units` and `axes` of the --mesh option
// (Unknown / Auto: the manifest's, else mm and the atlas frame).
AtlasSetFiles list_atlas_set(const std::filesystem::path& path, Units units = Units::Unknown,
                             Axes axes = Axes::Auto);

struct AtlasSetMeshes {
    std::vector<Mesh> meshes; // one per role found, in the leg's axes, cm, not yet placed
    std::vector<std::string> notes;
    std::string error;
};
// Reads the files in the set's frame; a file that cannot be read is named in `notes` and left
// out, the rest still make the set.
AtlasSetMeshes read_atlas_set(const AtlasSetFiles& set);

} // namespace sh::anatomy
