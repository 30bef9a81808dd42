// Writes the default leg: one .gltf + .bin per structure, manifest.json and landmarks.json.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace sh::anatomy {

struct GeneratedFile {
    std::string role;
    std::string file; // file name of the .gltf
    std::size_t triangles = 0;
    std::size_t vertices = 0;
    std::size_t bytes = 0; // .gltf + .bin
};

struct LeggenResult {
    std::vector<GeneratedFile> files;
    std::string error; // empty on success
};

// Generates every structure at `detail` (see build_default_leg) and writes the files into
// `dir` (created if needed). Same bytes on every run.
LeggenResult write_default_leg(const std::filesystem::path& dir, double detail = 1.0);

// Re-imports every file of the manifest in `dir` through assimp (Triangulate,
// GenSmoothNormals, JoinIdenticalVertices) and checks that it is closed, wound outward and
// has the triangles written. Returns the problems found (empty: all good).
std::vector<std::string> verify_written_leg(const std::filesystem::path& dir);

std::string landmarks_to_json();

} // namespace sh::anatomy
