// One atlas structure given alone (--mesh soleus=FILE:mm): turned from the atlas frame into the
// leg's axes, mirrored when it is from the left side, and fitted where the default structure is,
// keeping its own proportions. The meshes are made here in an atlas-like frame (atlas_shapes.hpp).
#include "anatomy/atlas_fit.hpp"
#include "anatomy/default_leg.hpp"
#include "atlas_shapes.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <glm/geometric.hpp>

using namespace sh::anatomy;
using namespace sh::anatomy::test;

namespace {

// Half-axes of the test soleus (mm): 25 across, 20 front to back, 120 long; the long axis
// tilted 6 deg, as a leg in an atlas's standing posture may be.
constexpr double kHalfWidth = 25, kHalfDepth = 20, kHalfLength = 120, kTiltDeg = 6;

Mesh load_override(const std::string& spec, std::vector<std::string>& msgs) {
    const auto parsed = parse_mesh_override(spec);
    REQUIRE(parsed.value);
    return resolve_override(*parsed.value, mesh_of(default_leg_from_files(), "soleus"), msgs);
}

std::string all(const std::vector<std::string>& msgs) {
    std::string s;
    for (const auto& m : msgs) s += m + "\n";
    return s;
}

glm::dvec3 long_axis(const Mesh& m) {
    return principal_axes(surface_moments({&m}).covariance).axis[0];
}

// Half-widths of an ellipsoid on each side of the line through its poles (its extreme points
// along its long axis), towards leg +x (lateral), -x, +y (anterior) and -y.
struct HalfWidths {
    double lateral, medial, anterior, posterior;
};
HalfWidths half_widths(const Mesh& m) {
    const glm::dvec3 ax = long_axis(m);
    glm::dvec3 lo_p(0.0), hi_p(0.0);
    double lo = 1e30, hi = -1e30;
    for (const auto& p : m.positions) {
        const double d = glm::dot(glm::dvec3(p), ax);
        if (d < lo) lo = d, lo_p = glm::dvec3(p);
        if (d > hi) hi = d, hi_p = glm::dvec3(p);
    }
    const glm::dvec3 axis = glm::normalize(hi_p - lo_p);
    const glm::dvec3 lat = glm::normalize(glm::dvec3(1, 0, 0) - axis.x * axis);
    const glm::dvec3 ant = glm::cross(axis, lat);
    HalfWidths h{0, 0, 0, 0};
    for (const auto& p : m.positions) {
        const glm::dvec3 q = glm::dvec3(p) - lo_p;
        h.lateral = std::max(h.lateral, glm::dot(q, lat));
        h.medial = std::max(h.medial, -glm::dot(q, lat));
        h.anterior = std::max(h.anterior, glm::dot(q, ant));
        h.posterior = std::max(h.posterior, -glm::dot(q, ant));
    }
    return h;
}

} // namespace

TEST_CASE("principal axes of a symmetric matrix: eigenvalues and eigenvectors",
          "[anatomy][atlas]") {
    // R diag(9, 4, 1) R' with R a rotation of 30 deg about z then 20 deg about x.
    const double a = 30.0 * 3.14159265358979 / 180.0, b = 20.0 * 3.14159265358979 / 180.0;
    const glm::dmat3 rz(glm::dvec3(std::cos(a), std::sin(a), 0),
                        glm::dvec3(-std::sin(a), std::cos(a), 0), glm::dvec3(0, 0, 1));
    const glm::dmat3 rx(glm::dvec3(1, 0, 0), glm::dvec3(0, std::cos(b), std::sin(b)),
                        glm::dvec3(0, -std::sin(b), std::cos(b)));
    const glm::dmat3 r = rx * rz;
    const glm::dmat3 d(glm::dvec3(9, 0, 0), glm::dvec3(0, 4, 0), glm::dvec3(0, 0, 1));
    const PrincipalAxes p = principal_axes(r * d * glm::transpose(r));
    CHECK(p.variance[0] == Approx(9.0).epsilon(1e-9));
    CHECK(p.variance[1] == Approx(4.0).epsilon(1e-9));
    CHECK(p.variance[2] == Approx(1.0).epsilon(1e-9));
    for (int i = 0; i < 3; ++i)
        CHECK(std::abs(glm::dot(p.axis[i], r[i])) == Approx(1.0).epsilon(1e-9));
}

