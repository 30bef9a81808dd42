#include "anatomy/default_leg.hpp"

#include "anatomy/landmarks.hpp"
#include "anatomy/leg_parts.hpp"

#include <algorithm>
#include <cmath>

namespace sh::anatomy {
namespace leg_parts {

double quad_r(double theta, double lat, double med, double ant, double post, double p) {
    const double c = std::cos(theta), s = std::sin(theta);
    const double a = c >= 0 ? lat : med;
    const double b = s >= 0 ? ant : post;
    return std::pow(std::pow(std::abs(c) / a, p) + std::pow(std::abs(s) / b, p), -1.0 / p);
}

dvec2 polar(double r, double theta) {
    return {r * std::cos(theta), r * std::sin(theta)};
}

dvec2 rotate(dvec2 v, double a) {
    return {v.x * std::cos(a) - v.y * std::sin(a), v.x * std::sin(a) + v.y * std::cos(a)};
}

int lod(int n, double detail, int floor) {
    return std::max(floor, static_cast<int>(std::lround(n * detail)));
}

dvec3 L(std::string_view name) {
    return dvec3(landmark(name));
}

} // namespace leg_parts

namespace {

using namespace leg_parts;

Mesh named(Mesh m, std::string role) {
    m.role = std::move(role);
    return m;
}

} // namespace

const std::vector<std::string>& default_roles() {
    static const std::vector<std::string> roles{"tibia",
                                                "fibula",
                                                "femur",
                                                "patella",
                                                "foot_bones",
                                                "soleus",
                                                "gastrocnemius_medial",
                                                "gastrocnemius_lateral",
                                                "achilles_tendon",
                                                "tibialis_anterior",
                                                "skin"};
    return roles;
}

bool is_known_role(std::string_view role) {
    const auto& r = default_roles();
    return std::find(r.begin(), r.end(), role) != r.end();
}

bool is_deformable_role(std::string_view role) {
    return role == "soleus" || role == "gastrocnemius_medial" || role == "gastrocnemius_lateral";
}

std::vector<DefaultStructure> build_default_leg(double detail) {
    detail = std::clamp(detail, 0.1, 1.0);
    std::vector<DefaultStructure> out;
    out.push_back(
        {named(make_tibia(detail), "tibia"),
         {},
         "vertical loft: malleolus, flared distal end, rounded-triangle shaft with anterior crest, "
         "tuberosity bump, plateau as a union of medial and lateral condyle ellipses"});
    out.push_back(
        {named(make_fibula(detail), "fibula"),
         {},
         "vertical loft: lateral malleolus (lower and more posterior than the medial), slender "
         "three-bordered shaft, head below the lateral tibial condyle"});
    out.push_back({named(make_femur(detail), "femur"),
                   {},
                   "distal 40 %: shaft with linea aspera, flared metaphysis with epicondyles, and "
                   "two condyle "
                   "bodies (trochlear groove in front, intercondylar notch behind)"});
    out.push_back(
        {named(make_patella(detail), "patella"),
         {},
         "vertical loft: rounded triangle with the apex down, convex front, ridged back"});
    out.push_back(
        {named(make_foot_bones(detail), "foot_bones"),
         {},
         "calcaneus, talar dome, navicular, cuboid and cuneiforms as one mass with the arch "
         "beneath; five metatarsal-and-toe rays with heads at the ball of the foot"});
    MuscleShape sol = make_soleus(detail);
    out.push_back(
        {named(std::move(sol.mesh), "soleus"), sol.spine,
         "broad flat crescent deep to the gastrocnemius, widest mid-calf, tapering into the "
         "Achilles tendon"});
    MuscleShape gm = make_gastrocnemius(true, detail);
    out.push_back(
        {named(std::move(gm.mesh), "gastrocnemius_medial"), gm.spine,
         "medial head: from above the medial femoral condyle to the aponeurosis, longer and "
         "lower than the lateral"});
    MuscleShape gl = make_gastrocnemius(false, detail);
    out.push_back({named(std::move(gl.mesh), "gastrocnemius_lateral"), gl.spine,
                   "lateral head: from above the lateral femoral condyle, shorter"});
    out.push_back(
        {named(make_achilles(detail), "achilles_tendon"),
         {},
         "flat aponeurosis under the bellies narrowing to a round-oval tendon 4 cm above the "
         "calcaneus, broadening into its insertion"});
    out.push_back(
        {named(make_tibialis_anterior(detail), "tibialis_anterior"),
         {},
         "tube loft: belly on the lateral tibial surface, tendon in front of the ankle to the "
         "medial cuneiform"});
    std::vector<const Mesh*> inner;
    for (const auto& s : out) inner.push_back(&s.mesh);
    Mesh skin = make_skin(inner, detail);
    out.push_back(
        {named(std::move(skin), "skin"),
         {},
         "tube along a spine bending from the leg into the foot; radius = max(base envelope, "
         "shrink-wrap of all structures + subcutaneous layer), smoothed"});
    return out;
}

std::optional<DefaultStructure> build_default_structure(std::string_view role, double detail) {
    if (!is_known_role(role)) return std::nullopt;
    auto all = build_default_leg(detail);
    for (auto& s : all) {
        if (s.mesh.role == role) return std::move(s);
    }
    return std::nullopt;
}

} // namespace sh::anatomy
