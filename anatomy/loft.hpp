// Building blocks of the procedural anatomy: smooth profile tables, sphere-topology surfaces
// (a pole, rings, a pole: closed and watertight by construction), lofts along vertical axes
// (horizontal cross-sections) and along curved spines (rotation-minimising frames).
#pragma once

#include "anatomy/mesh.hpp"

#include <functional>
#include <glm/vec2.hpp>
#include <glm/vec3.hpp>
#include <initializer_list>
#include <vector>

namespace sh::anatomy {

inline constexpr double kPi = 3.14159265358979323846;

// Rows of numbers: column 0 is the key (ascending), the others values; at() interpolates with
// a Catmull-Rom cubic (smooth, passes through the rows) and clamps outside the key range.
class Table {
public:
    Table(std::initializer_list<std::initializer_list<double>> rows);
    [[nodiscard]] double at(double key, std::size_t column) const;
    [[nodiscard]] double first_key() const { return keys_.front(); }
    [[nodiscard]] double last_key() const { return keys_.back(); }

private:
    std::vector<double> keys_;
    std::vector<std::vector<double>> values_;
};

double smoothstep(double e0, double e1, double x);
// A smooth bump: 1 at the centre, 0 beyond `half_width` (cosine-squared lobe).
double bump(double x, double centre, double half_width);
// Angle difference wrapped into (-pi, pi].
double angle_diff(double a, double b);

// Sphere-topology surface f(u, theta), u in [0,1] from pole to pole (f(0,.) and f(1,.) are the
// poles), theta in [0, 2pi). `rings` interior rings, `segments` around. Rings cluster towards
// the poles by `clustering` (0: uniform in u). The result is closed, wound outward (checked
// by its signed volume and flipped if needed), with smooth normals.
using SurfaceFn = std::function<glm::dvec3(double u, double theta)>;
Mesh build_surface(const SurfaceFn& f, int rings, int segments, double clustering = 0.5);

// Cap shaping near the ends of a loft: 0 at the pole, 1 from `length` on; power 2 gives a
// round end, higher powers a flatter one.
double cap_factor(double distance_from_end, double length, double power);

// Loft with horizontal cross-sections stacked from z0 (bottom pole) to z1 (top pole).
struct VerticalLoft {
    double z0 = 0.0, z1 = 1.0;
    std::function<glm::dvec2(double z)> centre;
    // Cross-section point at angle theta (0 = +x lateral, pi/2 = +y anterior), relative to the
    // centre. Must describe a simple closed curve around the centre.
    std::function<glm::dvec2(double z, double theta)> section;
    double cap_bottom = 1.0, cap_top = 1.0; // cm
    double cap_power_bottom = 2.0, cap_power_top = 2.0;
    // Optional vertical displacement of surface points (e.g. raise the middle of an end).
    std::function<double(double z, double theta, double cap)> z_offset;
};
Mesh build_vertical_loft(const VerticalLoft& loft, int rings, int segments);

// Spine sampled densely (Catmull-Rom through the control points, then even arc length) with
// rotation-minimising frames: t tangent, e1 starts as `reference` projected normal to t.
struct SpineFrame {
    glm::dvec3 p, t, e1, e2;
    double s = 0.0; // arc length from the first point
};
std::vector<SpineFrame> sample_spine(const std::vector<glm::dvec3>& control, int samples,
                                     const glm::dvec3& reference);
// Frame at arc-length fraction s01 in [0,1] (interpolated).
SpineFrame frame_at(const std::vector<SpineFrame>& frames, double s01);

// Loft along a spine: cross-sections in the normal planes (e1, e2).
struct TubeLoft {
    std::vector<glm::dvec3> spine;
    glm::dvec3 reference{1.0, 0.0, 0.0};
    // Cross-section point (e1, e2 components) at arc-length fraction s and angle theta.
    std::function<glm::dvec2(double s01, double theta)> section;
    double cap_start = 0.5, cap_end = 0.5; // cm along the spine
    double cap_power = 2.0;
};
Mesh build_tube_loft(const TubeLoft& loft, int rings, int segments);

// Section helpers.
// Ellipse with different half-axes on each side: +x `lat`, -x `med`, +y `ant`, -y `post`,
// superellipse exponent `p` (2 = ellipse). Parametric in theta.
glm::dvec2 quad_ellipse(double theta, double lat, double med, double ant, double post,
                        double p = 2.0);
// Radius along direction theta of the union of ellipses (centre cx,cy; half axes ax,ay), seen
// from the origin; every ellipse must contain the origin.
struct Ellipse2 {
    double cx, cy, ax, ay;
};
double union_radius(const std::vector<Ellipse2>& ellipses, double theta);

} // namespace sh::anatomy