TEST_CASE("a BodyParts3D-like right soleus (mm, z up, x = -90 mm) lands inside the default skin "
          "with its proportions",
          "[anatomy][atlas]") {
    const auto dir = scratch_dir("atlas_single");
    // FJ1437 is the BodyParts3D file of the right soleus: the name says "atlas frame".
    write_obj(ellipsoid_mm({-90, 30, 300}, kHalfWidth, kHalfWidth, kHalfDepth, kHalfDepth,
                           kHalfLength, kTiltDeg),
              dir / "FJ1437.obj");
    std::vector<std::string> msgs;
    const Mesh fitted = load_override("soleus=" + (dir / "FJ1437.obj").string() + ":mm", msgs);
    INFO(all(msgs));
    REQUIRE(msgs.size() == 1);
    CHECK_THAT(msgs[0], Catch::Contains("atlas frame") &&
                            Catch::Contains("right side (soleus) as our right leg") &&
                            Catch::Contains("scaled by"));
    CHECK(fitted.role == "soleus");

    const LoadedLeg& leg = default_leg_from_files();
    const Mesh& skin = mesh_of(leg, "skin");
    const Mesh& soleus = mesh_of(leg, "soleus");
    // Inside the skin: every vertex.
    std::size_t outside = 0;
    for (const auto& p : fitted.positions) outside += point_inside(skin, p) ? 0 : 1;
    CHECK(outside == 0);
    // Its proportions: extents along its principal axes in the ratios it was made with.
    const glm::dvec3 e = principal_extents(fitted);
    CHECK(e[0] / e[1] == Approx(kHalfLength / kHalfWidth).epsilon(0.01));
    CHECK(e[1] / e[2] == Approx(kHalfWidth / kHalfDepth).epsilon(0.01));
    // Its long axis onto the default soleus's (the 6 deg tilt taken out).
    CHECK(std::abs(glm::dot(long_axis(fitted), long_axis(soleus))) > std::cos(0.5 * 3.14159 / 180));
    // In the default's place: the centres of their boxes along the long axis agree, and it fits
    // inside the default's box along that axis (one extent touching it).
    const glm::dvec3 ax = long_axis(soleus);
    const auto span = [&](const Mesh& m) {
        double lo = 1e30, hi = -1e30;
        for (const auto& p : m.positions) {
            lo = std::min(lo, glm::dot(glm::dvec3(p), ax));
            hi = std::max(hi, glm::dot(glm::dvec3(p), ax));
        }
        return std::pair{lo, hi};
    };
    const auto [flo, fhi] = span(fitted);
    const auto [dlo, dhi] = span(soleus);
    CHECK(0.5 * (flo + fhi) == Approx(0.5 * (dlo + dhi)).margin(0.05));
    CHECK(fhi - flo <= dhi - dlo + 1e-3);
}

