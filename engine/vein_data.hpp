#pragma once
// The hand-over between the simulator and the renderer: plain structs, no simulator types.
// The app fills VeinGeometry once from the venous network (the same file the simulator reads);
// the per-frame state is gpu::VeinState (shaders/gpu_layouts.h), in the same compartment and
// link order. The engine never includes sim/.
//
// Units: centimetres in the leg frame (right leg standing; x lateral, y anterior, z up, origin
// on the floor below the ankle joint), mL, mL/s, mmHg, seconds.

#include <cstdint>
#include <glm/vec3.hpp>
#include <string>
#include <vector>

namespace sh {

enum class VeinKind : std::uint32_t { Deep = 0, Superficial = 1, Intramuscular = 2, Foot = 3 };

// One lumped compartment: a piece of one vein's centreline.
struct VeinCompartment {
    std::string label; // "great_saphenous#0"
    VeinKind kind = VeinKind::Deep;
    std::vector<glm::vec3> centreline; // distal (first) to proximal (last) point, cm
    float reference_radius_cm = 0;     // one vein's radius at the tube law's reference area
    std::uint32_t count = 1;           // parallel veins (paired tibial veins, soleal sinuses)
    bool in_calf = false;              // inside the lower leg or foot (capillary inflow region)
};

// A connection between compartments; positive flow runs from -> to (towards the heart).
struct VeinLink {
    std::uint32_t from = 0;
    std::uint32_t to = 0;
    std::vector<glm::vec3> path; // junction path, at least 2 points (equal for interior breaks)
    bool has_valve = false;
    glm::vec3 valve_position{0};
    std::string name;
};

struct VeinGeometry {
    std::vector<VeinCompartment> compartments;
    std::vector<VeinLink> links;
    std::uint32_t outlet = 0; // compartment that drains to the heart (the groin)
};

} // namespace sh
