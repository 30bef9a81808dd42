// The default leg: every structure generated from the landmarks (landmarks.hpp) by lofting
// landmark-driven cross-sections. Deterministic: the same floats on every run and machine
// that uses IEEE double arithmetic without fast-math.
#pragma once

#include "anatomy/mesh.hpp"

#include <glm/vec3.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sh::anatomy {

// Roles in drawing order (bones, muscles, tendon, skin).
const std::vector<std::string>& default_roles();
bool is_known_role(std::string_view role);
// Roles that get a contraction rig (a spine for deform_muscle).
bool is_deformable_role(std::string_view role);

struct DefaultStructure {
    Mesh mesh;                    // in the leg frame, cm
    std::vector<glm::vec3> spine; // muscles: centre line, proximal end first; else empty
    std::string description;      // how it was modelled, one line
};

// All structures, in default_roles() order. `detail` (0.1 to 1, clamped) scales every ring and
// segment count: 1 is the full model; 0.5 (a quarter of the triangles) is the level of detail
// for CPU devices, where vertex work dominates the frame. The shapes, landmarks and muscle
// spines are the same at every detail.
std::vector<DefaultStructure> build_default_leg(double detail = 1.0);
// One structure (the skin needs the others: it is built around them).
std::optional<DefaultStructure> build_default_structure(std::string_view role, double detail = 1.0);

} // namespace sh::anatomy
