#include "anatomy/default_leg.hpp"

#include "anatomy/landmarks.hpp"
#include "anatomy/loft.hpp"

#include <algorithm>
#include <cmath>
#include <glm/geometric.hpp>

namespace sh::anatomy {
namespace {

using glm::dvec2;
using glm::dvec3;

// Polar radius of a four-quadrant superellipse (half-axes +x lat, -x med, +y ant, -y post).
double quad_r(double theta, double lat, double med, double ant, double post, double p = 2.0) {
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

// Ring and segment counts at a level of detail (1 = full; 0.5 = half of each, a quarter of the
// triangles), never below `floor`.
int lod(int n, double detail, int floor = 8) {
    return std::max(floor, static_cast<int>(std::lround(n * detail)));
}

dvec3 L(std::string_view name) {
    return dvec3(landmark(name));
}

// ---------------------------------------------------------------------------------------------
// Bones

Mesh make_tibia(double detail) {
    // Centre line: medial malleolus at the bottom, shaft slightly medial and anterior, plateau.
    static const Table centre{{5.8, -2.2, 0.1},  {6.5, -2.2, 0.1},   {7.8, -2.0, 0.15},
                              {8.8, -1.3, 0.2},  {9.6, -0.45, 0.2},  {12.0, -0.5, 0.2},
                              {16.0, -0.8, 0.3}, {27.0, -1.0, 0.5},  {37.0, -0.85, 0.45},
                              {41.0, -0.5, 0.3}, {43.5, -0.2, 0.05}, {46.7, -0.1, -0.1}};
    // Half-widths lat, med, ant, post and the strength of the triangular shaft section.
    static const Table size{{5.8, 0.5, 0.5, 0.8, 0.7, 0.0},      {6.5, 0.55, 0.6, 0.9, 0.8, 0.0},
                            {7.8, 0.75, 0.62, 1.1, 1.0, 0.0},    {8.8, 1.5, 0.75, 1.4, 1.3, 0.0},
                            {9.6, 2.2, 1.9, 1.6, 1.6, 0.0},      {12.0, 1.8, 1.6, 1.6, 1.45, 0.03},
                            {16.0, 1.3, 1.2, 1.5, 1.2, 0.12},    {22.0, 1.15, 1.05, 1.6, 1.1, 0.16},
                            {30.0, 1.2, 1.05, 1.75, 1.15, 0.16}, {37.0, 1.5, 1.35, 1.9, 1.4, 0.1},
                            {41.0, 1.7, 2.3, 2.2, 1.8, 0.0},     {43.5, 3.5, 3.6, 2.6, 2.4, 0.0},
                            {45.5, 3.8, 3.9, 2.6, 2.5, 0.0},     {46.7, 3.8, 3.9, 2.6, 2.5, 0.0}};
    const dvec3 pl = L("tibial_plateau");
    const dvec3 mc = L("tibia_medial_condyle");
    const dvec3 lc = L("tibia_lateral_condyle");
    const dvec3 tub = L("tibial_tuberosity");
    VerticalLoft lo;
    lo.z0 = L("medial_malleolus_tip").z;
    lo.z1 = pl.z;
    lo.centre = [](double z) { return dvec2(centre.at(z, 0), centre.at(z, 1)); };
    lo.section = [=](double z, double th) {
        const double lat = size.at(z, 0), med = size.at(z, 1), ant = size.at(z, 2),
                     post = size.at(z, 3), tri = size.at(z, 4);
        // Shaft: rounded triangle with the anterior crest forward (lobes at 90, 210, 330 deg).
        double r = quad_r(th, lat, med, ant, post) * (1.0 + tri * std::cos(3.0 * (th - kPi / 2)));
        // Proximal end: the two condyles (medial larger and oval) seen as a union of ellipses,
        // with the posterior intercondylar notch between them.
        const double w = smoothstep(42.0, 44.5, z);
        if (w > 0.0) {
            const dvec2 c(centre.at(z, 0), centre.at(z, 1));
            const double g = 0.75 + 0.25 * smoothstep(41.5, 45.0, z);
            const std::vector<Ellipse2> cond{{mc.x - c.x, mc.y - c.y, 2.0 * g, 2.45 * g},
                                             {lc.x - c.x, lc.y - c.y, 1.85 * g, 2.2 * g},
                                             {-0.1 - c.x, 0.8 - c.y, 2.2 * g, 1.9 * g}};
            r = (1.0 - w) * r + w * union_radius(cond, th);
        }
        // Tibial tuberosity: a bump on the front below the plateau.
        r += 0.75 * bump(z, tub.z, 2.2) * bump(angle_diff(th, kPi / 2), 0.0, 0.7);
        return polar(r, th);
    };
    lo.cap_bottom = 0.7;
    lo.cap_top = 0.5;
    lo.cap_power_top = 4.0;
    // Intercondylar eminence: the middle of the plateau rises a little.
    lo.z_offset = [=](double z, double, double cap) {
        return z > pl.z - 0.6 ? 0.35 * (1.0 - cap) : 0.0;
    };
    return build_vertical_loft(lo, lod(150, detail), lod(56, detail));
}

Mesh make_fibula(double detail) {
    static const Table centre{{4.4, 2.15, -1.2},  {6.0, 2.15, -1.0},  {8.0, 2.35, -0.8},
                              {12.0, 2.6, -0.7},  {20.0, 2.95, -0.8}, {27.0, 3.2, -1.0},
                              {36.0, 3.35, -1.3}, {41.0, 3.4, -1.6},  {44.0, 3.4, -1.7},
                              {45.2, 3.3, -1.6}};
    static const Table size{{4.4, 0.45, 0.6},  {5.0, 0.5, 0.75},   {6.0, 0.68, 1.15},
                            {7.5, 0.72, 1.2},  {9.5, 0.6, 0.9},    {12.0, 0.55, 0.7},
                            {20.0, 0.6, 0.65}, {30.0, 0.65, 0.65}, {38.0, 0.65, 0.7},
                            {41.0, 0.9, 0.95}, {43.0, 1.25, 1.3},  {44.2, 1.3, 1.35},
                            {45.2, 1.2, 1.25}};
    VerticalLoft lo;
    lo.z0 = L("lateral_malleolus_tip").z;
    lo.z1 = 45.2;
    lo.centre = [](double z) { return dvec2(centre.at(z, 0), centre.at(z, 1)); };
    lo.section = [](double z, double th) {
        const double a = size.at(z, 0), b = size.at(z, 1);
        // Slender shaft with three borders (anterior, posterior, interosseous).
        const double tri = 0.12 * bump(z, 25.0, 15.0);
        const double r = quad_r(th, a, a, b, b) * (1.0 + tri * std::cos(3.0 * (th - 2.6)));
        return polar(r, th);
    };
    lo.cap_bottom = 0.9;
    lo.cap_top = 1.0;
    return build_vertical_loft(lo, lod(140, detail), lod(28, detail, 16));
}

Mesh make_ellipsoid(const dvec3& c, const dvec3& semi, int rings, int segments) {
    VerticalLoft lo;
    lo.z0 = c.z - semi.z;
    lo.z1 = c.z + semi.z;
    lo.centre = [=](double) { return dvec2(c.x, c.y); };
    lo.section = [=](double, double th) {
        return dvec2(semi.x * std::cos(th), semi.y * std::sin(th));
    };
    lo.cap_bottom = lo.cap_top = semi.z;
    return build_vertical_loft(lo, rings, segments);
}

Mesh make_femur(double detail) {
    const dvec3 me = L("femur_medial_epicondyle");
    const dvec3 le = L("femur_lateral_epicondyle");
    const dvec3 cut = L("femur_shaft_cut");
    static const Table centre{
        {49.0, 0.0, -0.5}, {52.0, 0.0, -0.2}, {56.0, 0.15, 0.1}, {64.0, 0.5, 0.3}};
    static const Table size{{49.0, 3.6, 3.7, 2.0, 2.2},   {51.2, 4.0, 4.1, 2.1, 2.1},
                            {53.0, 3.3, 3.5, 2.0, 1.9},   {55.5, 2.2, 2.3, 1.8, 1.7},
                            {59.0, 1.55, 1.6, 1.6, 1.55}, {64.0, 1.4, 1.45, 1.55, 1.5}};
    VerticalLoft lo;
    lo.z0 = 48.6;
    lo.z1 = cut.z;
    lo.centre = [](double z) { return dvec2(centre.at(z, 0), centre.at(z, 1)); };
    lo.section = [=](double z, double th) {
        double r = quad_r(th, size.at(z, 0), size.at(z, 1), size.at(z, 2), size.at(z, 3), 2.4);
        // Epicondyles: bumps on each side; linea aspera: a ridge on the back of the shaft.
        r += 0.25 * bump(z, me.z, 1.5) * bump(angle_diff(th, kPi), 0.0, 0.8);
        r += 0.2 * bump(z, le.z, 1.5) * bump(angle_diff(th, 0.0), 0.0, 0.8);
        r += 0.25 * smoothstep(55.0, 58.0, z) * bump(angle_diff(th, -kPi / 2), 0.0, 0.5);
        return polar(r, th);
    };
    lo.cap_bottom = 1.2;
    lo.cap_top = 0.5;
    lo.cap_power_top = 4.0;
    Mesh m = build_vertical_loft(lo, lod(90, detail), lod(48, detail));
    // The two condyles: sagittally elongated, rounded bodies (medial the larger), their lowest
    // points on the joint line, the trochlear groove between them in front and the
    // intercondylar notch behind.
    append(m, make_ellipsoid(L("femur_medial_condyle"), {1.6, 2.75, 2.45}, lod(40, detail),
                             lod(40, detail)));
    append(m, make_ellipsoid(L("femur_lateral_condyle"), {1.55, 2.7, 2.4}, lod(40, detail),
                             lod(40, detail)));
    finalize(m);
    return m;
}

Mesh make_patella(double detail) {
    const dvec3 c = L("patella_centre");
    static const Table size{{48.6, 0.3},  {49.3, 1.1}, {50.5, 1.9},
                            {51.8, 2.15}, {52.8, 2.0}, {53.3, 1.8}};
    VerticalLoft lo;
    lo.z0 = 48.6;
    lo.z1 = 53.3;
    lo.centre = [=](double z) { return dvec2(c.x, c.y + 0.05 * (c.z - z)); };
    lo.section = [](double z, double th) {
        const double a = size.at(z, 0);
        // Convex front, thicker back with a vertical ridge that sits in the trochlear groove.
        double r = quad_r(th, a, a, 0.8, 1.05, 2.2);
        r *= 1.0 + 0.18 * bump(angle_diff(th, -kPi / 2), 0.0, 0.9);
        return polar(r, th);
    };
    lo.cap_bottom = 1.3;
    lo.cap_top = 0.6;
    lo.cap_power_top = 2.5;
    return build_vertical_loft(lo, lod(40, detail), lod(40, detail));
}

Mesh make_ray(const std::vector<dvec3>& pts, double r_base, double r_shaft, double r_head,
              double r_phal, double r_tip, double detail) {
    // pts: base of the metatarsal, its head, the interphalangeal region, the tip of the toe.
    const double l0 = glm::length(pts[1] - pts[0]);
    const double total = l0 + glm::length(pts[2] - pts[1]) + glm::length(pts[3] - pts[2]);
    const double sh = l0 / total;
    const Table prof{{0.0, r_base},
                     {0.1, r_base},
                     {0.25, r_shaft},
                     {sh - 0.1, r_shaft * 1.05},
                     {sh, r_head},
                     {sh + 0.06, r_phal * 0.95},
                     {(sh + 1.0) / 2 + 0.05, r_phal * 0.75},
                     {0.88, r_phal * 0.85},
                     {1.0, r_tip}};
    TubeLoft lo;
    lo.spine = pts;
    lo.reference = {1.0, 0.0, 0.0};
    lo.section = [prof](double s, double th) {
        const double r = prof.at(s, 0);
        return dvec2(r * std::cos(th), 0.85 * r * std::sin(th));
    };
    lo.cap_start = r_base;
    lo.cap_end = r_tip;
    return build_tube_loft(lo, lod(44, detail), lod(20, detail, 16));
}

Mesh make_foot_bones(double detail) {
    // Rear and midfoot as one mass along the foot axis (y): calcaneus behind and below, the talar
    // dome on top between the malleoli, navicular, cuboid and cuneiforms in front, the arch
    // under the midfoot. Sections in x-z planes.
    // y: x centre, top z, bottom z, half-width above mid-height, half-width below.
    static const Table t{{-5.6, 0.3, 4.4, 1.8, 0.9, 1.1}, {-5.0, 0.3, 4.6, 1.3, 1.3, 1.6},
                         {-3.5, 0.3, 5.3, 0.8, 1.5, 1.9}, {-1.5, 0.25, 7.4, 1.0, 1.5, 2.0},
                         {0.0, 0.1, 8.9, 1.3, 1.45, 2.0}, {1.5, 0.0, 8.5, 1.9, 1.6, 2.0},
                         {3.0, -0.1, 7.2, 2.4, 2.2, 2.2}, {4.8, 0.1, 6.1, 2.5, 2.8, 2.6},
                         {6.5, 0.4, 5.3, 2.3, 3.0, 2.8},  {7.4, 0.5, 5.0, 2.4, 2.9, 2.7}};
    const double y0 = L("calcaneal_tuberosity").y - 0.2, y1 = 7.4;
    const auto fn = [&](double u, double th) {
        const double y = y0 + u * (y1 - y0);
        const double cap = std::min(cap_factor(y - y0, 1.6, 2.0), cap_factor(y1 - y, 0.8, 2.5));
        const double xc = t.at(y, 0), top = t.at(y, 1), bot = t.at(y, 2);
        const double mid = 0.5 * (top + bot), hh = 0.5 * (top - bot);
        const double hw = std::sin(th) >= 0 ? t.at(y, 3) : t.at(y, 4);
        const double r = quad_r(th, hw, hw, hh, hh, 2.6) * cap;
        return dvec3(xc + r * std::cos(th), y, mid + r * std::sin(th));
    };
    Mesh m = build_surface(fn, lod(80, detail), lod(40, detail), 0.5);
    const dvec3 h1 = L("first_metatarsal_head"), h5 = L("fifth_metatarsal_head");
    const dvec3 hx = L("hallux_tip");
    append(m, make_ray({{-1.7, 6.4, 3.6}, h1, {-2.5, 16.0, 1.55}, hx}, 1.0, 0.65, 1.05, 0.75, 0.55,
                       detail));
    append(m, make_ray({{-0.5, 7.0, 3.9}, {-0.3, 13.6, 1.5}, {0.1, 16.3, 1.45}, {0.4, 18.2, 1.05}},
                       0.7, 0.42, 0.7, 0.42, 0.32, detail));
    append(m, make_ray({{0.6, 6.8, 3.5}, {1.3, 13.0, 1.35}, {1.8, 15.6, 1.3}, {2.0, 17.2, 0.95}},
                       0.65, 0.4, 0.65, 0.4, 0.3, detail));
    append(m, make_ray({{1.6, 6.4, 3.0}, {2.7, 12.3, 1.2}, {3.2, 14.8, 1.15}, {3.4, 16.2, 0.9}},
                       0.6, 0.38, 0.6, 0.37, 0.28, detail));
    append(m, make_ray({{2.6, 5.8, 2.4}, h5, {4.5, 13.6, 1.1}, {4.6, 14.9, 0.85}}, 0.75, 0.38, 0.58,
                       0.36, 0.27, detail));
    finalize(m);
    return m;
}

// ---------------------------------------------------------------------------------------------
// Muscles and tendons

struct MuscleShape {
    Mesh mesh;
    std::vector<glm::vec3> spine;
};

std::vector<glm::vec3> sample_centre(const VerticalLoft& lo, int n) {
    std::vector<glm::vec3> s;
    for (int i = 0; i < n; ++i) { // proximal (top) first
        const double z = lo.z1 - (lo.z1 - lo.z0) * i / (n - 1);
        const dvec2 c = lo.centre(z);
        s.emplace_back(c.x, c.y, z);
    }
    return s;
}

MuscleShape make_soleus(double detail) {
    const dvec3 top = L("soleus_origin");
    const dvec3 bottom = L("soleus_end");
    static const Table centre{{11.5, 0.2, -5.0},  {15.0, 0.2, -5.4}, {20.0, 0.1, -5.5},
                              {27.0, 0.1, -5.6},  {34.0, 0.3, -5.3}, {39.0, 0.6, -4.75},
                              {42.0, 0.9, -4.45}, {43.0, 1.0, -4.35}};
    // half-width, half-depth, forward bend of the edges (a crescent hollow in front).
    static const Table size{{11.5, 0.8, 0.5, 0.0},  {13.0, 1.1, 0.6, 0.1}, {15.0, 1.7, 0.9, 0.3},
                            {18.0, 2.8, 1.15, 0.6}, {22.0, 3.9, 1.4, 1.0}, {27.0, 4.4, 1.55, 1.3},
                            {32.0, 4.2, 1.5, 1.3},  {37.0, 3.6, 1.3, 1.1}, {41.0, 2.8, 1.0, 0.8},
                            {43.0, 2.3, 0.8, 0.6}};
    VerticalLoft lo;
    lo.z0 = bottom.z;
    lo.z1 = top.z;
    lo.centre = [](double z) { return dvec2(centre.at(z, 0), centre.at(z, 1)); };
    lo.section = [](double z, double th) {
        const double a = size.at(z, 0), b = size.at(z, 1), bend = size.at(z, 2);
        const double c = std::cos(th), s = std::sin(th);
        return dvec2(a * c, b * s + bend * c * c - 0.5 * bend);
    };
    lo.cap_bottom = 2.5;
    lo.cap_top = 1.2;
    MuscleShape m{build_vertical_loft(lo, lod(120, detail), lod(56, detail)),
                  sample_centre(lo, 33)};
    return m;
}

MuscleShape make_gastrocnemius(bool medial, double detail) {
    // Each head arises from the back of its femoral condyle and ends on the common aponeurosis;
    // the medial head is bigger and reaches lower.
    const dvec3 top = L(medial ? "gastrocnemius_medial_origin" : "gastrocnemius_lateral_origin");
    const dvec3 bottom = L(medial ? "gastrocnemius_medial_end" : "gastrocnemius_lateral_end");
    static const Table cm{{20.5, -1.3, -6.75},  {24.0, -1.8, -7.15}, {29.0, -2.25, -7.4},
                          {34.0, -2.55, -7.45}, {38.0, -2.6, -7.15}, {42.0, -2.6, -6.3},
                          {45.0, -2.55, -5.3},  {48.0, -2.5, -4.1},  {50.8, -2.5, -2.6}};
    static const Table sm{{20.5, 0.8, 0.4},   {23.0, 1.3, 0.55}, {27.0, 2.05, 1.1},
                          {31.0, 2.35, 1.45}, {35.0, 2.45, 1.6}, {39.0, 2.3, 1.55},
                          {43.0, 1.85, 1.3},  {47.0, 1.4, 1.05}, {50.8, 1.2, 0.9}};
    static const Table cl{{26.0, 1.4, -6.45}, {29.0, 1.9, -6.85}, {33.0, 2.3, -7.05},
                          {37.0, 2.5, -6.85}, {41.0, 2.55, -6.2}, {45.0, 2.5, -5.05},
                          {48.0, 2.5, -3.95}, {50.6, 2.5, -2.5}};
    static const Table sl{{26.0, 0.8, 0.4},  {28.0, 1.2, 0.6},   {31.0, 1.7, 1.0},
                          {35.0, 2.0, 1.25}, {39.0, 1.95, 1.25}, {43.0, 1.6, 1.05},
                          {47.0, 1.25, 0.9}, {50.6, 1.1, 0.8}};
    const Table& c = medial ? cm : cl;
    const Table& sz = medial ? sm : sl;
    const double rot = medial ? -0.3 : 0.3; // outer edge curves forward around the calf
    VerticalLoft lo;
    lo.z0 = bottom.z;
    lo.z1 = top.z;
    lo.centre = [&c](double z) { return dvec2(c.at(z, 0), c.at(z, 1)); };
    lo.section = [&sz, rot](double z, double th) {
        const double a = sz.at(z, 0), b = sz.at(z, 1);
        // Flatter in front, where it lies on the soleus; rounded behind.
        const double r = quad_r(th, a, a, 0.8 * b, b, 2.2);
        return rotate(polar(r, th), rot);
    };
    lo.cap_bottom = medial ? 3.0 : 2.5;
    lo.cap_top = 1.5;
    MuscleShape m{build_vertical_loft(lo, lod(110, detail), lod(48, detail)),
                  sample_centre(lo, 33)};
    return m;
}

Mesh make_achilles(double detail) {
    static const Table centre{{2.6, 0.3, -5.1},   {4.0, 0.3, -5.4},  {6.0, 0.25, -5.15},
                              {8.0, 0.2, -5.0},   {11.0, 0.2, -5.3}, {15.0, 0.2, -6.15},
                              {19.0, 0.1, -6.85}, {22.0, 0.0, -7.1}, {25.0, -0.2, -7.3}};
    static const Table size{{2.6, 1.1, 0.4},   {3.2, 1.25, 0.45},  {5.0, 1.0, 0.5},
                            {8.0, 0.75, 0.48}, {11.0, 0.85, 0.42}, {15.0, 1.3, 0.33},
                            {19.0, 2.2, 0.25}, {23.0, 2.8, 0.2},   {25.0, 2.6, 0.18}};
    VerticalLoft lo;
    lo.z0 = 2.6;
    lo.z1 = 25.0;
    lo.centre = [](double z) { return dvec2(centre.at(z, 0), centre.at(z, 1)); };
    lo.section = [](double z, double th) {
        const double a = size.at(z, 0), b = size.at(z, 1);
        return polar(quad_r(th, a, a, b, b, 2.5), th);
    };
    lo.cap_bottom = 0.6;
    lo.cap_top = 1.5;
    return build_vertical_loft(lo, lod(120, detail), lod(28, detail, 16));
}

Mesh make_tibialis_anterior(double detail) {
    TubeLoft lo;
    lo.spine = {dvec3(L("tibialis_anterior_origin")),
                {1.95, 2.6, 39.0},
                {1.8, 2.85, 31.0},
                {1.0, 3.2, 20.0},
                {0.2, 3.4, 13.0},
                {-0.5, 3.7, 9.0},
                {-1.3, 4.2, 6.2},
                {-2.0, 5.3, 4.3},
                dvec3(L("tibialis_anterior_insertion"))};
    static const Table prof{{0.0, 0.9, 0.8},  {0.1, 1.2, 1.1},   {0.3, 1.35, 1.25},
                            {0.45, 1.0, 0.9}, {0.58, 0.5, 0.38}, {0.7, 0.42, 0.3},
                            {1.0, 0.4, 0.25}};
    lo.reference = {1.0, 0.0, 0.0};
    lo.section = [](double s, double th) {
        return dvec2(prof.at(s, 0) * std::cos(th), prof.at(s, 1) * std::sin(th));
    };
    lo.cap_start = 1.2;
    lo.cap_end = 0.4;
    return build_tube_loft(lo, lod(120, detail), lod(24, detail, 16));
}

// ---------------------------------------------------------------------------------------------
// Skin: a tube along a spine that runs down the leg and bends into the foot. Its radius in
// each direction is the larger of (a) a base envelope (an implicit blend of leg, heel and
// foot forms standing for the tissues not modelled: fat, the anterior, lateral and deep
// compartments, the sole pad) and (b) a shrink-wrap of every structure inside plus a
// subcutaneous thickness, so the calf bulge, malleoli, patella and heel come from the
// structures themselves.

double smin(double a, double b, double k) {
    const double h = std::clamp(0.5 + 0.5 * (b - a) / k, 0.0, 1.0);
    return b + (a - b) * h - k * h * (1.0 - h);
}

double leg_field(const dvec3& p) {
    // z: centre x, y; half-widths lat, med, ant, post; superellipse exponent.
    static const Table t{
        {4.0, 0.2, -1.0, 3.1, 3.2, 3.3, 4.7, 3.0},   {6.5, 0.2, -0.85, 3.2, 3.4, 3.6, 4.6, 3.0},
        {9.0, 0.2, -0.7, 3.2, 3.4, 3.6, 4.6, 2.6},   {13.0, 0.15, -0.9, 3.0, 3.6, 3.7, 4.5, 2.2},
        {18.0, 0.0, -1.5, 3.5, 4.2, 4.3, 4.9, 2.0},  {24.0, -0.1, -2.3, 4.3, 5.0, 5.0, 6.4, 2.0},
        {30.0, -0.2, -2.7, 5.0, 5.7, 5.4, 7.0, 2.0}, {36.0, -0.3, -2.6, 5.1, 5.7, 5.4, 6.9, 2.0},
        {42.0, -0.3, -1.5, 4.9, 5.7, 4.6, 5.9, 2.0}, {47.0, -0.3, -0.8, 5.1, 6.2, 5.0, 5.3, 2.2},
        {52.0, -0.3, -0.8, 5.6, 6.2, 5.4, 5.7, 2.2}, {58.0, -0.3, -0.9, 6.2, 6.5, 5.6, 6.2, 2.2},
        {66.0, -0.3, -0.8, 7.0, 7.2, 6.2, 6.8, 2.2}};
    const double z = p.z;
    const double dx = p.x - t.at(z, 0), dy = p.y - t.at(z, 1);
    const double sx = dx >= 0 ? t.at(z, 2) : t.at(z, 3);
    const double sy = dy >= 0 ? t.at(z, 4) : t.at(z, 5);
    const double e = t.at(z, 6);
    const double q =
        std::pow(std::pow(std::abs(dx) / sx, e) + std::pow(std::abs(dy) / sy, e), 1.0 / e);
    double f = (q - 1.0) * 0.5 * (sx + sy);
    f = std::max(f, z - 66.0);
    f = std::max(f, 3.5 - z);
    return f;
}

double foot_field(const dvec3& p) {
    // y: centre x, half-width, top z (the sole is at z = 0).
    static const Table t{{-3.0, 0.2, 3.0, 6.5}, {0.0, 0.2, 3.3, 7.5},  {3.0, 0.3, 3.8, 7.0},
                         {6.0, 0.45, 4.3, 5.9}, {9.0, 0.5, 4.6, 4.7},  {12.0, 0.45, 4.8, 3.7},
                         {14.5, 0.3, 4.6, 3.1}, {16.5, 0.1, 4.0, 2.7}, {18.3, 0.0, 3.2, 2.3}};
    const double y = p.y;
    const double hw = t.at(y, 1), top = t.at(y, 2);
    const double u = (p.x - t.at(y, 0)) / hw;
    const double v = (p.z - 0.5 * top) / (0.5 * top);
    const double q = std::pow(std::pow(std::abs(u), 4.0) + std::pow(std::abs(v), 4.0), 0.25);
    double f = (q - 1.0) * std::min(hw, 0.5 * top);
    // Toe line: the big toe reaches furthest, the little toe least.
    const double front = 19.4 - 0.55 * std::max(0.0, p.x - 0.6) - 0.35 * std::max(0.0, -1.2 - p.x);
    f = std::max(f, p.y - front);
    f = std::max(f, -3.0 - p.y);
    return f;
}

double heel_field(const dvec3& p) {
    const dvec3 c(0.2, -3.2, 3.3), s(3.0, 2.9, 3.3);
    const dvec3 d = (p - c) / s;
    return (glm::length(d) - 1.0) * 2.9;
}

double skin_field(const dvec3& p) {
    // The sole is kept a little above the floor: smoothing may lower it a few millimetres.
    return std::max(smin(smin(leg_field(p), foot_field(p), 1.2), heel_field(p), 1.2), 0.3 - p.z);
}

// Superficial veins of venous_network.json (great and small saphenous, dorsal arch): the skin
// is wrapped over them so they lie just under it. Kept equal to that file; a test checks.
const std::vector<std::vector<dvec3>>& subcutaneous_vein_guides() {
    static const std::vector<std::vector<dvec3>> v{
        {{-2.5, 8.0, 4.0},
         {-3.2, 1.5, 6.5},
         {-4.5, -0.5, 15.0},
         {-5.5, -1.5, 30.0},
         {-6.0, -2.5, 47.0},
         {-7.0, -1.0, 60.0}},
        {{3.5, 5.0, 3.5}, {3.3, -2.5, 6.0}, {2.0, -6.0, 15.0}, {0.5, -7.6, 28.0}},
        {{3.5, 5.0, 3.5}, {1.5, 9.0, 4.6}, {-1.0, 9.5, 4.6}, {-2.5, 8.0, 4.0}}};
    return v;
}

Mesh make_skin(const std::vector<const Mesh*>& inside, double detail) {
    std::vector<dvec3> spine{{-0.3, -0.6, 66.0}, {-0.3, -0.8, 58.0}, {-0.3, -0.9, 50.0},
                             {-0.3, -1.6, 42.0}, {-0.3, -2.2, 34.0}, {-0.1, -1.6, 24.0},
                             {0.1, -0.6, 16.0},  {0.15, 0.1, 11.0}};
    // The bend from leg into foot: a quarter circle centred in front of the ankle, far enough
    // forward that the ring planes (which all pass through its centre) do not cross under the
    // skin of the ankle's front.
    const double R = 4.6;
    for (int k = 0; k <= 6; ++k) {
        const double phi = 0.5 * kPi * k / 6.0;
        spine.emplace_back(0.2, 4.8 - R * std::cos(phi), 7.6 - R * std::sin(phi));
    }
    for (const dvec3& q : {dvec3(0.4, 7.5, 2.9), dvec3(0.4, 10.5, 2.5), dvec3(0.3, 14.5, 2.1),
                           dvec3(0.4, 17.5, 1.8), dvec3(0.5, 19.4, 1.55)}) {
        spine.push_back(q);
    }
    const int rings = 170, segs = 72;
    const auto frames = sample_spine(spine, rings, {1.0, 0.0, 0.0});
    const double total = frames.back().s;

    // (b) shrink-wrap: the largest radius of any inside vertex per (ring, direction) bin.
    std::vector<double> wrap(static_cast<std::size_t>(rings * segs), 0.0);
    // Each point raises the bins around it; `spread` bins either way, lowered by `falloff`
    // per squared bin of distance so that thin things (veins) make gentle ridges.
    const auto bin = [&](const dvec3& p, double margin, int spread, double falloff) {
        std::size_t best = 0;
        double bd = 1e30;
        for (std::size_t i = 0; i < frames.size(); ++i) {
            const double d = glm::dot(p - frames[i].p, p - frames[i].p);
            if (d < bd) {
                bd = d;
                best = i;
            }
        }
        const SpineFrame& f = frames[best];
        const dvec3 d = p - f.p;
        const double a = glm::dot(d, f.e1), b = glm::dot(d, f.e2);
        const double rho = std::sqrt(a * a + b * b) + margin;
        double th = std::atan2(b, a);
        if (th < 0) th += 2 * kPi;
        const int j = static_cast<int>(std::lround(th / (2 * kPi) * segs)) % segs;
        for (int di = -spread; di <= spread; ++di) {
            const int i = static_cast<int>(best) + di;
            if (i < 0 || i >= rings) continue;
            for (int dj = -spread; dj <= spread; ++dj) {
                double& w = wrap[static_cast<std::size_t>(i * segs + (j + dj + segs) % segs)];
                w = std::max(w, rho - falloff * (di * di + dj * dj));
            }
        }
    };
    for (const Mesh* m : inside) {
        for (const auto& p : m->positions) bin(dvec3(p), 0.45, 1, 0.0);
    }
    for (const auto& vein : subcutaneous_vein_guides()) {
        for (std::size_t k = 0; k + 1 < vein.size(); ++k) {
            for (int q = 0; q < 40; ++q)
                bin(glm::mix(vein[k], vein[k + 1], q / 40.0), 0.45, 5, 0.02);
        }
    }
    // (a) base envelope: ray-march the implicit blend outward from the spine.
    std::vector<double> radius(wrap.size(), 0.0);
    for (int i = 0; i < rings; ++i) {
        const SpineFrame& f = frames[static_cast<std::size_t>(i)];
        for (int j = 0; j < segs; ++j) {
            const double th = 2 * kPi * j / segs;
            const dvec3 dir = std::cos(th) * f.e1 + std::sin(th) * f.e2;
            double r = 0.0;
            if (skin_field(f.p) < 0.0) {
                double lo = 0.0, hi = 0.0;
                while (hi < 16.0 && skin_field(f.p + hi * dir) < 0.0) {
                    lo = hi;
                    hi += 0.1;
                }
                for (int it = 0; it < 30; ++it) {
                    const double m = 0.5 * (lo + hi);
                    if (skin_field(f.p + m * dir) < 0.0)
                        lo = m;
                    else
                        hi = m;
                }
                r = lo;
            }
            const auto k = static_cast<std::size_t>(i * segs + j);
            radius[k] = std::max(r, wrap[k]);
        }
    }
    // Smooth (binomial blur across rings and around), never going back inside the wrap.
    for (int pass = 0; pass < 5; ++pass) {
        std::vector<double> out(radius.size());
        for (int i = 0; i < rings; ++i) {
            for (int j = 0; j < segs; ++j) {
                double acc = 0, wsum = 0;
                for (int di = -1; di <= 1; ++di) {
                    const int ii = std::clamp(i + di, 0, rings - 1);
                    for (int dj = -1; dj <= 1; ++dj) {
                        const double w = (di == 0 ? 2.0 : 1.0) * (dj == 0 ? 2.0 : 1.0);
                        acc += w *
                               radius[static_cast<std::size_t>(ii * segs + (j + dj + segs) % segs)];
                        wsum += w;
                    }
                }
                const auto k = static_cast<std::size_t>(i * segs + j);
                out[k] = std::max(acc / wsum, wrap[k] - 0.2);
            }
        }
        radius.swap(out);
    }
    const auto fn = [&](double u, double th) {
        const double x = u * (rings - 1);
        const int i = std::min(static_cast<int>(x), rings - 2);
        const double w = x - i;
        const double jf = th / (2 * kPi) * segs;
        const int j = static_cast<int>(std::lround(jf)) % segs;
        const double r = (1 - w) * radius[static_cast<std::size_t>(i * segs + j)] +
                         w * radius[static_cast<std::size_t>((i + 1) * segs + j)];
        const SpineFrame f = frame_at(frames, u);
        const double cap =
            std::min(cap_factor(u * total, 1.0, 4.0), cap_factor((1 - u) * total, 1.0, 2.0));
        dvec3 q = f.p + cap * r * (std::cos(th) * f.e1 + std::sin(th) * f.e2);
        q.z = std::max(q.z, 0.0); // the sole stands on the floor
        return q;
    };
    // Ring u values coincide with the sampled frames when rings-2 interior rings are uniform.
    Mesh m;
    {
        // build_surface with clustering 0 and rings-2 interior rings puts ring k at u=k/(rings-1).
        // At lower detail the surface samples the same (full-resolution) wrap more sparsely.
        m = build_surface(fn, lod(rings, detail) - 2, lod(segs, detail), 0.0);
    }
    return m;
}

// ---------------------------------------------------------------------------------------------

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
