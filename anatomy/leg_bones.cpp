// The bones of the default leg: tibia, fibula, distal femur, patella, foot skeleton.
#include "anatomy/landmarks.hpp"
#include "anatomy/leg_parts.hpp"
#include "anatomy/loft.hpp"

#include <algorithm>
#include <cmath>
#include <glm/geometric.hpp>

namespace sh::anatomy::leg_parts {

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

namespace {
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

} // namespace

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

namespace {
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

} // namespace

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

} // namespace sh::anatomy::leg_parts
