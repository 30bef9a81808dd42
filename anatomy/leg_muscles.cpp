// The muscles and tendons of the default leg: soleus, both gastrocnemius heads, Achilles tendon,
// tibialis anterior.
#include "anatomy/landmarks.hpp"
#include "anatomy/leg_parts.hpp"
#include "anatomy/loft.hpp"

#include <algorithm>
#include <cmath>
#include <glm/geometric.hpp>

namespace sh::anatomy::leg_parts {

namespace {
std::vector<glm::vec3> sample_centre(const VerticalLoft& lo, int n) {
    std::vector<glm::vec3> s;
    for (int i = 0; i < n; ++i) { // proximal (top) first
        const double z = lo.z1 - (lo.z1 - lo.z0) * i / (n - 1);
        const dvec2 c = lo.centre(z);
        s.emplace_back(c.x, c.y, z);
    }
    return s;
}

} // namespace

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

} // namespace sh::anatomy::leg_parts
