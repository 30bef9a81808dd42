#include "anatomy/atlas_fit.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <glm/geometric.hpp>
#include <glm/mat3x3.hpp>
#include <limits>
#include <sstream>
#include <utility>

namespace sh::anatomy {
namespace {

constexpr double kPi = 3.14159265358979323846;

glm::dmat3 outer(const glm::dvec3& a, const glm::dvec3& b) {
    // glm is column-major: m[col][row] = a[row] * b[col].
    glm::dmat3 m(0.0);
    for (int c = 0; c < 3; ++c)
        for (int r = 0; r < 3; ++r) m[c][r] = a[r] * b[c];
    return m;
}

// Smallest rotation taking unit vector a onto unit vector b (Rodrigues).
glm::dmat3 rotation_between(const glm::dvec3& a, const glm::dvec3& b) {
    const glm::dvec3 axis = glm::cross(a, b);
    const double s = glm::length(axis), c = glm::dot(a, b);
    if (s < 1e-12) return glm::dmat3(1.0); // parallel (the caller never asks for antiparallel)
    const glm::dvec3 k = axis / s;
    const glm::dmat3 K(glm::dvec3(0, k.z, -k.y), glm::dvec3(-k.z, 0, k.x),
                       glm::dvec3(k.y, -k.x, 0)); // columns of the cross-product matrix
    return glm::dmat3(1.0) + s * K + (1.0 - c) * (K * K);
}

std::string fmt(double v) {
    std::ostringstream s;
    s.precision(3);
    s << v;
    return s.str();
}

// The target's axis frame: its long axis (when elongated) and the leg's lateral and anterior
// directions made perpendicular to it.
glm::dmat3 box_frame(const glm::dvec3& long_axis) {
    const glm::dvec3 u3 = long_axis;
    glm::dvec3 u1 = glm::dvec3(1, 0, 0) - glm::dot(glm::dvec3(1, 0, 0), u3) * u3;
    if (glm::length(u1) < 1e-6) u1 = glm::dvec3(0, 1, 0) - glm::dot(glm::dvec3(0, 1, 0), u3) * u3;
    u1 = glm::normalize(u1);
    const glm::dvec3 u2 = glm::cross(u3, u1);
    return glm::dmat3(u1, u2, u3);
}

struct Box {
    glm::dvec3 lo{std::numeric_limits<double>::max()};
    glm::dvec3 hi{std::numeric_limits<double>::lowest()};
};

// Box along `frame`'s columns of the points R * (p - origin).
Box frame_box(const std::vector<const Mesh*>& meshes, const glm::dmat3& frame,
              const glm::dmat3& rotation, const glm::dvec3& origin) {
    Box b;
    for (const Mesh* m : meshes) {
        for (const glm::vec3& p : m->positions) {
            const glm::dvec3 q = rotation * (glm::dvec3(p) - origin);
            for (int i = 0; i < 3; ++i) {
                const double d = glm::dot(q, frame[i]);
                b.lo[i] = std::min(b.lo[i], d);
                b.hi[i] = std::max(b.hi[i], d);
            }
        }
    }
    return b;
}

} // namespace

SurfaceMoments surface_moments(const std::vector<const Mesh*>& meshes) {
    SurfaceMoments out;
    // Moments about a point of the meshes keep the sums well conditioned far from the origin.
    glm::dvec3 ref(0.0);
    for (const Mesh* m : meshes) {
        if (!m->positions.empty()) {
            ref = glm::dvec3(m->positions.front());
            break;
        }
    }
    glm::dvec3 first(0.0);
    glm::dmat3 second(0.0);
    for (const Mesh* m : meshes) {
        for (std::size_t t = 0; t + 2 < m->indices.size(); t += 3) {
            const glm::dvec3 a = glm::dvec3(m->positions[m->indices[t]]) - ref;
            const glm::dvec3 b = glm::dvec3(m->positions[m->indices[t + 1]]) - ref;
            const glm::dvec3 c = glm::dvec3(m->positions[m->indices[t + 2]]) - ref;
            const double area = 0.5 * glm::length(glm::cross(b - a, c - a));
            if (!(area > 0.0)) continue;
            const glm::dvec3 s = a + b + c;
            out.area += area;
            first += area * s / 3.0;
            // The exact second moment of a triangle: A/12 (aa' + bb' + cc' + ss').
            second += (area / 12.0) * (outer(a, a) + outer(b, b) + outer(c, c) + outer(s, s));
        }
    }
    if (out.area > 0.0) {
        const glm::dvec3 mean = first / out.area;
        out.centroid = ref + mean;
        out.covariance = second / out.area - outer(mean, mean);
    }
    return out;
}

PrincipalAxes principal_axes(const glm::dmat3& symmetric) {
    // Cyclic Jacobi rotations; a 3x3 converges in a handful of sweeps.
    double a[3][3];
    double v[3][3] = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    for (int r = 0; r < 3; ++r)
        for (int c = 0; c < 3; ++c) a[r][c] = symmetric[c][r];
    for (int sweep = 0; sweep < 50; ++sweep) {
        const double off = a[0][1] * a[0][1] + a[0][2] * a[0][2] + a[1][2] * a[1][2];
        const double diag = a[0][0] * a[0][0] + a[1][1] * a[1][1] + a[2][2] * a[2][2];
        if (off <= 1e-30 * std::max(diag, 1e-300)) break;
        for (int p = 0; p < 2; ++p) {
            for (int q = p + 1; q < 3; ++q) {
                if (std::abs(a[p][q]) < 1e-300) continue;
                const double theta = (a[q][q] - a[p][p]) / (2.0 * a[p][q]);
                const double t =
                    (theta >= 0 ? 1.0 : -1.0) / (std::abs(theta) + std::sqrt(theta * theta + 1.0));
                const double c = 1.0 / std::sqrt(t * t + 1.0), s = t * c;
                for (int k = 0; k < 3; ++k) { // A <- A J
                    const double akp = a[k][p], akq = a[k][q];
                    a[k][p] = c * akp - s * akq;
                    a[k][q] = s * akp + c * akq;
                }
                for (int k = 0; k < 3; ++k) { // A <- J' A
                    const double apk = a[p][k], aqk = a[q][k];
                    a[p][k] = c * apk - s * aqk;
                    a[q][k] = s * apk + c * aqk;
                }
                for (int k = 0; k < 3; ++k) { // V <- V J
                    const double vkp = v[k][p], vkq = v[k][q];
                    v[k][p] = c * vkp - s * vkq;
                    v[k][q] = s * vkp + c * vkq;
                }
            }
        }
    }
    int order[3] = {0, 1, 2};
    std::sort(order, order + 3, [&](int i, int j) { return a[i][i] > a[j][j]; });
    PrincipalAxes out;
    for (int i = 0; i < 3; ++i) {
        out.variance[i] = a[order[i]][order[i]];
        out.axis[i] = glm::dvec3(v[0][order[i]], v[1][order[i]], v[2][order[i]]);
    }
    out.axis[2] = glm::cross(out.axis[0], out.axis[1]); // right-handed
    return out;
}

SimilarityFit fit_similarity(const std::vector<const Mesh*>& reference,
                             const std::vector<const Mesh*>& target) {
    SimilarityFit fit;
    const SurfaceMoments mr = surface_moments(reference), mt = surface_moments(target);
    if (!(mr.area > 0.0)) {
        fit.error = "it has no surface (no triangle with an area)";
        return fit;
    }
    if (!(mt.area > 0.0)) {
        fit.error = "the default structure it replaces has no surface";
        return fit;
    }
    const PrincipalAxes pr = principal_axes(mr.covariance), pt = principal_axes(mt.covariance);
    const bool target_long = pt.variance[0] >= k_min_elongation * pt.variance[1];
    const bool reference_long = pr.variance[0] >= k_min_elongation * pr.variance[1];
    glm::dvec3 target_axis = pt.axis[0];
    // Signs: the target's long axis points up (or forward when it lies flat, as the foot does);
    // the reference's points the same way as the target's.
    const glm::dvec3 up = std::abs(target_axis.z) > 0.3 ? glm::dvec3(0, 0, 1) : glm::dvec3(0, 1, 0);
    if (glm::dot(target_axis, up) < 0.0) target_axis = -target_axis;
    glm::dvec3 reference_axis = pr.axis[0];
    if (glm::dot(reference_axis, target_axis) < 0.0) reference_axis = -reference_axis;

    glm::dmat3 rotation(1.0);
    const double angle_deg =
        std::acos(std::clamp(glm::dot(reference_axis, target_axis), -1.0, 1.0)) * 180.0 / kPi;
    if (!target_long || !reference_long) {
        fit.axis_note = std::string(!target_long ? "the default" : "it") +
                        " has no clear long axis; orientation kept as its frame gives";
    } else if (angle_deg > k_max_tilt_deg) {
        fit.axis_note = "its long axis is " + fmt(angle_deg) +
                        " deg from the default's (more "
                        "than " +
                        fmt(k_max_tilt_deg) + "); orientation kept as its frame gives";
    } else {
        rotation = rotation_between(reference_axis, target_axis);
        fit.axis_aligned = true;
        fit.tilt_deg = angle_deg;
    }

    const glm::dmat3 frame = box_frame(target_long ? target_axis : glm::dvec3(0, 0, 1));
    const Box br = frame_box(reference, frame, rotation, mr.centroid);
    const Box bt = frame_box(target, frame, glm::dmat3(1.0), mt.centroid);
    const glm::dvec3 er = br.hi - br.lo, et = bt.hi - bt.lo;
    const double largest = std::max({er.x, er.y, er.z});
    if (!(largest > 0.0) || !std::isfinite(largest)) {
        fit.error = "its points coincide (zero size)";
        return fit;
    }
    static const char* const names[3] = {"across", "front to back", "along its length"};
    double scale = std::numeric_limits<double>::max();
    for (int i = 0; i < 3; ++i) {
        if (er[i] < k_min_extent_fraction * largest) {
            fit.error = "it is flat: " + fmt(er[i]) + " " + names[i] + " against " + fmt(largest) +
                        " in its largest extent (a plane or a line, not a "
                        "structure with a volume)";
            return fit;
        }
        scale = std::min(scale, et[i] / er[i]);
    }
    const glm::dvec3 centre_r = frame * (0.5 * (br.lo + br.hi)); // relative, rotated
    const glm::dvec3 centre_t = mt.centroid + frame * (0.5 * (bt.lo + bt.hi));
    Similarity s;
    s.rotation = glm::mat3(rotation);
    s.scale = static_cast<float>(scale);
    s.translate = glm::vec3(centre_t - scale * (rotation * mr.centroid + centre_r));
    fit.transform = s;
    fit.target_centre = glm::vec3(centre_t);
    return fit;
}

void apply_similarity(const Similarity& s, Mesh& mesh) {
    for (auto& p : mesh.positions) p = s.apply(p);
    for (auto& n : mesh.normals) n = glm::normalize(s.rotation * n);
    mesh.bounds = compute_bounds(mesh.positions);
}

void atlas_to_leg_axes(Mesh& mesh) {
    for (auto& p : mesh.positions) p = {-p.x, -p.y, p.z};
    for (auto& n : mesh.normals) n = {-n.x, -n.y, n.z};
    mesh.bounds = compute_bounds(mesh.positions);
}

void mirror_across_midline(Mesh& mesh) {
    for (auto& p : mesh.positions) p.x = -p.x;
    for (auto& n : mesh.normals) n.x = -n.x;
    for (std::size_t i = 0; i + 2 < mesh.indices.size(); i += 3)
        std::swap(mesh.indices[i + 1], mesh.indices[i + 2]);
    mesh.bounds = compute_bounds(mesh.positions);
}

bool has_atlas_file_name(const std::filesystem::path& path) {
    std::string stem = path.stem().string();
    std::transform(stem.begin(), stem.end(), stem.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    for (const std::string prefix : {"FJ", "FMA"}) {
        if (stem.size() > prefix.size() && stem.compare(0, prefix.size(), prefix) == 0 &&
            std::isdigit(static_cast<unsigned char>(stem[prefix.size()])))
            return true;
    }
    return false;
}

bool lies_in_atlas_frame(const Bounds& mesh_cm, const Bounds& default_structure) {
    if (!mesh_cm.valid) return false;
    const bool one_side =
        mesh_cm.min.x >= k_min_midline_gap_cm || mesh_cm.max.x <= -k_min_midline_gap_cm;
    if (!one_side) return false;
    if (!default_structure.valid) return true;
    const bool overlaps =
        mesh_cm.min.x <= default_structure.max.x && mesh_cm.max.x >= default_structure.min.x &&
        mesh_cm.min.y <= default_structure.max.y && mesh_cm.max.y >= default_structure.min.y &&
        mesh_cm.min.z <= default_structure.max.z && mesh_cm.max.z >= default_structure.min.z;
    return !overlaps;
}

} // namespace sh::anatomy
