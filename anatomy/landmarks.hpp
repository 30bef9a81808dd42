// Anatomical landmarks of the default leg: one adult right lower leg, 175 cm tall, standing.
//
// Leg frame (shared with assets/anatomy/venous_network.json): centimetres; origin on the floor
// below the ankle joint centre; x lateral, y anterior, z up. The first seven landmarks are
// those of the venous network file and must stay equal to them; the rest are placed from
// standard adult proportions (tibia ~0.22 x stature, foot ~0.15 x stature, bicondylar femur
// width ~8.5 cm, tibial plateau ~7.5 cm, calf circumference ~37 cm) so that the veins of the
// network lie where they belong relative to the bones and muscles built from these points.
// Surface landmarks (malleoli, heel, toe tip) are the outermost point of the structure named.
#pragma once

#include <glm/vec3.hpp>
#include <span>
#include <string_view>

namespace sh::anatomy {

struct Point3 {
    float x, y, z;
};

struct Landmark {
    std::string_view name;
    Point3 p;
    std::string_view meaning;
};

// All landmarks, in a fixed order (written to assets/anatomy/landmarks.json by the generator).
std::span<const Landmark> landmarks();

// The landmark of that name; (0,0,0) and a false `found` when there is none.
glm::vec3 landmark(std::string_view name, bool* found = nullptr);

} // namespace sh::anatomy
