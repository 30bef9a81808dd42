// Meshes made in the tests in an atlas-like frame (BodyParts3D, Z-Anatomy): millimetres, x to the
// body's left (the right leg at negative x), y posterior, z up, body midline at x = 0. Written as
// OBJ text, as a user's downloaded file would be.
#pragma once

#include "anatomy/atlas_fit.hpp"
#include "anatomy/mesh.hpp"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <glm/geometric.hpp>
#include <glm/vec3.hpp>
#include <string>
#include <vector>

namespace sh::anatomy::test {

struct ShapeMm {
    std::vector<glm::dvec3> v;
    std::vector<int> f; // 0-based triangles
};

// An ellipsoid about `centre` with half-axes along +x/-x, +y/-y and a half length along z (each
// half of an axis its own length, so a side or the back can bulge), tilted by `tilt_deg` about y.
inline ShapeMm ellipsoid_mm(glm::dvec3 centre, double x_pos, double x_neg, double y_pos,
                            double y_neg, double half_length, double tilt_deg = 0.0) {
    const int rings = 48, segments = 64;
    const double pi = 3.14159265358979323846, tilt = tilt_deg * pi / 180.0;
    ShapeMm s;
    const auto put = [&](glm::dvec3 p) {
        p = {p.x * std::cos(tilt) + p.z * std::sin(tilt), p.y,
             -p.x * std::sin(tilt) + p.z * std::cos(tilt)};
        s.v.push_back(centre + p);
    };
    put({0, 0, -half_length});
    for (int r = 1; r < rings; ++r) {
        const double phi = pi * r / rings; // from the bottom pole
        for (int k = 0; k < segments; ++k) {
            const double th = 2.0 * pi * k / segments;
            const double cx = std::sin(phi) * std::cos(th), cy = std::sin(phi) * std::sin(th);
            put({cx * (cx >= 0 ? x_pos : x_neg), cy * (cy >= 0 ? y_pos : y_neg),
                 -std::cos(phi) * half_length});
        }
    }
    put({0, 0, half_length});
    const int top = static_cast<int>(s.v.size()) - 1;
    const auto at = [&](int r, int k) { return 1 + (r - 1) * segments + (k % segments); };
    for (int k = 0; k < segments; ++k) s.f.insert(s.f.end(), {0, at(1, k + 1), at(1, k)});
    for (int r = 1; r + 1 < rings; ++r)
        for (int k = 0; k < segments; ++k)
            s.f.insert(s.f.end(), {at(r, k), at(r, k + 1), at(r + 1, k + 1), at(r, k),
                                   at(r + 1, k + 1), at(r + 1, k)});
    for (int k = 0; k < segments; ++k)
        s.f.insert(s.f.end(), {top, at(rings - 1, k), at(rings - 1, k + 1)});
    return s;
}

// A closed vertical cylinder (a long bone's shaft) of radius r from z0 to z1 about (x, y).
inline ShapeMm cylinder_mm(double x, double y, double r, double z0, double z1) {
    const int segments = 48;
    const double pi = 3.14159265358979323846;
    ShapeMm s;
    s.v.push_back({x, y, z0});
    s.v.push_back({x, y, z1});
    for (int k = 0; k < segments; ++k) {
        const double th = 2.0 * pi * k / segments;
        s.v.push_back({x + r * std::cos(th), y + r * std::sin(th), z0});
        s.v.push_back({x + r * std::cos(th), y + r * std::sin(th), z1});
    }
    for (int k = 0; k < segments; ++k) {
        const int a0 = 2 + 2 * k, a1 = a0 + 1, b0 = 2 + 2 * ((k + 1) % segments), b1 = b0 + 1;
        s.f.insert(s.f.end(), {0, b0, a0, 1, a1, b1, a0, b0, b1, a0, b1, a1});
    }
    return s;
}

inline void write_obj(const ShapeMm& s, const std::filesystem::path& path) {
    std::ofstream out(path);
    out.precision(9);
    for (const auto& p : s.v) out << "v " << p.x << ' ' << p.y << ' ' << p.z << '\n';
    for (std::size_t i = 0; i + 2 < s.f.size(); i += 3)
        out << "f " << s.f[i] + 1 << ' ' << s.f[i + 1] + 1 << ' ' << s.f[i + 2] + 1 << '\n';
}

// Extents of a mesh along its own principal axes, largest first.
inline glm::dvec3 principal_extents(const Mesh& m) {
    const PrincipalAxes axes = principal_axes(surface_moments({&m}).covariance);
    glm::dvec3 lo(1e30), hi(-1e30);
    for (const auto& p : m.positions) {
        for (int i = 0; i < 3; ++i) {
            const double d = glm::dot(glm::dvec3(p), axes.axis[i]);
            lo[i] = std::min(lo[i], d);
            hi[i] = std::max(hi[i], d);
        }
    }
    return hi - lo;
}

} // namespace sh::anatomy::test
