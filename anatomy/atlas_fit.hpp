// Placing meshes from an anatomy atlas (BodyParts3D, Z-Anatomy) on the leg: their frame, their
// side, and one similarity transform (rotation, uniform scale, translation) that puts a structure,
// or a set of structures in their common frame, in the place of the default structures.
//
// Atlas frame. BodyParts3D and Z-Anatomy share the patient frame of medical imaging: x towards
// the body's left (the right side at negative x), y posterior, z up, body midline at x = 0,
// millimetres. The leg frame is our right leg: x lateral, y anterior, z up, cm. For a right-side
// structure that is a half turn about z: leg = (-x, -y, z) (a rotation, no mirroring). A
// left-side structure lands at negative leg x after it and is mirrored across the midline
// (x -> -x, triangles re-wound so they still face outward).
//
// The fit (fit_similarity) matches, in this order:
//   1. the long axis: the reference's first principal axis of its surface (area-weighted second
//      moments) is turned onto the target's, by the smallest rotation, when both are elongated
//      (first principal variance at least k_min_elongation times the second) and the two axes
//      differ by at most k_max_tilt_deg; otherwise the orientation is kept as the frame gives;
//   2. the size: one uniform scale, the largest at which the reference's box fits inside the
//      target's box, both boxes taken along the target's axis frame (its long axis, and the
//      leg's lateral and anterior directions made perpendicular to it);
//   3. the place: the centre of that box onto the centre of the target's.
// So the fitted structure lies inside the target's box, with its own proportions.
#pragma once

#include "anatomy/mesh.hpp"

#include <filesystem>
#include <glm/mat3x3.hpp>
#include <glm/vec3.hpp>
#include <optional>
#include <string>
#include <vector>

namespace sh::anatomy {

constexpr double k_min_elongation = 1.5;
constexpr double k_max_tilt_deg = 30.0;
// An extent below this fraction of the largest one makes a structure flat (a plane, a line).
constexpr double k_min_extent_fraction = 1e-3;

// Area-weighted moments of the surface of one or more meshes (independent of how finely they
// are triangulated).
struct SurfaceMoments {
    glm::dvec3 centroid{0.0};
    glm::dmat3 covariance{0.0};
    double area = 0.0;
};
SurfaceMoments surface_moments(const std::vector<const Mesh*>& meshes);

// Eigenvectors (unit, right-handed) and eigenvalues of a symmetric 3x3 matrix, largest first.
struct PrincipalAxes {
    glm::dvec3 axis[3];
    double variance[3] = {0, 0, 0};
};
PrincipalAxes principal_axes(const glm::dmat3& symmetric);

struct Similarity {
    glm::mat3 rotation{1.0f};
    float scale = 1.0f;
    glm::vec3 translate{0.0f};
    [[nodiscard]] glm::vec3 apply(const glm::vec3& p) const {
        return scale * (rotation * p) + translate;
    }
};

struct SimilarityFit {
    std::optional<Similarity> transform; // empty: `error` says why
    std::string error;
    double tilt_deg = 0.0;         // the rotation's angle
    bool axis_aligned = false;     // false: the long axes were not matched (see axis_note)
    std::string axis_note;         // why not, when not
    glm::vec3 target_centre{0.0f}; // the centre of the target's box, where the fit put its own
};
// Fits `reference` (the user's structures) onto `target` (the default structures): see above.
SimilarityFit fit_similarity(const std::vector<const Mesh*>& reference,
                             const std::vector<const Mesh*>& target);

// Applies it to positions, normals and bounds.
void apply_similarity(const Similarity& s, Mesh& mesh);

// Atlas frame (x to the left, y posterior, z up) to leg axes: a half turn about z.
void atlas_to_leg_axes(Mesh& mesh);
// Mirror across the body's midline plane x = 0, keeping the triangles facing outward.
void mirror_across_midline(Mesh& mesh);

// Whether a file's name is that of an atlas element: BodyParts3D "FJ1437.obj", "FMA22542.obj".
bool has_atlas_file_name(const std::filesystem::path& path);

// A z-up mesh in known units (cm) that lies wholly to one side of the body midline x = 0, at
// least k_min_midline_gap_cm from it, and outside the default structure's box, is in an atlas
// frame: in the leg frame every structure lies on the leg's own axis, over its default.
constexpr float k_min_midline_gap_cm = 0.5f;
bool lies_in_atlas_frame(const Bounds& mesh_cm, const Bounds& default_structure);

} // namespace sh::anatomy
