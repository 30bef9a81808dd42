// Shared by the generator of the default leg (default_leg.cpp and the leg_*.cpp files): the
// shape helpers and the makers of each structure. Internal to anatomy/.
#pragma once

#include "anatomy/mesh.hpp"

#include <glm/vec2.hpp>
#include <glm/vec3.hpp>
#include <string_view>
#include <vector>

namespace sh::anatomy::leg_parts {

using glm::dvec2;
using glm::dvec3;

// Polar radius of a four-quadrant superellipse (half-axes +x lat, -x med, +y ant, -y post).
double quad_r(double theta, double lat, double med, double ant, double post, double p = 2.0);
dvec2 polar(double r, double theta);
dvec2 rotate(dvec2 v, double a);
// Ring and segment counts at a level of detail (1 = full; 0.5 = half of each, a quarter of the
// triangles), never below `floor`.
int lod(int n, double detail, int floor = 8);
// A landmark (landmarks.hpp) in double precision.
dvec3 L(std::string_view name);

// Bones (leg_bones.cpp).
Mesh make_tibia(double detail);
Mesh make_fibula(double detail);
Mesh make_femur(double detail);
Mesh make_patella(double detail);
Mesh make_foot_bones(double detail);

// Muscles and tendons (leg_muscles.cpp).
struct MuscleShape {
    Mesh mesh;
    std::vector<glm::vec3> spine;
};
MuscleShape make_soleus(double detail);
MuscleShape make_gastrocnemius(bool medial, double detail);
Mesh make_achilles(double detail);
Mesh make_tibialis_anterior(double detail);

// Skin around every structure (leg_skin.cpp).
Mesh make_skin(const std::vector<const Mesh*>& inside, double detail);

} // namespace sh::anatomy::leg_parts
