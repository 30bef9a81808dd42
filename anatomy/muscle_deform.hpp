// Constant-volume contraction of a muscle belly: the CPU reference for the GPU compute pass.
//
// Rig (once per mesh): each vertex is projected onto the muscle's spine (a polyline, proximal
// end first): t in [0,1] is the arc-length fraction of the nearest spine point, and the
// offset r = p - spine(t) its radial offset. The GPU needs per vertex vec4(t, r) and the spine.
//
// Contraction with activation a in [0,1]:
//   lambda = 1 - max_shortening * a                (belly length factor)
//   t'     = anchor + (t - anchor) * lambda        (anchor 0: proximal end fixed)
//   p'     = spine(t') + (1 + k * w(t)) * m * r,  w(t) = sin(pi t)
// so the belly shortens along its (curved) spine and bulges most in its middle. The bulge k
// is solved (bisection on the exact enclosed volume by the divergence theorem) so that the
// volume equals the rest volume; the GPU takes lambda and k as uniforms. m, the thickening,
// makes up the volume the pose squeezes out (anatomy/pose_volume.hpp; 1 at rest).
#pragma once

#include "anatomy/mesh.hpp"

#include <glm/vec4.hpp>
#include <vector>

namespace sh::anatomy {

struct MuscleRig {
    std::vector<glm::vec3> spine;  // proximal end first
    std::vector<float> spine_s;    // arc-length fraction at each spine point
    std::vector<glm::vec4> vertex; // per vertex: t, radial offset xyz
    float anchor = 0.0f;           // t that stays put (0 proximal, 1 distal, 0.5 centre)
    float max_shortening = 0.12f;
    double rest_volume = 0.0;
};

MuscleRig make_muscle_rig(const Mesh& mesh, const std::vector<glm::vec3>& spine,
                          float max_shortening = 0.12f, float anchor = 0.0f);

glm::vec3 spine_point(const MuscleRig& rig, float t);
float bulge_weight(float t);

struct MuscleDeformation {
    float lambda = 1.0f; // length factor
    float bulge = 0.0f;  // k
    // Radial offsets also times this: the pose's volume made up (anatomy/pose_volume).
    float thickening = 1.0f;
};

std::vector<glm::vec3> apply_muscle_deformation(const MuscleRig& rig, const MuscleDeformation& d);
// Solves k for this activation (clamped to [0,1]) so the volume stays at rest.
MuscleDeformation solve_muscle_deformation(const Mesh& mesh, const MuscleRig& rig,
                                           float activation);
// Both steps: the deformed positions (same order and topology as mesh).
std::vector<glm::vec3> deform_muscle(const Mesh& mesh, const MuscleRig& rig, float activation);

// Length of the belly: extent of the vertices along the chord from the first to the last
// spine point.
float muscle_length(const std::vector<glm::vec3>& positions, const MuscleRig& rig);

} // namespace sh::anatomy
