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

// All structures, in default_roles() order.
std::vector<DefaultStructure> build_default_leg();
// One structure (the skin needs the others: it is built around them).
std::optional<DefaultStructure> build_default_structure(std::string_view role);

} // namespace sh::anatomy