TEST_CASE("an atlas soleus bulging laterally and posteriorly keeps those sides, from the right "
          "or mirrored from the left",
          "[anatomy][atlas]") {
    const auto dir = scratch_dir("atlas_sides");
    // Atlas frame: the right side's lateral is -x, the left side's +x; posterior is +y for both.
    write_obj(ellipsoid_mm({-90, 30, 300}, 20, 32, 28, 14, 120), dir / "right_soleus_scan.obj");
    write_obj(ellipsoid_mm({90, 30, 300}, 32, 20, 28, 14, 120), dir / "left_soleus_scan.obj");
    // The left one as a Y-up export (Blender's glTF convention: X, Z, -Y).
    ShapeMm yup = ellipsoid_mm({90, 30, 300}, 32, 20, 28, 14, 120);
    for (auto& p : yup.v) p = {p.x, p.z, -p.y};
    write_obj(yup, dir / "left_soleus_export.obj");
    for (const char* spec : {"right_soleus_scan.obj:mm", "left_soleus_scan.obj:mm",
                             "left_soleus_export.obj:mm:y-up"}) {
        INFO(spec);
        std::vector<std::string> msgs;
        // No atlas name: the frame is told by where it lies (one side of the midline, off the leg).
        const Mesh m = load_override("soleus=" + (dir / spec).string(), msgs);
        INFO(all(msgs));
        REQUIRE(msgs.size() == 1);
        const bool left = std::string(spec).find("left") == 0;
        CHECK_THAT(msgs[0], Catch::Contains(left ? "left side (soleus) mirrored onto our right leg"
                                                 : "right side (soleus) as our right leg"));
        if (std::string(spec).find("y-up") != std::string::npos)
            CHECK_THAT(msgs[0], Catch::Contains("y-up export of an atlas frame"));
        // The bulges stay lateral (+x) and posterior (-y): half-widths on each side of the
        // line through its poles, in the ratios it was made with (32 : 20 and 28 : 14).
        const HalfWidths h = half_widths(m);
        CHECK(h.lateral / h.medial == Approx(32.0 / 20.0).epsilon(0.01));
        CHECK(h.posterior / h.anterior == Approx(28.0 / 14.0).epsilon(0.01));
        CHECK(mesh_volume(m) > 0.0); // mirrored triangles re-wound: still facing outward
        CHECK(check_topology(m).closed_and_consistent());
    }
}

TEST_CASE("a mesh already in the leg frame is not taken for an atlas one", "[anatomy][atlas]") {
    const auto dir = scratch_dir("atlas_leg_frame");
    const Mesh& fibula = mesh_of(default_leg_from_files(), "fibula");
    REQUIRE(write_mesh(fibula, dir / "fibula.stl", "stlb", Units::Millimetre).empty());
    std::vector<std::string> msgs;
    const auto parsed = parse_mesh_override("fibula=" + (dir / "fibula.stl").string() + ":mm");
    const Mesh m = resolve_override(*parsed.value, fibula, msgs);
    INFO(all(msgs));
    REQUIRE(msgs.size() == 1);
    CHECK_THAT(msgs[0], !Catch::Contains("atlas frame") && Catch::Contains("scaled by 1 "));
    CHECK(m.bounds.min.x == Approx(fibula.bounds.min.x).margin(1e-3));
    CHECK(m.bounds.max.z == Approx(fibula.bounds.max.z).margin(1e-3));
}

TEST_CASE("a flat or empty atlas mesh is refused with a message naming it", "[anatomy][atlas]") {
    const auto dir = scratch_dir("atlas_bad_single");
    // Flat: an ellipsoid with no depth (a disc), and an OBJ with points but no faces.
    write_obj(ellipsoid_mm({-90, 30, 300}, 25, 25, 0, 0, 120), dir / "FJ1.obj");
    { std::ofstream(dir / "FJ2.obj") << "v -90 0 300\nv -80 0 300\nv -90 10 300\n"; }
    const Mesh& soleus = mesh_of(default_leg_from_files(), "soleus");
    std::vector<std::string> msgs;
    const Mesh flat = load_override("soleus=" + (dir / "FJ1.obj").string() + ":mm", msgs);
    CHECK(flat.positions == soleus.positions);
    CHECK_THAT(all(msgs), Catch::Contains("FJ1.obj") && Catch::Contains("it is flat") &&
                              Catch::Contains("using the default soleus"));
    msgs.clear();
    const Mesh empty = load_override("soleus=" + (dir / "FJ2.obj").string() + ":mm", msgs);
    CHECK(empty.positions == soleus.positions);
    CHECK_THAT(all(msgs),
               Catch::Contains("FJ2.obj") && Catch::Contains("using the default soleus"));
}
