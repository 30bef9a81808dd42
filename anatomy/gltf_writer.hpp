// A small glTF 2.0 writer (.gltf JSON + .bin) for the default anatomy. Deterministic output:
// fixed key order, shortest round-trip float text, no time stamps.
//
// Axes: glTF is Y-up with the model's front towards +Z. The leg frame (x lateral, y anterior,
// z up; right leg) maps to glTF as X = -x, Y = z, Z = y (a proper rotation: the person faces
// +Z, so their right, the lateral side of a right leg, is -X). Units are left in centimetres
// (not glTF's metres) so that the default leg round-trips bit-exactly; the manifest says so
// ("units": "cm", "axes": "y-up"). Sign flips and swaps are exact in floating point.
#pragma once

#include "anatomy/mesh.hpp"

#include <filesystem>
#include <string>

namespace sh::anatomy {

glm::vec3 leg_to_gltf(const glm::vec3& p);
glm::vec3 gltf_to_leg(const glm::vec3& p);

// Writes DIR/NAME.gltf and DIR/NAME.bin. Returns an empty string or the reason it failed.
std::string write_gltf(const Mesh& mesh, const std::filesystem::path& dir, const std::string& name,
                       const glm::vec3& base_colour);

} // namespace sh::anatomy
